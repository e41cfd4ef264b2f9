//! A case summary is untrusted input: anyone can hand over any file and
//! ask whether it is a signed report. Whatever the bytes, checking must
//! return an error or the signed manifest, never panic or hang.
#![no_main]

use fieldnotes_core::report::check_signature;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = check_signature(data);
});
