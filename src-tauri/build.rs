//! Tauri's build step: embeds the configuration, icons, capabilities and the
//! built UI. When the UI has not been built (a bare `cargo build` or
//! `cargo clippy --workspace`), a placeholder page saying so is embedded,
//! so Rust-only work does not need Node.js.
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
    tauri_build::build()
}
