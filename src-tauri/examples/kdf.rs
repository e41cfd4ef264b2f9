//! The baseline of the desktop unlock figure: the passphrase KDF alone, as
//! unlocking pays it (an age scrypt file the size of the key envelope, at
//! the production work factor). Prints the median of `ROUNDS` openings in
//! milliseconds, for `tests/e2e/bench.py`.

use std::io::{Read, Write};
use std::time::Instant;

use fieldnotes_core::envelope::PRODUCTION_WORK_FACTOR;
use fieldnotes_core::SecretString;

const ROUNDS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pass = SecretString::from(std::env::var("SEED_PASSPHRASE")?);
    let mut recipient = age::scrypt::Recipient::new(pass.clone());
    recipient.set_work_factor(PRODUCTION_WORK_FACTOR);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))?;
    let mut sealed = Vec::new();
    let mut w = encryptor.wrap_output(&mut sealed)?;
    w.write_all(&[b'k'; 300])?;
    w.finish()?;
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut identity = age::scrypt::Identity::new(pass.clone());
        identity.set_max_work_factor(20);
        let decryptor = age::Decryptor::new_buffered(&sealed[..])?;
        let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
        let mut plain = Vec::new();
        reader.read_to_end(&mut plain)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!("{:.1}", times[ROUNDS / 2]);
    Ok(())
}
