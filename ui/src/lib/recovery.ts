// Recovering the vault from the unlock screen with the organisation's
// recovery key: the key comes from a file chosen in the dialog or is
// pasted; a new passphrase, strong enough and typed twice, replaces the
// old one. The key text goes to the shell only when the form is sent.
import type { AppError, RecoveryKeyInput, StrengthView } from './ipc/bindings';

/** Where the key comes from. */
export type KeySource = 'file' | 'text';

/** The key as the shell takes it, or null while none is given. */
export function recoveryKey(source: KeySource, file: string | null, text: string): RecoveryKeyInput | null {
  if (source === 'file') return file ? { file } : null;
  return text.trim() ? { text } : null;
}

/** The organisation's public key (age1…) pasted instead of the secret one. */
export function looksPublic(text: string): boolean {
  return /^age1[0-9a-z]{20,}$/.test(text.trim());
}

/** Whether the form may be sent: a key, an acceptable passphrase, typed twice. */
export function recoverReady(
  key: RecoveryKeyInput | null,
  strength: StrengthView | null,
  passphrase: string,
  confirm: string,
): boolean {
  return key !== null && !!strength?.acceptable && passphrase.length > 0 && confirm === passphrase;
}

/** The failures about the key that the form explains in its own words. */
const OWN_ERRORS = ['invalid_key', 'io', 'invalid', 'wrong_recovery_key', 'recovery_not_configured'];

/** The form's own message for a failure, or null for the general one. */
export function recoverErrorId(e: AppError): string | null {
  return OWN_ERRORS.includes(e.code) ? `recover-error-${e.code}` : null;
}
