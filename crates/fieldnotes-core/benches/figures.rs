//! The figures of PRODUCT.md, each measured beside its baseline in one run.
//!
//! ```text
//! cargo bench -p fieldnotes-core --bench figures            # 100k and 1M notes
//! cargo bench -p fieldnotes-core --bench figures -- --quick # 10k and 100k notes
//! ```
//!
//! Options (after `--`): `--quick`; `--sizes 100000,1000000` (FTS vault sizes,
//! ascending: one vault is grown from one size to the next); `--save-notes N`;
//! `--unlock-rounds N`; `--queries N` (per size, split over four kinds);
//! `--only unlock,save,fts,save-at-size` (`save-at-size` runs within
//! `fts`); `--dir PATH` (scratch directory, default the
//! system temporary directory: it must be a real disk, not tmpfs, or fsync
//! costs nothing); `--keep` (leave the vaults there); `--build-limit SECS`
//! (stop growing the search vault after that long in all, and measure the
//! size reached); `--analysis-fts N`
//! (instead of the figures: search timings on plain SQLite with and
//! without FTS5 prefix indexes, to see where search time goes).
//!
//! Figures, and what each is compared with:
//!
//! - unlock: `Vault::unlock` of a vault made with the production work factor,
//!   against the bare KDF: opening a tiny age scrypt file at the same work
//!   factor. Interleaved rounds, medians.
//! - save a note: `Vault::add(Body::Note)` (signature, search index, audit
//!   entry, one transaction), against the same schema on plain SQLite (no
//!   `PRAGMA key`), the same pragmas and the same rows per note, in one
//!   transaction each. Interleaved note by note; p50 and p99.
//! - search: `Vault::search(q, 20)` over vaults of N generated notes, for
//!   rare terms, common terms, two-term AND and prefixes; p50/p95/p99. The
//!   vault is grown with `Vault::add_many`, 5,000 notes per transaction.
//! - save a note at size: `Vault::add(Body::Note)` into the vault grown to
//!   each size, against the plain-SQLite baseline grown beside it with the
//!   same notes (same schema and rows). Interleaved note by note; p50, p99
//!   and max; goal p99 < 3 ms at 1,000,000 notes.
//! - size: bytes of the locked vault directory per 1,000 notes.
//!
//! Figures are printed, never asserted: timing depends on the machine.

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fieldnotes_core::envelope::PRODUCTION_WORK_FACTOR;
use fieldnotes_core::{
    Body, CaseBody, CaseStatus, CreateOptions, Hlc, NoteBody, NoteKind, SecretString, Vault,
};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSPHRASE: &str = "tundra lantern copper whistle orbit meadow";

// ---------------------------------------------------------------- options

struct Options {
    quick: bool,
    sizes: Vec<usize>,
    save_notes: usize,
    unlock_rounds: usize,
    queries: usize,
    only: Vec<String>,
    dir: PathBuf,
    keep: bool,
    analysis_fts: Option<usize>,
    build_limit: Option<Duration>,
}

impl Options {
    fn parse() -> Res<Options> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let quick = args.iter().any(|a| a == "--quick");
        let mut o = Options {
            quick,
            sizes: if quick {
                vec![10_000, 100_000]
            } else {
                vec![100_000, 1_000_000]
            },
            save_notes: if quick { 500 } else { 2_000 },
            unlock_rounds: if quick { 3 } else { 7 },
            queries: 200,
            only: ["unlock", "save", "fts", "save-at-size"]
                .map(str::to_owned)
                .to_vec(),
            dir: std::env::temp_dir(),
            keep: false,
            analysis_fts: None,
            build_limit: None,
        };
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let mut value = || it.next().ok_or(format!("{a} needs a value"));
            match a.as_str() {
                "--quick" | "--bench" => {}
                "--keep" => o.keep = true,
                "--sizes" => {
                    o.sizes = value()?
                        .split(',')
                        .map(|s| s.trim().replace('_', "").parse())
                        .collect::<Result<_, _>>()?;
                    o.sizes.sort_unstable();
                }
                "--save-notes" => o.save_notes = value()?.parse()?,
                "--unlock-rounds" => o.unlock_rounds = value()?.parse()?,
                "--queries" => o.queries = value()?.parse()?,
                "--only" => o.only = value()?.split(',').map(str::to_owned).collect(),
                "--dir" => o.dir = PathBuf::from(value()?),
                "--build-limit" => {
                    o.build_limit = Some(Duration::from_secs(value()?.parse()?));
                }
                "--analysis-fts" => o.analysis_fts = Some(value()?.replace('_', "").parse()?),
                // cargo passes filters and harness flags; ignore them.
                _ => {}
            }
        }
        o.unlock_rounds = o.unlock_rounds.max(1);
        o.save_notes = o.save_notes.max(10);
        o.queries = o.queries.max(4);
        Ok(o)
    }

    fn runs(&self, what: &str) -> bool {
        self.only.iter().any(|o| o == what)
    }
}

// ---------------------------------------------------------------- numbers

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Nearest-rank percentile of sorted samples.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(samples: &[Duration]) -> Duration {
    let mut s = samples.to_vec();
    s.sort_unstable();
    pct(&s, 50.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT MET"
    }
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => total += dir_size(&e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

// ---------------------------------------------------------------- text

/// SplitMix64: small, fast and deterministic, so every run writes the same notes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The most frequent words, in rank order; the rest of the vocabulary is
/// made of syllables.
const COMMON: &[&str] = &[
    "the",
    "and",
    "she",
    "to",
    "of",
    "a",
    "her",
    "was",
    "in",
    "said",
    "that",
    "he",
    "it",
    "for",
    "with",
    "they",
    "on",
    "not",
    "at",
    "had",
    "from",
    "is",
    "we",
    "did",
    "but",
    "were",
    "him",
    "by",
    "would",
    "there",
    "about",
    "when",
    "after",
    "told",
    "work",
    "money",
    "house",
    "phone",
    "passport",
    "family",
    "mother",
    "police",
    "doctor",
    "child",
    "daughter",
    "son",
    "brother",
    "sister",
    "friend",
    "employer",
    "agency",
    "job",
    "debt",
    "rent",
    "room",
    "night",
    "day",
    "week",
    "month",
    "year",
    "city",
    "border",
    "bus",
    "car",
    "taxi",
    "airport",
    "ticket",
    "visa",
    "contract",
    "salary",
    "hours",
    "factory",
    "farm",
    "kitchen",
    "restaurant",
    "hotel",
    "cleaning",
    "construction",
    "shelter",
    "hospital",
    "clinic",
    "medicine",
    "pain",
    "sleep",
    "afraid",
    "threat",
    "threatened",
    "beaten",
    "locked",
    "documents",
    "lawyer",
    "court",
    "hearing",
    "statement",
    "interpreter",
    "language",
    "school",
    "training",
    "benefits",
    "housing",
    "caseworker",
    "appointment",
    "referral",
    "counselling",
    "support",
    "safe",
    "unsafe",
    "home",
    "village",
    "travel",
    "arrived",
    "left",
    "returned",
    "called",
    "asked",
    "paid",
    "owed",
    "promised",
    "recruiter",
    "boss",
    "manager",
    "cousin",
    "uncle",
    "husband",
    "partner",
    "food",
    "clothes",
    "bank",
    "card",
    "cash",
    "transfer",
    "wages",
    "deducted",
    "fine",
    "punished",
    "watched",
    "camera",
    "keys",
    "door",
    "window",
    "escaped",
    "neighbour",
    "hotline",
    "ngo",
    "embassy",
    "consulate",
    "interview",
    "consent",
    "signed",
    "refused",
    "worried",
    "crying",
    "tired",
    "injury",
    "bruise",
    "dentist",
    "pregnant",
    "baby",
    "nursery",
    "english",
    "romanian",
    "spanish",
    "arabic",
    "tigrinya",
    "vietnamese",
    "albanian",
    "polish",
    "bulgarian",
];

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
    "cl", "dr", "fr", "gr", "pl", "pr", "sh", "st", "tr", "ch", "th", "sk",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng",
];

const PLACES: &[&str] = &[
    "office",
    "shelter",
    "phone",
    "home visit",
    "hospital",
    "court",
    "cafe",
    "clinic",
];
const TAGS: &[&str] = &[
    "urgent",
    "housing",
    "health",
    "legal",
    "debt",
    "documents",
    "children",
    "safety",
];

struct Corpus {
    vocab: Vec<String>,
    /// Cumulative Zipf weights over `vocab`.
    cumulative: Vec<f64>,
    rare: Vec<String>,
    rare_used: Vec<bool>,
    rng: Rng,
}

impl Corpus {
    fn new(seed: u64) -> Corpus {
        let mut rng = Rng(seed);
        let mut seen = std::collections::HashSet::new();
        let mut vocab: Vec<String> = Vec::new();
        for w in COMMON {
            if seen.insert((*w).to_owned()) {
                vocab.push((*w).to_owned());
            }
        }
        let word = |rng: &mut Rng, syllables: usize| {
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(ONSETS[rng.below(ONSETS.len())]);
                w.push_str(VOWELS[rng.below(VOWELS.len())]);
            }
            w.push_str(CODAS[rng.below(CODAS.len())]);
            w
        };
        while vocab.len() < 4_000 {
            let syllables = 1 + rng.below(3);
            let w = word(&mut rng, syllables);
            if w.len() >= 3 && seen.insert(w.clone()) {
                vocab.push(w);
            }
        }
        // Rare terms: longer words, each in a handful of notes.
        let mut rare = Vec::new();
        while rare.len() < 2_000 {
            let w = format!("{}{}", word(&mut rng, 3), word(&mut rng, 1));
            if seen.insert(w.clone()) {
                rare.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=vocab.len())
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.05);
                total
            })
            .collect();
        let rare_used = vec![false; rare.len()];
        Corpus {
            vocab,
            cumulative,
            rare,
            rare_used,
            rng,
        }
    }

    fn zipf_word(&mut self) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = self.rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.vocab.len() - 1)
    }

    /// A narrative of 40–200 words in sentences, sometimes with a rare term.
    fn narrative(&mut self) -> String {
        let words = 40 + self.rng.below(161);
        let mut out = String::with_capacity(words * 7);
        let mut in_sentence = 0;
        let sentence_len = 8 + self.rng.below(12);
        for i in 0..words {
            let w = if self.rng.below(400) == 0 {
                let r = self.rng.below(self.rare.len());
                self.rare_used[r] = true;
                self.rare[r].clone()
            } else {
                let r = self.zipf_word();
                self.vocab[r].clone()
            };
            if i > 0 {
                out.push(' ');
            }
            if in_sentence == 0 {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(&w);
            }
            in_sentence += 1;
            if in_sentence >= sentence_len || i + 1 == words {
                out.push('.');
                in_sentence = 0;
            } else if self.rng.below(12) == 0 {
                out.push(',');
            }
        }
        out
    }

    fn note(&mut self, case: Uuid) -> Body {
        let kinds = NoteKind::ALL;
        let tags = (0..self.rng.below(3))
            .map(|_| TAGS[self.rng.below(TAGS.len())].to_owned())
            .collect();
        Body::Note(NoteBody {
            unknown: Default::default(),
            form: None,
            case,
            kind: kinds[self.rng.below(kinds.len())],
            when: Some("2026-03-14".into()),
            place: Some(PLACES[self.rng.below(PLACES.len())].into()),
            present: vec!["caseworker".into()],
            interpreter: None,
            narrative: self.narrative(),
            tags,
            draft: false,
        })
    }

    /// The query mix: (kind, text) pairs, `n` in all.
    fn queries(&mut self, n: usize) -> Vec<(&'static str, String)> {
        let used: Vec<usize> = (0..self.rare.len())
            .filter(|&i| self.rare_used[i])
            .collect();
        let per = n.div_ceil(4);
        let mut out = Vec::with_capacity(per * 4);
        for _ in 0..per {
            if !used.is_empty() {
                let r = used[self.rng.below(used.len())];
                out.push(("rare term", self.rare[r].clone()));
            }
            // Among the 40 most frequent words.
            let common = self.vocab[self.rng.below(40)].clone();
            out.push(("common term", common));
            // A mid-frequency word AND a less frequent one.
            let a = self.vocab[40 + self.rng.below(260)].clone();
            let b = self.vocab[300 + self.rng.below(2_700)].clone();
            out.push(("two-term AND", format!("{a} {b}")));
            // The first three letters of a word, as typed.
            let w = &self.vocab[20 + self.rng.below(1_980)];
            out.push(("prefix", w.chars().take(3).collect()));
        }
        // Interleave kinds so no kind benefits from a warmer cache.
        let mut shuffled = Vec::with_capacity(out.len());
        while !out.is_empty() {
            let i = self.rng.below(out.len());
            shuffled.push(out.swap_remove(i));
        }
        shuffled.truncate(n);
        shuffled
    }
}

/// The text the vault indexes for a note (the same fields, in the same
/// order, as the core's search index).
fn note_index_text(body: &Body) -> String {
    let Body::Note(n) = body else {
        return String::new();
    };
    let mut parts: Vec<&str> = vec![&n.narrative, n.kind.as_str()];
    parts.extend(n.tags.iter().map(String::as_str));
    parts.extend(n.present.iter().map(String::as_str));
    parts.extend(n.place.as_deref());
    parts.extend(n.interpreter.as_deref());
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

fn new_case(vault: &mut Vault, code: &str) -> Res<Uuid> {
    Ok(vault.add(case_body(code))?.record_id)
}

fn case_body(code: &str) -> Body {
    Body::Case(CaseBody {
        unknown: Default::default(),
        profile: Default::default(),
        code: code.into(),
        identity: Default::default(),
        languages: vec!["ro".into(), "en".into()],
        nationality: Some("RO".into()),
        risk: None,
        status: CaseStatus::Open,
        assigned_worker: Some("caseworker".into()),
    })
}

// ---------------------------------------------------------------- unlock

struct UnlockFigures {
    kdf: Duration,
    unlock: Duration,
    rounds: usize,
}

fn bench_unlock(o: &Options, scratch: &Path) -> Res<UnlockFigures> {
    let pass = SecretString::from(PASSPHRASE.to_owned());
    let dir = scratch.join("unlock-vault");
    Vault::create(&dir, &pass, CreateOptions::default())?.lock()?;

    // The bare KDF: an age scrypt file of envelope size at the same work factor.
    let kdf_file = scratch.join("kdf-baseline.age");
    {
        let mut recipient = age::scrypt::Recipient::new(pass.clone());
        recipient.set_work_factor(PRODUCTION_WORK_FACTOR);
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))?;
        let mut sealed = Vec::new();
        let mut w = encryptor.wrap_output(&mut sealed)?;
        w.write_all(&[b'k'; 300])?;
        w.finish()?;
        fs::write(&kdf_file, &sealed)?;
    }
    let open_kdf = || -> Res<Duration> {
        let start = Instant::now();
        let bytes = fs::read(&kdf_file)?;
        let mut identity = age::scrypt::Identity::new(pass.clone());
        identity.set_max_work_factor(20);
        let decryptor = age::Decryptor::new_buffered(&bytes[..])?;
        let mut reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity))?;
        let mut plain = Vec::new();
        reader.read_to_end(&mut plain)?;
        let t = start.elapsed();
        assert_eq!(plain.len(), 300);
        Ok(t)
    };
    let open_vault = || -> Res<Duration> {
        let start = Instant::now();
        let vault = Vault::unlock(&dir, &pass)?;
        let t = start.elapsed();
        vault.lock()?;
        Ok(t)
    };

    // One warm-up each, then interleaved rounds.
    open_kdf()?;
    open_vault()?;
    let (mut kdf, mut unlock) = (Vec::new(), Vec::new());
    for round in 0..o.unlock_rounds {
        if round % 2 == 0 {
            kdf.push(open_kdf()?);
            unlock.push(open_vault()?);
        } else {
            unlock.push(open_vault()?);
            kdf.push(open_kdf()?);
        }
    }
    Ok(UnlockFigures {
        kdf: median(&kdf),
        unlock: median(&unlock),
        rounds: o.unlock_rounds,
    })
}

// ---------------------------------------------------------------- save

/// The baseline: the same schema, pragmas and rows on plain, unencrypted
/// SQLite (SQLCipher without `PRAGMA key`), with no signature and no key.
struct PlainStore {
    conn: Connection,
    device: String,
    audit_key: [u8; 32],
    last_hlc: Hlc,
}

impl PlainStore {
    /// `keyed`: key it with a raw SQLCipher key as the vault does, to split
    /// the cost of encryption from the cost of the vault's own work.
    fn create(path: &Path, case: Uuid, keyed: bool) -> Res<PlainStore> {
        let mut conn = Connection::open(path)?;
        if keyed {
            conn.execute_batch(&format!(
                "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{}'\";",
                "3c".repeat(32)
            ))?;
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA temp_store = MEMORY;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;",
        )?;
        // The vault's own migrations, so the baseline has its very schema.
        fieldnotes_core::apply_schema(&mut conn)?;
        let device = Uuid::new_v4().to_string();
        conn.execute(
            "INSERT INTO devices(device_id, signing_key, age_recipient, name) VALUES (?1, ?2, ?3, '')",
            params![device, &[7u8; 32][..], "age1".repeat(15)],
        )?;
        conn.execute(
            "INSERT INTO records(record_id, kind, case_id) VALUES (?1, 'case', NULL)",
            [case.to_string()],
        )?;
        Ok(PlainStore {
            conn,
            device,
            audit_key: [9u8; 32],
            last_hlc: Hlc::default(),
        })
    }

    /// One note: record, version, head, search row (and its entry in the
    /// record-to-row map) and audit entry, in one transaction, as the vault
    /// writes them.
    fn add(&mut self, body: &Body) -> Res<()> {
        let tx = self.conn.transaction()?;
        plain_note(&tx, &self.device, &self.audit_key, &mut self.last_hlc, body)?;
        tx.commit()?;
        Ok(())
    }

    /// Many notes in one transaction, as `Vault::add_many` writes them.
    fn add_many(&mut self, bodies: &[Body]) -> Res<()> {
        let tx = self.conn.transaction()?;
        for body in bodies {
            plain_note(&tx, &self.device, &self.audit_key, &mut self.last_hlc, body)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The rows of one note, inside the caller's transaction.
fn plain_note(
    tx: &Connection,
    device: &str,
    audit_key: &[u8; 32],
    last_hlc: &mut Hlc,
    body: &Body,
) -> Res<()> {
    let record_id = Uuid::now_v7().to_string();
    let version_id = Uuid::now_v7().to_string();
    let case = body.case().map(|c| c.to_string());
    let json = serde_json::to_string(body)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis() as u64;
    *last_hlc = Hlc::tick(*last_hlc, now);
    let at = fieldnotes_core::dates::now_rfc3339();
    let signature = "5a".repeat(64);
    tx.prepare_cached(
        "INSERT OR IGNORE INTO records(record_id, kind, case_id) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![record_id, "note", case])?;
    tx.prepare_cached(
        "INSERT INTO versions(version_id, record_id, kind, hlc, author, parents, deleted, body, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        version_id,
        record_id,
        "note",
        last_hlc.to_string(),
        device,
        "[]",
        false,
        json,
        signature,
    ])?;
    tx.prepare_cached("INSERT INTO heads(record_id, version_id) VALUES (?1, ?2)")?
        .execute([&record_id, &version_id])?;
    tx.prepare_cached("INSERT INTO search_index(record_id, text) VALUES (?1, ?2)")?
        .execute(params![record_id, note_index_text(body)])?;
    let row = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO search_rows(record_id, row) VALUES (?1, ?2)")?
        .execute(params![record_id, row])?;
    let last: Option<(u64, Vec<u8>)> = tx
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = last.map_or((1, vec![0u8; 32]), |(s, h)| (s + 1, h));
    let subject = format!("note {record_id}");
    let mut h = blake3::Hasher::new_keyed(audit_key);
    h.update(&prev);
    h.update(&seq.to_le_bytes());
    for part in [at.as_str(), "record_created", subject.as_str()] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    tx.prepare_cached(
        "INSERT INTO audit(seq, at, event, subject, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        seq,
        at,
        "record_created",
        subject,
        prev,
        &h.finalize().as_bytes()[..]
    ])?;
    Ok(())
}

struct Percentiles {
    p50: Duration,
    p95: Duration,
    p99: Duration,
    max: Duration,
    n: usize,
}

impl Percentiles {
    fn of(mut samples: Vec<Duration>) -> Percentiles {
        samples.sort_unstable();
        Percentiles {
            p50: pct(&samples, 50.0),
            p95: pct(&samples, 95.0),
            p99: pct(&samples, 99.0),
            max: samples.last().copied().unwrap_or_default(),
            n: samples.len(),
        }
    }
}

struct SaveFigures {
    vault: Percentiles,
    plain: Percentiles,
    keyed: Percentiles,
}

fn bench_save(o: &Options, scratch: &Path) -> Res<SaveFigures> {
    let pass = SecretString::from(PASSPHRASE.to_owned());
    let dir = scratch.join("save-vault");
    let mut vault = Vault::create(&dir, &pass, CreateOptions::default())?;
    let case = new_case(&mut vault, "SAVE-1")?;
    let plain_dir = scratch.join("save-plain");
    fs::create_dir_all(&plain_dir)?;
    let mut plain = PlainStore::create(&plain_dir.join("plain.db"), case, false)?;
    let mut keyed = PlainStore::create(&plain_dir.join("keyed.db"), case, true)?;

    let mut corpus = Corpus::new(0x5EED_0001);
    let warmup = 50;
    let (mut v, mut p, mut k) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..warmup + o.save_notes {
        let body = corpus.note(case);
        // Rotate the order, so none always follows another's fsync.
        let (mut tv, mut tp, mut tk) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for step in 0..3 {
            match (i + step) % 3 {
                0 => tv = time_add(&mut vault, body.clone())?,
                1 => tp = time_plain(&mut plain, &body)?,
                _ => tk = time_plain(&mut keyed, &body)?,
            }
        }
        if i >= warmup {
            v.push(tv);
            p.push(tp);
            k.push(tk);
        }
    }
    vault.lock()?;
    Ok(SaveFigures {
        vault: Percentiles::of(v),
        plain: Percentiles::of(p),
        keyed: Percentiles::of(k),
    })
}

fn time_add(vault: &mut Vault, body: Body) -> Res<Duration> {
    let start = Instant::now();
    vault.add(body)?;
    Ok(start.elapsed())
}

fn time_plain(plain: &mut PlainStore, body: &Body) -> Res<Duration> {
    let start = Instant::now();
    plain.add(body)?;
    Ok(start.elapsed())
}

// ---------------------------------------------------------------- search

struct KindFigures {
    kind: &'static str,
    times: Percentiles,
    mean_hits: f64,
}

struct FtsFigures {
    notes: usize,
    build: Duration,
    build_rate: f64,
    /// The plain-SQLite baseline grown beside the vault, if it was.
    plain_rate: Option<f64>,
    /// `Vault::update` latency of existing notes at `notes`.
    updates: Percentiles,
    size_bytes: u64,
    kinds: Vec<KindFigures>,
    overall: Percentiles,
}

/// Notes per case in the search vault.
const NOTES_PER_CASE: usize = 500;
/// Notes per `Vault::add_many` call (one transaction) while growing it.
const GROW_BATCH: usize = 5_000;

/// One batch of growth: the notes written and how long each side took.
struct Batch {
    ids: Vec<Uuid>,
    bodies: Vec<Body>,
    vault: Duration,
    plain: Duration,
}

/// Writes notes `from..to` (a new case every 500 notes) into the vault with
/// `Vault::add_many`, and the same notes into the baseline, if any.
fn grow_batch(
    vault: &mut Vault,
    plain: Option<&mut PlainStore>,
    corpus: &mut Corpus,
    case: &mut Uuid,
    (from, to): (usize, usize),
) -> Res<Batch> {
    let new_cases: Vec<Body> = (from..to)
        .filter(|i| i.is_multiple_of(NOTES_PER_CASE))
        .map(|i| case_body(&format!("C-{:06}", i / NOTES_PER_CASE)))
        .collect();
    let start = Instant::now();
    let mut cases = vault.add_many(new_cases)?.into_iter().map(|v| v.record_id);
    let mut vault_time = start.elapsed();
    let bodies: Vec<Body> = (from..to)
        .map(|i| {
            if i.is_multiple_of(NOTES_PER_CASE) {
                *case = cases.next().unwrap_or(*case);
            }
            corpus.note(*case)
        })
        .collect();
    let copy = bodies.clone();
    let start = Instant::now();
    let ids = vault
        .add_many(copy)?
        .into_iter()
        .map(|v| v.record_id)
        .collect();
    vault_time += start.elapsed();
    let start = Instant::now();
    if let Some(plain) = plain {
        plain.add_many(&bodies)?;
    }
    Ok(Batch {
        ids,
        bodies,
        vault: vault_time,
        plain: start.elapsed(),
    })
}

/// Saving notes one by one into the vault grown to `notes`, beside the
/// plain-SQLite baseline grown to the same size with the same notes.
struct SaveAtSize {
    notes: usize,
    vault: Percentiles,
    plain: Percentiles,
    /// `Vault::tidy` after the saves: how long the work they left took
    /// (merging index segments, copying the log back), in steps of (p50, max).
    tidy: Duration,
    tidy_steps: Percentiles,
    /// The last step of it, which copies the write-ahead log back.
    checkpoint: Duration,
}

fn save_at_size(
    o: &Options,
    vault: &mut Vault,
    plain: &mut PlainStore,
    corpus: &mut Corpus,
    (case, notes): (Uuid, usize),
) -> Res<SaveAtSize> {
    let warmup = 50;
    let (mut v, mut p) = (Vec::new(), Vec::new());
    for i in 0..warmup + o.save_notes {
        let body = corpus.note(case);
        // Alternate the order, so neither always follows the other's fsync.
        let (tv, tp) = if i % 2 == 0 {
            let tv = time_add(vault, body.clone())?;
            (tv, time_plain(plain, &body)?)
        } else {
            let tp = time_plain(plain, &body)?;
            (time_add(vault, body)?, tp)
        };
        if i >= warmup {
            v.push(tv);
            p.push(tp);
        }
    }
    // The work the saves left undone, as the app does it while idle:
    // steps are timed one by one (each holds the vault that long).
    let start = Instant::now();
    let mut steps = Vec::new();
    loop {
        let step = Instant::now();
        let tidy = vault.tidy(Duration::ZERO)?;
        steps.push(step.elapsed());
        if tidy {
            break;
        }
    }
    // The last step found nothing to merge and copied the log back.
    let checkpoint = steps.last().copied().unwrap_or_default();
    Ok(SaveAtSize {
        notes,
        vault: Percentiles::of(v),
        plain: Percentiles::of(p),
        tidy: start.elapsed(),
        tidy_steps: Percentiles::of(steps),
        checkpoint,
    })
}

fn report_save_at_size(s: &SaveAtSize) -> Res<String> {
    let mut r = String::new();
    writeln!(
        r,
        "Save a note into the vault of {} notes ({} notes each, after 50 warm-up)",
        s.notes, s.vault.n
    )?;
    writeln!(r, "  {:<44} {:>9} {:>9} {:>9}", "", "p50", "p99", "max")?;
    for (name, p) in [
        ("plain SQLite, same schema and size (baseline)", &s.plain),
        ("Vault::add (SQLCipher, signed, FTS, audit)", &s.vault),
    ] {
        writeln!(
            r,
            "  {name:<44} {:>6.3} ms {:>6.3} ms {:>6.3} ms",
            ms(p.p50),
            ms(p.p99),
            ms(p.max)
        )?;
    }
    writeln!(
        r,
        "  ratio p50 {:.2}x, p99 {:.2}x   p99 {:.3} ms   goal p99 < 3 ms   {}",
        s.vault.p50.as_secs_f64() / s.plain.p50.as_secs_f64(),
        s.vault.p99.as_secs_f64() / s.plain.p99.as_secs_f64(),
        ms(s.vault.p99),
        verdict(ms(s.vault.p99) < 3.0)
    )?;
    writeln!(
        r,
        "  then the work the saves left (Vault::tidy): {:.0} ms in {} steps, p50 {:.3} ms, max {:.3} ms; \
         the last, copying the write-ahead log back, {:.3} ms",
        ms(s.tidy),
        s.tidy_steps.n,
        ms(s.tidy_steps.p50),
        ms(s.tidy_steps.max),
        ms(s.checkpoint)
    )?;
    Ok(r)
}

fn bench_fts(o: &Options, scratch: &Path) -> Res<()> {
    let pass = SecretString::from(PASSPHRASE.to_owned());
    let dir = scratch.join("fts-vault");
    let mut vault = Vault::create(&dir, &pass, CreateOptions::default())?;
    let mut plain = if o.runs("save-at-size") {
        let plain_dir = scratch.join("fts-plain");
        fs::create_dir_all(&plain_dir)?;
        Some(PlainStore::create(
            &plain_dir.join("plain.db"),
            Uuid::nil(),
            false,
        )?)
    } else {
        None
    };
    let mut corpus = Corpus::new(0x5EED_0002);
    let mut case = Uuid::nil();
    let mut written = 0usize;
    let (mut build, mut plain_build) = (Duration::ZERO, Duration::ZERO);
    let mut stopped_early = false;
    for &size in &o.sizes {
        let wall = Instant::now();
        let (mut took, mut plain_took) = (Duration::ZERO, Duration::ZERO);
        let from = written;
        let mut last_report = Instant::now();
        let mut sample = Vec::new();
        let every = ((size - written) / 20).max(1);
        while written < size {
            let to = (written + GROW_BATCH).min(size);
            let batch = grow_batch(
                &mut vault,
                plain.as_mut(),
                &mut corpus,
                &mut case,
                (written, to),
            )?;
            took += batch.vault;
            plain_took += batch.plain;
            for (i, (id, body)) in batch.ids.into_iter().zip(batch.bodies).enumerate() {
                if (written + i).is_multiple_of(every) {
                    sample.push((id, body));
                }
            }
            written = to;
            if let Some(limit) = o.build_limit {
                if build + wall.elapsed() > limit {
                    stopped_early = true;
                    break;
                }
            }
            if last_report.elapsed() > Duration::from_secs(30) {
                let rate = (written - from) as f64 / took.as_secs_f64();
                eprintln!(
                    "  building: {written} of {size} notes, vault {rate:.0} notes/s, {:.0} s in all so far",
                    wall.elapsed().as_secs_f64()
                );
                last_report = Instant::now();
            }
        }
        build += took;
        plain_build += plain_took;
        let build_rate = (written - from) as f64 / took.as_secs_f64().max(1e-9);
        let plain_rate = plain
            .as_ref()
            .map(|_| (written - from) as f64 / plain_took.as_secs_f64().max(1e-9));
        eprintln!(
            "  built {written} notes: vault {:.0} s in all ({build_rate:.0} notes/s for the last {}); baseline {:.0} s; wall {:.0} s for this size",
            build.as_secs_f64(),
            written - from,
            plain_build.as_secs_f64(),
            wall.elapsed().as_secs_f64()
        );

        // Measure the size locked, then search from a fresh unlock, as a user would.
        vault.lock()?;
        let size_bytes = dir_size(&dir);
        vault = Vault::unlock(&dir, &pass)?;

        let (kinds, overall) = time_queries(&vault, &mut corpus, o.queries)?;

        // Edits of existing notes at this size.
        let mut updates = Vec::new();
        for (id, mut body) in sample {
            if let Body::Note(n) = &mut body {
                n.narrative.push_str(" Addendum: she called back.");
            }
            let t = Instant::now();
            vault.update(id, body)?;
            updates.push(t.elapsed());
        }
        let figures = FtsFigures {
            notes: written,
            build,
            build_rate,
            plain_rate,
            updates: Percentiles::of(updates),
            size_bytes,
            kinds,
            overall,
        };
        println!("{}", report_fts(&figures)?);
        if let Some(plain) = plain.as_mut() {
            let s = save_at_size(o, &mut vault, plain, &mut corpus, (case, written))?;
            println!("{}", report_save_at_size(&s)?);
        }
        if stopped_early {
            println!("  (stopped growing: --build-limit reached; larger sizes not measured)\n");
            break;
        }
    }
    vault.lock()?;
    Ok(())
}

/// The query mix over the vault: figures by kind, and over all queries.
fn time_queries(
    vault: &Vault,
    corpus: &mut Corpus,
    n: usize,
) -> Res<(Vec<KindFigures>, Percentiles)> {
    let queries = corpus.queries(n);
    // Warm-up: a few queries not counted (the first reads load the schema).
    for (_, q) in queries.iter().take(10) {
        vault.search(q, 20)?;
    }
    let mut by_kind: Vec<(&'static str, Vec<Duration>, usize)> = Vec::new();
    let mut all = Vec::new();
    for (kind, q) in &queries {
        let start = Instant::now();
        let hits = vault.search(q, 20)?;
        let t = start.elapsed();
        all.push(t);
        match by_kind.iter_mut().find(|(k, _, _)| k == kind) {
            Some((_, ts, h)) => {
                ts.push(t);
                *h += hits.len();
            }
            None => by_kind.push((kind, vec![t], hits.len())),
        }
    }
    by_kind.sort_by_key(|(k, _, _)| *k);
    let kinds = by_kind
        .into_iter()
        .map(|(kind, ts, hits)| KindFigures {
            kind,
            mean_hits: hits as f64 / ts.len() as f64,
            times: Percentiles::of(ts),
        })
        .collect();
    Ok((kinds, Percentiles::of(all)))
}

fn report_fts(f: &FtsFigures) -> Res<String> {
    let mut r = String::new();
    writeln!(
        r,
        "Search, {} notes ({} queries, limit 20)",
        f.notes, f.overall.n
    )?;
    writeln!(
        r,
        "  {:<16} {:>5} {:>9} {:>9} {:>9} {:>9} {:>6}",
        "kind", "n", "p50", "p95", "p99", "max", "hits"
    )?;
    for k in f
        .kinds
        .iter()
        .map(|k| (k.kind, &k.times, k.mean_hits))
        .chain(std::iter::once(("all", &f.overall, f64::NAN)))
    {
        let (kind, p, hits) = k;
        writeln!(
            r,
            "  {kind:<16} {:>5} {:>6.2} ms {:>6.2} ms {:>6.2} ms {:>6.2} ms {:>6}",
            p.n,
            ms(p.p50),
            ms(p.p95),
            ms(p.p99),
            ms(p.max),
            if hits.is_nan() {
                String::new()
            } else {
                format!("{hits:.1}")
            }
        )?;
    }
    writeln!(
        r,
        "  p95 {:.2} ms   goal < 20 ms   {}",
        ms(f.overall.p95),
        verdict(ms(f.overall.p95) < 20.0)
    )?;
    writeln!(
        r,
        "  vault size {:.1} MiB locked = {:.2} MiB per 1k notes",
        mib(f.size_bytes),
        mib(f.size_bytes) / (f.notes as f64 / 1000.0),
    )?;
    writeln!(
        r,
        "  grown with Vault::add_many, {GROW_BATCH} notes per call, at {:.0} notes/s ({:.0} s of vault writes so far){}",
        f.build_rate,
        f.build.as_secs_f64(),
        f.plain_rate
            .map(|p| format!("; baseline at {p:.0} notes/s"))
            .unwrap_or_default()
    )?;
    let p = &f.updates;
    writeln!(
        r,
        "  {:<38} p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms  (n {})",
        "Vault::update of an existing note",
        ms(p.p50),
        ms(p.p99),
        ms(p.max),
        p.n
    )?;
    Ok(r)
}

// ---------------------------------------------------------------- report

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// `--analysis-fts N`: where search time goes, on plain SQLite (built in
/// one transaction, so a million notes take a minute): the vault's FTS5
/// table as it is and with prefix indexes, queried as the vault queries
/// (the last word as a prefix) and with the last word exact.
fn analysis_fts(n: usize) -> Res<()> {
    let dir = tempfile::tempdir()?;
    let variants = [
        ("as in the vault", ""),
        ("prefix='1 2 3'", ", prefix='1 2 3'"),
        ("prefix='1 2 3 4 5 6'", ", prefix='1 2 3 4 5 6'"),
    ];
    let mut corpus = Corpus::new(0x5EED_0003);
    let texts: Vec<String> = (0..n)
        .map(|_| note_index_text(&corpus.note(Uuid::nil())))
        .collect();
    let pick = |rng: &mut Rng, words: &[&str]| words[rng.below(words.len())].to_owned();
    let mut rng = Rng(7);
    let mut queries: Vec<(&str, String)> = Vec::new();
    for _ in 0..30 {
        queries.push(("1 letter", pick(&mut rng, &["a", "s", "t", "h", "w"])));
        queries.push((
            "common, 2-5 letters",
            pick(&mut rng, &["the", "said", "with", "would", "she", "money"]),
        ));
        queries.push((
            "common, 6+ letters",
            pick(&mut rng, &["passport", "family", "police", "mother"]),
        ));
        let w = &corpus.vocab[20 + rng.below(1_980)];
        queries.push(("3-letter prefix", w.chars().take(3).collect()));
        let a = &corpus.vocab[40 + rng.below(260)];
        let b = &corpus.vocab[300 + rng.below(2_700)];
        queries.push(("two-term AND", format!("{a} {b}")));
    }
    println!("FTS analysis: {n} notes, plain SQLite, 30 queries of each kind, limit 20");
    println!(
        "  {:<22} {:<12} {:<20} {:>9} {:>9} {:>9}",
        "index", "last word", "kind", "p50", "p95", "max"
    );
    for (i, (label, options)) in variants.iter().enumerate() {
        let conn = Connection::open(dir.path().join(format!("v{i}.db")))?;
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE search_index USING fts5(
                 record_id UNINDEXED, text,
                 tokenize = 'unicode61 remove_diacritics 2'{options});"
        ))?;
        let start = Instant::now();
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert =
                tx.prepare("INSERT INTO search_index(record_id, text) VALUES (?1, ?2)")?;
            for text in &texts {
                insert.execute(params![Uuid::now_v7().to_string(), text])?;
            }
        }
        tx.commit()?;
        let built = start.elapsed();
        let mut stmt = conn.prepare(
            "SELECT s.record_id, snippet(search_index, 1, '[', ']', '…', 12)
             FROM search_index s WHERE search_index MATCH ?1
             ORDER BY s.rowid DESC LIMIT 20",
        )?;
        for exact in [false, true] {
            let mut by_kind: Vec<(&str, Vec<Duration>)> = Vec::new();
            for (kind, q) in &queries {
                let mut fq: Vec<String> = q.split(' ').map(|w| format!("\"{w}\"")).collect();
                if !exact || *kind == "3-letter prefix" {
                    if let Some(last) = fq.last_mut() {
                        last.push('*');
                    }
                }
                let t = Instant::now();
                let rows = stmt.query_map([fq.join(" ")], |r| r.get::<_, String>(0))?;
                for row in rows {
                    row?;
                }
                let t = t.elapsed();
                match by_kind.iter_mut().find(|(k, _)| k == kind) {
                    Some((_, ts)) => ts.push(t),
                    None => by_kind.push((kind, vec![t])),
                }
            }
            for (kind, ts) in by_kind {
                let p = Percentiles::of(ts);
                println!(
                    "  {label:<22} {:<12} {kind:<20} {:>6.2} ms {:>6.2} ms {:>6.2} ms",
                    if exact { "exact" } else { "prefix (*)" },
                    ms(p.p50),
                    ms(p.p95),
                    ms(p.max)
                );
            }
        }
        let size = fs::metadata(dir.path().join(format!("v{i}.db")))?.len()
            + fs::metadata(dir.path().join(format!("v{i}.db-wal"))).map_or(0, |m| m.len());
        println!(
            "  {label:<22} built in {:.0} s, {:.0} MiB",
            built.as_secs_f64(),
            mib(size)
        );
    }
    Ok(())
}

fn main() -> Res<()> {
    let o = Options::parse()?;
    if let Some(n) = o.analysis_fts {
        return analysis_fts(n);
    }
    let started = Instant::now();
    fs::create_dir_all(&o.dir)?;
    let scratch = tempfile::Builder::new()
        .prefix("fieldnotes-figures-")
        .tempdir_in(&o.dir)?;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut r = String::new();
    writeln!(
        r,
        "Fieldnotes figures{}",
        if o.quick { " (quick)" } else { "" }
    )?;
    writeln!(r, "machine: {cores} cores, {}", cpu_model())?;
    writeln!(r, "scratch: {}", scratch.path().display())?;
    println!("{r}");

    if o.runs("unlock") {
        eprintln!("unlock: {} interleaved rounds …", o.unlock_rounds);
        let u = bench_unlock(&o, scratch.path())?;
        let overhead = (u.unlock.as_secs_f64() / u.kdf.as_secs_f64() - 1.0) * 100.0;
        let mut r = String::new();
        writeln!(
            r,
            "Unlock (work factor {PRODUCTION_WORK_FACTOR}, median of {})",
            u.rounds
        )?;
        writeln!(r, "  {:<44} {:>10}", "", "median")?;
        writeln!(
            r,
            "  {:<44} {:>7.1} ms",
            "bare scrypt KDF (age file)",
            ms(u.kdf)
        )?;
        writeln!(r, "  {:<44} {:>7.1} ms", "Vault::unlock", ms(u.unlock))?;
        writeln!(
            r,
            "  overhead {overhead:+.1}% (+{:.1} ms)   goal <= +5%   {}",
            ms(u.unlock) - ms(u.kdf),
            verdict(overhead <= 5.0)
        )?;
        println!("{r}");
    }

    if o.runs("save") {
        eprintln!("save: {} notes each, interleaved …", o.save_notes);
        let s = bench_save(&o, scratch.path())?;
        let ratio50 = s.vault.p50.as_secs_f64() / s.plain.p50.as_secs_f64();
        let ratio99 = s.vault.p99.as_secs_f64() / s.plain.p99.as_secs_f64();
        let mut r = String::new();
        writeln!(
            r,
            "Save a note ({} notes each, after 50 warm-up)",
            s.vault.n
        )?;
        writeln!(r, "  {:<44} {:>9} {:>9} {:>9}", "", "p50", "p99", "max")?;
        for (name, p) in [
            ("plain SQLite, same schema (baseline)", &s.plain),
            ("  same, keyed SQLCipher (for analysis)", &s.keyed),
            ("Vault::add (SQLCipher, signed, FTS, audit)", &s.vault),
        ] {
            writeln!(
                r,
                "  {name:<44} {:>6.3} ms {:>6.3} ms {:>6.3} ms",
                ms(p.p50),
                ms(p.p99),
                ms(p.max)
            )?;
        }
        writeln!(
            r,
            "  ratio p50 {ratio50:.2}x, p99 {ratio99:.2}x   goal <= 1.5x   {}",
            verdict(ratio50 <= 1.5 && ratio99 <= 1.5)
        )?;
        println!("{r}");
    }

    if o.runs("fts") {
        eprintln!("search: vaults of {:?} notes …", o.sizes);
        bench_fts(&o, scratch.path())?;
    }

    println!("total time {:.0} s", started.elapsed().as_secs_f64());
    if o.keep {
        let kept = scratch.keep();
        println!("kept {}", kept.display());
    }
    Ok(())
}
