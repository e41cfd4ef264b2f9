//! The organisation's recovery key as the unlock screen sends it.
//!
//! Invariant: pasted key text is a secret from the moment it leaves the
//! JSON: it is held only as a [`SecretString`] (wiped when dropped) and the
//! type has no `Debug`, so it cannot reach a log or an error message.

use fieldnotes_core::SecretString;
use serde::{Deserialize, Deserializer};
use ts_rs::TS;

/// The recovery identity: a file the person chose in the dialog, or the
/// identity file's text (or only its `AGE-SECRET-KEY-1…` line) pasted.
#[derive(Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryKeyInput {
    /// A path the file dialog returned (`pick_recovery_key`).
    File(String),
    /// The pasted text.
    Text(SecretText),
}

/// Text the page sends that is a secret: a string in JSON and TypeScript.
pub struct SecretText(pub SecretString);

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| SecretText(SecretString::from(s)))
    }
}

impl TS for SecretText {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fieldnotes_core::ExposeSecret;

    #[test]
    fn the_page_sends_a_file_or_the_pasted_text() {
        let file: RecoveryKeyInput = serde_json::from_str(r#"{"file":"/media/key.txt"}"#).unwrap();
        assert!(matches!(file, RecoveryKeyInput::File(p) if p == "/media/key.txt"));
        let text: RecoveryKeyInput =
            serde_json::from_str(r#"{"text":"AGE-SECRET-KEY-1X"}"#).unwrap();
        assert!(
            matches!(text, RecoveryKeyInput::Text(s) if s.0.expose_secret() == "AGE-SECRET-KEY-1X")
        );
    }
}
