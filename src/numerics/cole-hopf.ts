// The exact viscous solution by Cole-Hopf quadrature (DESIGN §1, §6): for
// u(x,0) = Lbar(x), u(x,t) = -2 nu log[(4 pi nu t)^(-1/2) Int exp(-(Lbar(y) +
// (x-y)^2/(2t))/(2 nu)) dy] and p = u_x = (x - E[y])/t, evaluated with
// log-sum-exp (src/coarse-grain/local-entropy.ts).
import { localEntropy } from '../coarse-grain/local-entropy.js';

export function coleHopfSolution(lbar: (y: number) => number, nu: number, x: Float64Array, t: number, domain: readonly [number, number], points = 8001): { u: Float64Array; p: Float64Array } {
  const u = new Float64Array(x.length), p = new Float64Array(x.length);
  x.forEach((xi, i) => {
    const v = localEntropy(lbar, nu, xi, t, domain, points);
    u[i] = v.u;
    p[i] = (xi - v.meanY) / t;
  });
  return { u, p };
}
