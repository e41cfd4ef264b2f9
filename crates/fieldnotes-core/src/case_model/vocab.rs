//! The case model's closed vocabularies, each with its English and Romanian
//! label: what the app shows, what search finds, what reports count by.
//!
//! Invariants: as in [`crate::vocab`], a wire name (snake_case) is part of
//! the signed record encoding and of the CLI, so it never changes once
//! released and a new value is only ever appended; parsing accepts the name
//! with `-` or `_` in any case (and `+` for `_plus`). Every value has a
//! label in every [`Lang`]. The lists follow what UK and Romanian
//! anti-trafficking services record (the UK National Referral Mechanism,
//! Romania's ANITP and Law 678/2001).

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A vocabulary value with a label for people.
pub trait Labelled: Copy {
    /// The stable wire name.
    fn name(self) -> &'static str;
    /// The label in `lang`.
    fn label(self, lang: Lang) -> &'static str;
}

macro_rules! labelled_vocab {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($variant:ident => $slug:literal, $en:literal, $ro:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name { $(#[serde(rename = $slug)] $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in records, the CLI and the catalogues.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// The value's label for people, in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en, ($name::$variant, Lang::Ro) => $ro,)+
                }
            }
        }

        impl Labelled for $name {
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn label(self, lang: Lang) -> &'static str {
                $name::label(self, lang)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let wanted = s.trim().to_ascii_lowercase().replace('-', "_").replace('+', "_plus");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| Error::UnknownValue {
                        what: $what,
                        given: s.to_owned(),
                        allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

/// A language the app's labels are written in (English unless chosen).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    #[default]
    En,
    Ro,
}

impl Lang {
    /// Every label language.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ro];
}

labelled_vocab!(
    /// The survivor's gender, as the survivor states it.
    Gender, "gender" {
    Female => "female", "Female", "Feminin";
    Male => "male", "Male", "Masculin";
    NonBinary => "non_binary", "Non-binary", "Non-binar";
    Other => "other", "Other", "Altul";
    NotStated => "not_stated", "Not stated", "Nedeclarat";
});

labelled_vocab!(
    /// The survivor's age at identification, when the year of birth is not
    /// known: the bands child-protection and NRM statistics report by.
    AgeBand, "age band" {
    Under12 => "0_11", "0–11", "0–11 ani";
    From12To14 => "12_14", "12–14", "12–14 ani";
    From15To17 => "15_17", "15–17", "15–17 ani";
    From18To24 => "18_24", "18–24", "18–24 ani";
    From25To34 => "25_34", "25–34", "25–34 ani";
    From35To49 => "35_49", "35–49", "35–49 ani";
    From50 => "50_plus", "50 and over", "50 de ani și peste";
});

impl AgeBand {
    /// Whether everyone in the band is under 18.
    pub fn is_child(self) -> bool {
        matches!(
            self,
            AgeBand::Under12 | AgeBand::From12To14 | AgeBand::From15To17
        )
    }
}

labelled_vocab!(
    /// A form of exploitation the survivor suffered (a case may have several).
    ExploitationType, "exploitation type" {
    Sexual => "sexual", "Sexual exploitation", "Exploatare sexuală";
    Labour => "labour", "Labour exploitation", "Exploatare prin muncă";
    Criminal => "criminal", "Criminal exploitation", "Obligarea la comiterea de infracțiuni";
    DomesticServitude => "domestic_servitude", "Domestic servitude", "Servitute domestică";
    ForcedBegging => "forced_begging", "Forced begging", "Obligarea la cerșetorie";
    ForcedMarriage => "forced_marriage", "Forced marriage", "Căsătorie forțată";
    OrganRemoval => "organ_removal", "Organ removal", "Prelevare de organe";
    Other => "other", "Other exploitation", "Altă formă de exploatare";
});

labelled_vocab!(
    /// Who referred the survivor to the organisation.
    ReferralSource, "referral source" {
    Police => "police", "Police", "Poliție";
    Ngo => "ngo", "NGO", "ONG";
    SelfReferral => "self_referral", "Self-referral", "Din proprie inițiativă";
    HealthService => "health_service", "Health service", "Serviciu medical";
    LabourInspectorate => "labour_inspectorate", "Labour inspectorate", "Inspecția muncii";
    EmbassyConsulate => "embassy_consulate", "Embassy or consulate", "Ambasadă sau consulat";
    Helpline => "helpline", "Helpline", "Linie telefonică de ajutor";
    Other => "other", "Other source", "Altă sursă";
});

labelled_vocab!(
    /// Why a case was closed.
    ClosureReason, "closure reason" {
    GoalsMet => "goals_met", "Goals met", "Obiective atinse";
    MovedAway => "moved_away", "Moved away", "S-a mutat";
    LostContact => "lost_contact", "Lost contact", "Contact pierdut";
    Transferred => "transferred", "Transferred", "Transferat";
    DeclinedSupport => "declined_support", "Declined further support", "A refuzat sprijinul în continuare";
    Died => "died", "Died", "Decedat";
    Other => "other", "Other reason", "Alt motiv";
});

labelled_vocab!(
    /// A step of formal identification as a victim of trafficking.
    IdentificationKind, "identification kind" {
    UkNrmReferral => "uk_nrm_referral", "UK NRM referral", "Trimitere în NRM (Regatul Unit)";
    UkReasonableGrounds => "uk_reasonable_grounds", "UK reasonable-grounds decision", "Decizie pe motive rezonabile (Regatul Unit)";
    UkConclusiveGrounds => "uk_conclusive_grounds", "UK conclusive-grounds decision", "Decizie pe motive concludente (Regatul Unit)";
    RoProsecutor => "ro_prosecutor", "Identified as a victim by the prosecutor (Romania)", "Identificare ca victimă de către procuror";
    RoAnitp => "ro_anitp", "Identified as a victim by ANITP (Romania)", "Identificare ca victimă de către ANITP";
    Other => "other", "Other identification", "Altă identificare";
});

impl IdentificationKind {
    /// Whether the step ends in a decision (a referral does not).
    pub fn has_decision(self) -> bool {
        self != IdentificationKind::UkNrmReferral
    }
}

labelled_vocab!(
    /// The outcome of an identification step.
    Decision, "decision" {
    Positive => "positive", "Positive", "Pozitivă";
    Negative => "negative", "Negative", "Negativă";
    Pending => "pending", "Pending", "În așteptare";
});

labelled_vocab!(
    /// The survivor's part in criminal proceedings against the traffickers.
    ProceedingsStatus, "proceedings status" {
    NotTakingPart => "none", "Not taking part", "Nu participă";
    Considering => "considering", "Considering taking part", "Analizează participarea";
    Witness => "witness", "Witness", "Martor";
    InjuredParty => "injured_party", "Injured party", "Parte vătămată";
    Concluded => "concluded", "Proceedings concluded", "Procedură încheiată";
});

impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "ro" => Ok(Lang::Ro),
            _ => Err(Error::UnknownValue {
                what: "label language",
                given: s.to_owned(),
                allowed: "en, ro".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T>(all: &[T])
    where
        T: Labelled
            + std::str::FromStr<Err = Error>
            + Serialize
            + serde::de::DeserializeOwned
            + PartialEq
            + std::fmt::Debug,
    {
        for v in all {
            assert_eq!(v.name().parse::<T>().unwrap(), *v);
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.name()));
            let back: T = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *v);
            for lang in Lang::ALL {
                assert!(!v.label(*lang).trim().is_empty(), "{v:?} {lang:?}");
            }
        }
        let names: std::collections::HashSet<_> = all.iter().map(|v| v.name()).collect();
        assert_eq!(names.len(), all.len());
    }

    #[test]
    fn every_vocabulary_round_trips_and_is_labelled() {
        check(Gender::ALL);
        check(AgeBand::ALL);
        check(ExploitationType::ALL);
        check(ReferralSource::ALL);
        check(ClosureReason::ALL);
        check(IdentificationKind::ALL);
        check(Decision::ALL);
        check(ProceedingsStatus::ALL);
        assert_eq!(ExploitationType::ALL.len(), 8);
        assert_eq!(ReferralSource::ALL.len(), 8);
        assert_eq!(ClosureReason::ALL.len(), 7);
    }

    #[test]
    fn parsing_is_lenient_and_errors_list_the_choices() {
        assert_eq!("12-14".parse::<AgeBand>().unwrap(), AgeBand::From12To14);
        assert_eq!("50+".parse::<AgeBand>().unwrap(), AgeBand::From50);
        assert_eq!(
            "Domestic-Servitude".parse::<ExploitationType>().unwrap(),
            ExploitationType::DomesticServitude
        );
        assert_eq!(
            "none".parse::<ProceedingsStatus>().unwrap(),
            ProceedingsStatus::NotTakingPart
        );
        let err = "trafficking".parse::<ExploitationType>().unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::UnknownValue);
        let msg = err.to_string();
        assert!(
            msg.contains("forced_begging") && msg.contains("labour"),
            "{msg}"
        );
        assert_eq!("RO".parse::<Lang>().unwrap(), Lang::Ro);
        assert!("fr".parse::<Lang>().is_err());
    }

    #[test]
    fn labels_say_it_in_both_languages() {
        assert_eq!(
            ExploitationType::Labour.label(Lang::Ro),
            "Exploatare prin muncă"
        );
        assert_eq!(Gender::NonBinary.label(Lang::En), "Non-binary");
        assert!(AgeBand::From15To17.is_child() && !AgeBand::From18To24.is_child());
        assert!(!IdentificationKind::UkNrmReferral.has_decision());
    }
}
