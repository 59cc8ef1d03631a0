// Issue 8 item 5 benchmark (one run, same machine, ratios): the IMEX solver
// (explicit WENO5 + SSP-RK3 flux, implicit TR-BDF2 diffusion, Strang-split;
// src/codegen/solvers/imex.ts) against explicit WENO5 on the double well
// (Lbar = (w^2 - 1)^2/4 on [-3, 3], p0 = w^3 - w), 3000 cells, nu = 0.05, t = 2,
// both generated kernels compiled in-process. Accuracy: each run's max |p - p_CH|
// against the Cole-Hopf quadrature on |w| < 2 (the outflow boundary layers at
// w = +-3 are a property of the box, not of the scheme), measured in this run.
// Runs alone with `node --import tsx bench/imex.ts`; bench/codegen.ts runs it last.
import { join } from 'node:path';
import { generatedSolver1D } from '../src/codegen/generated-solver.js';
import { hamiltonianOf } from '../src/codegen/pde.js';
import { coleHopfQuadrature, uniformGrid } from '../src/numerics/index.js';
import { runPipeline } from '../src/pipeline/derive.js';
import { loadSpec } from '../src/spec/load.js';

const im = runPipeline(loadSpec(join(import.meta.dirname, '..', 'derivations', 'double-well', 'spec.yaml')), { rulesDir: join(import.meta.dirname, '..', 'rules') }).intermediates;
const H = hamiltonianOf(im.coarse.hamiltonJacobi);
const cells = Number(process.env.BENCH_IMEX_CELLS ?? 3000), nu = 0.05, T = 2;
const grid = uniformGrid(-3, 3, cells);
const p0 = Float64Array.from(grid.x, (w) => w ** 3 - w);
const exact = coleHopfQuadrature({ lbar: (w) => (w * w - 1) ** 2 / 4, nu, t: T, x: grid.x, window: [-6, 6] }).p;
const error = (p: Float64Array): number => p.reduce((m, v, i) => (Math.abs(grid.x[i]) < 2 ? Math.max(m, Math.abs(v - exact[i])) : m), 0);

/** Best of `reps` runs (CPU seconds of this process: the machine is shared), with the result of the last. */
function run(scheme: 'weno5' | 'weno5-imex', reps: number) {
  const solve = generatedSolver1D(H, scheme);
  let best = Infinity, last = solve(p0, { dx: grid.dx, nu, time: 1e-3 }); // warm-up (JIT)
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    last = solve(p0, { dx: grid.dx, nu, time: T });
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e6);
  }
  return { seconds: best, steps: last.steps, error: error(last.p) };
}

console.log(`\nIMEX vs explicit WENO5 (generated, in-process JS): double well, ${cells} cells on [-3, 3], nu = ${nu}, t = ${T}; error = max |p - p_Cole-Hopf| on |w| < 2`);
const imex = run('weno5-imex', 3);
console.log(` weno5-imex  ${String(imex.steps).padStart(7)} steps  ${imex.seconds.toFixed(2).padStart(7)} s CPU (best of 3)  error ${imex.error.toExponential(2)}`);
const explicit = run('weno5', 1);
console.log(` weno5       ${String(explicit.steps).padStart(7)} steps  ${explicit.seconds.toFixed(2).padStart(7)} s CPU (one run)    error ${explicit.error.toExponential(2)}`);
console.log(` explicit / IMEX time: ${(explicit.seconds / imex.seconds).toFixed(1)}x (goal >= 30x); errors ${imex.error.toExponential(2)} (IMEX) vs ${explicit.error.toExponential(2)} (explicit), both <= 1e-5: ${imex.error <= 1e-5 && explicit.error <= 1e-5 ? 'yes' : 'NO'}; IMEX error / explicit error ${(imex.error / explicit.error).toFixed(1)} (Strang: second order in dt)`);
