// Numeric checks tied to the actual reduced loss, named so rule files can ask
// for them (rules/coarse-graining/local-entropy.yaml: numeric: [...]).
import type { Check } from '../derivation/types.js';
import { seededRng } from '../util/random.js';
import { localEntropy } from './local-entropy.js';

export interface LineData { readonly lbar: (w: number) => number; readonly nu: number; readonly domain: readonly [number, number]; readonly seed: number }
type NumericCheck = (d: LineData) => Check;

const fmt = (x: number): string => x.toExponential(2);
/** The width sqrt(2 nu t) of the heat kernel: the scale on which the quadrature u(x, t) is smooth. */
const kernelWidth = (nu: number, t: number): number => Math.sqrt(2 * nu * t);
const samplePoints = (d: LineData, k: number): { x: number; t: number }[] => {
  const rng = seededRng(d.seed);
  const [lo, hi] = d.domain;
  return Array.from({ length: k }, () => ({ x: rng.uniform(lo + 0.3 * (hi - lo), hi - 0.3 * (hi - lo)), t: rng.uniform(0.1, 0.5) }));
};

const hjResidual: NumericCheck = (d) => {
  const u = (x: number, t: number): number => localEntropy(d.lbar, d.nu, x, t, d.domain).u;
  let worst = 0;
  for (const { x, t } of samplePoints(d, 4)) {
    // u is smooth on the kernel width sqrt(2 nu t) only (a kinked Lbar at small nu): the step stays below it.
    const hx = Math.min(2e-3, kernelWidth(d.nu, t) / 4), ht = 1e-4;
    const ut = (u(x, t + ht) - u(x, t - ht)) / (2 * ht);
    const u0 = u(x, t), up = u(x + hx, t), um = u(x - hx, t);
    const ux = (up - um) / (2 * hx), uxx = (up - 2 * u0 + um) / (hx * hx);
    const r = Math.abs(ut + ux * ux / 2 - d.nu * uxx) / (Math.abs(ut) + ux * ux / 2 + d.nu * Math.abs(uxx) + 1e-12);
    worst = Math.max(worst, r);
  }
  const tol = 1e-3;
  return { method: 'numeric', status: worst < tol ? 'passed' : 'failed', detail: `viscous HJ residual of the quadrature u(x,t) by finite differences at 4 seeded (x,t): max relative ${fmt(worst)}`, residual: worst, tolerance: tol };
};

const gradientIdentity: NumericCheck = (d) => {
  let worst = 0;
  for (const { x, t } of samplePoints(d, 4)) {
    const h = Math.min(1e-4, kernelWidth(d.nu, t) / 8);
    const fd = (localEntropy(d.lbar, d.nu, x + h, t, d.domain).u - localEntropy(d.lbar, d.nu, x - h, t, d.domain).u) / (2 * h);
    const exact = (x - localEntropy(d.lbar, d.nu, x, t, d.domain).meanY) / t;
    worst = Math.max(worst, Math.abs(fd - exact) / (1 + Math.abs(exact)));
  }
  const tol = 1e-6;
  return { method: 'numeric', status: worst < tol ? 'passed' : 'failed', detail: `grad u = (x - E[y])/t vs finite differences of u at 4 seeded (x,t): max relative ${fmt(worst)}`, residual: worst, tolerance: tol };
};

const smallTimeLimit: NumericCheck = (d) => {
  // u(x,t) = Lbar - t (Lbar'^2/2 - nu Lbar'') + O(t^2) from the HJ equation at t = 0.
  const t = 1e-3;
  let worst = 0;
  for (const { x } of samplePoints(d, 4)) {
    const h = 1e-3;
    const l0 = d.lbar(x), l1 = (d.lbar(x + h) - d.lbar(x - h)) / (2 * h), l2 = (d.lbar(x + h) - 2 * l0 + d.lbar(x - h)) / (h * h);
    const predicted = l0 - t * (l1 * l1 / 2 - d.nu * l2);
    worst = Math.max(worst, Math.abs(localEntropy(d.lbar, d.nu, x, t, d.domain).u - predicted));
  }
  const tol = 1e-4;
  return { method: 'numeric', status: worst < tol ? 'passed' : 'failed', detail: `u(x, 1e-3) vs Lbar - t (Lbar'^2/2 - nu Lbar'') at 4 seeded x: max error ${fmt(worst)} (O(t^2) expected)`, residual: worst, tolerance: tol };
};

export const NUMERIC_CHECKS: Readonly<Record<string, NumericCheck>> = {
  'hj-residual': hjResidual,
  'gradient-identity': gradientIdentity,
  'small-time-limit': smallTimeLimit,
};
