import { describe, expect, it } from 'vitest';
import { coleHopfQuadrature, ColeHopfUnresolved, weightedLogSumExp } from '../../src/numerics/index.js';

describe('log-sum-exp step', () => {
  it('agrees with the direct sum where that is safe, and survives exponents of -1e4', () => {
    const a = Float64Array.from([-1, 0.5, 2]), w = Float64Array.from([1, 2, 0.5]), y = Float64Array.from([0, 1, 2]);
    const direct = Math.exp(-1) + 2 * Math.exp(0.5) + 0.5 * Math.exp(2);
    const r = weightedLogSumExp(a, w, y);
    expect(r.logSum).toBeCloseTo(Math.log(direct), 14);
    expect(r.mean).toBeCloseTo((2 * Math.exp(0.5) + 1 * Math.exp(2)) / direct, 14);
    const shifted = weightedLogSumExp(Float64Array.from(a, (v) => v - 1e4), w, y);
    expect(shifted.logSum).toBeCloseTo(Math.log(direct) - 1e4, 9);
    expect(shifted.mean).toBeCloseTo(r.mean, 14);
  });
});

describe('Cole-Hopf quadrature', () => {
  // Lbar = a y^2/2: u = a x^2/(2(1 + a t)) + nu log(1 + a t), p = a x/(1 + a t) (Gaussian heat solution).
  it.each([[1, 0.05, 0.7], [3, 0.01, 2], [0.5, 0.2, 0.3]])('quadratic Lbar (a = %d, nu = %d, t = %d) is exact', (a, nu, t) => {
    const x = Float64Array.from([-2, -0.5, 0, 0.3, 1.7]);
    const r = coleHopfQuadrature({ lbar: (y) => (a * y * y) / 2, nu, t, x, window: [-8, 8] });
    x.forEach((xi, i) => {
      expect(r.u[i]).toBeCloseTo((a * xi * xi) / (2 * (1 + a * t)) + nu * Math.log(1 + a * t), 10);
      expect(r.p[i]).toBeCloseTo((a * xi) / (1 + a * t), 10);
    });
  });

  it('reproduces Basdevant et al.: max |p_x| = 152.00516 for p0 = -sin(pi x), nu = 0.01/pi, t = 1.6037/pi', () => {
    const h = 1e-6;
    const r = coleHopfQuadrature({ lbar: (y) => Math.cos(Math.PI * y) / Math.PI, nu: 0.01 / Math.PI, t: 1.6037 / Math.PI, x: Float64Array.from([-h, h]), window: [-3, 3] });
    expect((r.p[0] - r.p[1]) / (2 * h)).toBeCloseTo(152.00516, 3);
  });

  it('small t recovers u(x, 0) = Lbar(x), p = Lbar\'(x)', () => {
    const x = Float64Array.from([-1.5, -0.2, 0.4, 1.1]);
    const r = coleHopfQuadrature({ lbar: (y) => (y * y - 1) ** 2 / 4, nu: 0.05, t: 1e-4, x, window: [-6, 6], points: 400_001 });
    x.forEach((xi, i) => {
      expect(r.u[i]).toBeCloseTo((xi * xi - 1) ** 2 / 4, 3);
      expect(r.p[i]).toBeCloseTo(xi ** 3 - xi, 2);
    });
  });

  it('refuses a heat kernel narrower than its spacing instead of returning garbage (t = 1e-300 gave u = 5e289)', () => {
    const problem = { lbar: (y: number) => (y * y - 1) ** 2 / 4, nu: 0.05, x: Float64Array.from([0.5]), window: [-6, 6] as const };
    expect(() => coleHopfQuadrature({ ...problem, t: 1e-300 })).toThrow(ColeHopfUnresolved);
    expect(() => coleHopfQuadrature({ ...problem, t: 1e-300 })).toThrow(/needs sqrt\(2 nu t\) >= its spacing 3\.00e-5, i\.e\. t >= 9\.00e-9/);
    // just above the stated limit it is resolved and right: u(x, t) = Lbar(x) + O(t)
    const r = coleHopfQuadrature({ ...problem, t: 1e-8 });
    expect(r.u[0]).toBeCloseTo((0.25 - 1) ** 2 / 4, 6);
  });
});
