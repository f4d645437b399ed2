// A polite status line at the top of every page: how the shop explains degraded states
// (catalog or model missing, server down) instead of failing silently.

const shown = new Set();

/** Shows one explanation (each distinct message once). Never throws. */
export function explain(message) {
  try {
    if (shown.has(message)) return;
    shown.add(message);
    const box = document.querySelector('.notice');
    if (!box) return;
    const p = document.createElement('p');
    p.style.margin = '0';
    p.textContent = message;
    box.append(p);
    box.hidden = false;
  } catch { /* the notice is best-effort; the page stays usable without it */ }
}
