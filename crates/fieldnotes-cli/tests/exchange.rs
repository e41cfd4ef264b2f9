#![allow(clippy::unwrap_used)]
//! Bundles between vaults through the real `fieldnotes` binary: identity
//! cards and trust, export and import both ways, a three-laptop relay,
//! attachments and tombstones, conflicts and their resolution, and every
//! refusal (revoked sender, bundle for another laptop, damaged file, nothing
//! new, usage errors) with its exit status and message.
//!
//! Speed: every vault is created through the core at scrypt work factor 10,
//! so each command unlocks in milliseconds; only the binary is timed here.
//! Hygiene: as in `tests/cli.rs` (fieldnotes-test-support's `Bin`), each
//! command gets its vault and passphrase explicitly and a scrubbed
//! environment; no stderr may show panic text.

use std::fs;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use fieldnotes_test_support::{array, create_locked, head_body, noise, record, Bin};
use serde_json::Value;
use tempfile::TempDir;
use uuid::Uuid;

/// A temporary folder shared by several laptops: their vaults, the cards
/// and the bundle files they hand each other.
struct Office {
    tmp: TempDir,
}

/// One laptop: a vault made through the core, driven through the binary
/// (the `Bin` methods: `ok`, `json`, `new_id`, `fail`, …).
struct Laptop<'a> {
    office: &'a Office,
    name: &'static str,
    bin: Bin,
    id: Uuid,
}

impl Office {
    fn new() -> Office {
        Office {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// A locked vault created through the core at a low work factor; its
    /// name is set on its card through the binary.
    fn laptop(&self, name: &'static str) -> Laptop<'_> {
        let vault = self.path(name);
        let id = create_locked(&vault);
        let laptop = Laptop {
            office: self,
            name,
            bin: Bin::new(self.tmp.path(), &vault, name),
            id,
        };
        let card = self.path(&format!("{name}.card"));
        let out = laptop.ok(&["card", "--name", name, "--out", card.to_str().unwrap()]);
        assert!(out.contains("Fingerprint:"), "{out}");
        laptop
    }

    /// Files in the shared folder whose names mark them as half-written.
    fn leftovers(&self) -> Vec<String> {
        fs::read_dir(self.tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("partial"))
            .collect()
    }
}

impl Deref for Laptop<'_> {
    type Target = Bin;

    fn deref(&self) -> &Bin {
        &self.bin
    }
}

impl Laptop<'_> {
    /// This laptop's card file (written when it was set up).
    fn card(&self) -> PathBuf {
        self.office.path(&format!("{}.card", self.name))
    }

    /// Trusts `other` after "comparing" the fingerprint: the one printed
    /// when adding must be the one `other` printed for its own card.
    fn trust(&self, other: &Laptop<'_>) {
        let own = other.json(&["card"]);
        let fingerprint = own["fingerprint"].as_str().unwrap();
        assert_eq!(fingerprint.len(), 24, "{own}");
        let out = self.ok(&["trust", "add", other.card().to_str().unwrap(), "--yes"]);
        assert!(out.contains(fingerprint), "{out}");
        assert!(out.contains(&other.id.to_string()), "{out}");
        assert!(out.contains("Trusted"), "{out}");
    }

    /// Exports everything new for `to` into a fresh file in the office.
    fn export(&self, to: &[&Laptop<'_>], file: &str) -> PathBuf {
        self.export_with(to, file, &[])
    }

    fn export_with(&self, to: &[&Laptop<'_>], file: &str, extra: &[&str]) -> PathBuf {
        let path = self.office.path(file);
        let mut args = vec!["export".to_owned()];
        for t in to {
            args.push("--to".into());
            args.push(t.id.to_string());
        }
        args.push("--out".into());
        args.push(path.to_str().unwrap().into());
        args.extend(extra.iter().map(|s| (*s).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = self.ok(&args);
        assert!(out.contains("Wrote"), "{out}");
        assert!(path.is_file());
        path
    }

    /// Imports a bundle that must merge; returns the import report.
    fn import(&self, bundle: &Path) -> Value {
        let report = self.json(&["import", bundle.to_str().unwrap(), "--json"]);
        assert_eq!(report["already_imported"], false, "{report}");
        report
    }

    /// Adds case `code`, with the survivor's consent to share it with the
    /// lead and to photographs (exports and photos are not what these tests
    /// are about); returns the case's id.
    fn add_case(&self, args: &[&str]) -> Uuid {
        let case = self.new_id(&[&["case", "add"], args].concat());
        let code = args[1];
        for scope in ["share_with_lead", "photographs"] {
            self.new_id(&["consent", "add", "--case", code, "--scope", scope]);
        }
        case
    }

    /// `records --json`, byte for byte.
    fn records(&self) -> String {
        self.ok(&["records", "--json"])
    }
}

// ---------------------------------------------------------------------------

#[test]
fn two_laptops_exchange_both_ways_with_attachments_and_tombstones() {
    let office = Office::new();
    let worker = office.laptop("worker");
    let lead = office.laptop("lead");
    worker.trust(&lead);
    lead.trust(&worker);

    // The worker records a case in the field.
    let case = worker.add_case(&["--code", "RO-7", "--name", "Ioana Marin"]);
    let note = worker.new_id(&[
        "note",
        "add",
        "--case",
        "RO-7",
        "--kind",
        "intake",
        "--text",
        "Intake at the shelter.",
    ]);
    worker.ok(&[
        "note",
        "edit",
        &note.to_string(),
        "--text",
        "Intake at the shelter; interpreter present.",
    ]);
    let mistake = worker.new_id(&["note", "add", "--case", "RO-7", "--text", "Wrong case."]);
    worker.ok(&["delete", &mistake.to_string()]);
    let need = worker.new_id(&[
        "need",
        "add",
        "--case",
        "RO-7",
        "--category",
        "medical_health",
    ]);
    let content = noise(1024 * 1024 + 333, 1);
    let scan = office.path("scan.pdf");
    fs::write(&scan, &content).unwrap();
    let attachment = worker.new_id(&[
        "attach",
        "add",
        "--case",
        "RO-7",
        "--type",
        "application/pdf",
        scan.to_str().unwrap(),
    ]);

    // worker → lead
    let b1 = worker.export(&[&lead], "b1.fnb");
    let bytes = fs::read(&b1).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    for secret in ["Ioana", "Intake", "shelter", "RO-7"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret} in the bundle file"
        );
    }
    let report = lead.import(&b1);
    // Two of them are the survivor's consents (to share, to photographs).
    assert_eq!(report["new_versions"], 9, "{report}");
    assert_eq!(report["new_records"], 7, "{report}");
    assert_eq!(report["new_blobs"], 1, "{report}");
    assert_eq!(report["sender"], worker.id.to_string());
    assert_eq!(array(&report["conflicts"]).len(), 0);
    assert_eq!(lead.records(), worker.records());
    // The tombstone travelled: the record is gone, its history is there.
    let records = lead.records();
    assert!(!records.contains(&mistake.to_string()), "{records}");
    let history = lead.json(&["history", &mistake.to_string(), "--json"]);
    assert_eq!(array(&history).len(), 2);
    assert_eq!(history[1]["body"], Value::Null);
    assert_eq!(
        lead.ok(&["history", &note.to_string(), "--json"]),
        worker.ok(&["history", &note.to_string(), "--json"])
    );
    // The restricted section travels too, and shows only on demand.
    assert!(!records.contains("Ioana"));
    let shown = lead.ok(&["case", "show", "RO-7", "--reveal", "--json"]);
    assert!(shown.contains("Ioana Marin"), "{shown}");
    // The attachment comes out byte for byte.
    let back = office.path("scan-at-lead.pdf");
    lead.ok(&[
        "attach",
        "get",
        &attachment.to_string(),
        "--out",
        back.to_str().unwrap(),
    ]);
    assert!(
        fs::read(&back).unwrap() == content,
        "attachment bytes differ"
    );

    // The same bundle again: a no-op that says so.
    let again = lead.ok(&["import", b1.to_str().unwrap()]);
    assert!(again.contains("already imported"), "{again}");
    let again = lead.json(&["import", b1.to_str().unwrap(), "--json"]);
    assert_eq!(again["already_imported"], true, "{again}");
    assert_eq!(lead.records(), worker.records());

    // lead → worker: an edit, a new follow-up, a deletion and an attachment.
    lead.ok(&[
        "need",
        "set",
        &need.to_string(),
        "--priority",
        "high",
        "--target",
        "GP surgery",
    ]);
    let task = lead.new_id(&[
        "followup",
        "add",
        "--case",
        "RO-7",
        "--title",
        "Book the GP",
    ]);
    lead.ok(&["delete", &note.to_string()]);
    let letter = noise(200_000, 2);
    let letter_file = office.path("letter.jpg");
    fs::write(&letter_file, &letter).unwrap();
    let letter_id = lead.new_id(&[
        "attach",
        "add",
        "--case",
        "RO-7",
        letter_file.to_str().unwrap(),
    ]);
    let b2 = lead.export(&[&worker], "b2.fnb");
    let report = worker.import(&b2);
    assert_eq!(report["new_versions"], 4, "{report}");
    assert_eq!(report["new_blobs"], 1, "{report}");
    let records = worker.records();
    assert_eq!(records, lead.records());
    assert!(
        !records.contains(&note.to_string()),
        "the deletion travelled"
    );
    assert_eq!(head_body(&records, need)["priority"], "high");
    assert_eq!(head_body(&records, need)["referral_target"], "GP surgery");
    assert_eq!(head_body(&records, task)["title"], "Book the GP");
    assert_eq!(head_body(&records, case)["code"], "RO-7");
    let got = office.path("letter-at-worker.jpg");
    worker.ok(&[
        "attach",
        "get",
        &letter_id.to_string(),
        "--out",
        got.to_str().unwrap(),
    ]);
    assert!(fs::read(&got).unwrap() == letter, "attachment bytes differ");

    // Nothing new either way: a clear refusal, no file written.
    for (from, to) in [(&worker, &lead), (&lead, &worker)] {
        let out = office.path(&format!("empty-from-{}.fnb", from.name));
        let err = from.fail(
            &[
                "export",
                "--to",
                &to.id.to_string(),
                "--out",
                out.to_str().unwrap(),
            ],
            1,
        );
        assert!(err.contains("Nothing changed"), "{err}");
        assert!(err.contains("--all"), "{err}");
        assert!(!out.exists());
    }

    // A lost bundle is sent again with --all (or --case): only known
    // versions, which the other side takes as a no-op merge.
    let resent = worker.export_with(&[&lead], "b1-again.fnb", &["--all"]);
    let report = lead.import(&resent);
    assert_eq!(report["new_versions"], 0, "{report}");
    assert!(report["known_versions"].as_u64().unwrap() >= 11, "{report}");
    let by_case = lead.export_with(&[&worker], "by-case.fnb", &["--case", "RO-7"]);
    let report = worker.import(&by_case);
    assert_eq!(report["new_versions"], 0, "{report}");
    assert_eq!(worker.records(), lead.records());

    for laptop in [&worker, &lead] {
        let out = laptop.ok(&["check"]);
        assert!(out.contains("valid signatures"), "{out}");
        let events = laptop.ok(&["audit"]);
        assert!(events.contains("bundle_exported"), "{events}");
        assert!(events.contains("bundle_imported"), "{events}");
    }
    assert!(office.leftovers().is_empty(), "{:?}", office.leftovers());
}

#[test]
fn a_lead_relays_one_workers_records_to_another() {
    let office = Office::new();
    let a = office.laptop("worker-a");
    let lead = office.laptop("lead");
    let b = office.laptop("worker-b");
    a.trust(&lead);
    lead.trust(&a);
    lead.trust(&b);
    b.trust(&lead);

    a.add_case(&["--code", "UK-3"]);
    let note = a.new_id(&["note", "add", "--case", "UK-3", "--text", "Court date set."]);
    let doomed = a.new_id(&["note", "add", "--case", "UK-3", "--text", "Duplicate."]);
    a.ok(&["delete", &doomed.to_string()]);
    let photo = noise(300_000, 3);
    let photo_file = office.path("photo.jpg");
    fs::write(&photo_file, &photo).unwrap();
    let photo_id = a.new_id(&[
        "attach",
        "add",
        "--case",
        "UK-3",
        photo_file.to_str().unwrap(),
    ]);
    let to_lead = a.export(&[&lead], "a-to-lead.fnb");
    lead.import(&to_lead);
    lead.new_id(&[
        "followup",
        "add",
        "--case",
        "UK-3",
        "--title",
        "Ask worker B to attend",
    ]);

    // The lead's bundle to B carries A's versions, each signed by A. B does
    // not know A yet: the whole bundle is refused and nothing changes.
    let to_b = lead.export(&[&b], "lead-to-b.fnb");
    let before = b.records();
    let err = b.fail(&["import", to_b.to_str().unwrap()], 5);
    assert!(err.contains(&a.id.to_string()), "{err}");
    assert!(err.contains("trust"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(b.records(), before);

    // Once B has compared A's fingerprint, the very same bundle imports.
    b.trust(&a);
    let report = b.import(&to_b);
    assert_eq!(report["sender"], lead.id.to_string());
    assert_eq!(report["new_blobs"], 1, "{report}");
    let records = b.records();
    assert_eq!(records, lead.records());
    // A has everything but the lead's follow-up: the lead sends it back.
    let back = lead.export(&[&a], "lead-to-a.fnb");
    a.import(&back);
    assert_eq!(a.records(), records);
    assert_eq!(head_body(&records, note)["narrative"], "Court date set.");
    assert!(!records.contains(&doomed.to_string()));
    let got = office.path("photo-at-b.jpg");
    b.ok(&[
        "attach",
        "get",
        &photo_id.to_string(),
        "--out",
        got.to_str().unwrap(),
    ]);
    assert!(fs::read(&got).unwrap() == photo, "attachment bytes differ");

    // B answers; the lead relays B's edit to A.
    b.ok(&[
        "note",
        "edit",
        &note.to_string(),
        "--text",
        "Court date set; B will attend.",
    ]);
    let from_b = b.export(&[&lead], "b-to-lead.fnb");
    lead.import(&from_b);
    a.trust(&b);
    let relay = lead.export(&[&a], "lead-to-a-2.fnb");
    a.import(&relay);
    let ra = a.records();
    assert_eq!(ra, lead.records());
    assert_eq!(ra, b.records());
    assert_eq!(
        head_body(&ra, note)["narrative"],
        "Court date set; B will attend."
    );

    // One bundle to two recipients reaches both.
    a.ok(&[
        "note",
        "add",
        "--case",
        "UK-3",
        "--text",
        "Both should see this.",
    ]);
    let both = a.export(&[&lead, &b], "a-to-both.fnb");
    lead.import(&both);
    b.import(&both);
    assert_eq!(lead.records(), a.records());
    assert_eq!(b.records(), a.records());
}

#[test]
fn concurrent_edits_are_both_kept_and_resolved_on_one_side() {
    let office = Office::new();
    let worker = office.laptop("worker");
    let lead = office.laptop("lead");
    worker.trust(&lead);
    lead.trust(&worker);

    let case = worker.add_case(&["--code", "RO-9"]);
    let note = worker.new_id(&["note", "add", "--case", "RO-9", "--text", "Shared note."]);
    let other = worker.new_id(&["note", "add", "--case", "RO-9", "--text", "Keep me."]);
    let first = worker.export(&[&lead], "1.fnb");
    lead.import(&first);

    // Offline on both laptops: the same records changed differently, and
    // one deleted what the other edited.
    let w_note = worker.ok(&[
        "note",
        "edit",
        &note.to_string(),
        "--text",
        "Worker's words.",
    ]);
    let l_note = lead.ok(&["note", "edit", &note.to_string(), "--text", "Lead's words."]);
    worker.ok(&["case", "set", "RO-9", "--risk", "high"]);
    lead.ok(&["case", "set", "RO-9", "--status", "closed"]);
    worker.ok(&["delete", &other.to_string()]);
    lead.ok(&[
        "note",
        "edit",
        &other.to_string(),
        "--text",
        "Keep me, edited.",
    ]);

    let from_worker = worker.export(&[&lead], "2.fnb");
    let from_lead = lead.export(&[&worker], "3.fnb");
    let out = lead.ok(&["import", from_worker.to_str().unwrap()]);
    assert!(
        out.contains("3 records now have conflicting versions"),
        "{out}"
    );
    assert!(out.contains("fieldnotes conflicts"), "{out}");
    let report = worker.import(&from_lead);
    assert_eq!(array(&report["conflicts"]).len(), 3, "{report}");

    // Both laptops list the same conflicts with both values.
    let listing = lead.ok(&["conflicts", "--json"]);
    assert_eq!(listing, worker.ok(&["conflicts", "--json"]));
    assert_eq!(
        lead.records(),
        worker.records(),
        "converged before resolving"
    );
    let conflicts: Value = serde_json::from_str(&listing).unwrap();
    assert_eq!(array(&conflicts).len(), 3, "{conflicts}");
    for r in array(&conflicts) {
        assert_eq!(r["conflict"], true);
        assert_eq!(array(&r["heads"]).len(), 2, "{r}");
    }
    let heads =
        |id: Uuid| -> Vec<Value> { array(&record(&conflicts, id).unwrap()["heads"]).clone() };
    let narratives: Vec<String> = heads(note)
        .iter()
        .map(|h| h["body"]["narrative"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        narratives.contains(&"Worker's words.".to_owned()),
        "{narratives:?}"
    );
    assert!(
        narratives.contains(&"Lead's words.".to_owned()),
        "{narratives:?}"
    );
    let note_versions: Vec<String> = heads(note)
        .iter()
        .map(|h| h["version_id"].as_str().unwrap().to_owned())
        .collect();
    assert!(note_versions.contains(&w_note.trim().to_owned()));
    assert!(note_versions.contains(&l_note.trim().to_owned()));
    let other_heads = heads(other);
    assert!(
        other_heads.iter().any(|h| h["body"].is_null()),
        "the deletion is one head: {other_heads:?}"
    );
    let plain = lead.ok(&["conflicts"]);
    assert_eq!(plain.matches("CONFLICT").count(), 3, "{plain}");
    // A plain edit is refused while the conflict stands.
    let err = lead.fail(&["note", "edit", &note.to_string(), "--text", "x"], 1);
    assert!(err.contains("conflicting versions"), "{err}");

    // Wrong ways to resolve, each refused with a reason.
    let err = lead.fail(
        &[
            "resolve",
            &note.to_string(),
            "--keep",
            &Uuid::now_v7().to_string(),
        ],
        1,
    );
    assert!(err.contains("not one of the conflicting versions"), "{err}");
    let err = lead.fail(&["resolve", &case.to_string(), "--text", "x"], 1);
    assert!(err.contains("--keep"), "{err}");
    lead.fail(&["resolve", &note.to_string()], 2);
    lead.fail(
        &[
            "resolve",
            &note.to_string(),
            "--keep",
            w_note.trim(),
            "--text",
            "both",
        ],
        2,
    );
    assert_eq!(lead.records(), worker.records(), "refusals changed nothing");

    // The lead resolves: merged text for the note, the worker's version of
    // the case, and the edit over the deletion.
    let case_heads = heads(case);
    let workers_case = case_heads
        .iter()
        .find(|h| h["author"] == worker.id.to_string())
        .unwrap();
    let keep_edit = other_heads.iter().find(|h| !h["body"].is_null()).unwrap();
    lead.ok(&[
        "resolve",
        &note.to_string(),
        "--text",
        "Worker's and lead's words, merged.",
    ]);
    lead.ok(&[
        "resolve",
        &case.to_string(),
        "--keep",
        workers_case["version_id"].as_str().unwrap(),
    ]);
    let out = lead.ok(&[
        "resolve",
        &other.to_string(),
        "--keep",
        keep_edit["version_id"].as_str().unwrap(),
    ]);
    assert!(out.contains("Resolved"), "{out}");
    assert!(lead.ok(&["conflicts"]).contains("No conflicts"));
    assert_eq!(lead.json(&["conflicts", "--json"]), serde_json::json!([]));
    let err = lead.fail(&["resolve", &note.to_string(), "--text", "again"], 1);
    assert!(err.contains("no conflict"), "{err}");

    // The resolutions travel back like any edit; both laptops converge.
    let resolved = lead.export(&[&worker], "4.fnb");
    let report = worker.import(&resolved);
    assert_eq!(report["new_versions"], 3, "{report}");
    assert_eq!(array(&report["conflicts"]).len(), 0, "{report}");
    assert!(worker.ok(&["conflicts"]).contains("No conflicts"));
    let records = worker.records();
    assert_eq!(records, lead.records());
    assert_eq!(
        head_body(&records, note)["narrative"],
        "Worker's and lead's words, merged."
    );
    assert_eq!(head_body(&records, case)["risk"], "high");
    assert_eq!(head_body(&records, case)["status"], "open");
    assert_eq!(head_body(&records, other)["narrative"], "Keep me, edited.");
    let history = worker.json(&["history", &note.to_string(), "--json"]);
    let merge = array(&history).last().unwrap();
    assert_eq!(array(&merge["parents"]).len(), 2, "{merge}");
    // Nothing was lost: every version of the note is in its history.
    for v in &note_versions {
        assert!(
            array(&history)
                .iter()
                .any(|h| h["version_id"] == *v.as_str()),
            "{v} lost"
        );
    }
    // And the worker can edit again.
    worker.ok(&[
        "note",
        "edit",
        &note.to_string(),
        "--text",
        "After the merge.",
    ]);
}

#[test]
fn refused_bundles_exit_5_with_a_reason_and_change_nothing() {
    let office = Office::new();
    let worker = office.laptop("worker");
    let lead = office.laptop("lead");
    let other = office.laptop("other");
    worker.trust(&lead);
    lead.trust(&worker);
    worker.trust(&other);

    worker.add_case(&["--code", "RO-11"]);
    worker.ok(&["note", "add", "--case", "RO-11", "--text", "Before."]);
    let first = worker.export(&[&lead], "first.fnb");
    lead.import(&first);

    // A bundle for another laptop.
    let elsewhere = worker.export(&[&other], "for-other.fnb");
    let before = lead.records();
    let err = lead.fail(&["import", elsewhere.to_str().unwrap()], 5);
    assert!(err.contains("not addressed to this laptop"), "{err}");
    assert_eq!(lead.records(), before);

    // Damaged files: cut short at many lengths, emptied, replaced by noise.
    worker.ok(&["note", "add", "--case", "RO-11", "--text", "Later."]);
    let later = worker.export(&[&lead], "later.fnb");
    let bytes = fs::read(&later).unwrap();
    let cut = office.path("cut.fnb");
    for len in [
        0,
        10,
        21,
        22,
        100,
        bytes.len() / 2,
        bytes.len() - 17,
        bytes.len() - 1,
    ] {
        fs::write(&cut, &bytes[..len]).unwrap();
        let err = lead.fail(&["import", cut.to_str().unwrap()], 5);
        assert!(err.contains("damaged, cut short"), "cut at {len}: {err}");
        assert!(err.contains("nothing was imported"), "cut at {len}: {err}");
        assert_eq!(lead.records(), before, "cut at {len}");
    }
    fs::write(&cut, noise(4096, 4)).unwrap();
    let err = lead.fail(&["import", cut.to_str().unwrap()], 5);
    assert!(err.contains("damaged"), "{err}");
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    fs::write(&cut, &flipped).unwrap();
    let err = lead.fail(&["import", cut.to_str().unwrap()], 5);
    assert!(err.contains("damaged"), "{err}");
    let missing = office.path("no-such.fnb");
    let err = lead.fail(&["import", missing.to_str().unwrap()], 1);
    assert!(err.contains("no-such.fnb"), "{err}");
    assert_eq!(lead.records(), before);

    // Revocation: a bundle from the revoked laptop is refused, even one
    // written before the revocation; what it sent before stays.
    let out = lead.ok(&["trust", "revoke", &worker.id.to_string()]);
    assert!(out.contains("Revoked"), "{out}");
    let err = lead.fail(&["import", later.to_str().unwrap()], 5);
    assert!(err.contains("revoked"), "{err}");
    assert!(err.contains(&worker.id.to_string()), "{err}");
    assert_eq!(lead.records(), before);
    assert!(before.contains("Before."), "earlier records stay");
    worker.ok(&["note", "add", "--case", "RO-11", "--text", "After."]);
    let after = worker.export(&[&lead], "after.fnb");
    let err = lead.fail(&["import", after.to_str().unwrap()], 5);
    assert!(err.contains("revoked"), "{err}");
    assert_eq!(lead.records(), before);
    let roster = lead.ok(&["trust", "list"]);
    assert!(roster.contains("REVOKED"), "{roster}");
    // Revocation is for good: adding the card again does not undo it.
    let err = lead.fail(
        &["trust", "add", worker.card().to_str().unwrap(), "--yes"],
        1,
    );
    assert!(err.contains("was revoked"), "{err}");
    assert!(lead.ok(&["trust", "list"]).contains("REVOKED"));
    let roster = lead.json(&["trust", "list", "--json"]);
    let entry = array(&roster)
        .iter()
        .find(|d| d["device_id"] == worker.id.to_string())
        .unwrap();
    assert!(entry["revoked_at"].is_string(), "{entry}");
    // Nothing is sent to a revoked laptop either.
    lead.ok(&["note", "add", "--case", "RO-11", "--text", "Lead's note."]);
    let out = office.path("to-revoked.fnb");
    let err = lead.fail(
        &[
            "export",
            "--to",
            &worker.id.to_string(),
            "--out",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("revoked"), "{err}");
    assert!(!out.exists());

    // Export refusals: an unknown laptop, an existing file.
    let err = worker.fail(
        &[
            "export",
            "--to",
            &Uuid::new_v4().to_string(),
            "--out",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("not in the roster"), "{err}");
    assert!(!out.exists());
    let kept = fs::read(&first).unwrap();
    let err = worker.fail(
        &[
            "export",
            "--to",
            &lead.id.to_string(),
            "--all",
            "--out",
            first.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("first.fnb"), "{err}");
    assert!(
        fs::read(&first).unwrap() == kept,
        "an existing file was overwritten"
    );

    // Cards: junk, and one's own.
    let junk = office.path("junk.card");
    fs::write(&junk, "{\"format\":\"something else\"}").unwrap();
    // (The message is pinned in tests/cmd/vault.trycmd.)
    lead.fail(&["trust", "add", junk.to_str().unwrap(), "--yes"], 1);
    let err = lead.fail(&["trust", "add", lead.card().to_str().unwrap(), "--yes"], 1);
    assert!(err.contains("own card"), "{err}");
    assert!(office.leftovers().is_empty(), "{:?}", office.leftovers());
}

#[test]
fn usage_errors_exit_2() {
    let office = Office::new();
    let lead = office.laptop("lead");
    let out = office.path("x.fnb");
    let out = out.to_str().unwrap();
    let err = lead.fail(&["export", "--out", out], 2);
    assert!(err.contains("--to"), "{err}");
    let err = lead.fail(&["export", "--to", "not-a-device", "--out", out], 2);
    assert!(err.contains("not-a-device"), "{err}");
    lead.fail(&["export", "--to", &Uuid::new_v4().to_string()], 2);
    lead.fail(
        &[
            "export",
            "--to",
            &Uuid::new_v4().to_string(),
            "--out",
            out,
            "--all",
            "--case",
            "RO-1",
        ],
        2,
    );
    lead.fail(&["import"], 2);
    lead.fail(&["trust", "add"], 2);
    lead.fail(&["trust", "revoke", "nobody"], 2);
    lead.fail(&["resolve"], 2);
    lead.fail(&["resolve", "1234", "--text", "x"], 2);
    lead.fail(&["identity", "export-secret"], 2);
    assert!(!Path::new(out).exists());
    // None of that touched the vault.
    assert_eq!(lead.json(&["records", "--json"]), serde_json::json!([]));
}

#[test]
fn a_revocation_travels_to_a_colleague_in_the_leads_bundle() {
    let office = Office::new();
    let worker = office.laptop("worker");
    let lead = office.laptop("lead");
    let colleague = office.laptop("colleague");
    for (a, b) in [(&worker, &lead), (&worker, &colleague), (&lead, &colleague)] {
        a.trust(b);
        b.trust(a);
    }
    worker.add_case(&["--code", "RO-30"]);
    worker.ok(&["note", "add", "--case", "RO-30", "--text", "Testimony."]);
    let first = worker.export(&[&lead], "first.fnb");
    lead.import(&first);
    lead.ok(&["trust", "revoke", &worker.id.to_string()]);

    // The lead's next bundle, even with nothing else new, carries it.
    let out = lead.ok(&[
        "export",
        "--to",
        &colleague.id.to_string(),
        "--out",
        office.path("lead.fnb").to_str().unwrap(),
    ]);
    assert!(out.contains("1 signed revocation"), "{out}");
    let out = colleague.ok(&["import", office.path("lead.fnb").to_str().unwrap()]);
    assert!(
        out.contains("Revoked here on a colleague's signed word"),
        "{out}"
    );
    assert!(out.contains(&worker.id.to_string()), "{out}");
    let roster = colleague.ok(&["trust", "list"]);
    let line = roster
        .lines()
        .find(|l| l.starts_with(&worker.id.to_string()))
        .unwrap();
    assert!(
        line.contains("REVOKED") && line.ends_with("by lead"),
        "{roster}"
    );
    // The worker's testimony came along, vouched for by the lead.
    assert!(colleague.records().contains("Testimony."));

    // Whoever has the lost laptop now is refused by the colleague too.
    worker.ok(&["note", "add", "--case", "RO-30", "--text", "Rewritten."]);
    let later = worker.export(&[&colleague], "later.fnb");
    let before = colleague.records();
    let err = colleague.fail(&["import", later.to_str().unwrap()], 5);
    assert!(err.contains("revoked"), "{err}");
    assert_eq!(colleague.records(), before);
}
