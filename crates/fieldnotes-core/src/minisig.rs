//! Signatures in minisign's format, made with the device's Ed25519 key, so
//! a recipient can check a bundle's manifest with the standard `minisign`
//! tool (`minisign -Vm manifest.json -P <public key>`).
//!
//! Format (minisign's "ED", pre-hashed): the signature is Ed25519 over
//! BLAKE2b-512 of the message; the global signature is Ed25519 over the
//! signature followed by the trusted comment. The key id is the first 8
//! bytes of BLAKE3 over the public key, stored little-endian as minisign
//! does. Invariant: [`verify`] accepts exactly what `minisign -V` accepts
//! for that key, and never panics on any input.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

const SIG_ALG: &[u8; 2] = b"ED";
const KEY_ALG: &[u8; 2] = b"Ed";

/// A signature that does not check out, or text that is not a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid minisign signature for this key and message")]
pub struct BadSignature;

/// The 8-byte key id minisign shows and matches on.
pub fn key_id(key: &VerifyingKey) -> [u8; 8] {
    let hash = blake3::hash(key.as_bytes());
    let mut id = [0u8; 8];
    id.copy_from_slice(&hash.as_bytes()[..8]);
    id
}

/// The public key as minisign's `-P` argument.
pub fn public_key(key: &VerifyingKey) -> String {
    let mut raw = Vec::with_capacity(42);
    raw.extend_from_slice(KEY_ALG);
    raw.extend_from_slice(&key_id(key));
    raw.extend_from_slice(key.as_bytes());
    B64.encode(raw)
}

/// Parses a public key in minisign's form.
pub fn parse_public_key(text: &str) -> Result<VerifyingKey, BadSignature> {
    let raw = B64.decode(text.trim()).map_err(|_| BadSignature)?;
    if raw.len() != 42 || &raw[..2] != KEY_ALG {
        return Err(BadSignature);
    }
    let pk: [u8; 32] = raw[10..].try_into().map_err(|_| BadSignature)?;
    let key = VerifyingKey::from_bytes(&pk).map_err(|_| BadSignature)?;
    if raw[2..10] != key_id(&key) {
        return Err(BadSignature);
    }
    Ok(key)
}

fn prehash(message: &[u8]) -> [u8; 64] {
    let mut h = Blake2b512::new();
    h.update(message);
    h.finalize().into()
}

/// A complete `.minisig` file for `message`.
pub fn sign(key: &SigningKey, message: &[u8], trusted_comment: &str) -> String {
    let sig = key.sign(&prehash(message)).to_bytes();
    let mut line = Vec::with_capacity(74);
    line.extend_from_slice(SIG_ALG);
    line.extend_from_slice(&key_id(&key.verifying_key()));
    line.extend_from_slice(&sig);
    let comment = trusted_comment.replace(['\n', '\r'], " ");
    let mut global = Vec::with_capacity(64 + comment.len());
    global.extend_from_slice(&sig);
    global.extend_from_slice(comment.as_bytes());
    let global_sig = key.sign(&global).to_bytes();
    format!(
        "untrusted comment: signature from fieldnotes device key\n{}\ntrusted comment: {comment}\n{}\n",
        B64.encode(line),
        B64.encode(global_sig)
    )
}

/// Checks a `.minisig` file over `message`; returns the trusted comment.
pub fn verify(key: &VerifyingKey, message: &[u8], minisig: &str) -> Result<String, BadSignature> {
    let mut lines = minisig.lines();
    let _untrusted = lines.next().ok_or(BadSignature)?;
    let sig_line = B64
        .decode(lines.next().ok_or(BadSignature)?.trim())
        .map_err(|_| BadSignature)?;
    let comment = lines
        .next()
        .and_then(|l| l.strip_prefix("trusted comment: "))
        .ok_or(BadSignature)?;
    let global = B64
        .decode(lines.next().ok_or(BadSignature)?.trim())
        .map_err(|_| BadSignature)?;
    if sig_line.len() != 74 || &sig_line[..2] != SIG_ALG || sig_line[2..10] != key_id(key) {
        return Err(BadSignature);
    }
    let sig: [u8; 64] = sig_line[10..].try_into().map_err(|_| BadSignature)?;
    key.verify_strict(&prehash(message), &Signature::from_bytes(&sig))
        .map_err(|_| BadSignature)?;
    let global: [u8; 64] = global.as_slice().try_into().map_err(|_| BadSignature)?;
    let mut signed = Vec::with_capacity(64 + comment.len());
    signed.extend_from_slice(&sig);
    signed.extend_from_slice(comment.as_bytes());
    key.verify_strict(&signed, &Signature::from_bytes(&global))
        .map_err(|_| BadSignature)?;
    Ok(comment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn sign_verify_and_tamper() {
        let sk = SigningKey::generate(&mut OsRng);
        let vk = sk.verifying_key();
        let sig = sign(&sk, b"manifest", "bundle 1");
        assert_eq!(verify(&vk, b"manifest", &sig).unwrap(), "bundle 1");
        assert!(verify(&vk, b"manifesT", &sig).is_err());
        let other = SigningKey::generate(&mut OsRng).verifying_key();
        assert!(verify(&other, b"manifest", &sig).is_err());
        let forged_comment = sig.replace("bundle 1", "bundle 2");
        assert!(verify(&vk, b"manifest", &forged_comment).is_err());
        assert_eq!(parse_public_key(&public_key(&vk)).unwrap(), vk);
    }

    #[test]
    fn garbage_never_panics() {
        let vk = SigningKey::generate(&mut OsRng).verifying_key();
        for text in [
            "",
            "a\nb\nc\nd",
            "x\n!!!\ntrusted comment: \n???",
            "\n\n\n\n",
        ] {
            assert!(verify(&vk, b"m", text).is_err());
            assert!(parse_public_key(text).is_err());
        }
    }
}
