//! A form file is untrusted input: anyone who can write to the vault
//! folder's `forms/` can put one there. Whatever the bytes, parsing must
//! return an error or a valid form, never panic or hang; a form that
//! parses must take any answers without panicking.
#![no_main]

use fieldnotes_core::forms::{check_answers, parse_form, propose, Answers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(form) = parse_form("forms/fuzz.json", text, &["en"]) {
        let answers = Answers::new();
        let _ = check_answers(&form, &answers, false);
        let _ = propose(&form, &answers);
    }
});
