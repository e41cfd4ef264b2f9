// Cargo only resolves a crate's build-dependencies when it has a build script;
// those unify the features of the crates that build scripts and macros use.
fn main() {}
