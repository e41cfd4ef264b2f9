//! The flags of `case add` and `case set`, and how they change a case.
//!
//! Invariant: only what a flag names changes; the core checks and
//! normalises the result (names to codes, dates, the rules between
//! fields), so nothing here second-guesses it.

use clap::{Args, ValueEnum};
use fieldnotes_core::{
    AgeBand, CaseBody, CaseStatus, ClosureReason, ExploitationType, Gender, Identification,
    ProceedingsEntry, ReferralSource, RiskLevel,
};

#[derive(Args, Default)]
pub struct CaseFields {
    /// Real name (restricted section)
    #[arg(long)]
    pub name: Option<String>,
    /// Date of birth (restricted section)
    #[arg(long)]
    pub date_of_birth: Option<String>,
    /// A phone, address or other contact (restricted section); repeatable
    #[arg(long = "contact")]
    pub contacts: Vec<String>,
    /// Nationality: an ISO 3166-1 code (RO, AL, GB) or a country's name in
    /// English or Romanian
    #[arg(long)]
    pub nationality: Option<String>,
    /// A language spoken: an ISO 639 code (ro, en, sq) or its name;
    /// repeatable
    #[arg(long = "language")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub risk: Option<RiskLevel>,
    #[arg(long)]
    pub status: Option<CaseStatus>,
    /// The worker the case is assigned to
    #[arg(long)]
    pub worker: Option<String>,
    #[command(flatten)]
    pub profile: Box<ProfileFields>,
}

#[derive(Args, Default)]
#[command(next_help_heading = "Profile and course of the case")]
pub struct ProfileFields {
    /// female, male, non-binary, other or not-stated
    #[arg(long)]
    pub gender: Option<Gender>,
    /// Year of birth (or --age-band, not both)
    #[arg(long, value_name = "YEAR")]
    pub year_of_birth: Option<u16>,
    /// Age at identification when the year of birth is not known: 0-11,
    /// 12-14, 15-17, 18-24, 25-34, 35-49 or 50+
    #[arg(long, value_name = "BAND")]
    pub age_band: Option<AgeBand>,
    /// When the survivor was identified as a possible victim
    #[arg(long, value_name = "DATE")]
    pub identified_on: Option<String>,
    /// A form of exploitation: sexual, labour, criminal,
    /// domestic-servitude, forced-begging, forced-marriage, organ-removal
    /// or other; repeatable or comma-separated (replaces the list)
    #[arg(long = "exploitation", value_name = "TYPE", value_delimiter = ',')]
    pub exploitation_types: Vec<ExploitationType>,
    /// A country of origin, as a code or a name; repeatable or
    /// comma-separated (replaces the list)
    #[arg(
        long = "country-of-origin",
        value_name = "COUNTRY",
        value_delimiter = ','
    )]
    pub countries_of_origin: Vec<String>,
    /// A country of recruitment; as --country-of-origin
    #[arg(
        long = "country-of-recruitment",
        value_name = "COUNTRY",
        value_delimiter = ','
    )]
    pub countries_of_recruitment: Vec<String>,
    /// A country of exploitation; as --country-of-origin
    #[arg(
        long = "country-of-exploitation",
        value_name = "COUNTRY",
        value_delimiter = ','
    )]
    pub countries_of_exploitation: Vec<String>,
    /// Who referred the survivor: police, ngo, self-referral,
    /// health-service, labour-inspectorate, embassy-consulate, helpline or
    /// other
    #[arg(long, value_name = "SOURCE")]
    pub referral_source: Option<ReferralSource>,
    /// When the case was closed
    #[arg(long, value_name = "DATE")]
    pub closed_on: Option<String>,
    /// Why: goals-met, moved-away, lost-contact, transferred,
    /// declined-support, died or other (needs --closed-on)
    #[arg(long, value_name = "REASON")]
    pub closure_reason: Option<ClosureReason>,
    /// A formal identification step, KIND:DATE[:DECISION[:NOTE]]. Kinds:
    /// uk-nrm-referral, uk-reasonable-grounds, uk-conclusive-grounds,
    /// ro-prosecutor, ro-anitp, other; decisions: positive, negative,
    /// pending (none for a referral). Repeatable; added to the steps
    /// already recorded
    #[arg(long = "identification", value_name = "STEP")]
    pub identification: Vec<Identification>,
    /// Part in criminal proceedings from a date, STATUS:DATE[:NOTE].
    /// Statuses: none, considering, witness, injured-party, concluded.
    /// Repeatable; added to the entries already recorded
    #[arg(long = "proceedings", value_name = "ENTRY")]
    pub proceedings: Vec<ProceedingsEntry>,
    /// Empty a field before the others are applied; repeatable
    #[arg(long, value_enum, value_name = "FIELD")]
    pub clear: Vec<Clear>,
}

/// The fields `--clear` can empty.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Clear {
    Nationality,
    Languages,
    Gender,
    YearOfBirth,
    AgeBand,
    IdentifiedOn,
    Exploitation,
    CountriesOfOrigin,
    CountriesOfRecruitment,
    CountriesOfExploitation,
    ReferralSource,
    Closure,
    Identification,
    Proceedings,
}

pub fn apply_case_fields(c: &mut CaseBody, f: &CaseFields) {
    for field in &f.profile.clear {
        clear(c, *field);
    }
    if f.name.is_some() {
        c.identity.name.clone_from(&f.name);
    }
    if f.date_of_birth.is_some() {
        c.identity.date_of_birth.clone_from(&f.date_of_birth);
    }
    if !f.contacts.is_empty() {
        c.identity.contacts.clone_from(&f.contacts);
    }
    if f.nationality.is_some() {
        c.nationality.clone_from(&f.nationality);
    }
    if !f.languages.is_empty() {
        c.languages.clone_from(&f.languages);
    }
    if f.risk.is_some() {
        c.risk = f.risk;
    }
    if let Some(s) = f.status {
        c.status = s;
    }
    if f.worker.is_some() {
        c.assigned_worker.clone_from(&f.worker);
    }
    apply_profile(c, &f.profile);
}

fn apply_profile(c: &mut CaseBody, f: &ProfileFields) {
    let p = &mut c.profile;
    fn set<T: Clone>(to: &mut Option<T>, from: &Option<T>) {
        if from.is_some() {
            to.clone_from(from);
        }
    }
    fn replace<T: Clone>(to: &mut Vec<T>, from: &[T]) {
        if !from.is_empty() {
            *to = from.to_vec();
        }
    }
    set(&mut p.gender, &f.gender);
    set(&mut p.year_of_birth, &f.year_of_birth);
    set(&mut p.age_band, &f.age_band);
    set(&mut p.identified_on, &f.identified_on);
    replace(&mut p.exploitation_types, &f.exploitation_types);
    replace(&mut p.countries_of_origin, &f.countries_of_origin);
    replace(&mut p.countries_of_recruitment, &f.countries_of_recruitment);
    replace(
        &mut p.countries_of_exploitation,
        &f.countries_of_exploitation,
    );
    set(&mut p.referral_source, &f.referral_source);
    set(&mut p.closed_on, &f.closed_on);
    set(&mut p.closure_reason, &f.closure_reason);
    p.identification.extend(f.identification.iter().cloned());
    p.proceedings.extend(f.proceedings.iter().cloned());
}

fn clear(c: &mut CaseBody, field: Clear) {
    let p = &mut c.profile;
    match field {
        Clear::Nationality => c.nationality = None,
        Clear::Languages => c.languages.clear(),
        Clear::Gender => p.gender = None,
        Clear::YearOfBirth => p.year_of_birth = None,
        Clear::AgeBand => p.age_band = None,
        Clear::IdentifiedOn => p.identified_on = None,
        Clear::Exploitation => p.exploitation_types.clear(),
        Clear::CountriesOfOrigin => p.countries_of_origin.clear(),
        Clear::CountriesOfRecruitment => p.countries_of_recruitment.clear(),
        Clear::CountriesOfExploitation => p.countries_of_exploitation.clear(),
        Clear::ReferralSource => p.referral_source = None,
        Clear::Closure => (p.closed_on, p.closure_reason) = (None, None),
        Clear::Identification => p.identification.clear(),
        Clear::Proceedings => p.proceedings.clear(),
    }
}
