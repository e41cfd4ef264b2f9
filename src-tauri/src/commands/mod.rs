//! The IPC commands, one module per area. Each command is a few lines over
//! `fieldnotes-core`; the work and the rules live in the core.
//!
//! Invariant: `list.rs` is the one list of commands. Read by [`ipc!`], it
//! makes the invoke handler ([`handler`]), checks at compile time that each
//! listed signature is the command's real one, and writes the TypeScript
//! `Commands` interface the UI's `api.ts` is checked against; `build.rs`
//! reads it too, for each command's `allow-…` permission. So a command
//! cannot be registered without being typed and permitted, nor typed
//! differently from what it takes and returns; a test checks that the
//! window's capabilities grant exactly the listed commands.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod cases;
pub mod dashboard;
pub mod erasure;
pub mod exchange;
pub mod followups;
pub mod forms;
pub mod records;
pub mod reports;
pub mod search;
pub mod settings;
pub mod stats;
pub mod upkeep;
pub mod vault;

use tauri::ipc::Channel;
use tauri::AppHandle;
use uuid::Uuid;

use crate::dto::*;
use crate::error::AppResult;
use crate::settings::{AboutView, Settings};
use crate::AppState;

/// The managed state, as a command receives it (Tauri injects it).
type State<'a> = tauri::State<'a, AppState>;

/// Progress is sent at most once per this many bytes (and at the end).
const PROGRESS_STEP: u64 = 1024 * 1024;

/// A progress callback for the core that forwards to a channel, at most
/// once per [`PROGRESS_STEP`] bytes. A closed window does not stop the work.
pub fn throttled(channel: &Channel<Progress>) -> impl FnMut(u64, u64) + '_ {
    let mut sent: Option<u64> = None;
    move |done, total| {
        if sent.is_none_or(|s| done >= s + PROGRESS_STEP || (done >= total && s < done)) {
            sent = Some(done);
            let _ = channel.send(Progress { done, total });
        }
    }
}

/// Lists the commands as `module::name(arg: Type, …) -> Ok;`, each
/// returning `AppResult<Ok>`. Arguments typed `State` and `AppHandle` are
/// injected by Tauri; the others come from the page, named in camelCase.
macro_rules! ipc {
    ($($module:ident :: $name:ident ( $($args:tt)* ) -> $ok:ty ;)*) => {
        /// The names of the listed commands.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler of every listed command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        $(ipc!(@check $module::$name ($($args)*) -> $ok);)*

        /// The TypeScript `Commands` interface: each command's arguments
        /// and result (for the bindings the UI is checked against).
        pub fn typescript(cfg: &ts_rs::Config) -> String {
            let mut out = String::from("export interface Commands {\n");
            $(out += &ts_entry(
                stringify!($name),
                ipc!(@args cfg [] $($args)*),
                <$ok as ts_rs::TS>::name(cfg),
            );)*
            out + "}\n"
        }
    };
    (@check $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ok:ty) => {
        const _: fn($($ty),*) -> AppResult<$ok> = $module::$name;
    };
    (@args $cfg:ident [$($done:expr),*] $arg:ident : State $(, $($rest:tt)*)?) => {
        ipc!(@args $cfg [$($done),*] $($($rest)*)?)
    };
    (@args $cfg:ident [$($done:expr),*] $arg:ident : AppHandle $(, $($rest:tt)*)?) => {
        ipc!(@args $cfg [$($done),*] $($($rest)*)?)
    };
    (@args $cfg:ident [$($done:expr),*] $arg:ident : Channel<$t:ty> $(, $($rest:tt)*)?) => {
        ipc!(@args $cfg [$($done,)* (stringify!($arg), format!("Channel<{}>", <$t as ts_rs::TS>::name($cfg)))] $($($rest)*)?)
    };
    (@args $cfg:ident [$($done:expr),*] $arg:ident : $t:ty $(, $($rest:tt)*)?) => {
        ipc!(@args $cfg [$($done,)* (stringify!($arg), <$t as ts_rs::TS>::name($cfg))] $($($rest)*)?)
    };
    (@args $cfg:ident [$($done:expr),*]) => {
        vec![$($done),*]
    };
}

/// One command of the `Commands` interface; argument names in camelCase,
/// as Tauri expects them from the page.
fn ts_entry(name: &str, args: Vec<(&str, String)>, ok: String) -> String {
    let args: Vec<String> = args
        .into_iter()
        .map(|(arg, ty)| format!("{}: {ty}", camel(arg)))
        .collect();
    let args = if args.is_empty() {
        "Record<string, never>".to_owned()
    } else {
        format!("{{ {} }}", args.join("; "))
    };
    format!("  {name}: {{ args: {args}; result: {ok} }};\n")
}

fn camel(snake: &str) -> String {
    let mut parts = snake.split('_');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for p in parts {
        let mut chars = p.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.push_str(chars.as_str());
    }
    out
}

include!("list.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interface_names_arguments_as_tauri_expects_them() {
        let ts = typescript(&ts_rs::Config::new());
        assert!(
            ts.contains("  attach_file: { args: { caseId: string; withoutConsent: string | null; onProgress: Channel<Progress> }; result: AttachmentView | null };\n"),
            "{ts}"
        );
        assert!(ts.contains(
            "  list_cases: { args: { query: CaseListQuery }; result: CaseListPageView };\n"
        ));
        assert_eq!(ts.matches("result:").count(), NAMES.len());
    }

    #[test]
    fn the_window_may_call_exactly_the_listed_commands() {
        let caps: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/default.json"))
                .expect("the capabilities are JSON");
        let allowed: std::collections::BTreeSet<String> = caps["permissions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        let listed = NAMES.iter().map(|n| n.to_string()).collect();
        assert_eq!(allowed, listed);
    }
}
