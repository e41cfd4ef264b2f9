//! The error every command returns: `{code, message}`.
//!
//! Invariant: `code` is the core's stable [`fieldnotes_core::Error::code`]
//! (or one of the shell's own codes below) and `message` its plain-sentence
//! Display; the UI translates by code and falls back to the message. No
//! record content or secret ever goes into either.

use serde::Serialize;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
}

/// What every command returns.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The vault is locked (or was locked by the idle timer meanwhile).
    pub fn locked() -> Self {
        AppError::new("locked", "The vault is locked. Unlock it to continue.")
    }

    /// A malformed id or value from the UI.
    pub fn invalid(what: &str) -> Self {
        AppError::new("invalid", format!("The {what} is not valid."))
    }
}

impl From<fieldnotes_core::Error> for AppError {
    fn from(e: fieldnotes_core::Error) -> Self {
        AppError::new(e.code().as_str(), e.to_string())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_reach_the_ui_as_code_and_message() {
        let e: AppError = fieldnotes_core::Error::WrongPassphrase.into();
        let json = serde_json::to_string(&e).expect("serialises");
        assert_eq!(
            json,
            r#"{"code":"wrong_passphrase","message":"The passphrase is wrong. Check the keyboard layout and Caps Lock, then try again."}"#
        );
        let locked = serde_json::to_value(AppError::locked()).expect("serialises");
        assert_eq!(locked["code"], "locked");
    }
}
