//! Tauri's build step: embeds the configuration, icons, capabilities and the
//! built UI. When the UI has not been built (a bare `cargo build` or
//! `cargo clippy --workspace`), a placeholder page saying so is embedded,
//! so Rust-only work does not need Node.js. Each IPC command of
//! `src/commands/list.rs` gets an `allow-…` permission for the capabilities.
//! The commit built from is set for the About (`fieldnotes-build`).
use std::path::Path;

fn main() {
    let dist = Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        std::fs::create_dir_all(dist).expect("creates ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Fieldnotes</title><p>The UI is not built: run <code>make desktop</code>.</p>\n",
        )
        .expect("writes the placeholder page");
    }
    fieldnotes_build::emit_commit();
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    // The app's own commands get permissions, so capabilities/default.json
    // grants the window exactly the commands the UI calls.
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed");
}

/// Takes the command names from the one list of commands (whose types
/// are only parsed here, never resolved).
macro_rules! ipc {
    ($($module:ident :: $name:ident ( $($args:tt)* ) -> $ok:ty ;)*) => {
        /// Every IPC command, as `src/commands/list.rs` lists them.
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("src/commands/list.rs");
