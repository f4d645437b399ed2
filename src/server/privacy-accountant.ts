// Rényi-DP accountant for the sampled Gaussian mechanism (user-level DP-FedAvg), with the
// conversion to (ε, δ)-DP. References: Mironov, Talwar & Zhang 2019 (integer orders, Poisson
// sampling); Balle et al. 2020 / Canonne et al. 2020 (tighter RDP → (ε, δ) conversion).

/** Integer Rényi orders searched for the best (ε, δ) conversion. */
export const RDP_ORDERS: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 128, 160, 192, 256];

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

function logBinom(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * RDP ε(α) of ONE round of the Gaussian mechanism with noise multiplier `sigma` (noise std =
 * sigma × sensitivity) applied to a Poisson sample with rate `q`, for integer α ≥ 2.
 */
export function rdpSampledGaussian(q: number, sigma: number, alpha: number): number {
  if (!(q > 0 && q <= 1)) throw new RangeError('rdpSampledGaussian: q must be in (0, 1]');
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError('rdpSampledGaussian: sigma must be finite and > 0');
  if (!Number.isInteger(alpha) || alpha < 2) throw new RangeError('rdpSampledGaussian: alpha must be an integer ≥ 2');
  if (q === 1) return alpha / (2 * sigma * sigma);
  // log A_α = log Σ_k C(α,k) (1-q)^(α-k) q^k exp((k² - k) / (2σ²))
  let logA = -Infinity;
  for (let k = 0; k <= alpha; k++) {
    const term = logBinom(alpha, k) + (alpha - k) * Math.log1p(-q) + k * Math.log(q) + (k * k - k) / (2 * sigma * sigma);
    logA = logAdd(logA, term);
  }
  return logA / (alpha - 1);
}

/** Inputs of the accountant: noise multiplier, sampling rate, number of rounds, target δ. */
export interface PrivacyParams {
  noiseMultiplier: number;
  sampleRate: number;
  rounds: number;
  delta: number;
}

/**
 * (ε, δ)-DP spent after `rounds` compositions; ε = Infinity when there is no noise and 0 when no
 * round has run. Uses ε = min_α RDP(α) + log((α−1)/α) − (log δ + log α)/(α−1).
 */
export function computeEpsilon(p: PrivacyParams): number {
  if (!(p.delta > 0 && p.delta < 1)) throw new RangeError('computeEpsilon: delta must be in (0, 1)');
  if (!Number.isInteger(p.rounds) || p.rounds < 0) throw new RangeError('computeEpsilon: rounds must be an integer ≥ 0');
  if (p.rounds === 0) return 0;
  if (!(p.noiseMultiplier > 0)) return Infinity;
  let best = Infinity;
  for (const a of RDP_ORDERS) {
    const rdp = p.rounds * rdpSampledGaussian(p.sampleRate, p.noiseMultiplier, a);
    const eps = rdp + Math.log((a - 1) / a) - (Math.log(p.delta) + Math.log(a)) / (a - 1);
    if (eps < best) best = eps;
  }
  return Math.max(0, best);
}

/**
 * Smallest noise multiplier (to 1e-3 relative) whose ε after `rounds` rounds is ≤ `epsilon`.
 * Returns 0 for epsilon = Infinity (no noise).
 */
export function calibrateNoiseMultiplier(epsilon: number, p: Omit<PrivacyParams, 'noiseMultiplier'>): number {
  if (epsilon === Infinity) return 0;
  if (!(epsilon > 0)) throw new RangeError('calibrateNoiseMultiplier: epsilon must be > 0');
  let lo = 0.01;
  let hi = 1;
  while (computeEpsilon({ ...p, noiseMultiplier: hi }) > epsilon) {
    hi *= 2;
    if (hi > 1e6) throw new RangeError('calibrateNoiseMultiplier: epsilon is out of reach');
  }
  while ((hi - lo) / hi > 1e-3) {
    const mid = (lo + hi) / 2;
    if (computeEpsilon({ ...p, noiseMultiplier: mid }) > epsilon) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** One round as the accountant sees it. */
export interface AccountedRound {
  noiseMultiplier: number;
  sampleRate: number;
}

/** (ε, δ) after a sequence of rounds whose noise or sampling rate may differ. */
export function composeEpsilon(rounds: readonly AccountedRound[], delta: number): number {
  if (!(delta > 0 && delta < 1)) throw new RangeError('composeEpsilon: delta must be in (0, 1)');
  if (rounds.length === 0) return 0;
  if (rounds.some((r) => !(r.noiseMultiplier > 0))) return Infinity;
  let best = Infinity;
  for (const a of RDP_ORDERS) {
    let rdp = 0;
    for (const r of rounds) rdp += rdpSampledGaussian(r.sampleRate, r.noiseMultiplier, a);
    best = Math.min(best, rdp + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1));
  }
  return Math.max(0, best);
}
