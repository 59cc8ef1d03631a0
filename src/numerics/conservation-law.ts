// A scalar conservation law p_t + f(p)_x = nu p_xx with a convex flux,
// described by data derived upstream (for Burgers: f = p^2/2, f' = p, the flux
// minimum at p = 0). Every scheme in this folder is generic in this object.
export interface ConvexFlux {
  readonly f: (p: number) => number;
  readonly df: (p: number) => number;
  /** The sonic point p_s with f'(p_s) = 0 (minimum of the convex flux). */
  readonly sonic: number;
}

export const burgersFlux: ConvexFlux = { f: (p) => 0.5 * p * p, df: (p) => p, sonic: 0 };

/** Rankine-Hugoniot speed s = [f]/[p] (for Burgers (pL + pR)/2). */
export const rankineHugoniotSpeed = (flux: ConvexFlux, pL: number, pR: number): number =>
  pL === pR ? flux.df(pL) : (flux.f(pL) - flux.f(pR)) / (pL - pR);
