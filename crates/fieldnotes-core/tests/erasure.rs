//! Erasure travels: a worker erases a case after consent is withdrawn, the
//! lead imports the erasure and holds none of the case's content any more,
//! and an older copy relayed by a third laptop does not bring it back.

use std::fs;
use std::path::Path;

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, ErasureReason, Error, Kind, Vault};
use fieldnotes_test_support::*;
use uuid::Uuid;

const SECRET_TEXT: &str = "only-in-this-case-marker";

fn export(from: &mut Vault, to: &[&Vault], out: &Path, all: bool) {
    let opts = ExportOptions {
        to: to.iter().map(|v| v.device_id()).collect(),
        all,
        ..Default::default()
    };
    from.export(&opts, out, &mut |_| {})
        .unwrap_or_else(|e| panic!("export {}: {e:?}", out.display()));
}

fn blob_count(v: &Vault) -> usize {
    fs::read_dir(v.dir().join("blobs"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn an_erasure_reaches_the_lead_and_an_old_relayed_copy_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut worker = named_vault(&tmp.path().join("worker"), "worker");
    let mut lead = named_vault(&tmp.path().join("lead"), "lead");
    let mut colleague = named_vault(&tmp.path().join("colleague"), "colleague");
    trust_each_other(&mut [&mut worker, &mut lead, &mut colleague]);

    let case = worker.add(case("ER-9")).expect("case").record_id;
    let consent = share_with_lead(&mut worker, case);
    let note = worker.add(note(case, SECRET_TEXT)).expect("note").record_id;
    let content = noise(100_000, 9);
    worker
        .attach(case, "statement.pdf", None, &mut &content[..])
        .expect("attach");
    let first = tmp.path().join("first.fnb");
    export(&mut worker, &[&lead, &colleague], &first, false);
    lead.import(&first, &mut |_| {}).expect("lead imports");
    colleague
        .import(&first, &mut |_| {})
        .expect("colleague imports");
    assert_eq!(lead.search(SECRET_TEXT, 5).expect("search").len(), 1);
    assert_eq!(blob_count(&lead), 1);

    // Consent withdrawn: the worker erases the whole case, and the erasure
    // still goes to the lead although nothing else of the case may.
    worker.withdraw_consent(consent).expect("withdraw");
    let plan = worker.erasure_plan(case).expect("plan");
    assert_eq!((plan.records.len(), plan.attachments), (4, 1));
    worker
        .erase(case, ErasureReason::ConsentWithdrawn)
        .expect("erase");
    assert_eq!(blob_count(&worker), 0);
    assert!(
        worker
            .add(fieldnotes_test_support::note(case, "after"))
            .is_err(),
        "nothing is added to an erased case"
    );
    let second = tmp.path().join("second.fnb");
    export(&mut worker, &[&lead], &second, false);
    let info = lead
        .import(&second, &mut |_| {})
        .expect("lead imports the erasure");
    assert_eq!(info.erased_records, 4);

    for v in [&worker, &lead] {
        assert!(matches!(v.current(case), Err(Error::Erased { .. })));
        assert!(matches!(v.current(note), Err(Error::Erased { .. })));
        assert!(v.search(SECRET_TEXT, 5).expect("search").is_empty());
        assert!(v.case_id("ER-9").is_err());
        assert!(v.cases().expect("cases").is_empty());
        assert_eq!(blob_count(v), 0, "the sealed file is gone");
        v.verify_signatures()
            .expect("every remaining signature verifies");
        v.verify_audit().expect("audit chain");
        assert!(
            events(v).iter().any(|e| e == "record_erased"),
            "the erasure is in the audit log"
        );
        let erasures: Vec<_> = v
            .records()
            .expect("records")
            .into_iter()
            .filter(|r| r.kind == Kind::Erasure)
            .collect();
        assert_eq!(erasures.len(), 1, "the signed erasure entry stays");
        match erasures[0].body() {
            Some(Body::Erasure(e)) => {
                assert_eq!(e.case, Some(case));
                assert_eq!(e.reason, ErasureReason::ConsentWithdrawn);
            }
            other => panic!("not an erasure: {other:?}"),
        }
    }

    // The colleague never imported the erasure and relays everything it
    // holds, the case included (its copy still has the consent), with a new
    // note it added to the case meanwhile: the lead refuses it all.
    let late = colleague
        .add(fieldnotes_test_support::note(
            case,
            "a late note about ER-9 Quillmarsh",
        ))
        .expect("late note")
        .record_id;
    colleague
        .update(
            late,
            fieldnotes_test_support::note(case, "the late note, edited Quillmarsh"),
        )
        .expect("late edit");
    let relayed = tmp.path().join("relayed.fnb");
    export(&mut colleague, &[&lead], &relayed, true);
    let info = lead.import(&relayed, &mut |_| {}).expect("relay imports");
    assert!(info.refused_erased >= 6, "{info:?}");
    assert_eq!((info.new_records, info.new_versions), (0, 0), "{info:?}");
    assert!(matches!(lead.current(case), Err(Error::Erased { .. })));
    assert!(lead.current(late).is_err(), "never stored");
    assert!(lead.search(SECRET_TEXT, 5).expect("search").is_empty());
    assert!(lead.search("Quillmarsh", 5).expect("search").is_empty());
    assert_eq!(blob_count(&lead), 0, "the relayed content is not stored");
    // The old first bundle again is a repeat; nothing comes back either.
    lead.import(&first, &mut |_| {}).expect("repeat");
    assert!(lead.search(SECRET_TEXT, 5).expect("search").is_empty());
}

#[test]
fn erasing_one_note_leaves_the_rest_of_the_case_and_keeps_shared_content() {
    let (_tmp, _dir, mut v) = new_vault();
    let case = v.add(case("ER-10")).expect("case").record_id;
    let keep = v.add(note(case, "kept note")).expect("note").record_id;
    let gone = v.add(note(case, SECRET_TEXT)).expect("note").record_id;
    let content = noise(50_000, 3);
    let a = v
        .attach(case, "a.pdf", None, &mut &content[..])
        .expect("a")
        .record_id;
    v.attach(case, "copy.pdf", None, &mut &content[..])
        .expect("b");
    v.erase(gone, ErasureReason::EnteredInError)
        .expect("erase note");
    v.erase(a, ErasureReason::ErasureRequest)
        .expect("erase one copy");
    assert!(v.current(keep).is_ok());
    assert!(v.search(SECRET_TEXT, 5).expect("search").is_empty());
    assert_eq!(v.search("kept", 5).expect("search").len(), 1);
    assert_eq!(
        blob_count(&v),
        1,
        "the other attachment still needs the content"
    );
    assert!(matches!(
        v.erase(Uuid::now_v7(), ErasureReason::EnteredInError),
        Err(Error::NotFound { .. })
    ));
}
