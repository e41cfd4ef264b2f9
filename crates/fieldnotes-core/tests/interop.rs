#![allow(clippy::unwrap_used)]
//! Interoperability with the standard tools a recipient may use instead of
//! Fieldnotes: Debian's `age`, `minisign` and `b3sum` binaries, and `openssl`
//! and `python3` for a version's own signature (`make test` installs them).
//! A missing tool fails the test: a skipped check proves nothing.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ed25519_dalek::SigningKey;
use fieldnotes_core::exchange::ExportOptions;
use fieldnotes_core::minisig;
use fieldnotes_core::{Body, CaseBody, CaseStatus, Error, Identity, NoteBody, NoteKind, Vault};
use fieldnotes_test_support::{
    allow_photographs, named_vault, noise, share_with_lead, tool, trusts,
};
use serde_json::Value;
use uuid::Uuid;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn minisign_cli_verifies_our_signatures_and_rejects_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let message = b"{\"format\":\"fieldnotes-bundle\"}\n";
    let file = write(dir.path(), "manifest.json", message);
    write(
        dir.path(),
        "manifest.json.minisig",
        minisig::sign(&key, message, "fieldnotes bundle").as_bytes(),
    );
    let pk = minisig::public_key(&key.verifying_key());
    let ok = tool("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .args(["-P", &pk])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("fieldnotes bundle"));

    write(dir.path(), "manifest.json", b"{\"format\":\"forged\"}\n");
    let bad = tool("minisign")
        .args(["-V", "-m"])
        .arg(&file)
        .args(["-P", &pk])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

// ---------------------------------------------------------------------------
// A real bundle, read and checked with nothing but standard tools, as
// docs/FORMATS.md tells a recipient to do it.

fn note(case: Uuid, text: &str) -> Body {
    Body::Note(NoteBody {
        unknown: Default::default(),
        form: None,
        case,
        kind: NoteKind::Intake,
        when: None,
        place: None,
        present: vec![],
        interpreter: None,
        narrative: text.into(),
        tags: vec!["tab\there".into(), "quote \" and \\ and \u{7f}".into()],
        draft: false,
    })
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({:?})\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A sender with a case, its consents, notes (one deleted) and two
/// attachments, one bigger than a storage chunk, and a recipient that
/// trusts it.
fn sender_and_recipient(dir: &Path) -> (Vault, Vault) {
    let mut sender = named_vault(dir, "sender");
    let mut recipient = named_vault(dir, "recipient");
    trusts(&mut sender, &recipient);
    trusts(&mut recipient, &sender);
    let case = sender
        .add(Body::Case(CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: "RO-42".into(),
            identity: Identity {
                name: Some("Ana Popescu".into()),
                ..Default::default()
            },
            languages: vec!["ro".into()],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }))
        .unwrap()
        .record_id;
    // The survivor's consents to sharing and to photographs: two more
    // records, so the bundle carries 9 versions.
    share_with_lead(&mut sender, case);
    allow_photographs(&mut sender, case);
    let n = sender.add(note(case, "Întâlnire la adăpost.")).unwrap();
    sender
        .update(n.record_id, note(case, "Întâlnire la adăpost; edited."))
        .unwrap();
    let gone = sender.add(note(case, "mistake")).unwrap().record_id;
    sender.delete(gone).unwrap();
    for (name, len) in [("scan.pdf", 700_000), ("photo.jpg", 1234)] {
        sender
            .attach(case, name, None, &mut noise(len, len as u64).as_slice())
            .unwrap();
    }
    (sender, recipient)
}

/// Decrypts `bundle` with `age -d -i identity` piped into `tar -x -C into`.
fn age_decrypt_untar(identity: &Path, bundle: &Path, into: &Path) {
    let mut age = tool("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(bundle)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let untar = tool("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(age.stdout.take().unwrap())
        .output()
        .unwrap();
    ok(age.wait_with_output().unwrap(), "age -d");
    ok(untar, "tar -x");
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_owned();
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_real_bundle_opens_with_age_and_tar_and_verifies_with_minisign_and_b3sum() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut sender, recipient) = sender_and_recipient(tmp.path());
    let bundle = tmp.path().join("bundle.fnb");
    sender
        .export(
            &ExportOptions {
                to: vec![recipient.device_id()],
                ..Default::default()
            },
            &bundle,
            &mut |_| {},
        )
        .unwrap();

    // On the recipient's laptop: `fieldnotes identity export-secret`.
    let identity = tmp.path().join("id.txt");
    recipient.export_identity_secret(&identity).unwrap();
    let out = tmp.path().join("opened");
    fs::create_dir(&out).unwrap();
    age_decrypt_untar(&identity, &bundle, &out);

    // The members documented, and nothing else.
    let manifest_raw = fs::read(out.join("manifest.json")).unwrap();
    let manifest: Value = serde_json::from_slice(&manifest_raw).unwrap();
    assert_eq!(manifest["format"], "fieldnotes-bundle");
    assert_eq!(manifest["version"], 2);
    assert_eq!(manifest["sender"], sender.device_id().to_string());
    assert_eq!(
        manifest["recipients"],
        serde_json::json!([{"device_id": recipient.device_id(), "seq": 1}])
    );
    let members = manifest["members"].as_array().unwrap();
    assert_eq!(members.len(), 3, "versions.jsonl and two blobs");
    assert_eq!(manifest["blob_count"], 2);
    assert_eq!(manifest["version_count"], 9);
    let mut expected: Vec<String> = members
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_owned())
        .chain(["manifest.json".into(), "manifest.json.minisig".into()])
        .collect();
    expected.sort();
    assert_eq!(files_under(&out), expected);

    // The sender's key as the recipient knows it: from the card whose
    // fingerprint was compared in person. The manifest repeats it.
    let card = sender.card().unwrap();
    assert_eq!(manifest["sender_minisign_key"], card.minisign_public_key);
    assert_eq!(manifest["sender_signing_key"], card.signing_key);
    let verified = ok(
        tool("minisign")
            .args(["-Vm", "manifest.json", "-P", &card.minisign_public_key])
            .current_dir(&out)
            .output()
            .unwrap(),
        "minisign -V",
    );
    let bundle_id = manifest["bundle_id"].as_str().unwrap();
    assert!(verified.contains(bundle_id), "{verified}");
    // Another key does not verify it, nor does a changed manifest.
    let stranger = named_vault(tmp.path(), "stranger").card().unwrap();
    let refused = tool("minisign")
        .args(["-Vm", "manifest.json", "-P", &stranger.minisign_public_key])
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(!refused.status.success());

    // Every member's BLAKE3 as b3sum computes it, one by one and as a
    // `b3sum --check` list built from the manifest.
    let mut list = String::new();
    for m in members {
        let name = m["name"].as_str().unwrap();
        let hash = m["blake3"].as_str().unwrap();
        assert_eq!(
            fs::metadata(out.join(name)).unwrap().len(),
            m["size"].as_u64().unwrap(),
            "{name}"
        );
        let sum = ok(
            tool("b3sum").arg(name).current_dir(&out).output().unwrap(),
            "b3sum",
        );
        assert_eq!(sum.split_whitespace().next(), Some(hash), "{name}: {sum}");
        list.push_str(&format!("{hash}  {name}\n"));
    }
    fs::write(tmp.path().join("members.b3"), &list).unwrap();
    let checked = ok(
        tool("b3sum")
            .arg("--check")
            .arg(tmp.path().join("members.b3"))
            .current_dir(&out)
            .output()
            .unwrap(),
        "b3sum --check",
    );
    assert_eq!(checked.matches(": OK").count(), 3, "{checked}");
    // A changed member fails the check.
    let mut versions = fs::OpenOptions::new()
        .append(true)
        .open(out.join("versions.jsonl"))
        .unwrap();
    versions.write_all(b"\n").unwrap();
    drop(versions);
    let failed = tool("b3sum")
        .arg("--check")
        .arg(tmp.path().join("members.b3"))
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(!failed.status.success());

    // The recipient's own import still takes it: the standard tools read
    // it, they did not consume or change it.
    let mut recipient = recipient;
    let info = recipient.import(&bundle, &mut |_| {}).unwrap();
    assert_eq!(info.new_versions, 9);
}

/// The signing bytes of one `versions.jsonl` line, built only from
/// docs/FORMATS.md: the tag line, then the line's object without its
/// signature, keys sorted, no whitespace, strings as JSON escapes them.
fn documented_signing_bytes(line: &Value) -> Vec<u8> {
    fn canonical(v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(&Value::String(k.clone()), out);
                    out.push(':');
                    canonical(&map[k], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(item, out);
                }
                out.push(']');
            }
            Value::String(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        '\u{8}' => out.push_str("\\b"),
                        '\u{c}' => out.push_str("\\f"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut unsigned = line.clone();
    let map = unsigned.as_object_mut().unwrap();
    map.remove("signature");
    let mut text = if map.remove("format") == Some(Value::from(2)) {
        // Format 2 signs the body's hash, which must be the body's.
        let body = map.remove("body").unwrap_or(Value::Null);
        let hash = map.entry("body_hash").or_insert(Value::Null).clone();
        if !body.is_null() {
            let mut body_text = String::new();
            canonical(&body, &mut body_text);
            assert_eq!(blake3::hash(body_text.as_bytes()).to_hex().as_str(), hash);
        }
        String::from("fieldnotes-version 2\n")
    } else {
        String::from("fieldnotes-version 1\n")
    };
    canonical(&unsigned, &mut text);
    text.into_bytes()
}

/// docs/FORMATS.md, "Checking a bundle by hand", step 4.
const DOC_B3SUM: &str = r#"python3 -c 'import json; [print(m["blake3"] + "  " + m["name"]) for m in json.load(open("manifest.json"))["members"]]' | b3sum --check"#;

/// docs/FORMATS.md, step 5: the author's key as PEM.
const DOC_AUTHOR_KEY: &str = r#"python3 -c 'import json, sys; sys.stdout.buffer.write(bytes.fromhex("302a300506032b6570032100" + json.load(open(sys.argv[1]))["signing_key"]))' sender.card > author.der
openssl pkey -pubin -inform DER -in author.der -out author.pem"#;

/// docs/FORMATS.md, step 6, for the first line (the test substitutes the
/// line number in `sed -n 1p`).
const DOC_CHECK_LINE: &str = r#"sed -n 1p versions.jsonl | python3 -c '
import json, sys
v = json.loads(sys.stdin.read())
c = lambda o: json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
open("signature.bin", "wb").write(bytes.fromhex(v.pop("signature")))
open("body.hash", "w").write("")
if v.pop("format", 1) == 2:
    body = v.pop("body")
    v["body_hash"] = v.get("body_hash")
    if body is not None:
        open("body.json", "wb").write(c(body))
        open("body.hash", "w").write(v["body_hash"])
    sys.stdout.buffer.write(b"fieldnotes-version 2\n" + c(v))
else:
    sys.stdout.buffer.write(b"fieldnotes-version 1\n" + c(v))
' > signed.bin
[ ! -s body.hash ] || [ "$(b3sum --no-names body.json)" = "$(cat body.hash)" ]
openssl pkeyutl -verify -pubin -inkey author.pem -rawin -in signed.bin -sigfile signature.bin"#;

/// docs/FORMATS.md's check of a revocation statement, after step 5 made
/// `author.pem` from the revoker's card.
const DOC_CHECK_REVOCATION: &str = r#"python3 -c '
import json, sys
r = json.load(open("revocation.json"))
c = lambda o: json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
open("signature.bin", "wb").write(bytes.fromhex(r["signature"]))
sys.stdout.buffer.write(b"fieldnotes-revocation-v1\n" + c(r["statement"]))
' > signed.bin
openssl pkeyutl -verify -pubin -inkey author.pem -rawin -in signed.bin -sigfile signature.bin"#;

#[test]
fn the_golden_revocation_checks_with_the_documented_commands_and_openssl() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/revocation-v1");
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(golden.join("lead.card"), tmp.path().join("sender.card")).unwrap();
    fs::copy(
        golden.join("revocation.json"),
        tmp.path().join("revocation.json"),
    )
    .unwrap();
    ok(
        sh(tmp.path(), DOC_AUTHOR_KEY),
        "the documented key conversion",
    );
    let verified = ok(sh(tmp.path(), DOC_CHECK_REVOCATION), "the revocation check");
    assert!(verified.contains("Verified"), "{verified}");
    // Vouching for one version less is a different statement.
    let text = fs::read_to_string(tmp.path().join("revocation.json")).unwrap();
    let mut r: Value = serde_json::from_str(&text).unwrap();
    r["statement"]["held"].as_array_mut().unwrap().pop();
    fs::write(tmp.path().join("revocation.json"), r.to_string()).unwrap();
    assert!(!sh(tmp.path(), DOC_CHECK_REVOCATION).status.success());
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/FORMATS.md"))
            .unwrap();
    assert!(
        doc.contains(DOC_CHECK_REVOCATION),
        "docs/FORMATS.md no longer shows it"
    );
}

/// Runs a documented shell snippet in `dir`.
fn sh(dir: &Path, script: &str) -> Output {
    for t in ["python3", "openssl", "b3sum", "sed"] {
        tool(t);
    }
    Command::new("sh")
        .args(["-ec", script])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_documented_commands_are_the_tested_ones() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/FORMATS.md"))
            .unwrap();
    for snippet in [DOC_B3SUM, DOC_AUTHOR_KEY, DOC_CHECK_LINE] {
        assert!(
            doc.contains(snippet),
            "docs/FORMATS.md no longer shows:\n{snippet}"
        );
    }
    for step in [
        "fieldnotes identity export-secret --out id.txt",
        "age -d -i ../id.txt ../bundle.fnb | tar -x",
        "minisign -Vm manifest.json -P ",
    ] {
        assert!(
            doc.contains(step),
            "docs/FORMATS.md no longer shows: {step}"
        );
    }
}

#[test]
fn each_version_signature_checks_with_the_documented_encoding_and_openssl() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut sender, recipient) = sender_and_recipient(tmp.path());
    let bundle = tmp.path().join("bundle.fnb");
    sender
        .export(
            &ExportOptions {
                to: vec![recipient.device_id()],
                ..Default::default()
            },
            &bundle,
            &mut |_| {},
        )
        .unwrap();
    let identity = tmp.path().join("id.txt");
    recipient.export_identity_secret(&identity).unwrap();
    let out = tmp.path().join("opened");
    fs::create_dir(&out).unwrap();
    age_decrypt_untar(&identity, &bundle, &out);

    // The documented member check.
    let checked = ok(sh(&out, DOC_B3SUM), "the documented b3sum check");
    assert_eq!(checked.matches(": OK").count(), 3, "{checked}");

    // The documented version check, line by line, with the author's card.
    let card = sender.card().unwrap();
    fs::write(out.join("sender.card"), card.to_json()).unwrap();
    ok(sh(&out, DOC_AUTHOR_KEY), "the documented key conversion");
    let text = fs::read_to_string(out.join("versions.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9);
    for (i, line) in lines.iter().enumerate() {
        let script = DOC_CHECK_LINE.replace("sed -n 1p", &format!("sed -n {}p", i + 1));
        let verified = ok(
            sh(&out, &script),
            &format!("the documented check of line {i}"),
        );
        assert!(verified.contains("Verified"), "{verified}");
        // The bytes python3 signed-checks are the documented encoding,
        // built here independently of both python3 and the core.
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["author"], card.device_id.to_string());
        let signed = documented_signing_bytes(&v);
        assert!(
            fs::read(out.join("signed.bin")).unwrap() == signed,
            "line {i}: python3 and the documented encoding differ"
        );
        // One changed byte and openssl refuses it.
        let mut bad = signed.clone();
        let last = bad.len() - 2;
        bad[last] ^= 1;
        fs::write(out.join("signed.bin"), &bad).unwrap();
        let refused = sh(
            &out,
            "openssl pkeyutl -verify -pubin -inkey author.pem -rawin -in signed.bin -sigfile signature.bin",
        );
        assert!(!refused.status.success(), "line {i}");
    }
}

#[test]
fn a_file_the_age_cli_encrypts_is_no_bundle_unless_it_holds_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut sender, mut recipient) = sender_and_recipient(tmp.path());
    let card = recipient.card().unwrap();
    let before = recipient.records().unwrap();
    let audit = recipient.audit_log().unwrap().len();

    let seal = |input: &[u8], armor: bool, name: &str| -> PathBuf {
        let path = tmp.path().join(name);
        let mut age = tool("age");
        age.args(["-e", "-r", &card.age_recipient, "-o"]).arg(&path);
        if armor {
            age.arg("-a");
        }
        let mut child = age
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        ok(child.wait_with_output().unwrap(), "age -e");
        path
    };
    // A plain tar that is not a bundle.
    let src = tmp.path().join("src");
    fs::create_dir(&src).unwrap();
    fs::write(
        src.join("manifest.json"),
        b"{\"format\":\"fieldnotes-bundle\"}",
    )
    .unwrap();
    let tarred = tool("tar")
        .arg("-c")
        .arg("-C")
        .arg(&src)
        .arg("manifest.json")
        .output()
        .unwrap();
    assert!(tarred.status.success());
    let cases: Vec<(PathBuf, &str)> = vec![
        (seal(b"", false, "empty.age"), "nothing"),
        (seal(b"hello, lead\n", false, "text.age"), "text"),
        (seal(&noise(70_000, 9), false, "noise.age"), "noise"),
        (seal(&tarred.stdout, false, "tar.age"), "a tar"),
        (seal(b"hello, lead\n", true, "armored.age"), "armored text"),
    ];
    for (path, what) in cases {
        let err = recipient.import(&path, &mut |_| {}).unwrap_err();
        assert!(matches!(err, Error::BundleCorrupt), "{what}: {err:?}");
        assert_eq!(recipient.records().unwrap(), before, "{what}");
        assert_eq!(recipient.audit_log().unwrap().len(), audit, "{what}");
    }

    // The other way round: a genuine bundle's tar, decrypted by the age
    // CLI and sealed again by it, is still that bundle (its manifest
    // signature and hashes vouch for it, not the envelope), while the same
    // members re-packed by GNU tar are not: the reader takes only the tar
    // headers Fieldnotes writes.
    let bundle = tmp.path().join("bundle.fnb");
    sender
        .export(
            &ExportOptions {
                to: vec![recipient.device_id()],
                ..Default::default()
            },
            &bundle,
            &mut |_| {},
        )
        .unwrap();
    let identity = tmp.path().join("id.txt");
    recipient.export_identity_secret(&identity).unwrap();
    let decrypted = tool("age")
        .arg("-d")
        .arg("-i")
        .arg(&identity)
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(decrypted.status.success());
    let plain_tar = decrypted.stdout;
    let out = tmp.path().join("opened");
    fs::create_dir(&out).unwrap();
    age_decrypt_untar(&identity, &bundle, &out);
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let mut repack = tool("tar");
    repack
        .arg("-c")
        .arg("-C")
        .arg(&out)
        .args(["manifest.json", "manifest.json.minisig"]);
    for m in manifest["members"].as_array().unwrap() {
        repack.arg(m["name"].as_str().unwrap());
    }
    let repacked = repack.output().unwrap();
    assert!(repacked.status.success());
    let repacked = seal(&repacked.stdout, false, "repacked.fnb");
    let err = recipient.import(&repacked, &mut |_| {}).unwrap_err();
    assert!(matches!(err, Error::BundleCorrupt), "{err:?}");
    assert_eq!(recipient.records().unwrap(), before);

    let resealed = seal(&plain_tar, false, "resealed.fnb");
    let info = recipient.import(&resealed, &mut |_| {}).unwrap();
    assert_eq!(info.new_versions, 9);
    assert!(
        recipient
            .import(&bundle, &mut |_| {})
            .unwrap()
            .already_imported
    );
}
