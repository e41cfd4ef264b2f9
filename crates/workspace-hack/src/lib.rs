//! Nothing but its manifest: every workspace member depends on this crate so
//! that the third-party crates they share are built with one set of features,
//! whichever member a command builds. Without it, building the CLI, the app and
//! the tests one after another compiled typst, tauri and their dependencies
//! three times over. Regenerate the manifest with `cargo hakari generate`
//! after changing dependencies (settings in `.config/hakari.toml`).
