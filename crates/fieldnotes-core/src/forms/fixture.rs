//! A small form of every question kind, for the tests of this module.

use serde_json::{json, Value};

use super::{parse_form, Form};

/// A small valid form exercising every kind.
pub(crate) fn base() -> Value {
    json!({
        "format": "fieldnotes-form", "version": 1, "id": "org-check", "form_version": 2,
        "title": {"en": "Check", "ro": "Verificare"},
        "risk_scoring": {"medium": 2, "high": 4},
        "sections": [{
            "id": "one", "title": {"en": "One", "ro": "Unu"},
            "questions": [
                {"id": "name", "kind": "text", "label": {"en": "Name", "ro": "Nume"}},
                {"id": "story", "kind": "long_text", "label": {"en": "Story", "ro": "Poveste"}},
                {"id": "safe", "kind": "yes_no", "label": {"en": "Safe?", "ro": "În siguranță?"},
                 "required": true,
                 "on_no": {"score": 2, "implies_need": "safety_protection"}},
                {"id": "where", "kind": "single_choice", "label": {"en": "Where", "ro": "Unde"},
                 "choices": [{"id": "home", "label": {"en": "Home", "ro": "Acasă"}},
                             {"id": "street", "label": {"en": "Street", "ro": "Stradă"},
                              "implies_need": "accommodation", "need_priority": "urgent",
                              "min_risk": "high"}]},
                {"id": "docs", "kind": "multiple_choice", "label": {"en": "Docs", "ro": "Acte"},
                 "choices": [{"id": "passport", "label": {"en": "Passport", "ro": "Pașaport"}}],
                 "show_if": {"question": "where", "answer": "street"}},
                {"id": "when", "kind": "date", "label": {"en": "When", "ro": "Când"}},
                {"id": "count", "kind": "number", "label": {"en": "Count", "ro": "Număr"},
                 "min": 0},
                {"id": "mood", "kind": "scale", "label": {"en": "Mood", "ro": "Stare"},
                 "min": 1, "max": 5, "min_label": {"en": "Bad", "ro": "Rău"}}
            ]
        }]
    })
}

/// [`base`], parsed.
pub(crate) fn form() -> Form {
    parse_form("forms/check.json", &base().to_string(), &["en"]).expect("the fixture is valid")
}
