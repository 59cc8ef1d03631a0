// Uniform cell-centred grids with ghost cells. Boundary conditions:
// 'outflow' copies the last interior value outwards (zero gradient: waves leave
// without reflection), 'periodic' wraps.
export type Boundary = 'outflow' | 'periodic';

export interface Grid { readonly lo: number; readonly hi: number; readonly n: number; readonly dx: number; readonly x: Float64Array }

export function uniformGrid(lo: number, hi: number, n: number): Grid {
  const dx = (hi - lo) / n;
  return { lo, hi, n, dx, x: Float64Array.from({ length: n }, (_, i) => lo + (i + 0.5) * dx) };
}

/** Fill `g` ghost cells on each side of `q` (length n + 2g, interior at [g, g+n)). */
export function fillGhosts(q: Float64Array, n: number, g: number, bc: Boundary): void {
  for (let k = 1; k <= g; k++) {
    if (bc === 'periodic') { q[g - k] = q[g + n - k]; q[g + n - 1 + k] = q[g + k - 1]; }
    else { q[g - k] = q[g]; q[g + n - 1 + k] = q[g + n - 1]; }
  }
}
