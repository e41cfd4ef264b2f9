//! Golden vectors of a revocation that travels, written once by an earlier
//! build and committed under `tests/golden/revocation-v1/`: a signed
//! revocation statement (format 1) with the card of the laptop that signed
//! it, the colleague's vault (locked, before any import), the lead's bundle
//! carrying the statement and a note of the revoked laptop the lead vouched
//! for, and a bundle the revoked laptop wrote afterwards. Every later build
//! must verify the statement and, importing both bundles in that order,
//! revoke the laptop on the lead's word, keep the vouched note and refuse
//! the later bundle. The generator is `#[ignore]`d and refuses to
//! overwrite them.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::revocation::SignedRevocation;
use fieldnotes_core::roster::Card;
use fieldnotes_core::{Body, Error, Vault};
use fieldnotes_test_support::*;
use serde_json::Value;
use uuid::Uuid;

const PASS: &str = "golden vector amber lighthouse seventeen";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/revocation-v1")
}

fn vault(tmp: &Path, name: &str) -> Vault {
    let mut v = Vault::create(&tmp.join(name), &secret(PASS), opts()).expect("vault");
    v.set_device_name(name).expect("name");
    v
}

#[test]
#[ignore = "writes the golden files once; never rerun after they are committed"]
fn generate_golden_revocation() {
    let out = dir();
    assert!(!out.exists(), "golden files are never regenerated");
    let tmp = tempfile::tempdir().expect("tmp");
    let mut worker = vault(tmp.path(), "worker");
    let mut lead = vault(tmp.path(), "lead");
    let mut colleague = vault(tmp.path(), "colleague");
    trust_each_other(&mut [&mut worker, &mut lead, &mut colleague]);
    let c = worker.add(case("GOLD-R1")).expect("case").record_id;
    share_with_lead(&mut worker, c);
    let n = worker
        .add(note(c, "Declarație înainte de revocare."))
        .expect("note")
        .record_id;
    let to = |v: &Vault| ExportOptions {
        to: vec![v.device_id()],
        ..Default::default()
    };
    let first = tmp.path().join("first.fnb");
    worker.export(&to(&lead), &first, &mut |_| {}).expect("w→l");
    lead.import(&first, &mut |_| {}).expect("import");
    lead.revoke(worker.device_id()).expect("revoke");
    worker
        .update(n, note(c, "Rescrisă după revocare."))
        .expect("edit");
    fs::create_dir_all(&out).expect("mkdir");
    worker
        .export(
            &to(&colleague),
            &out.join("bundle-from-worker.fnb"),
            &mut |_| {},
        )
        .expect("w→c");
    let all = ExportOptions {
        all: true,
        ..to(&colleague)
    };
    lead.export(&all, &out.join("bundle-from-lead.fnb"), &mut |_| {})
        .expect("l→c");
    let statement = lead.revocations().expect("revocations").remove(0);
    fs::write(
        out.join("revocation.json"),
        serde_json::to_string_pretty(&statement).expect("json") + "\n",
    )
    .expect("statement");
    lead.card()
        .expect("card")
        .write_file(&out.join("lead.card"), false)
        .expect("card");
    let expected = serde_json::json!({
        "worker": worker.device_id(), "lead": lead.device_id(), "note": n,
    });
    fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).expect("json"),
    )
    .expect("expected");
    colleague.lock().expect("lock");
    copy_tree(&tmp.path().join("colleague"), &out.join("colleague"));
}

fn id(v: &Value, key: &str) -> Uuid {
    v[key].as_str().expect("id").parse().expect("uuid")
}

#[test]
fn the_golden_statement_verifies_with_the_signers_card_only() {
    let expected: Value =
        serde_json::from_slice(&fs::read(dir().join("expected.json")).expect("e")).expect("json");
    let text = fs::read_to_string(dir().join("revocation.json")).expect("statement");
    let signed: SignedRevocation = serde_json::from_str(&text).expect("json");
    let card = Card::read_file(&dir().join("lead.card")).expect("card");
    assert!(signed.verify(&card.verifying_key().expect("key")));
    let s = signed.parse().expect("format 1");
    assert_eq!(s.version, 1);
    assert_eq!(s.revoker, id(&expected, "lead"));
    assert_eq!(s.device_id, id(&expected, "worker"));
    assert_eq!(s.name, "worker");
    assert_eq!(
        s.held.len(),
        3,
        "the case, its consent and the note as the lead held them"
    );
    let mut changed = signed.clone();
    changed.statement["held"] = serde_json::json!([]);
    assert!(!changed.verify(&card.verifying_key().expect("key")));
}

#[test]
fn the_golden_bundles_revoke_on_the_leads_word() {
    let expected: Value =
        serde_json::from_slice(&fs::read(dir().join("expected.json")).expect("e")).expect("json");
    let (worker, lead, note) = (
        id(&expected, "worker"),
        id(&expected, "lead"),
        id(&expected, "note"),
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let vault_dir = tmp.path().join("colleague");
    copy_tree(&dir().join("colleague"), &vault_dir);
    let mut v = Vault::unlock(&vault_dir, &secret(PASS)).expect("unlock");
    let info = v
        .import(&dir().join("bundle-from-lead.fnb"), &mut |_| {})
        .expect("the lead's bundle");
    assert_eq!(info.revoked_devices, vec![worker]);
    let device = v.device(worker).expect("device");
    assert!(device.revoked_at.is_some());
    assert_eq!(device.revoked_by, Some(lead));
    match v.current(note).expect("the vouched note").body {
        Some(Body::Note(n)) => assert_eq!(n.narrative, "Declarație înainte de revocare."),
        other => panic!("not a note: {other:?}"),
    }
    let err = v
        .import(&dir().join("bundle-from-worker.fnb"), &mut |_| {})
        .unwrap_err();
    assert!(matches!(err, Error::RevokedSender { .. }), "{err:?}");
    v.verify_signatures().expect("signatures");
    v.verify_audit().expect("audit");
}
