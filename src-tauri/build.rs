//! Tauri's build step: embeds the configuration, icons and capabilities.
fn main() {
    tauri_build::build()
}
