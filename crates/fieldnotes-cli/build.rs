//! Names the commit the CLI is built from, for `fieldnotes --version`.
fn main() {
    fieldnotes_build::emit_commit();
}
