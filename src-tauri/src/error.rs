//! The error every command returns: `{code, message}`.
//!
//! Invariant: `code` is the core's stable [`ErrorCode`] or one of the
//! shell's own [`ShellErrorCode`]s, both exported to the UI's bindings as
//! closed lists, and `message` its plain-sentence Display; the UI
//! translates by code and falls back to the message. No record content or
//! secret ever goes into either.

use fieldnotes_core::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

macro_rules! shell_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// Failures only the shell knows of, as stable names.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ShellErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ShellErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ShellErrorCode] = &[$(ShellErrorCode::$variant,)*];

            /// The code's stable snake_case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ShellErrorCode::$variant => $name,)*
                }
            }
        }
    };
}

shell_codes! {
    /// The vault is locked (or the idle timer locked it meanwhile).
    Locked => "locked",
    /// A value from the UI the shell refuses: a path the user did not
    /// choose, a setting out of range, a conflict resolution with no choice.
    Invalid => "invalid",
    /// The backup folder or drive the user chose is gone.
    NoFolder => "no_folder",
    /// Never sent by a command: the UI's code for a call that failed
    /// outside them (Tauri refused its arguments, or it panicked).
    Unknown => "unknown",
}

/// A code as the UI receives it: the core's or the shell's, one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Code {
    Core(ErrorCode),
    Shell(ShellErrorCode),
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    #[ts(type = "ErrorCode | ShellErrorCode")]
    pub code: Code,
    pub message: String,
    /// The form question an `invalid_answer` is about, so the UI puts its
    /// message beside that question.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub question: Option<String>,
}

/// What every command returns.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ShellErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code: Code::Shell(code),
            message: message.into(),
            question: None,
        }
    }

    /// The vault is locked (or was locked by the idle timer meanwhile).
    pub fn locked() -> Self {
        AppError::new(
            ShellErrorCode::Locked,
            "The vault is locked. Unlock it to continue.",
        )
    }

    /// A value from the UI that the shell refuses.
    pub fn invalid(what: &str) -> Self {
        AppError::new(ShellErrorCode::Invalid, format!("The {what} is not valid."))
    }

    /// A file of the shell's own (its settings) could not be written: the
    /// core's `io` code, as for the vault's files.
    pub fn io(what: &str, e: &std::io::Error) -> Self {
        AppError {
            code: Code::Core(ErrorCode::Io),
            message: format!("Could not save the {what}: {e}"),
            question: None,
        }
    }

    /// Whether this is the shell's `code`.
    pub fn is(&self, code: ShellErrorCode) -> bool {
        self.code == Code::Shell(code)
    }
}

impl From<fieldnotes_core::Error> for AppError {
    fn from(e: fieldnotes_core::Error) -> Self {
        let question = match &e {
            fieldnotes_core::Error::InvalidAnswer { question, .. } => Some(question.clone()),
            _ => None,
        };
        AppError {
            code: Code::Core(e.code()),
            message: e.to_string(),
            question,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Code::Core(c) => c.as_str(),
            Code::Shell(c) => c.as_str(),
        })
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
        // An answer's error names its question, for the form to show it there.
        let answer: AppError = fieldnotes_core::Error::InvalidAnswer {
            question: "where".into(),
            problem: fieldnotes_core::forms::AnswerProblem::UnknownQuestion,
        }
        .into();
        let answer = serde_json::to_value(answer).expect("serialises");
        assert_eq!(answer["code"], "invalid_answer");
        assert_eq!(answer["question"], "where");
    }

    #[test]
    fn shell_codes_are_unique_match_serde_and_differ_from_the_core_ones() {
        let core: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        for code in ShellErrorCode::ALL {
            let json = serde_json::to_value(code).expect("serialises");
            assert_eq!(json, code.as_str());
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            assert!(
                !core.contains(&code.as_str()),
                "{} is a core code",
                code.as_str()
            );
        }
    }
}
