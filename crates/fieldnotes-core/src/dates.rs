//! Clock readings and the dates people write, in one place.
//!
//! Every "now" of the core and the shells comes from here: [`now_utc`],
//! [`now_rfc3339`] (consent times, audit entries, manifests) and
//! [`today_local`] (the person's calendar day). The parsers
//! ([`parse_date`], [`parse_when`], [`parse_rfc3339`]) are the one
//! definition of the dates a person may write; the CLI and the shell can
//! use them to refuse a bad date early, and every local write goes through
//! `Vault::check_dates` (called by `Vault::write`), which also has a case
//! checked by `case_model` (its codes, dates and rules).
//!
//! Invariants:
//! - [`rfc3339`] writes exactly the text the vault has always written (UTC
//!   with `Z`, the fraction of a second cut to its significant digits, none
//!   when it is zero), so timestamps stored before and after the move to
//!   `chrono` sort and compare alike.
//! - Record bodies keep dates as text (the signed version format does not
//!   change), in normal form: a due date or date of birth as `YYYY-MM-DD`, an
//!   interview time as `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (local clock) or RFC
//!   3339, consent times as RFC 3339; an empty value is no value.
//! - Only what a person changes must be a date: a value that does not parse
//!   but is the very text one of the parent versions holds in the same field
//!   (free text stored before dates were checked) is kept as it is, so
//!   editing another field of an old record never fails because of it.
//!   Nothing is checked on read or import: old versions always read.

use std::fmt;

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat,
    Timelike, Utc,
};
use uuid::Uuid;

use crate::audit::Event;
use crate::error::{Error, Result};
use crate::model::{Body, Version};
use crate::records::version_by_id;
use crate::vault::Vault;

/// How a calendar date may be written.
pub const DATE_FORMS: &str = "2026-12-31, 31.12.2026 or 31/12/2026";
/// How the time of an interview may be written.
pub const WHEN_FORMS: &str =
    "2026-12-31, 31.12.2026, 2026-12-31 14:30, 2026-12-31T14:30 or 2026-12-31T14:30:00+02:00";
/// How an exact time (RFC 3339) is written.
pub const RFC3339_FORMS: &str = "2026-12-31T14:30:00Z or 2026-12-31T14:30:00+02:00";

/// Now, in UTC.
pub fn now_utc() -> DateTime<Utc> {
    Utc::now()
}

/// Now, as RFC 3339 text in UTC (see [`rfc3339`]).
pub fn now_rfc3339() -> String {
    rfc3339(now_utc()).unwrap_or_default()
}

/// Today's date on this computer's own clock and time zone: the day the
/// person sees on their screen.
pub fn today_local() -> NaiveDate {
    Local::now().date_naive()
}

/// `t` as RFC 3339 text: `2026-11-27T09:30:05.25Z`. `None` for a year
/// RFC 3339 cannot write (before 0 or after 9999).
pub fn rfc3339(t: DateTime<Utc>) -> Option<String> {
    if !(0..=9999).contains(&t.year()) {
        return None;
    }
    let mut out = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    // A leap second shows as a nanosecond count past one second; RFC 3339
    // has no room for it in the fraction.
    let nanos = t.nanosecond().min(999_999_999);
    if nanos != 0 {
        out.push('.');
        out.push_str(format!("{nanos:09}").trim_end_matches('0'));
    }
    out.push('Z');
    Some(out)
}

/// When an interview took place, as precisely as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A calendar day.
    Date(NaiveDate),
    /// A day and a time of day on the clock of whoever wrote it.
    Local(NaiveDateTime),
    /// An instant, in the offset it was written with.
    Exact(DateTime<FixedOffset>),
}

impl When {
    /// The calendar day (an exact time's in its own offset).
    pub fn day(&self) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::Local(t) => t.date(),
            When::Exact(t) => t.date_naive(),
        }
    }
}

/// The stored form: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or RFC 3339.
impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::Local(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M")),
            When::Exact(t) => f.write_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
        }
    }
}

fn invalid(what: &'static str, given: &str, accepted: &'static str) -> Error {
    Error::InvalidDate {
        what,
        given: given.to_owned(),
        accepted,
    }
}

/// A calendar date (`what` names it in the error): `YYYY-MM-DD`, or day
/// first as `DD.MM.YYYY` or `DD/MM/YYYY` (as in Romania and the UK; the day
/// and month may have one digit). The year always has four digits.
pub fn parse_date(what: &'static str, s: &str) -> Result<NaiveDate> {
    let text = s.trim();
    calendar_date(text).ok_or_else(|| invalid(what, text, DATE_FORMS))
}

/// The time of an interview: a date as [`parse_date`] reads it,
/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM` (a local time), or RFC 3339.
pub fn parse_when(s: &str) -> Result<When> {
    let text = s.trim();
    if let Some(day) = calendar_date(text) {
        return Ok(When::Date(day));
    }
    if let Some(t) = local_time(text) {
        return Ok(When::Local(t));
    }
    DateTime::parse_from_rfc3339(text)
        .map(When::Exact)
        .map_err(|_| invalid("date or time", text, WHEN_FORMS))
}

/// An exact time as RFC 3339 (`what` names it in the error).
pub fn parse_rfc3339(what: &'static str, s: &str) -> Result<DateTime<FixedOffset>> {
    let text = s.trim();
    DateTime::parse_from_rfc3339(text).map_err(|_| invalid(what, text, RFC3339_FORMS))
}

/// The calendar day of a stored due date or interview time, in any form a
/// write accepts; `None` when it does not read as one.
pub fn day_of(stored: &str) -> Option<NaiveDate> {
    parse_when(stored).ok().map(|w| w.day())
}

/// `s` as a number of `min..=max` ASCII digits.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// A date of `year`, `month`, `day` digits; day and month may have one
/// digit only when `shortest` is 1.
fn ymd(year: &str, month: &str, day: &str, shortest: usize) -> Option<NaiveDate> {
    let year = i32::try_from(digits(year, 4, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(month, shortest, 2)?, digits(day, shortest, 2)?)
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    match text.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] => ymd(y, m, d, 2),
        _ => None,
    }
}

fn day_first_date(text: &str, sep: char) -> Option<NaiveDate> {
    match text.split(sep).collect::<Vec<_>>()[..] {
        [d, m, y] => ymd(y, m, d, 1),
        _ => None,
    }
}

fn calendar_date(text: &str) -> Option<NaiveDate> {
    iso_date(text)
        .or_else(|| day_first_date(text, '.'))
        .or_else(|| day_first_date(text, '/'))
}

/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM`.
fn local_time(text: &str) -> Option<NaiveDateTime> {
    let (day, time) = text.split_once(['T', 't', ' '])?;
    let (h, m) = time.split_once(':')?;
    let time = NaiveTime::from_hms_opt(digits(h, 2, 2)?, digits(m, 2, 2)?, 0)?;
    Some(iso_date(day)?.and_time(time))
}

/// How a date field of a record is read and stored.
#[derive(Debug, Clone, Copy)]
enum Rule {
    Due,
    Birth,
    When,
    Stamp(&'static str),
}

/// The stored form of `text` under `rule`; `None` for an empty value.
fn normalise(rule: Rule, text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let stored = match rule {
        Rule::Due => parse_date("due date", text)?.format("%Y-%m-%d").to_string(),
        Rule::Birth => {
            let day = parse_date("date of birth", text)?;
            if day > today_local() {
                return Err(Error::FutureDate {
                    what: "date of birth",
                    given: text.to_owned(),
                });
            }
            day.format("%Y-%m-%d").to_string()
        }
        Rule::When => parse_when(text)?.to_string(),
        // Set by the app itself: checked, and kept exactly as written.
        Rule::Stamp(what) => parse_rfc3339(what, text).map(|_| text.to_owned())?,
    };
    Ok(Some(stored))
}

/// The bodies of the versions an edit replaces, read when first needed.
struct Parents<'a> {
    load: &'a dyn Fn() -> Result<Vec<Body>>,
    bodies: Option<Vec<Body>>,
}

impl Parents<'_> {
    /// Whether a parent holds `text` in the field `field` reads.
    fn hold(&mut self, field: fn(&Body) -> Option<&str>, text: &str) -> Result<bool> {
        if self.bodies.is_none() {
            self.bodies = Some((self.load)()?);
        }
        Ok(self.bodies.iter().flatten().any(|b| field(b) == Some(text)))
    }

    /// The replaced versions' case bodies.
    fn cases(&mut self) -> Result<Vec<crate::model::CaseBody>> {
        if self.bodies.is_none() {
            self.bodies = Some((self.load)()?);
        }
        let cases = self.bodies.iter().flatten().filter_map(|b| match b {
            Body::Case(c) => Some(c.clone()),
            _ => None,
        });
        Ok(cases.collect())
    }
}

/// Normalises one field; see the module's invariants for untouched values.
fn fix(
    value: &mut Option<String>,
    rule: Rule,
    parents: &mut Parents<'_>,
    field: fn(&Body) -> Option<&str>,
) -> Result<()> {
    let Some(text) = value.as_deref() else {
        return Ok(());
    };
    match normalise(rule, text) {
        Ok(stored) => *value = stored,
        Err(e) if !parents.hold(field, text)? => return Err(e),
        Err(_) => {}
    }
    Ok(())
}

/// Checks and normalises every date of `body`; `parents` loads the bodies
/// of the versions it replaces.
fn check_body(body: &mut Body, parents: &dyn Fn() -> Result<Vec<Body>>) -> Result<()> {
    let p = &mut Parents {
        load: parents,
        bodies: None,
    };
    match body {
        Body::Case(c) => {
            fix(&mut c.identity.date_of_birth, Rule::Birth, p, |b| match b {
                Body::Case(o) => o.identity.date_of_birth.as_deref(),
                _ => None,
            })?;
            crate::case_model::check_case(c, &p.cases()?)
        }
        Body::Note(n) => fix(&mut n.when, Rule::When, p, |b| match b {
            Body::Note(o) => o.when.as_deref(),
            _ => None,
        }),
        Body::Need(n) => fix(&mut n.due, Rule::Due, p, |b| match b {
            Body::Need(o) => o.due.as_deref(),
            _ => None,
        }),
        Body::FollowUp(f) => fix(&mut f.due, Rule::Due, p, |b| match b {
            Body::FollowUp(o) => o.due.as_deref(),
            _ => None,
        }),
        Body::Consent(c) => {
            let withdrawn = Rule::Stamp("withdrawal time");
            fix(&mut c.withdrawn_at, withdrawn, p, |b| match b {
                Body::Consent(o) => o.withdrawn_at.as_deref(),
                _ => None,
            })?;
            let mut given = Some(std::mem::take(&mut c.given_at));
            fix(&mut given, Rule::Stamp("consent time"), p, |b| match b {
                Body::Consent(o) => Some(&o.given_at),
                _ => None,
            })?;
            c.given_at = given.ok_or_else(|| invalid("consent time", "", RFC3339_FORMS))?;
            Ok(())
        }
        Body::Attachment(_) | Body::Erasure(_) => Ok(()),
    }
}

impl Vault {
    /// `body` with its dates checked and normalised, before it is written
    /// over the versions `parents` on this laptop (see the module's
    /// invariants). Every local write of a record passes here.
    pub(crate) fn check_dates(&self, body: Option<Body>, parents: &[Uuid]) -> Result<Option<Body>> {
        let Some(mut body) = body else {
            return Ok(None);
        };
        let load = || -> Result<Vec<Body>> {
            let mut bodies = Vec::with_capacity(parents.len());
            for id in parents {
                bodies.extend(version_by_id(&self.conn, *id)?.and_then(|v| v.body));
            }
            Ok(bodies)
        };
        check_body(&mut body, &load)?;
        Ok(Some(body))
    }

    /// Adds a record as a version written before dates were checked would
    /// have stored it: its dates as they are. Only for tests of how such
    /// old data reads; the app never calls it.
    #[doc(hidden)]
    pub fn add_without_date_checks(&mut self, body: Body) -> Result<Version> {
        let kind = body.kind();
        self.write_unchecked(
            Uuid::now_v7(),
            kind,
            Vec::new(),
            Some(body),
            Event::RecordCreated,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConsentBody, NeedBody};
    use crate::vocab::{ConsentScope, NeedCategory, Priority, ReferralStatus};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn refused(r: Result<impl fmt::Debug>) -> (String, &'static str) {
        match r {
            Err(Error::InvalidDate {
                given, accepted, ..
            }) => (given, accepted),
            other => panic!("expected invalid_date, got {other:?}"),
        }
    }

    #[test]
    fn dates_read_iso_and_day_first() {
        let d = ymd(2026, 12, 31);
        for text in ["2026-12-31", "31.12.2026", "31/12/2026", "  2026-12-31 \n"] {
            assert_eq!(parse_date("due date", text).unwrap(), d, "{text}");
        }
        assert_eq!(parse_date("due date", "1.2.2026").unwrap(), ymd(2026, 2, 1));
        assert_eq!(
            parse_date("due date", "01/02/2026").unwrap(),
            ymd(2026, 2, 1)
        );
        assert_eq!(
            parse_date("due date", "2028-02-29").unwrap(),
            ymd(2028, 2, 29)
        );
    }

    #[test]
    fn dates_that_are_not_dates_are_refused_with_the_accepted_forms() {
        for text in [
            "next friday",
            "2026-02-30",
            "31/12/26",
            "2026-13-01",
            "2026-1-5",
            "12/31/2026",
            "2026/12/31",
            "31-12-2026",
            "31.12/2026",
            "2026-12-31T10:00",
            "",
            "   ",
            "２０２６-12-31",
            "+2026-12-31",
            "2026-12-3é",
        ] {
            let (given, accepted) = refused(parse_date("due date", text));
            assert_eq!(given, text.trim());
            assert_eq!(accepted, DATE_FORMS);
        }
        let e = parse_date("due date", "next friday").unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidDate);
        assert_eq!(
            e.to_string(),
            "That due date is not one this app understands. \
             Write it as one of: 2026-12-31, 31.12.2026 or 31/12/2026."
        );
        // What was typed may be a survivor's date of birth: never echoed.
        let e = parse_date("date of birth", "03.02.1999x").unwrap_err();
        assert!(!e.to_string().contains("1999"), "{e}");
    }

    #[test]
    fn interview_times_keep_their_precision() {
        let stored = |text: &str| parse_when(text).unwrap().to_string();
        assert_eq!(stored("2026-11-25"), "2026-11-25");
        assert_eq!(stored("25.11.2026"), "2026-11-25");
        assert_eq!(stored("2026-11-25 14:30"), "2026-11-25T14:30");
        assert_eq!(stored("2026-11-25T14:30"), "2026-11-25T14:30");
        assert_eq!(stored("2026-11-25T10:00:00Z"), "2026-11-25T10:00:00Z");
        assert_eq!(stored("2026-11-25T10:00:00+00:00"), "2026-11-25T10:00:00Z");
        assert_eq!(
            stored("2026-11-25t10:00:00.5+02:00"),
            "2026-11-25T10:00:00.500+02:00"
        );
        let late = parse_when("2026-11-25T23:30:00-05:00").unwrap();
        assert_eq!(late.day(), ymd(2026, 11, 25));
        assert_eq!(
            parse_when("2026-11-25 14:30").unwrap().day(),
            ymd(2026, 11, 25)
        );
        for text in [
            "next friday",
            "2026-11-25 25:00",
            "2026-11-25 14:60",
            "2026-11-25 9:30",
            "2026-11-25T14:30:00",
            "25.11.2026 14:30",
            "2026-02-30T10:00",
            "yesterday 10:00",
        ] {
            assert_eq!(refused(parse_when(text)).1, WHEN_FORMS, "{text}");
        }
    }

    #[test]
    fn stored_dates_read_as_days_in_every_form_a_write_accepts() {
        let d = ymd(2026, 11, 27);
        for text in ["2026-11-27", "27.11.2026", "27/11/2026", "2026-11-27 09:30"] {
            assert_eq!(day_of(text), Some(d), "{text}");
        }
        assert_eq!(day_of("2026-11-27T09:30:00Z"), Some(d));
        for text in ["2026-13-01", "soon", "", "2026-11-2é", "2026-11-27 (about)"] {
            assert_eq!(day_of(text), None, "{text}");
        }
    }

    #[test]
    fn consent_times_are_rfc3339() {
        assert!(parse_rfc3339("consent time", "2026-03-01T10:00:00Z").is_ok());
        assert!(parse_rfc3339("consent time", &now_rfc3339()).is_ok());
        let (_, accepted) = refused(parse_rfc3339("consent time", "2026-03-01"));
        assert_eq!(accepted, RFC3339_FORMS);
    }

    fn need(due: Option<&str>) -> Body {
        Body::Need(NeedBody {
            unknown: Default::default(),
            case: Uuid::nil(),
            category: NeedCategory::Legal,
            description: String::new(),
            priority: Priority::Medium,
            status: ReferralStatus::Identified,
            referral_target: None,
            due: due.map(str::to_owned),
            consent: None,
        })
    }

    fn due(body: &Body) -> Option<&str> {
        match body {
            Body::Need(n) => n.due.as_deref(),
            _ => None,
        }
    }

    #[test]
    fn bodies_are_normalised_and_empty_dates_are_none() {
        let none = || Ok(Vec::new());
        for (given, stored) in [
            (Some("31.12.2026"), Some("2026-12-31")),
            (Some(" 2026-12-31 "), Some("2026-12-31")),
            (Some("  "), None),
            (None, None),
        ] {
            let mut b = need(given);
            check_body(&mut b, &none).unwrap();
            assert_eq!(due(&b), stored);
        }
        let mut b = need(Some("next friday"));
        assert_eq!(
            check_body(&mut b, &none).unwrap_err().code(),
            crate::ErrorCode::InvalidDate
        );
    }

    #[test]
    fn an_untouched_old_value_is_kept_and_a_changed_one_is_checked() {
        let old = || Ok(vec![need(Some("after Easter"))]);
        let mut kept = need(Some("after Easter"));
        check_body(&mut kept, &old).unwrap();
        assert_eq!(due(&kept), Some("after Easter"));
        let mut changed = need(Some("after Christmas"));
        assert_eq!(
            check_body(&mut changed, &old).unwrap_err().code(),
            crate::ErrorCode::InvalidDate
        );
        // Parents are read only when a value does not parse.
        let never = || -> Result<Vec<Body>> { panic!("parents read") };
        check_body(&mut need(Some("2026-12-31")), &never).unwrap();
    }

    #[test]
    fn a_date_of_birth_in_the_future_is_refused() {
        let tomorrow = today_local().succ_opt().unwrap().to_string();
        let e = normalise(Rule::Birth, &tomorrow).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::FutureDate);
        assert_eq!(
            normalise(Rule::Birth, "03.02.1999").unwrap().as_deref(),
            Some("1999-02-03")
        );
        let today = today_local().to_string();
        assert_eq!(normalise(Rule::Birth, &today).unwrap(), Some(today));
    }

    #[test]
    fn consent_bodies_need_a_given_time() {
        let consent = |given: &str, withdrawn: Option<&str>| {
            Body::Consent(ConsentBody {
                unknown: Default::default(),
                case: Uuid::nil(),
                scope: ConsentScope::Referral,
                service: None,
                given_at: given.into(),
                withdrawn_at: withdrawn.map(str::to_owned),
                note: None,
            })
        };
        let none = || Ok(Vec::new());
        let mut ok = consent("2026-03-01T10:00:00Z", Some(" "));
        check_body(&mut ok, &none).unwrap();
        assert_eq!(ok, consent("2026-03-01T10:00:00Z", None));
        for (given, withdrawn) in [
            ("", None),
            ("yesterday", None),
            ("2026-03-01T10:00:00Z", Some("now")),
        ] {
            let mut bad = consent(given, withdrawn);
            assert_eq!(
                check_body(&mut bad, &none).unwrap_err().code(),
                crate::ErrorCode::InvalidDate
            );
        }
    }

    #[test]
    fn rfc3339_cuts_the_fraction_to_its_significant_digits() {
        let t = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap();
        assert_eq!(rfc3339(t(0)).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(t(1_795_772_405_250)).unwrap(),
            "2026-11-27T09:40:05.25Z"
        );
        assert_eq!(
            rfc3339(t(1_795_772_405_007)).unwrap(),
            "2026-11-27T09:40:05.007Z"
        );
        let nanos = DateTime::from_timestamp(1_795_772_405, 120_000_001).unwrap();
        assert_eq!(rfc3339(nanos).unwrap(), "2026-11-27T09:40:05.120000001Z");
        assert_eq!(rfc3339(t(253_402_300_800_000)), None);
    }
}
