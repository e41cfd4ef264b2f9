//! Tauri's build step: embeds the configuration, icons, capabilities and the
//! built UI. When the UI has not been built (a bare `cargo build` or
//! `cargo clippy --workspace`), a placeholder page saying so is embedded,
//! so Rust-only work does not need Node.js. Each IPC command gets an
//! `allow-…` permission for the capabilities.
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
    println!("cargo:rerun-if-changed=../ui/dist");
    // The app's own commands get permissions, so capabilities/default.json
    // grants the window exactly the commands the UI calls.
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("the Tauri build step failed");
}

/// Every IPC command of `lib.rs`.
const COMMANDS: &[&str] = &[
    "vault_status",
    "passphrase_strength",
    "create_vault",
    "unlock_vault",
    "lock_vault",
    "note_activity",
    "change_passphrase",
    "list_cases",
    "get_case",
    "create_case",
    "update_case",
    "reveal_identity",
    "save_note",
    "save_need",
    "add_consent",
    "withdraw_consent",
    "save_followup",
    "record_history",
    "search",
    "attach_file",
    "read_attachment",
    "audit_log",
    "get_settings",
    "set_settings",
    "my_card",
    "set_device_name",
    "save_card",
    "read_card",
    "trust_card",
    "list_devices",
    "revoke_device",
    "export_bundle",
    "import_bundle",
    "list_conflicts",
    "resolve_conflict",
    "list_drives",
    "pick_backup_folder",
    "pick_backup_file",
    "backup_now",
    "list_backups",
    "restore_backup",
    "dashboard",
];
