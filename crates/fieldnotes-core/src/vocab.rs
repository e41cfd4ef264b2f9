//! Closed vocabularies: the needs taxonomy, referral statuses and the other
//! fixed lists of PRODUCT.md, with their English and Romanian labels.
//!
//! Invariants: the snake_case names are part of the signed record encoding
//! and of the CLI, so a released name never changes; a new value is only
//! ever appended. Parsing accepts the name with `-` or `_` in any case.

use serde::{Deserialize, Serialize};

use crate::case_model::{Labelled, Lang};
use crate::error::Error;

macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $slug:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in records, the CLI and the catalogues.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
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
                let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
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

vocab!(
    /// Survivor needs, after the Palermo Protocol art. 6, CoE convention
    /// art. 12, the UK Modern Slavery Act s.50A and Romania's Law 678/2001.
    NeedCategory, "need category" {
    SafetyProtection => "safety_protection",
    Accommodation => "accommodation",
    MaterialFinancial => "material_financial",
    MedicalHealth => "medical_health",
    PsychosocialMentalHealth => "psychosocial_mental_health",
    InterpretationInformation => "interpretation_information",
    Legal => "legal",
    Compensation => "compensation",
    IdentityDocuments => "identity_documents",
    RepatriationReintegration => "repatriation_reintegration",
    EducationTraining => "education_training",
    EmploymentLivelihood => "employment_livelihood",
    ChildFamily => "child_family",
});

vocab!(
    /// Referral status of a need, as in GBVIMS.
    ReferralStatus, "referral status" {
    Identified => "identified",
    Referred => "referred",
    ProvidedByOwnOrganisation => "provided_by_own_organisation",
    AlreadyReceiving => "already_receiving",
    NotApplicable => "not_applicable",
    DeclinedBySurvivor => "declined_by_survivor",
    ServiceUnavailable => "service_unavailable",
    Met => "met",
    Withdrawn => "withdrawn",
});

impl ReferralStatus {
    /// Whether the need still asks for action: not yet met, referred on,
    /// settled or declined.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ReferralStatus::Identified
                | ReferralStatus::Referred
                | ReferralStatus::ServiceUnavailable
        )
    }
}

vocab!(
    /// How urgent a need or follow-up is.
    Priority, "priority" {
    Low => "low",
    Medium => "medium",
    High => "high",
    Urgent => "urgent",
});

vocab!(
    /// The assessed risk to the survivor.
    RiskLevel, "risk level" {
    Low => "low",
    Medium => "medium",
    High => "high",
});

vocab!(
    /// Where a case stands.
    CaseStatus, "case status" {
    Open => "open",
    Monitoring => "monitoring",
    Closed => "closed",
});

vocab!(
    /// The kind of an interview or note.
    NoteKind, "note kind" {
    Intake => "intake",
    FollowUp => "follow_up",
    Phone => "phone",
    CourtAccompaniment => "court_accompaniment",
    HomeVisit => "home_visit",
    HospitalVisit => "hospital_visit",
    Note => "note",
});

vocab!(
    /// What a survivor consented to.
    ConsentScope, "consent scope" {
    StoreData => "store_data",
    ShareWithLead => "share_with_lead",
    Referral => "referral",
    Photographs => "photographs",
});

vocab!(
    /// The kind of a record.
    Kind, "record kind" {
    Case => "case",
    Note => "note",
    Need => "need",
    Consent => "consent",
    FollowUp => "follow_up",
    Attachment => "attachment",
    Erasure => "erasure",
});

vocab!(
    /// Why records were erased.
    ErasureReason, "erasure reason" {
    ConsentWithdrawn => "consent_withdrawn",
    ErasureRequest => "erasure_request",
    RetentionEnded => "retention_ended",
    EnteredInError => "entered_in_error",
});

/// The English and Romanian labels of a vocabulary defined above: the
/// words the app shows (its catalogues hold the same, checked by a test)
/// and search finds a record by.
macro_rules! labels {
    ($name:ident { $($variant:ident => $en:literal, $ro:literal;)+ }) => {
        impl $name {
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
    };
}

labels!(NeedCategory {
    SafetyProtection => "Safety and protection", "Siguranță și protecție";
    Accommodation => "Accommodation", "Cazare";
    MaterialFinancial => "Material and financial", "Sprijin material și financiar";
    MedicalHealth => "Medical and sexual/reproductive health", "Sănătate, inclusiv sexuală și reproductivă";
    PsychosocialMentalHealth => "Psychosocial and mental health", "Sprijin psihosocial și sănătate mintală";
    InterpretationInformation => "Interpretation and information", "Interpretare și informare";
    Legal => "Legal", "Juridic";
    Compensation => "Compensation", "Despăgubiri";
    IdentityDocuments => "Identity documents", "Acte de identitate";
    RepatriationReintegration => "Repatriation and reintegration", "Repatriere și reintegrare";
    EducationTraining => "Education and vocational training", "Educație și formare profesională";
    EmploymentLivelihood => "Employment and livelihood", "Loc de muncă și mijloace de trai";
    ChildFamily => "Child and family", "Copil și familie";
});

labels!(ReferralStatus {
    Identified => "Identified", "Identificată";
    Referred => "Referred", "Trimisă";
    ProvidedByOwnOrganisation => "Provided by our organisation", "Asigurată de organizația noastră";
    AlreadyReceiving => "Already receiving", "Beneficiază deja";
    NotApplicable => "Not applicable", "Nu se aplică";
    DeclinedBySurvivor => "Declined by the survivor", "Refuzată de persoană";
    ServiceUnavailable => "Service unavailable", "Serviciu indisponibil";
    Met => "Met", "Satisfăcută";
    Withdrawn => "Withdrawn (consent withdrawn)", "Retrasă (acord retras)";
});

labels!(Priority {
    Low => "Low", "Scăzută";
    Medium => "Medium", "Medie";
    High => "High", "Ridicată";
    Urgent => "Urgent", "Urgentă";
});

labels!(RiskLevel {
    Low => "Low", "Scăzut";
    Medium => "Medium", "Mediu";
    High => "High", "Ridicat";
});

labels!(CaseStatus {
    Open => "Open", "Deschis";
    Monitoring => "Monitoring", "Monitorizare";
    Closed => "Closed", "Închis";
});

labels!(NoteKind {
    Intake => "Intake interview", "Interviu inițial";
    FollowUp => "Follow-up", "Urmărire";
    Phone => "Phone call", "Convorbire telefonică";
    CourtAccompaniment => "Court accompaniment", "Însoțire la instanță";
    HomeVisit => "Home visit", "Vizită la domiciliu";
    HospitalVisit => "Hospital visit", "Vizită la spital";
    Note => "Note", "Notă";
});

labels!(ConsentScope {
    StoreData => "Storing their data", "Păstrarea datelor";
    ShareWithLead => "Sharing with the case lead", "Partajarea cu coordonatorul cazului";
    Referral => "Referral to a service", "Trimiterea către un serviciu";
    Photographs => "Photographs", "Fotografii";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_parse_leniently() {
        for c in NeedCategory::ALL {
            assert_eq!(c.as_str().parse::<NeedCategory>().unwrap(), *c);
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!(
            "Declined-By-Survivor".parse::<ReferralStatus>().unwrap(),
            ReferralStatus::DeclinedBySurvivor
        );
        assert_eq!(NeedCategory::ALL.len(), 13);
        assert_eq!(ReferralStatus::ALL.len(), 9);
    }

    #[test]
    fn unknown_value_lists_the_choices() {
        let err = "housing".parse::<NeedCategory>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("accommodation"), "{msg}");
        assert_eq!(err.code(), crate::ErrorCode::UnknownValue);
    }

    /// The app's catalogues show these vocabularies through their own
    /// messages (`need-category-legal`, …): they must say what the core
    /// says, or search would find a record by a word the screen never shows.
    #[test]
    fn catalogues_agree_with_the_core_labels() {
        fn catalogue(text: &str) -> std::collections::HashMap<&str, &str> {
            text.lines().filter_map(|l| l.split_once(" = ")).collect()
        }
        fn check<T: Labelled>(all: &[T], prefix: &str) {
            let en = catalogue(include_str!("../../../assets/i18n/en.ftl"));
            let ro = catalogue(include_str!("../../../assets/i18n/ro.ftl"));
            for v in all {
                let key = format!("{prefix}{}", v.name());
                assert_eq!(en.get(key.as_str()), Some(&v.label(Lang::En)), "{key}");
                assert_eq!(ro.get(key.as_str()), Some(&v.label(Lang::Ro)), "{key}");
            }
        }
        check(NeedCategory::ALL, "need-category-");
        check(ReferralStatus::ALL, "referral-");
        check(Priority::ALL, "priority-");
        check(RiskLevel::ALL, "risk-");
        check(CaseStatus::ALL, "case-status-");
        check(NoteKind::ALL, "note-kind-");
        check(ConsentScope::ALL, "consent-scope-");
        assert_eq!(
            NeedCategory::IdentityDocuments.label(Lang::Ro),
            "Acte de identitate"
        );
    }
}
