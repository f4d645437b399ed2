// The cart, kept in this browser's localStorage (the shop has no accounts); add-to-cart and
// checkout also report add_to_cart / purchase events to Hearth.
import { money } from './tile.js';
import { track } from './hearth-client.js';

const KEY = 'hearth-demo-cart';

/** The cart lines `[{ id, name, price, quantity }]`; an unreadable cart is an empty one. */
export function readCart() {
  try {
    const lines = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(lines) ? lines.filter((l) => l && typeof l.id === 'string' && Number.isFinite(l.price) && l.quantity > 0) : [];
  } catch {
    return [];
  }
}

function writeCart(lines) {
  try { localStorage.setItem(KEY, JSON.stringify(lines)); } catch { /* storage full or blocked: cart lives for this page only */ }
  showCount(lines);
}

function showCount(lines = readCart()) {
  const el = document.querySelector('.cart-count');
  if (el) el.textContent = String(lines.reduce((n, l) => n + l.quantity, 0));
}

/** Wires the add-to-cart button (product page) and renders cart/checkout pages. */
export function setupCart() {
  showCount();
  document.querySelectorAll('.add-to-cart').forEach((btn) => btn.addEventListener('click', async () => {
    const item = { id: btn.dataset.id, name: btn.dataset.name, price: Number(btn.dataset.price) };
    const lines = readCart();
    const line = lines.find((l) => l.id === item.id);
    if (line) line.quantity += 1; else lines.push({ ...item, quantity: 1 });
    writeCart(lines);
    // Confirm once Hearth has committed the event (track() resolves then), so leaving the page
    // right after the message cannot lose it.
    await track({ type: 'add_to_cart', item: { ...item, currency: 'EUR', quantity: 1 } });
    const added = document.querySelector('.added');
    if (added) added.textContent = `Added “${item.name}” to your cart.`;
  }));
  renderCart();
  const form = document.querySelector('form.checkout');
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const lines = readCart();
    const done = document.querySelector('.order-done');
    if (lines.length === 0) { if (done) done.textContent = 'Your cart is empty: add something first.'; return; }
    const value = Math.round(lines.reduce((s, l) => s + l.price * l.quantity, 0) * 100) / 100;
    const orderId = `demo-${Date.now().toString(36)}`;
    await track({ type: 'purchase', orderId, value, currency: 'EUR', items: lines.map((l) => ({ id: l.id, name: l.name, price: l.price, quantity: l.quantity })) });
    writeCart([]);
    renderCart();
    form.hidden = true;
    if (done) done.textContent = `Thank you! Order ${orderId} (${money(value)}) is placed. The purchase was recorded on this device only.`;
  });
}

function renderCart() {
  const box = document.querySelector('.cart-items');
  if (!box) return;
  const lines = readCart();
  box.replaceChildren();
  if (lines.length === 0) {
    box.innerHTML = '<p>Your cart is empty.</p>';
    return;
  }
  const table = document.createElement('table');
  table.innerHTML = '<caption class="sr-only">Cart contents</caption><thead><tr><th scope="col">Product</th><th scope="col">Qty</th><th scope="col">Price</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const l of lines) {
    const tr = document.createElement('tr');
    for (const text of [l.name, String(l.quantity), money(l.price * l.quantity)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  const total = lines.reduce((s, l) => s + l.price * l.quantity, 0);
  const foot = document.createElement('tfoot');
  foot.innerHTML = `<tr><th scope="row" colspan="2">Total</th><td>${money(total)}</td></tr>`;
  table.append(body, foot);
  box.append(table);
}
