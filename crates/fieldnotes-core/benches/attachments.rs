//! Attachment figures (issue "sealed files"), each beside its baseline in
//! the same run: Debian's `age` sealing and opening the same bytes, with
//! an fsync of its output as Fieldnotes fsyncs its own.
//!
//! 1. attach add, attach get, export and import of one file, 1 MiB to
//!    1 GiB, through the core's API;
//! 2. peak resident memory (VmHWM) of the real `fieldnotes` binary during
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
    ] {
        println!("  {name:<11} {:>6.1} MiB", kib as f64 / 1024.0);
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let tmp = tempfile::tempdir().expect("tempdir");
    println!(
        "Fieldnotes attachment figures{}",
        if quick { " (quick)" } else { "" }
    );
    throughput(tmp.path(), quick);
    memory(tmp.path(), quick);
}
