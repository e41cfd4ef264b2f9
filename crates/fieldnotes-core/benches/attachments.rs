//! Attachment figures (issue "sealed files"), each beside its baseline in
//! the same run: Debian's `age` sealing and opening the same bytes, with
//! an fsync of its output as Fieldnotes fsyncs its own.
//!
//! 1. attach add, attach get, export and import of one file, 1 MiB to
//!    1 GiB, through the core's API;
//! 2. backups of a vault holding 2 GiB of attachments: the first (full)
//!    one and restore beside `age -e`/`age -d` + fsync of the same files,
//!    and a nightly one after adding 10 MiB;
//! 3. erasing a case of 1,000 notes and 200 MiB of attachments;
//! 4. peak resident memory (VmHWM) of the real `fieldnotes` binary during
//!    a 1 GiB attach, get, export, import, backup and restore.
//!
//! `cargo bench -p fieldnotes-core --bench attachments` (`-- --quick`:
//! up to 128 MiB). Needs `/usr/bin/age` and, for part 2, the release CLI
//! (`cargo build --release -p fieldnotes-cli`; `make bench` builds it).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, CaseBody, CaseStatus, Vault};
use fieldnotes_test_support::{create_at, noise, share_with_lead, trust_each_other, PASS};
use uuid::Uuid;

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

/// Runs `age` writing `out`, then fsyncs `out`.
fn age_synced(args: &[&str], out: &Path) -> Duration {
    let t = Instant::now();
    let status = Command::new("age")
        .args(args)
        .status()
        .expect("run age (apt-get install age)");
    assert!(status.success(), "age failed");
    File::open(out)
        .and_then(|f| f.sync_all())
        .expect("fsync age's output");
    t.elapsed()
}

fn case(v: &mut Vault, code: &str) -> Uuid {
    let case = v
        .add(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: code.into(),
            identity: Default::default(),
            languages: vec![],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }))
        .expect("case")
        .record_id;
    // The survivor consented to sharing with the lead: the case may go.
    share_with_lead(v, case);
    case
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Sums of the four operations and of their baselines over some files.
#[derive(Default)]
struct Sums {
    add: Duration,
    get: Duration,
    export: Duration,
    import: Duration,
    enc: Duration,
    dec: Duration,
}

fn ratio_line(name: &str, bytes: u64, ours: Duration, base: Duration, base_name: &str) {
    let mib = |d: Duration| bytes as f64 / (1 << 20) as f64 / d.as_secs_f64();
    println!(
        "  {name:<7} {:>8.1} ms {:>6.0} MiB/s   {base_name} {:>8.1} ms {:>6.0} MiB/s   {:>4.0} %",
        ours.as_secs_f64() * 1e3,
        mib(ours),
        base.as_secs_f64() * 1e3,
        mib(base),
        100.0 * base.as_secs_f64() / ours.as_secs_f64()
    );
}

/// One file of `size` bytes through the vault and through `age`.
fn one_file(
    t: &Path,
    vaults: &mut (Vault, Vault),
    keys: &(String, String),
    size: usize,
    n: u64,
) -> Sums {
    let (a, b) = vaults;
    let (recipient, identity) = keys;
    let file = t.join(format!("in-{n}"));
    fs::write(&file, noise(size, n)).expect("write input");
    let code = format!("S-{n}");
    let case_id = case(a, &code);
    let mut sums = Sums::default();
    let (att, took) = timed(|| {
        a.attach(
            case_id,
            "scan.bin",
            None,
            &mut File::open(&file).expect("open"),
        )
        .expect("attach")
    });
    sums.add = took;
    let out = t.join(format!("out-{n}"));
    let ((), took) = timed(|| {
        let mut f = File::create(&out).expect("create");
        a.read_attachment(att.record_id, &mut f).expect("get");
        f.sync_all().expect("fsync");
    });
    sums.get = took;
    let bundle = t.join(format!("b-{n}.fnb"));
    let opts = ExportOptions {
        to: vec![b.device_id()],
        cases: vec![case_id],
        ..Default::default()
    };
    sums.export = timed(|| a.export(&opts, &bundle, &mut |_| {}).expect("export")).1;
    sums.import = timed(|| b.import(&bundle, &mut |_| {}).expect("import")).1;
    let sealed = t.join(format!("in-{n}.age"));
    sums.enc = age_synced(&["-r", recipient, "-o", s(&sealed), s(&file)], &sealed);
    let opened = t.join(format!("in-{n}.plain"));
    sums.dec = age_synced(
        &["-d", "-i", identity, "-o", s(&opened), s(&sealed)],
        &opened,
    );
    for p in [&file, &out, &bundle, &sealed, &opened] {
        fs::remove_file(p).expect("clean");
    }
    sums
}

fn throughput(t: &Path, quick: bool) {
    let dir = t.join("through");
    let mut a = create_at(&dir.join("a"));
    let mut b = create_at(&dir.join("b"));
    trust_each_other(&mut [&mut a, &mut b]);
    let card = b.card().expect("card");
    let id_file = dir.join("b.identity");
    b.export_identity_secret(&id_file).expect("identity");
    let keys = (card.age_recipient, s(&id_file).to_owned());
    let mut vaults = (a, b);
    let sizes: &[(usize, u64)] = if quick {
        &[(1, 8), (16, 2), (128, 1)]
    } else {
        &[(1, 16), (16, 4), (256, 2), (1024, 1)]
    };
    let mut n = 0;
    for &(mib, files) in sizes {
        let mut total = Sums::default();
        for _ in 0..files {
            n += 1;
            let one = one_file(&dir, &mut vaults, &keys, mib << 20, n);
            total.add += one.add;
            total.get += one.get;
            total.export += one.export;
            total.import += one.import;
            total.enc += one.enc;
            total.dec += one.dec;
        }
        let bytes = (mib as u64) << 20;
        println!(
            "\n{files} file(s) of {mib} MiB (times summed; % = age's time / ours, goal >= 80 %)"
        );
        ratio_line("add", bytes * files, total.add, total.enc, "age -e+fsync");
        ratio_line("get", bytes * files, total.get, total.dec, "age -d+fsync");
        ratio_line(
            "export",
            bytes * files,
            total.export,
            total.enc,
            "age -e+fsync",
        );
        ratio_line(
            "import",
            bytes * files,
            total.import,
            total.dec,
            "age -d+fsync",
        );
    }
}

/// The peak resident memory (VmHWM, KiB) of a process, sampled until it
/// exits, and what it printed.
fn peak_kib(cmd: &mut Command) -> (u64, String) {
    let mut child = cmd.spawn().expect("spawn fieldnotes");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = fs::read_to_string(&status) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak = peak.max(hwm.unwrap_or(0));
        }
        if let Some(st) = child.try_wait().expect("wait") {
            assert!(st.success(), "fieldnotes failed: {cmd:?}");
            let mut out = String::new();
            if let Some(mut o) = child.stdout.take() {
                std::io::Read::read_to_string(&mut o, &mut out).expect("stdout");
            }
            return (peak, out);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn cli_path() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join("fieldnotes");
    path.exists().then_some(path)
}

fn memory(t: &Path, quick: bool) {
    let Some(cli) = cli_path() else {
        println!(
            "\npeak memory: skipped, build the CLI first (cargo build --release -p fieldnotes-cli)"
        );
        return;
    };
    let dir = t.join("mem");
    let (sender, recipient) = (dir.join("a"), dir.join("b"));
    let mut a = create_at(&sender);
    let mut b = create_at(&recipient);
    trust_each_other(&mut [&mut a, &mut b]);
    let to = b.device_id().to_string();
    case(&mut a, "MEM-1");
    drop((a, b));
    let size: u64 = if quick { 256 << 20 } else { 1 << 30 };
    let input = dir.join("big.bin");
    let mut f = File::create(&input).expect("create");
    for i in 0..size >> 24 {
        f.write_all(&noise(16 << 20, i)).expect("write");
    }
    drop(f);
    let run = |vault: &Path, args: &[&str]| {
        let mut c = Command::new(&cli);
        c.args(args)
            .env("FIELDNOTES_VAULT", vault)
            .env("FIELDNOTES_PASSPHRASE", PASS)
            .stdout(std::process::Stdio::piped());
        peak_kib(&mut c)
    };
    let (add, id) = run(&sender, &["attach", "add", "--case", "MEM-1", s(&input)]);
    let id = id.trim().to_owned();
    let (get, _) = run(
        &sender,
        &["attach", "get", &id, "--out", s(&dir.join("out.bin"))],
    );
    let bundle = dir.join("big.fnb");
    let (export, _) = run(
        &sender,
        &["export", "--to", &to, "--all", "--out", s(&bundle)],
    );
    let (import, _) = run(&recipient, &["import", s(&bundle)]);
    let usb = dir.join("usb");
    fs::create_dir(&usb).expect("usb");
    let (backup, _) = run(&sender, &["backup", "--to", s(&usb)]);
    let snapshots = fs::read_dir(
        usb.read_dir()
            .expect("usb")
            .next()
            .expect("set")
            .expect("set")
            .path()
            .join("snapshots"),
    )
    .expect("snapshots")
    .next()
    .expect("a snapshot")
    .expect("entry")
    .path();
    let (restore, _) = run(
        &sender,
        &[
            "restore",
            s(&snapshots),
            "--vault",
            s(&dir.join("restored")),
        ],
    );
    println!(
        "\npeak resident memory of the CLI, {} MiB file (goal < 64 MiB)",
        size >> 20
    );
    for (name, kib) in [
        ("attach add", add),
        ("attach get", get),
        ("export", export),
        ("import", import),
        ("backup", backup),
        ("restore", restore),
    ] {
        println!("  {name:<11} {:>6.1} MiB", kib as f64 / 1024.0);
    }
}

/// Runs `age` on every file of `from` (recursively), writing into `to`;
/// the total time with an fsync of each output.
fn age_each(args: &[&str], from: &Path, to: &Path) -> Duration {
    fs::create_dir_all(to).expect("mkdir");
    let mut total = Duration::ZERO;
    for entry in fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            total += age_each(args, &path, &to.join(path.file_name().expect("name")));
            continue;
        }
        let out = to.join(path.file_name().expect("name"));
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-o", s(&out), s(&path)]);
        total += age_synced(&all, &out);
    }
    total
}

fn dir_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let p = e.expect("entry").path();
            if p.is_dir() {
                dir_bytes(&p)
            } else {
                fs::metadata(&p).expect("meta").len()
            }
        })
        .sum()
}

fn backups(t: &Path, quick: bool) {
    use fieldnotes_core::restore::{restore, RestoreKey};
    let dir = t.join("bk");
    let mut v = create_at(&dir.join("v"));
    let card = v.card().expect("card");
    let id_file = dir.join("v.identity");
    v.export_identity_secret(&id_file).expect("identity");
    let case_id = case(&mut v, "BK-1");
    let (files, each) = if quick {
        (4, 64usize << 20)
    } else {
        (16, 128usize << 20)
    };
    for i in 0..files {
        let bytes = noise(each, 1000 + i);
        v.attach(case_id, "rec.wav", None, &mut &bytes[..])
            .expect("attach");
    }
    let usb = dir.join("usb");
    fs::create_dir(&usb).expect("usb");
    let (first, full) = timed(|| v.backup(&usb, None, &mut |_| {}).expect("backup"));
    let vault_bytes = dir_bytes(&v.dir().join("blobs"))
        + fs::metadata(v.dir().join("vault.db")).expect("db").len();
    let sealed = dir.join("age-sealed");
    let enc = age_each(&["-r", &card.age_recipient], v.dir(), &sealed);
    let extra = noise(10 << 20, 99);
    v.attach(case_id, "new.pdf", None, &mut &extra[..])
        .expect("attach");
    let (second, nightly) = timed(|| v.backup(&usb, None, &mut |_| {}).expect("backup"));
    let target = dir.join("restored");
    let (_, restored) = timed(|| {
        let (r, _) = restore(
            &second.path,
            &target,
            RestoreKey::Passphrase(&fieldnotes_test_support::secret(PASS)),
            false,
            &mut |_| {},
        )
        .expect("restore");
        r.lock().expect("lock");
    });
    let dec = age_each(&["-d", "-i", s(&id_file)], &sealed, &dir.join("age-opened"));
    println!(
        "
backups of a vault with {} MiB of attachments (% = age's time / ours, goal >= 80 %)",
        (files as usize * each) >> 20
    );
    ratio_line("first", vault_bytes, full, enc, "age -e+fsync");
    println!("  nightly after adding 10 MiB: {:>7.1} ms (goal: under 3 s beyond the passphrase KDF); first {:.0} MiB, then {:.0} MiB written", nightly.as_secs_f64() * 1e3, first.bytes_written as f64 / (1 << 20) as f64, second.bytes_written as f64 / (1 << 20) as f64);
    ratio_line("restore", vault_bytes, restored, dec, "age -d+fsync");
    let _ = fs::remove_dir_all(&dir);
}

/// Erasing a case of 1,000 notes and 200 MiB of attachments, beside the
/// same vault's files being deleted by the file system alone.
fn erasure(t: &Path, quick: bool) {
    use fieldnotes_core::{ErasureReason, NoteBody, NoteKind};
    let dir = t.join("erase");
    let mut v = create_at(&dir.join("v"));
    let case_id = case(&mut v, "ER-1");
    let (notes, files) = if quick { (200, 4) } else { (1_000, 20) };
    for i in 0..notes {
        let body = Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case: case_id,
            kind: NoteKind::FollowUp,
            when: None,
            place: Some("shelter".into()),
            present: vec![],
            interpreter: None,
            narrative: format!(
                "Follow-up {i}: accommodation, documents and the clinic. {}",
                "x".repeat(400)
            ),
            tags: vec![],
            draft: false,
        });
        v.add(body).expect("note");
    }
    for i in 0..files {
        let bytes = noise(10 << 20, 5000 + i);
        v.attach(
            case_id,
            "scan.pdf",
            Some("application/pdf".into()),
            &mut &bytes[..],
        )
        .expect("attach");
    }
    let copy = dir.join("copy");
    fs::create_dir(&copy).expect("copy");
    for e in fs::read_dir(v.dir().join("blobs")).expect("blobs") {
        let p = e.expect("entry").path();
        fs::copy(&p, copy.join(p.file_name().expect("name"))).expect("copy");
    }
    let (plan, took) = timed(|| {
        v.erase(case_id, ErasureReason::RetentionEnded)
            .expect("erase")
    });
    let (_, rm) = timed(|| fs::remove_dir_all(&copy).expect("rm"));
    println!(
        "\nerasing a case of {notes} notes and {} MiB of attachments ({} records, {} versions): {:.0} ms (goal < 2,000 ms); deleting the same files alone {:.0} ms",
        files * 10,
        plan.records.len(),
        plan.versions,
        took.as_secs_f64() * 1e3,
        rm.as_secs_f64() * 1e3
    );
    let _ = fs::remove_dir_all(&dir);
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let tmp = tempfile::tempdir().expect("tempdir");
    println!(
        "Fieldnotes attachment figures{}",
        if quick { " (quick)" } else { "" }
    );
    // `--only throughput,backups,erasure,memory` runs some parts only.
    let only: Option<String> = std::env::args().skip_while(|a| a != "--only").nth(1);
    let run = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == part))
    };
    if run("throughput") {
        throughput(tmp.path(), quick);
    }
    if run("backups") {
        backups(tmp.path(), quick);
    }
    if run("erasure") {
        erasure(tmp.path(), quick);
    }
    if run("memory") {
        memory(tmp.path(), quick);
    }
}
