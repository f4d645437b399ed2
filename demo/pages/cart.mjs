// The cart and checkout pages. The cart lives in this browser (localStorage); the storefront
// script renders it, so both pages ship a frame and an explanation that works without script.
import { html } from './html.mjs';
import { layout } from './layout.mjs';

/** Cart page. Promises: a container the storefront script fills, and a link to checkout. */
export function cartPage() {
  const body = html`<h1>Your cart</h1>
<div class="cart-items" aria-live="polite"><p>Your cart is empty.</p></div>
<p><a class="button" href="/checkout">Go to checkout</a></p>`;
  return layout({ title: 'Cart', page: 'cart', body });
}

/** Checkout page. Promises: a labelled form whose submission records a purchase event. */
export function checkoutPage() {
  const body = html`<h1>Checkout</h1>
<div class="cart-items" aria-live="polite"><p>Your cart is empty.</p></div>
<form class="checkout" action="/checkout" method="get">
  <p><label for="name">Name</label> <input id="name" name="name" autocomplete="name" required></p>
  <p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="email" required></p>
  <p class="fine">Demo only: nothing is charged and this form is not sent anywhere.</p>
  <button type="submit">Place order</button>
</form>
<p class="order-done" role="status" aria-live="polite"></p>`;
  return layout({ title: 'Checkout', page: 'checkout', body });
}
