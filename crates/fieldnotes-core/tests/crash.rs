//! Crash safety: a child process writes records as fast as it can and is
//! killed with SIGKILL at a random moment, over and over; after each kill the
//! vault must open, hold every record the child reported as committed, pass
//! SQLite's integrity check and verify its audit chain and signatures, and
//! every committed attachment must have its sealed file (no orphan left).
//!
//! Built with `harness = false`: `main` is both the parent (the test) and,
//! when `FIELDNOTES_CRASH_CHILD` names a vault folder, the child.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context};
use fieldnotes_core::{Body, Vault};
use fieldnotes_test_support::*;
use uuid::Uuid;

const CHILD_ENV: &str = "FIELDNOTES_CRASH_CHILD";
const ROUND_ENV: &str = "FIELDNOTES_CRASH_ROUND";
const ROUNDS: u32 = 24;
const CASE_CODE: &str = "CRASH-1";
const NAME: &str = "crash";

fn main() -> ExitCode {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        child(Path::new(&dir));
    }
    if !selected() {
        println!("{NAME}: 0 passed, 0 failed (filtered out)");
        return ExitCode::SUCCESS;
    }
    let started = Instant::now();
    match parent() {
        Ok(summary) => {
            eprintln!("{summary} in {:.1} s", started.elapsed().as_secs_f64());
            println!("{NAME}: 1 passed, 0 failed");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{NAME} FAILED: {e:#}");
            println!("{NAME}: 0 passed, 1 failed");
            ExitCode::FAILURE
        }
    }
}

/// Honours the libtest arguments that matter when cargo passes them on:
/// name filters (`--exact` too), `--ignored` (this test is not ignored) and
/// `--list`.
fn selected() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("{NAME}: test");
        std::process::exit(0);
    }
    if args.iter().any(|a| a == "--ignored") {
        return false;
    }
    let exact = args.iter().any(|a| a == "--exact");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    filters.is_empty()
        || filters.iter().any(|f| {
            if exact {
                *f == NAME
            } else {
                NAME.contains(f.as_str())
            }
        })
}

/// Content of the `n`th attachment of a child: 600 KB, so two chunks.
fn attachment_bytes(round: u32, n: u64) -> Vec<u8> {
    let mut x = (u64::from(round) << 32) ^ n ^ 0x9E37_79B9_7F4A_7C15;
    (0..600_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// The child: writes forever, reporting each committed write on stdout.
///
/// Lines: `note <record> <version>`, `upd <record> <version>`,
/// `att <record> <version> <blake3>`.
fn child(dir: &Path) -> ! {
    let round: u32 = std::env::var(ROUND_ENV)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let result = (|| -> anyhow::Result<()> {
        let mut vault = unlock_vault(dir)?;
        let case = vault.case_id(CASE_CODE)?;
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let mut last_note = None;
        for i in 0u64.. {
            if i % 10 == 9 {
                let content = attachment_bytes(round, i);
                let v = vault.attach(case, &format!("scan-{i}.bin"), None, &mut &content[..])?;
                let hash = blake3::hash(&content);
                writeln!(
                    out,
                    "att {} {} {}",
                    v.record_id,
                    v.version_id,
                    hash.to_hex()
                )?;
            } else if let (true, Some(id)) = (i % 4 == 3, last_note) {
                let v = vault.update(id, note(case, &format!("round {round} edit {i}")))?;
                writeln!(out, "upd {} {}", v.record_id, v.version_id)?;
            } else {
                let v = vault.add(note(case, &format!("round {round} note {i}")))?;
                last_note = Some(v.record_id);
                writeln!(out, "note {} {}", v.record_id, v.version_id)?;
            }
            out.flush()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        eprintln!("crash child: {e:#}");
        std::process::exit(3);
    }
    std::process::exit(0);
}

fn unlock_vault(dir: &Path) -> anyhow::Result<Vault> {
    Ok(Vault::unlock(dir, &secret(PASS))?)
}

/// A committed write the child reported.
#[derive(Debug)]
enum Reported {
    Note { version: Uuid },
    Update { version: Uuid },
    Attachment { version: Uuid, blake3: String },
}

fn parse_line(line: &str) -> anyhow::Result<(Uuid, Reported)> {
    let parts: Vec<&str> = line.split(' ').collect();
    let uuid = |i: usize| -> anyhow::Result<Uuid> {
        let s = parts.get(i).context("short line")?;
        Uuid::parse_str(s).with_context(|| format!("bad id in {line:?}"))
    };
    let reported = match (parts.first().copied(), parts.len()) {
        (Some("note"), 3) => Reported::Note { version: uuid(2)? },
        (Some("upd"), 3) => Reported::Update { version: uuid(2)? },
        (Some("att"), 4) => Reported::Attachment {
            version: uuid(2)?,
            blake3: parts[3].to_owned(),
        },
        _ => bail!("unexpected line from child: {line:?}"),
    };
    Ok((uuid(1)?, reported))
}

struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        Rng((nanos ^ (u64::from(std::process::id()) << 32)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Runs one child until a random moment, kills it, returns what it reported.
fn run_child(dir: &Path, round: u32, wait: Duration) -> anyhow::Result<Vec<(Uuid, Reported)>> {
    let exe = std::env::current_exe().context("current_exe")?;
    let mut child = Command::new(exe)
        .env(CHILD_ENV, dir)
        .env(ROUND_ENV, round.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("spawn child")?;
    let stdout = child.stdout.take().context("child stdout")?;
    // Read continuously, so a full pipe never slows the child down.
    let reader = std::thread::spawn(move || -> anyhow::Result<Vec<String>> {
        let mut lines = Vec::new();
        let mut r = BufReader::new(stdout);
        loop {
            let mut line = String::new();
            if r.read_line(&mut line)? == 0 {
                break;
            }
            // A line cut short by the kill was never fully reported.
            if let Some(complete) = line.strip_suffix('\n') {
                lines.push(complete.to_owned());
            }
        }
        Ok(lines)
    });
    std::thread::sleep(wait);
    let early = child.try_wait().context("try_wait")?;
    child.kill().context("kill child")?; // SIGKILL on Unix
    child.wait().context("wait child")?;
    let lines = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reader thread panicked"))??;
    if let Some(status) = early {
        bail!("round {round}: the child exited by itself ({status}) before the kill");
    }
    lines.iter().map(|l| parse_line(l)).collect()
}

fn parent() -> anyhow::Result<String> {
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("vault");
    let mut vault = Vault::create(&dir, &secret(PASS), opts())?;
    vault.add(case(CASE_CODE))?;
    vault.lock()?;

    let mut rng = Rng::seeded();
    // record id -> versions the children reported for it
    let mut reported: BTreeMap<Uuid, Vec<Reported>> = BTreeMap::new();
    let mut records_reported = 0usize;
    let mut writes = 0usize;
    // Attachments whose content was read back once already.
    let mut content_checked = BTreeSet::new();
    for round in 0..ROUNDS {
        let wait = Duration::from_millis(50 + rng.next() % 351);
        let lines = run_child(&dir, round, wait)?;
        writes += lines.len();
        for (id, r) in lines {
            if !matches!(r, Reported::Update { .. }) {
                records_reported += 1;
            }
            reported.entry(id).or_default().push(r);
        }

        let vault = unlock_vault(&dir)
            .with_context(|| format!("round {round}: the vault no longer opens"))?;
        check(
            &vault,
            &reported,
            &mut content_checked,
            records_reported,
            round,
        )
        .with_context(|| format!("round {round} (child ran {wait:?})"))?;
        vault.lock()?;
    }
    ensure!(
        records_reported > ROUNDS as usize,
        "the children reported only {records_reported} records: the test proved little"
    );
    Ok(format!(
        "crash: {ROUNDS} kills, {writes} reported writes, {records_reported} records"
    ))
}

fn check(
    vault: &Vault,
    reported: &BTreeMap<Uuid, Vec<Reported>>,
    content_checked: &mut BTreeSet<Uuid>,
    records_reported: usize,
    round: u32,
) -> anyhow::Result<()> {
    ensure!(vault.integrity_check()?, "integrity check failed");
    vault.verify_audit().context("audit chain")?;
    let versions = vault.verify_signatures().context("signatures")?;
    // Every committed attachment has its sealed file, every file opens,
    // and what a kill left half-written was swept at this unlock.
    let files = vault.check_attachments(&mut |_| {})?;
    ensure!(
        files.is_sound() && files.orphans.is_empty(),
        "sealed files after the kill: {files:?}"
    );
    for (id, reports) in reported {
        let head = vault
            .current(*id)
            .with_context(|| format!("reported record {id} is not there"))?;
        let history: Vec<Uuid> = vault.history(*id)?.iter().map(|v| v.version_id).collect();
        for r in reports {
            let (Reported::Note { version }
            | Reported::Update { version }
            | Reported::Attachment { version, .. }) = r;
            ensure!(
                history.contains(version),
                "reported version {version} of {id} is missing"
            );
            if let Reported::Attachment { blake3, .. } = r {
                let Some(Body::Attachment(a)) = &head.body else {
                    bail!("{id} is not an attachment");
                };
                ensure!(&a.blake3 == blake3, "attachment {id} hash differs");
                if !content_checked.insert(*id) {
                    continue;
                }
                let mut out = Vec::new();
                vault.read_attachment(*id, &mut out)?;
                ensure!(
                    blake3::hash(&out).to_hex().as_str() == blake3,
                    "attachment {id} content differs"
                );
            }
        }
    }
    // Nothing appears that nobody wrote: besides the case, at most one
    // committed-but-unreported record per killed child.
    let live = vault.records()?.len() - 1;
    let rounds = round as usize + 1;
    ensure!(
        live >= records_reported && live <= records_reported + rounds,
        "{live} records stored, {records_reported} reported after {rounds} kills"
    );
    ensure!(
        versions as usize > live,
        "{versions} versions for {live} records"
    );
    Ok(())
}
