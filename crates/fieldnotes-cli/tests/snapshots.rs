//! What the `fieldnotes` binary prints, pinned by snapshot files: the
//! transcripts in `tests/cmd/*.trycmd` (stdout and stderr together, the
//! exit status on a `? N` line, `[..]` where ids and times vary).
//!
//! Each transcript that writes (a `NAME.out/` folder beside it) runs in its
//! own temporary copy of `NAME.in/`, so a vault it makes (`--vault vault`)
//! is gone afterwards. Passphrases are given on the command lines through
//! FIELDNOTES_PASSPHRASE, as a script would.
//!
//! Update the files after a deliberate change of the output with
//! `TRYCMD=overwrite cargo test -p fieldnotes-cli --test snapshots`, then
//! read the diff.

use fieldnotes_test_support::bin::SCRUBBED_ENV;

#[test]
fn cli_transcripts() {
    // Nothing from the machine running the tests may change what the
    // binary prints. This test is alone in its binary, so no other thread
    // reads the environment while it changes.
    for var in SCRUBBED_ENV {
        std::env::remove_var(var);
    }
    let home = tempfile::tempdir().expect("tempdir");
    let home_str = home.path().to_str().expect("utf-8 temporary path");
    trycmd::TestCases::new()
        .register_bin(
            "fieldnotes",
            std::path::Path::new(env!("CARGO_BIN_EXE_fieldnotes")),
        )
        .env("HOME", home_str)
        .env("XDG_DATA_HOME", format!("{home_str}/xdg-data"))
        .env("XDG_CONFIG_HOME", format!("{home_str}/xdg-config"))
        // A backtrace must not appear even when one is asked for.
        .env("RUST_BACKTRACE", "1")
        .case("tests/cmd/*.trycmd")
        .run();
}
