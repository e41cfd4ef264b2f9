#![allow(clippy::unwrap_used)]
//! Revocations that travel: a lead revokes a lost laptop, and colleagues
//! who import any bundle from the lead (or from anyone carrying its
//! signed revocation) stop accepting that laptop too, while the versions
//! the lead vouched for still arrive.

use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, Error, RecordState, Vault};
use fieldnotes_test_support::*;
use uuid::Uuid;

fn add_case(v: &mut Vault, code: &str) -> Uuid {
    let case = add_named_case(v, code, "Name of survivor");
    share_with_lead(v, case);
    case
}

fn send(from: &mut Vault, to: &Vault, out: &Path, all: bool) -> PathBuf {
    let opts = ExportOptions {
        to: vec![to.device_id()],
        all,
        ..Default::default()
    };
    from.export(&opts, out, &mut no_progress()).unwrap().path
}

fn state(v: &Vault) -> (Vec<RecordState>, usize) {
    (v.records().unwrap(), v.audit_log().unwrap().len())
}

fn narrative(v: &Vault, id: Uuid) -> String {
    match v.current(id).unwrap().body {
        Some(Body::Note(n)) => n.narrative,
        other => panic!("not a note: {other:?}"),
    }
}

/// worker, colleague, relay and lead all trust each other; the worker's
/// first note reached the lead only. Then the lead revokes the worker.
struct World {
    tmp: tempfile::TempDir,
    worker: Vault,
    colleague: Vault,
    relay: Vault,
    lead: Vault,
    case: Uuid,
    note: Uuid,
}

fn world() -> World {
    let tmp = tempfile::tempdir().unwrap();
    let mut worker = named_vault(tmp.path(), "worker");
    let mut colleague = named_vault(tmp.path(), "colleague");
    let mut relay = named_vault(tmp.path(), "relay");
    let mut lead = named_vault(tmp.path(), "lead");
    trust_each_other(&mut [&mut worker, &mut colleague, &mut relay, &mut lead]);
    let case = add_case(&mut worker, "RO-20");
    let note = worker.add(note(case, "the testimony")).unwrap().record_id;
    let first = send(&mut worker, &lead, &tmp.path().join("w1.fnb"), false);
    lead.import(&first, &mut no_progress()).unwrap();
    let revoked = lead.revoke(worker.device_id()).unwrap();
    assert_eq!(revoked.revoked_by, None, "revoked here");
    World {
        tmp,
        worker,
        colleague,
        relay,
        lead,
        case,
        note,
    }
}

#[test]
fn a_colleague_stops_accepting_a_laptop_the_lead_revoked() {
    let mut w = world();
    let path = w.tmp.path().join("lead.fnb");
    send(&mut w.lead, &w.colleague, &path, true);
    let info = w.colleague.import(&path, &mut no_progress()).unwrap();
    assert_eq!(info.revoked_devices, vec![w.worker.device_id()]);
    let device = w.colleague.device(w.worker.device_id()).unwrap();
    assert!(device.revoked_at.is_some());
    assert_eq!(device.revoked_by, Some(w.lead.device_id()));
    assert!(w
        .colleague
        .audit_log()
        .unwrap()
        .iter()
        .any(|e| e.event == "device_revoked"));
    // The note the lead held when it revoked came along: the lead vouched
    // for it, though the colleague never had it from the worker.
    assert_eq!(narrative(&w.colleague, w.note), "the testimony");

    // Whoever has the laptop now writes to the colleague directly.
    w.worker
        .update(w.note, note(w.case, "a rewritten testimony"))
        .unwrap();
    let direct = send(
        &mut w.worker,
        &w.colleague,
        &w.tmp.path().join("w2.fnb"),
        false,
    );
    let before = state(&w.colleague);
    let err = w.colleague.import(&direct, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::RevokedSender { .. }), "{err:?}");
    assert_eq!(state(&w.colleague), before);

    // ... and through a relay who has not heard of the revocation yet.
    let to_relay = direct_to(&mut w, "w3.fnb");
    w.relay.import(&to_relay, &mut no_progress()).unwrap();
    let relayed = send(
        &mut w.relay,
        &w.colleague,
        &w.tmp.path().join("r1.fnb"),
        true,
    );
    let err = w
        .colleague
        .import(&relayed, &mut no_progress())
        .unwrap_err();
    assert!(matches!(err, Error::RevokedAuthor { .. }), "{err:?}");
    assert_eq!(state(&w.colleague), before);
    assert_eq!(narrative(&w.colleague, w.note), "the testimony");
}

/// The worker's edits so far, sent to the relay.
fn direct_to(w: &mut World, name: &str) -> PathBuf {
    send(&mut w.worker, &w.relay, &w.tmp.path().join(name), true)
}

#[test]
fn a_relay_that_learns_of_the_revocation_leaves_the_unvouched_edits_out() {
    let mut w = world();
    w.worker
        .update(w.note, note(w.case, "a rewritten testimony"))
        .unwrap();
    let forged = direct_to(&mut w, "w2.fnb");
    w.relay.import(&forged, &mut no_progress()).unwrap();
    assert_eq!(narrative(&w.relay, w.note), "a rewritten testimony");

    // The relay's bundle to the lead carries the edit: refused whole.
    let early = send(&mut w.relay, &w.lead, &w.tmp.path().join("r1.fnb"), true);
    let err = w.lead.import(&early, &mut no_progress()).unwrap_err();
    assert!(matches!(err, Error::RevokedAuthor { .. }), "{err:?}");

    // Once the relay imports anything from the lead, its bundles leave the
    // unvouched edit out, and the lead takes the rest.
    let from_lead = send(&mut w.lead, &w.relay, &w.tmp.path().join("l1.fnb"), false);
    let info = w.relay.import(&from_lead, &mut no_progress()).unwrap();
    assert_eq!(info.revoked_devices, vec![w.worker.device_id()]);
    let own = add_case(&mut w.relay, "RO-21");
    let later = send(&mut w.relay, &w.lead, &w.tmp.path().join("r2.fnb"), true);
    let info = w.lead.import(&later, &mut no_progress()).unwrap();
    assert!(info.new_records >= 2, "{info:?}");
    assert!(w.lead.current(own).is_ok());
    assert_eq!(narrative(&w.lead, w.note), "the testimony");
}

#[test]
fn a_revocation_alone_makes_a_bundle() {
    let mut w = world();
    let opts = ExportOptions {
        to: vec![w.colleague.device_id()],
        ..Default::default()
    };
    // Nothing new for the colleague but the revocation.
    let path = w.tmp.path().join("only.fnb");
    let sent = w.lead.export(&opts, &path, &mut no_progress()).unwrap();
    assert_eq!(sent.revocations, 1);
    let info = w.colleague.import(&path, &mut no_progress()).unwrap();
    assert_eq!(info.revoked_devices, vec![w.worker.device_id()]);
    // The next bundle carries the same statement again: nothing new.
    add_case(&mut w.lead, "RO-23");
    let again = w.tmp.path().join("again.fnb");
    w.lead.export(&opts, &again, &mut no_progress()).unwrap();
    let info = w.colleague.import(&again, &mut no_progress()).unwrap();
    assert!(info.revoked_devices.is_empty(), "{info:?}");
    assert_eq!(w.colleague.revocations().unwrap().len(), 1);
}

#[test]
fn a_revocation_is_applied_only_on_a_trusted_revokers_word() {
    let tmp = tempfile::tempdir().unwrap();
    let mut stranger = named_vault(tmp.path(), "stranger");
    let mut lead = named_vault(tmp.path(), "lead");
    let mut worker = named_vault(tmp.path(), "worker");
    let mut colleague = named_vault(tmp.path(), "colleague");
    trust_each_other(&mut [&mut lead, &mut worker, &mut colleague]);
    // The lead trusts a device the colleague never met, and it revokes the
    // worker; the lead passes its statement on.
    trust_each_other(&mut [&mut lead, &mut stranger]);
    trusts(&mut stranger, &worker);
    stranger.revoke(worker.device_id()).unwrap();
    let s = send(&mut stranger, &lead, &tmp.path().join("s.fnb"), false);
    let info = lead.import(&s, &mut no_progress()).unwrap();
    assert_eq!(info.revoked_devices, vec![worker.device_id()]);
    add_case(&mut lead, "RO-22");
    let l = send(&mut lead, &colleague, &tmp.path().join("l.fnb"), false);
    let info = colleague.import(&l, &mut no_progress()).unwrap();
    assert!(info.revoked_devices.is_empty(), "{info:?}");
    let device = colleague.device(worker.device_id()).unwrap();
    assert_eq!(device.revoked_at, None);
    // Nor does it pass on a statement it did not take.
    let c = send(&mut colleague, &worker, &tmp.path().join("c.fnb"), true);
    let info = worker.import(&c, &mut no_progress()).unwrap();
    assert!(info.revoked_devices.is_empty());
}
