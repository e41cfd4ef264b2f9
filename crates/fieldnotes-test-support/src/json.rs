//! Reading what the binary prints with `--json`.

use serde_json::Value;
use uuid::Uuid;

pub fn parse_json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The one id a command printed.
pub fn parse_id(stdout: &str) -> Uuid {
    Uuid::parse_str(stdout.trim()).unwrap_or_else(|e| panic!("not an id ({e}): {stdout:?}"))
}

/// The JSON array at the top of a document.
pub fn array(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a JSON array: {v}"))
}

/// The record of a `records --json` / `conflicts --json` listing with `id`.
pub fn record(listing: &Value, id: Uuid) -> Option<&Value> {
    array(listing)
        .iter()
        .find(|r| r["record_id"] == id.to_string())
}

/// A listing as parsed JSON or as the text a command printed.
pub trait Listing {
    fn to_value(&self) -> Value;
}

impl Listing for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl Listing for str {
    fn to_value(&self) -> Value {
        parse_json(self)
    }
}

impl Listing for String {
    fn to_value(&self) -> Value {
        parse_json(self)
    }
}

/// The body of the single head of the record with `id` in a
/// `records --json` listing.
pub fn head_body(records: &(impl Listing + ?Sized), id: Uuid) -> Value {
    let records = records.to_value();
    let r = record(&records, id).unwrap_or_else(|| panic!("record {id} is not listed"));
    let heads = array(&r["heads"]);
    assert_eq!(heads.len(), 1, "{r}");
    heads[0]["body"].clone()
}
