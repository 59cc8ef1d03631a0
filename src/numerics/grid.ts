// Uniform cell-centred grids on [lo, hi] (cell i has centre lo + (i + 1/2) dx)
// and ghost cells. Boundary conditions:
//   'outflow':  zero-gradient extrapolation (ghosts copy the last interior
//               cell). For waves leaving the box this is the exact upwind
//               state, so outflow boundaries do not reflect into the domain.
//   'periodic': ghosts wrap around.
// A padded array holds `g` ghosts, then the n interior cells, then `g` ghosts.
export type Boundary = 'outflow' | 'periodic';

export interface Grid { readonly lo: number; readonly hi: number; readonly n: number; readonly dx: number; readonly x: Float64Array }

export function uniformGrid(lo: number, hi: number, n: number): Grid {
  if (!(hi > lo) || !Number.isInteger(n) || n < 2) throw new RangeError(`uniformGrid: need lo < hi and an integer n >= 2 (got [${lo}, ${hi}], n = ${n})`);
  const dx = (hi - lo) / n;
  return { lo, hi, n, dx, x: Float64Array.from({ length: n }, (_, i) => lo + (i + 0.5) * dx) };
}

/** Fill `g` ghost cells on each side of `q` (length n + 2g, interior at [g, g + n)). */
export function fillGhosts(q: Float64Array, n: number, g: number, bc: Boundary): void {
  for (let k = 1; k <= g; k++) {
    if (bc === 'periodic') { q[g - k] = q[g + n - k]; q[g + n - 1 + k] = q[g + k - 1]; }
    else { q[g - k] = q[g]; q[g + n - 1 + k] = q[g + n - 1]; }
  }
}

/** Copy the interior `p` into the padded `work` and fill its ghosts. */
export function padWithGhosts(p: Float64Array, work: Float64Array, g: number, bc: Boundary): void {
  work.set(p, g);
  fillGhosts(work, p.length, g, bc);
}
