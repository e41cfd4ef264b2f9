//! `backup list` says which backups still hold erased records,
//! `backup prune-erased` removes them (making a fresh backup first when
//! none would be left), and `restore` warns that an older backup may bring
//! erased records back, through the real binary.

use std::fs;

use fieldnotes_test_support::{array, Bin, Fixture};

#[test]
fn an_old_backup_holding_an_erased_case_is_listed_and_pruned() {
    let f = Fixture::with_vault();
    f.ok(&["case", "add", "--code", "ER-1"]);
    f.ok(&[
        "note",
        "add",
        "--case",
        "ER-1",
        "--text",
        "quaxlemarker words",
    ]);
    let usb = f.path("usb");
    fs::create_dir(&usb).expect("usb");
    let dir = usb.to_str().expect("utf-8");
    let old = f.json(&["backup", "--to", dir, "--json"]);
    let listed = f.ok(&["backup", "list", dir]);
    assert!(!listed.contains("erased"), "{listed}");

    f.ok(&[
        "erase",
        "--case",
        "ER-1",
        "--reason",
        "erasure_request",
        "--yes",
    ]);
    let listed = f.ok(&["backup", "list", dir]);
    assert!(
        listed.contains("holds erased records: rotate it out"),
        "{listed}"
    );
    let json = f.json(&["backup", "list", dir, "--json"]);
    assert_eq!(array(&json)[0]["holds_erased"], true);

    let out = f.ok(&["backup", "prune-erased", dir]);
    assert!(out.contains("Backed up and verified first"), "{out}");
    assert!(out.contains("it held erased records"), "{out}");
    let old = old["path"].as_str().expect("path");
    assert!(!std::path::Path::new(old).exists());
    let json = f.json(&["backup", "list", dir, "--json"]);
    let left = array(&json);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["holds_erased"], false);
    let out = f.ok(&["backup", "prune-erased", dir]);
    assert!(out.contains("No backup of this vault"), "{out}");

    // The kept backup restores without the erased text, and says what an
    // older one might bring back.
    let kept = left[0]["path"].as_str().expect("path");
    let laptop = Bin::new(f.tmp.path(), &f.path("laptop"), "laptop");
    let out = laptop.ok(&["restore", kept]);
    assert!(out.contains("bring back records erased"), "{out}");
    assert!(!laptop
        .ok(&["search", "quaxlemarker"])
        .contains("quaxlemarker"));
}
