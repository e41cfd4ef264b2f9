#![allow(clippy::unwrap_used)]
//! Merge convergence, as a property: three replicas make random edits,
//! deletions and resolutions and exchange bundles delivered in random
//! order, with duplicates and losses. After a final exchange of everything,
//! every replica holds the same records and no version anyone wrote is
//! lost. PROPTEST_CASES sets the number of schedules (1,000 by default).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::{Body, CaseBody, CaseStatus, Error, NoteBody, NoteKind, Vault};
use fieldnotes_test_support::{create_at, trust_each_other};
use proptest::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    Edit(usize, usize),
    Delete(usize, usize),
    Resolve(usize, usize, usize),
    Send(usize, usize),
    Deliver(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let r = 0..3usize;
    prop_oneof![
        3 => r.clone().prop_map(Op::Add),
        4 => (r.clone(), any::<usize>()).prop_map(|(a, k)| Op::Edit(a, k)),
        1 => (r.clone(), any::<usize>()).prop_map(|(a, k)| Op::Delete(a, k)),
        2 => (r.clone(), any::<usize>(), any::<usize>()).prop_map(|(a, k, h)| Op::Resolve(a, k, h)),
        4 => (r.clone(), r).prop_map(|(a, b)| Op::Send(a, b)),
        5 => any::<usize>().prop_map(Op::Deliver),
    ]
}

fn scratch() -> tempfile::TempDir {
    // Memory-backed when available: the property is about merging, not fsync.
    match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").unwrap(),
        false => tempfile::tempdir().unwrap(),
    }
}

fn note(case: Uuid, text: String) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        form: None,
        case,
        kind: NoteKind::Note,
        when: None,
        place: None,
        present: vec![],
        interpreter: None,
        narrative: text,
        tags: vec![],
        draft: false,
    })
}

struct World {
    dir: tempfile::TempDir,
    replicas: Vec<Vault>,
    cases: Vec<Uuid>,
    /// Bundles in flight: (recipient, file). Delivered ones stay, so a
    /// later delivery of the same index is a duplicate.
    network: Vec<(usize, PathBuf)>,
    written: BTreeSet<Uuid>,
    counter: usize,
}

impl World {
    fn new() -> World {
        let dir = scratch();
        let mut replicas: Vec<Vault> = (0..3)
            .map(|i| create_at(&dir.path().join(format!("r{i}"))))
            .collect();
        trust_each_other(&mut replicas);
        let mut cases = Vec::new();
        let mut written = BTreeSet::new();
        for (i, v) in replicas.iter_mut().enumerate() {
            let c = v
                .add(Body::Case(CaseBody {
                    unknown: Default::default(),
                    profile: Default::default(),
                    code: format!("C{i}"),
                    identity: Default::default(),
                    languages: vec![],
                    nationality: None,
                    risk: None,
                    status: CaseStatus::Open,
                    assigned_worker: None,
                }))
                .unwrap();
            written.insert(c.version_id);
            cases.push(c.record_id);
        }
        World {
            dir,
            replicas,
            cases,
            network: Vec::new(),
            written,
            counter: 0,
        }
    }

    /// The notes replica `r` holds, in a stable order.
    fn notes(&self, r: usize) -> Vec<fieldnotes_core::RecordState> {
        self.replicas[r]
            .records()
            .unwrap()
            .into_iter()
            .filter(|s| s.kind == fieldnotes_core::Kind::Note)
            .collect()
    }

    fn send(&mut self, from: usize, to: usize, all: bool) {
        if from == to {
            return;
        }
        self.counter += 1;
        let path = self.dir.path().join(format!("b{}.fnb", self.counter));
        let opts = ExportOptions {
            to: vec![self.replicas[to].device_id()],
            all,
            // The property is about merging, not consent: bundles may be
            // delivered out of order or never, so a replica can hold a note
            // of a case whose consent it never received, which the consent
            // gate would (rightly) hold back. Every export overrides it.
            override_consent: Some("convergence test".into()),
            ..Default::default()
        };
        match self.replicas[from].export(&opts, &path, &mut |_| {}) {
            Ok(_) => self.network.push((to, path)),
            Err(Error::NothingToExport) => {}
            Err(e) => panic!("export failed: {e:?}"),
        }
    }

    fn apply(&mut self, op: &Op) {
        self.counter += 1;
        let text = format!("text {}", self.counter);
        match *op {
            Op::Add(r) => {
                // A replica writes into its own case, which it always has.
                let v = self.replicas[r].add(note(self.cases[r], text)).unwrap();
                self.written.insert(v.version_id);
            }
            Op::Edit(r, k) | Op::Delete(r, k) => {
                let notes = self.notes(r);
                if notes.is_empty() {
                    return;
                }
                let target = &notes[k % notes.len()];
                let Some(Body::Note(n)) = target.body().cloned() else {
                    return;
                };
                let result = match op {
                    Op::Edit(..) => self.replicas[r].update(target.record_id, note(n.case, text)),
                    _ => self.replicas[r].delete(target.record_id),
                };
                self.written.insert(result.unwrap().version_id);
            }
            Op::Resolve(r, k, h) => {
                let conflicts = self.replicas[r].conflicts().unwrap();
                if conflicts.is_empty() {
                    return;
                }
                let c = &conflicts[k % conflicts.len()];
                // Keep one head's body: a deletion when that head is a tombstone.
                let body = c.heads[h % c.heads.len()].body.clone();
                let v = self.replicas[r].resolve(c.record_id, body).unwrap();
                self.written.insert(v.version_id);
            }
            Op::Send(a, b) => self.send(a, b, false),
            Op::Deliver(i) => {
                if self.network.is_empty() {
                    return;
                }
                let (to, path) = self.network[i % self.network.len()].clone();
                self.replicas[to].import(&path, &mut |_| {}).unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn replicas_converge_and_lose_nothing(ops in proptest::collection::vec(op(), 1..24)) {
        let mut w = World::new();
        for op in &ops {
            w.apply(op);
        }
        // Everyone sends everything to everyone, delivered in order.
        for a in 0..3 {
            for b in 0..3 {
                w.send(a, b, true);
            }
        }
        let pending: Vec<(usize, PathBuf)> = w.network.clone();
        for (to, path) in &pending {
            w.replicas[*to].import(path, &mut |_| {}).unwrap();
        }
        let first = w.replicas[0].records().unwrap();
        for r in 1..3 {
            prop_assert_eq!(&w.replicas[r].records().unwrap(), &first, "replica {} differs", r);
        }
        // No version anyone wrote is missing anywhere.
        for v in &w.replicas {
            for id in &w.written {
                prop_assert!(v.has_version(*id).unwrap(), "version {} lost", id);
            }
            v.verify_signatures().unwrap();
        }
    }
}
