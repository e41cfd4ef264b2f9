// A modal dialog's hold on the keyboard focus (WCAG 2.4.3, 2.1.2): the
// focus moves into the dialog when it opens, Tab and Shift+Tab cycle through
// its controls without leaving it, and when it closes the focus goes back to
// what opened it (if that is still on the page). Escape is left to the
// dialog, which closes itself; the quick exit (Escape twice) listens before
// any of this, on the window.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls of `root` that Tab reaches, in order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.hidden && e.tabIndex >= 0);
}

/** A Svelte action for a modal dialog's element. */
export function trapFocus(node: HTMLElement) {
  const opener = document.activeElement as HTMLElement | null;
  if (!node.contains(document.activeElement)) node.focus();

  function onkeydown(e: KeyboardEvent) {
    if (e.key !== 'Tab') return;
    const items = focusables(node);
    if (items.length === 0) {
      e.preventDefault();
      node.focus();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === node || !node.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !node.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  }

  node.addEventListener('keydown', onkeydown);
  return {
    destroy() {
      node.removeEventListener('keydown', onkeydown);
      // After the dialog is gone, so nothing inside takes the focus back.
      queueMicrotask(() => {
        if (opener?.isConnected) opener.focus();
      });
    },
  };
}
