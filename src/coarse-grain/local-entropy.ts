// Local entropy by quadrature (DESIGN §1), normalised so that u(x, 0) = Lbar(x):
//   u(x,t) = -2 nu log[ (4 pi nu t)^(-1/2) Int exp(-(Lbar(y) + (x-y)^2/(2t)) / (2 nu)) dy ],
//   E[y] under the same weights gives grad u = (x - E[y]) / t.
// The integral is evaluated with log-sum-exp (the numerically safe form: the
// exponent reaches -1e3 and beyond at small nu).

export interface LocalEntropyValue { readonly u: number; readonly meanY: number }

export function localEntropy(lbar: (y: number) => number, nu: number, x: number, t: number, domain: readonly [number, number], points = 4001): LocalEntropyValue {
  const sigma = Math.sqrt(2 * nu * t);
  const lo = Math.max(domain[0] - 1, x - 12 * sigma), hi = Math.min(domain[1] + 1, x + 12 * sigma);
  const h = (hi - lo) / (points - 1);
  const a = new Float64Array(points);
  let max = -Infinity;
  for (let i = 0; i < points; i++) {
    const y = lo + i * h;
    a[i] = -(lbar(y) + ((x - y) * (x - y)) / (2 * t)) / (2 * nu);
    if (a[i] > max) max = a[i];
  }
  let s = 0, sy = 0;
  for (let i = 0; i < points; i++) {
    const w = Math.exp(a[i] - max) * (i === 0 || i === points - 1 ? 0.5 : 1);
    s += w; sy += w * (lo + i * h);
  }
  const logIntegral = max + Math.log(s * h);
  return { u: -2 * nu * (logIntegral - 0.5 * Math.log(4 * Math.PI * nu * t)), meanY: sy / s };
}
