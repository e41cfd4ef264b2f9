//! A key file is untrusted input: anyone with the disk can replace it.
//! Whatever the bytes, opening must return an error or the secrets, never
//! panic, hang or ask for an unbounded key derivation.
#![no_main]

use fieldnotes_core::envelope::open_passphrase;
use fieldnotes_core::SecretString;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let passphrase = SecretString::from("correct horse battery staple orbit".to_owned());
    let _ = open_passphrase(data, &passphrase);
});
