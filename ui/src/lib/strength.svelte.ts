// The passphrase strength shown beside a new passphrase: the core's
// estimate, asked for shortly after the last keystroke, and only the answer
// for what is typed now counts (a slow answer for older text is dropped).
import { api } from './ipc/api';
import type { StrengthView } from './ipc/bindings';

/** How long typing must pause before the estimate is asked for. */
export const STRENGTH_DELAY_MS = 200;

export class StrengthCheck {
  strength = $state<StrengthView | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #latest = '';

  /** Estimates `passphrase` once typing pauses; failures go to `onError`. */
  measure(passphrase: string, onError: (e: unknown) => void = () => {}) {
    clearTimeout(this.#timer);
    this.#latest = passphrase;
    if (!passphrase) {
      this.strength = null;
      return;
    }
    this.#timer = setTimeout(async () => {
      try {
        const s = await api.passphraseStrength(passphrase);
        if (passphrase === this.#latest) this.strength = s;
      } catch (e) {
        onError(e);
      }
    }, STRENGTH_DELAY_MS);
  }

  /** Forgets the estimate and any pending request. */
  clear() {
    clearTimeout(this.#timer);
    this.#latest = '';
    this.strength = null;
  }
}
