// Numeric checks tied to the actual reduced loss, named so rule files can ask
// for them (rules/coarse-graining/local-entropy.yaml: numeric: [...]).
import type { Check } from '../derivation/types.js';
import { seededRng } from '../util/random.js';
import { localEntropyQuadrature, type LocalEntropyValue, type SpaceTime } from './local-entropy.js';

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

/** One quadrature per line: Lbar tabulated once on the coarse scan (local-entropy.ts). */
const quadratures = new WeakMap<LineData, (stencil: readonly SpaceTime[]) => LocalEntropyValue[]>();
const quadratureOf = (d: LineData): ((stencil: readonly SpaceTime[]) => LocalEntropyValue[]) => {
  let q = quadratures.get(d);
  if (!q) { q = localEntropyQuadrature(d.lbar, d.nu, d.domain); quadratures.set(d, q); }
  return q;
};

/** Steps of the finite differences at (x, t): u is smooth on the kernel width sqrt(2 nu t) only (a kinked Lbar at small nu), so they stay below it. */
const steps = (nu: number, t: number): { hx: number; ht: number; hg: number } =>
  ({ hx: Math.min(2e-3, kernelWidth(nu, t) / 4), ht: 1e-4, hg: Math.min(1e-4, kernelWidth(nu, t) / 8) });

/**
 * At each seeded (x, t): u and E[y] at (x, t), (x, t +- ht), (x +- hx, t), (x +- hg, t), (x +- hg/2, t), one
 * stencil on shared quadrature nodes (Lbar evaluated once per point), for the HJ residual and
 * the gradient identity.
 */
interface StencilValues { readonly x: number; readonly t: number; readonly v: readonly LocalEntropyValue[] }
const stencils = new WeakMap<LineData, StencilValues[]>();
const stencilValues = (d: LineData): StencilValues[] => {
  let s = stencils.get(d);
  if (!s) {
    s = samplePoints(d, 4).map(({ x, t }) => {
      const { hx, ht, hg } = steps(d.nu, t);
      return { x, t, v: quadratureOf(d)([{ x, t }, { x, t: t + ht }, { x, t: t - ht }, { x: x + hx, t }, { x: x - hx, t }, { x: x + hg, t }, { x: x - hg, t }, { x: x + hg / 2, t }, { x: x - hg / 2, t }]) };
    });
    stencils.set(d, s);
  }
  return s;
};

/**
 * The quadrature's own accuracy: u on all nodes vs on every other node (step 2h). The trapezoid
 * error of the coarser rule bounds that of the finer one (it decreases with h), so this is an
 * a-posteriori bound on the error of every u the checks use; the shared nodes make the
 * finite differences below differences of one smooth function, this makes it the right one.
 */
const QUADRATURE_TOLERANCE = 1e-7;
const quadratureError = (d: LineData, v: LocalEntropyValue): number => Math.abs(v.u - v.uHalf) / (Math.abs(v.u) + d.nu);

const hjResidual: NumericCheck = (d) => {
  let worst = 0, quadrature = 0;
  for (const { t, v } of stencilValues(d)) {
    const { hx, ht } = steps(d.nu, t);
    const [c, tp, tm, xp, xm] = v;
    const ut = (tp.u - tm.u) / (2 * ht);
    const ux = (xp.u - xm.u) / (2 * hx), uxx = (xp.u - 2 * c.u + xm.u) / (hx * hx);
    const r = Math.abs(ut + ux * ux / 2 - d.nu * uxx) / (Math.abs(ut) + ux * ux / 2 + d.nu * Math.abs(uxx) + 1e-12);
    worst = Math.max(worst, r);
    quadrature = Math.max(quadrature, ...v.slice(0, 5).map((e) => quadratureError(d, e)));
  }
  const tol = 1e-3;
  const ok = worst < tol && quadrature < QUADRATURE_TOLERANCE;
  return { method: 'numeric', status: ok ? 'passed' : 'failed', detail: `viscous HJ residual of the quadrature u(x,t) by finite differences at 4 seeded (x,t): max relative ${fmt(worst)} (tolerance ${fmt(tol)}); quadrature error estimate |u(h) - u(2h)| / (|u| + nu) on the stencil's shared nodes: max ${fmt(quadrature)} (tolerance ${fmt(QUADRATURE_TOLERANCE)})`, residual: worst, tolerance: tol };
};

const gradientIdentity: NumericCheck = (d) => {
  let worst = 0;
  for (const { x, t, v } of stencilValues(d)) {
    const { hg } = steps(d.nu, t);
    // Richardson: central differences at hg and hg/2 combined to O(hg^4); near a smoothed kink
    // (u''' ~ [p]/sqrt(2 nu t)^2) the O(hg^2) term alone reached 1e-6 on a depth-4 ReLU net.
    const fd = (4 * (v[7].u - v[8].u) / hg - (v[5].u - v[6].u) / (2 * hg)) / 3;
    const exact = (x - v[0].meanY) / t;
    worst = Math.max(worst, Math.abs(fd - exact) / (1 + Math.abs(exact)));
  }
  const tol = 1e-6;
  return { method: 'numeric', status: worst < tol ? 'passed' : 'failed', detail: `grad u = (x - E[y])/t vs Richardson-extrapolated central differences of u at 4 seeded (x,t): max relative ${fmt(worst)}`, residual: worst, tolerance: tol };
};

const smallTimeLimit: NumericCheck = (d) => {
  // u(x,t) = Lbar - t (Lbar'^2/2 - nu Lbar'') + O(t^2) from the HJ equation at t = 0.
  const t = 1e-3;
  let worst = 0;
  for (const { x } of samplePoints(d, 4)) {
    const h = 1e-3;
    const l0 = d.lbar(x), l1 = (d.lbar(x + h) - d.lbar(x - h)) / (2 * h), l2 = (d.lbar(x + h) - 2 * l0 + d.lbar(x - h)) / (h * h);
    const predicted = l0 - t * (l1 * l1 / 2 - d.nu * l2);
    worst = Math.max(worst, Math.abs(quadratureOf(d)([{ x, t }])[0].u - predicted));
  }
  const tol = 1e-4;
  return { method: 'numeric', status: worst < tol ? 'passed' : 'failed', detail: `u(x, 1e-3) vs Lbar - t (Lbar'^2/2 - nu Lbar'') at 4 seeded x: max error ${fmt(worst)} (O(t^2) expected)`, residual: worst, tolerance: tol };
};

export const NUMERIC_CHECKS: Readonly<Record<string, NumericCheck>> = {
  'hj-residual': hjResidual,
  'gradient-identity': gradientIdentity,
  'small-time-limit': smallTimeLimit,
};
