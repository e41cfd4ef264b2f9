//! Test-only builders shared by the core's unit tests (the integration
//! tests use `fieldnotes-test-support`, which a unit test cannot: it links
//! its own copy of this crate).

#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::model::{Body, CaseBody, Identity};
use crate::vocab::CaseStatus;
use crate::{CreateOptions, SecretString, Vault};

/// A new vault in `dir`, with a fast work factor.
pub(crate) fn scratch_vault(dir: &Path) -> Vault {
    let pass = SecretString::from("correct horse battery staple orbit".to_owned());
    let opts = CreateOptions {
        work_factor: 10,
        recovery: None,
    };
    Vault::create(dir, &pass, opts).unwrap()
}

/// An open case with only its code.
pub(crate) fn case_body(code: &str) -> Body {
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: code.into(),
        identity: Identity::default(),
        languages: vec![],
        nationality: None,
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: None,
    })
}

/// The detail column of `EXPLAIN QUERY PLAN` for `sql` run with `params`:
/// one line per step, to check a statement reads through the index meant.
pub(crate) fn query_plan(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Vec<String> {
    conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |r| r.get(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}
