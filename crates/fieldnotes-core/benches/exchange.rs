//! Exchange and backup figures, each beside its baseline measured in the
//! same run: Debian's `age` encrypting and decrypting the same bytes.
//!
//! `cargo bench -p fieldnotes-core --bench exchange` (add `-- --quick` for
//! a smaller run). Needs `/usr/bin/age` (`make test` installs it).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::restore::{restore, RestoreKey};
use fieldnotes_core::{Body, CaseBody, CaseStatus, NoteBody, NoteKind, Vault};
use fieldnotes_test_support::{
    allow_photographs, create_at, noise, secret, share_with_lead, trust_each_other, PASS,
};
use uuid::Uuid;

fn note(case: Uuid, i: usize) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        form: None,
        case,
        kind: NoteKind::FollowUp,
        when: Some("2026-11-27".into()),
        place: Some("shelter".into()),
        present: vec!["worker".into(), "interpreter".into()],
        interpreter: Some("RO-EN".into()),
        narrative: format!(
            "Follow-up {i}: discussed accommodation, the appointment at the clinic, documents \
             held by the employer and contact with family. Next visit planned; risk reviewed."
        ),
        tags: vec!["follow-up".into()],
        draft: false,
    })
}

fn populate(v: &mut Vault, notes: usize, attachment_mb: usize, attachment_size_mb: usize) {
    let case = v
        .add(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: "BENCH-1".into(),
            identity: Default::default(),
            languages: vec![],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }))
        .expect("case")
        .record_id;
    // The survivor's consents: the case may go to the lead, with photos.
    share_with_lead(v, case);
    allow_photographs(v, case);
    // In transactions of 5,000: how the vault was filled is not measured.
    let mut i = 0;
    while i < notes {
        let end = (i + 5_000).min(notes);
        v.add_many((i..end).map(|i| note(case, i))).expect("notes");
        i = end;
    }
    for i in 0..attachment_mb / attachment_size_mb {
        // Incompressible bytes, different for every file.
        let bytes = noise(attachment_size_mb << 20, i as u64);
        v.attach(case, "photo.jpg", None, &mut bytes.as_slice())
            .expect("attach");
    }
}

/// CPU seconds used by this process so far, every thread (Linux; 0 elsewhere).
/// On a shared machine the wall time of an import swings with the load;
/// the CPU it needs does much less.
fn process_cpu() -> f64 {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second here).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    fields
        .get(11)
        .zip(fields.get(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}

/// CPU seconds used by the calling thread so far (Linux; 0 elsewhere).
fn thread_cpu() -> f64 {
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

fn age(args: &[&str]) -> Duration {
    let t = Instant::now();
    let out = Command::new("age")
        .args(args)
        .output()
        .expect("run age (apt-get install age)");
    assert!(
        out.status.success(),
        "age failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.elapsed()
}

/// Runs age writing `out`, then fsyncs `out` as Fieldnotes fsyncs its own
/// files: the time of both, and of age alone.
fn age_synced(args: &[&str], out: &Path) -> (Duration, Duration) {
    let t = Instant::now();
    let alone = age(args);
    fs::File::open(out)
        .and_then(|f| f.sync_all())
        .expect("fsync age's output");
    (t.elapsed(), alone)
}

fn mib(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / (1 << 20) as f64 / d.as_secs_f64()
}

fn pair(dir: &Path) -> (Vault, Vault, String, String) {
    // Unlock cost is not what is measured here: the test work factor.
    let mut a = create_at(&dir.join("a"));
    let mut b = create_at(&dir.join("b"));
    trust_each_other(&mut [&mut a, &mut b]);
    let cb = b.card().expect("card");
    let id = dir.join(format!("id-{}", Uuid::now_v7()));
    b.export_identity_secret(&id).expect("identity");
    (a, b, cb.age_recipient, id.to_string_lossy().into_owned())
}

/// Options after `--`: `--quick`; `--only bundle,versions,backup,sealing`
/// (the parts to run, default all); `--versions 10000,100000` (the
/// version counts of part 2; `--quick`: 10,000 only).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let only = value("--only").unwrap_or_else(|| "bundle,versions,backup,sealing".into());
    let runs = |part: &str| only.split(',').any(|o| o == part);
    let sizes: Vec<usize> = match value("--versions") {
        Some(list) => list
            .split(',')
            .map(|n| {
                n.trim()
                    .replace('_', "")
                    .parse()
                    .expect("--versions 10000,100000")
            })
            .collect(),
        None if quick => vec![10_000],
        None => vec![10_000, 100_000],
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = tmp.path();
    println!(
        "Fieldnotes exchange and backup figures{}",
        if quick { " (quick)" } else { "" }
    );

    if runs("bundle") {
        part_bundle(t, quick);
    }
    if runs("versions") {
        part_versions(t, &sizes);
    }
    if runs("backup") {
        part_backup(t, quick);
    }
    if runs("sealing") {
        part_sealing(t, quick);
    }
}

/// Export and import of notes and attachments vs `age`.
fn part_bundle(t: &Path, quick: bool) {
    // 1. Export and import of 10,000 notes and 200 MB of attachments vs age.
    let (notes, mb) = if quick { (2_000, 40) } else { (10_000, 200) };
    let (mut a, mut b, recipient, identity) = pair(&t.join("x"));
    populate(&mut a, notes, mb, 10);
    let bundle = t.join("x.fnb");
    let opts = ExportOptions {
        to: vec![b.device_id()],
        ..Default::default()
    };
    let (_, export) = timed(|| a.export(&opts, &bundle, &mut |_| {}).expect("export"));
    let size = fs::metadata(&bundle).expect("size").len();
    let plain = t.join("x.tar");
    let (decrypt_age, decrypt_alone) = age_synced(
        &[
            "-d",
            "-i",
            &identity,
            "-o",
            plain.to_str().expect("path"),
            bundle.to_str().expect("path"),
        ],
        &plain,
    );
    let sealed = t.join("x.age");
    let (encrypt_age, encrypt_alone) = age_synced(
        &[
            "-r",
            &recipient,
            "-o",
            sealed.to_str().expect("path"),
            plain.to_str().expect("path"),
        ],
        &sealed,
    );
    let (info, import) = timed(|| b.import(&bundle, &mut |_| {}).expect("import"));
    assert_eq!(info.new_versions as usize, notes + 1 + mb / 10);
    println!(
        "\n{notes} notes + {mb} MB attachments, bundle {:.1} MiB",
        size as f64 / (1 << 20) as f64
    );
    println!(
        "  export  {:>8.0} ms  {:>6.0} MiB/s   age -e + fsync {:>6.0} ms  {:>6.0} MiB/s   ratio {:.2}   (age -e alone {:.0} ms)",
        export.as_secs_f64() * 1e3,
        mib(size, export),
        encrypt_age.as_secs_f64() * 1e3,
        mib(size, encrypt_age),
        encrypt_age.as_secs_f64() / export.as_secs_f64(),
        encrypt_alone.as_secs_f64() * 1e3,
    );
    println!(
        "  import  {:>8.0} ms  {:>6.0} MiB/s   age -d + fsync {:>6.0} ms  {:>6.0} MiB/s   ratio {:.2}   (age -d alone {:.0} ms)",
        import.as_secs_f64() * 1e3,
        mib(size, import),
        decrypt_age.as_secs_f64() * 1e3,
        mib(size, decrypt_age),
        decrypt_age.as_secs_f64() / import.as_secs_f64(),
        decrypt_alone.as_secs_f64() * 1e3,
    );
    drop((a, b));
}

/// Import, verify and merge of record versions.
fn part_versions(t: &Path, sizes: &[usize]) {
    // 2. Import + verify + merge of 10,000 (and 100,000) record versions.
    println!("\nimport, verify and merge of record versions (no attachments)");
    for &n in sizes {
        let d = t.join(format!("v{n}"));
        let (mut a, mut b, _, _) = pair(&d);
        populate(&mut a, n - 1, 0, 1);
        let f = d.join("v.fnb");
        a.export(
            &ExportOptions {
                to: vec![b.device_id()],
                ..Default::default()
            },
            &f,
            &mut |_| {},
        )
        .expect("export");
        let (cpu0, main0) = (process_cpu(), thread_cpu());
        let (info, took) = timed(|| b.import(&f, &mut |_| {}).expect("import"));
        let (cpu, main) = (process_cpu() - cpu0, thread_cpu() - main0);
        println!(
            "  {:>7} versions  {:>7.0} ms  ({:.1} µs per version)   cpu {:.2} s on all threads, {:.2} s on the merging one",
            info.new_versions,
            took.as_secs_f64() * 1e3,
            took.as_secs_f64() * 1e6 / info.new_versions as f64,
            cpu,
            main
        );
    }
}

/// Backup and restore vs `age` on a copy of the database.
fn part_backup(t: &Path, quick: bool) {
    // 3. Backup and restore of a 1 GB vault vs age on a copy of its database.
    let gb = if quick { 200 } else { 1000 };
    let (mut v, _, recipient, identity) = pair(&t.join("bk"));
    populate(&mut v, 1_000, gb, 20);
    let usb = t.join("usb");
    fs::create_dir(&usb).expect("usb");
    let db_copy = t.join("db-copy");
    fs::copy(v.dir().join("vault.db"), &db_copy).expect("copy");
    let db_size = fs::metadata(&db_copy).expect("size").len();
    // Five rounds, each side in turn, medians: the disk's write-back
    // state swings single runs a lot.
    let (mut writes, mut verifies, mut totals, mut restores) = (vec![], vec![], vec![], vec![]);
    let mut unsynced = vec![];
    let (mut encs, mut decs) = (vec![], vec![]);
    let (mut encs_alone, mut decs_alone) = (vec![], vec![]);
    let mut info = None;
    for round in 0..5 {
        let (i, total) = timed(|| v.backup(&usb, Some(1), &mut |_| {}).expect("backup"));
        writes.push(Duration::from_millis(i.write_ms));
        unsynced.push(Duration::from_millis(i.write_ms - i.sync_ms));
        verifies.push(Duration::from_millis(i.verify_ms));
        totals.push(total);
        let enc_out = t.join(format!("db-{round}.age"));
        let (synced, alone) = age_synced(
            &[
                "-r",
                &recipient,
                "-o",
                enc_out.to_str().expect("path"),
                db_copy.to_str().expect("path"),
            ],
            &enc_out,
        );
        encs.push(synced);
        encs_alone.push(alone);
        let target = t.join(format!("restored-{round}"));
        let ((), took) = timed(|| {
            let (r, _) = restore(
                &i.path,
                &target,
                RestoreKey::Passphrase(&secret(PASS)),
                false,
                &mut |_| {},
            )
            .expect("restore");
            r.lock().expect("lock");
        });
        restores.push(took);
        let dec_out = t.join(format!("db-{round}.out"));
        let (synced, alone) = age_synced(
            &[
                "-d",
                "-i",
                &identity,
                "-o",
                dec_out.to_str().expect("path"),
                enc_out.to_str().expect("path"),
            ],
            &dec_out,
        );
        decs.push(synced);
        decs_alone.push(alone);
        fs::remove_dir_all(&target).expect("clean");
        fs::remove_file(&dec_out).expect("clean");
        fs::remove_file(&enc_out).expect("clean");
        info = Some(i);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let info = info.expect("five rounds");
    let (write, verify, total, restore_took) = (
        median(&mut writes),
        median(&mut verifies),
        median(&mut totals),
        median(&mut restores),
    );
    let (enc, dec) = (median(&mut encs), median(&mut decs));
    let (enc_alone, dec_alone) = (median(&mut encs_alone), median(&mut decs_alone));
    let write_unsynced = median(&mut unsynced);
    println!(
        "\nbackup of a {:.0} MiB vault (file {:.0} MiB)",
        db_size as f64 / (1 << 20) as f64,
        info.size as f64 / (1 << 20) as f64
    );
    println!(
        "  write    {:>7.0} ms  {:>6.0} MiB/s   age -e + fsync {:>6.0} ms  {:>6.0} MiB/s   ratio {:.2}",
        write.as_secs_f64() * 1e3,
        mib(db_size, write),
        enc.as_secs_f64() * 1e3,
        mib(db_size, enc),
        enc.as_secs_f64() / write.as_secs_f64(),
    );
    println!(
        "  (no fsync on either side: write {:>7.0} ms   age -e {:>6.0} ms   ratio {:.2})",
        write_unsynced.as_secs_f64() * 1e3,
        enc_alone.as_secs_f64() * 1e3,
        enc_alone.as_secs_f64() / write_unsynced.as_secs_f64(),
    );
    println!(
        "  verify   {:>7.0} ms  {:>6.0} MiB/s   (integrity check of the snapshot; read back from the drive, decrypt, compare BLAKE3)",
        verify.as_secs_f64() * 1e3,
        mib(db_size, verify)
    );
    println!("  total    {:>7.0} ms", total.as_secs_f64() * 1e3);
    println!("  restore  {:>7.0} ms  {:>6.0} MiB/s   age -d + fsync {:>6.0} ms  {:>6.0} MiB/s   ratio {:.2}   (checks hash, counts, digest; age -d alone {:.0} ms, ratio {:.2})",
        restore_took.as_secs_f64() * 1e3, mib(db_size, restore_took), dec.as_secs_f64() * 1e3, mib(db_size, dec),
        dec.as_secs_f64() / restore_took.as_secs_f64(),
        dec_alone.as_secs_f64() * 1e3, dec_alone.as_secs_f64() / restore_took.as_secs_f64());
}

/// Sealing in memory.
fn part_sealing(t: &Path, quick: bool) {
    // 4. Sealing alone, from memory to nowhere: the age crate's writer, the
    //    vault's parallel writer and the age tool (file in the page cache
    //    to /dev/null), on the same bytes.
    let len: usize = if quick { 256 << 20 } else { 1 << 30 };
    let data: Vec<u8> = (0..len)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let plain = t.join("plain");
    fs::write(&plain, &data).expect("write plain");
    let r = age::x25519::Identity::generate().to_public();
    let (_, crate_took) = timed(|| {
        let e = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
            .expect("encryptor");
        let mut w = e.wrap_output(std::io::sink()).expect("wrap");
        for piece in data.chunks(1 << 20) {
            std::io::Write::write_all(&mut w, piece).expect("write");
        }
        w.finish().expect("finish");
    });
    let (_, ours) = timed(|| {
        let mut w =
            fieldnotes_core::agestream::Writer::new(&[&r], std::io::sink()).expect("writer");
        for piece in data.chunks(1 << 20) {
            std::io::Write::write_all(&mut w, piece).expect("write");
        }
        w.finish().expect("finish");
    });
    let tool = age(&[
        "-r",
        &r.to_string(),
        "-o",
        "/dev/null",
        plain.to_str().expect("path"),
    ]);
    println!("\nsealing {} MiB in memory", len >> 20);
    for (name, d) in [
        ("age crate", crate_took),
        ("fieldnotes", ours),
        ("age -e", tool),
    ] {
        println!(
            "  {name:<11} {:>6.0} ms  {:>6.0} MiB/s",
            d.as_secs_f64() * 1e3,
            mib(len as u64, d)
        );
    }
}
