// `export`: every target's file run for real (node, python3 + NumPy, cc -O2)
// with its own driver and compared with the in-process kernels, the `solve`
// command of every 1-D scheme with the in-process generated solvers; the
// generated Godunov solver against the hand-written numerics; the PyTorch loss
// against the gradient kernel through autograd (when torch is installed).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { exportFiles, specKernels } from '../../src/codegen/export.js';
import { lowerHessianVectorProduct } from '../../src/codegen/lower.js';
import { generatedSolver1D } from '../../src/codegen/generated-solver.js';
import { hamiltonianOf } from '../../src/codegen/pde.js';
import { SCHEMES_1D } from '../../src/codegen/solvers/index.js';
import type { Kernel } from '../../src/codegen/kernel-ir.js';
import { burgersFlux, solveBurgers1D, uniformGrid } from '../../src/numerics/index.js';
import { runPipeline, type Intermediates } from '../../src/pipeline/derive.js';
import { loadSpec } from '../../src/spec/load.js';
import { seededRng } from '../../src/util/random.js';
import { available, maxRelativeError, stdinFor, tools } from './run-target.js';

type K2 = (theta: Float64Array, out: Float64Array) => void;
type K3 = (theta: Float64Array, v: Float64Array, out: Float64Array) => void;
const EXAMPLES = ['double-well', 'scalar-linear', 'relu-2-4-1'] as const;
const examples: Partial<Record<(typeof EXAMPLES)[number], Intermediates>> = {};
beforeAll(() => {
  for (const name of EXAMPLES) examples[name] = runPipeline(loadSpec(`derivations/${name}/spec.yaml`), { rulesDir: 'rules' }).intermediates;
});

const numbers = (s: string): number[] => s.trim().split(/\s+/).map(Number);

function exported(im: Intermediates, target: 'js' | 'python' | 'c' | 'torch'): (args: string[], input?: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `export-${target}-`));
  const files = exportFiles(im, target);
  for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
  const file = join(dir, Object.keys(files).find((f) => f !== 'README.md')!);
  if (target === 'c') {
    execFileSync('cc', ['-O2', '-std=c99', '-Wall', '-o', join(dir, 'solver'), file, '-lm'], { stdio: 'pipe' });
    return (args, input) => execFileSync(join(dir, 'solver'), args, { input: input ?? '' }).toString();
  }
  return (args, input) => execFileSync(target === 'js' ? 'node' : 'python3', [file, ...args], { input: input ?? '' }).toString();
}

describe.each(EXAMPLES)('export of %s: every target agrees with the in-process kernels (1e-10)', (name) => {
  const inputs = (im: Intermediates) => {
    const rng = seededRng(5), n = im.model.parameters.length;
    return { theta: Float64Array.from({ length: n }, () => rng.uniform(-1.5, 1.5)), v: Float64Array.from({ length: n }, () => rng.normal()) };
  };

  it.each(['js', 'python', 'c'] as const)('%s', (target) => {
    if (target !== 'js' && !available(target)) return;
    const im = examples[name]!;
    const { kernels } = specKernels(im);
    const byName = (k: string): Kernel => kernels.find((x) => x.name === k)!;
    const { theta, v } = inputs(im);
    const n = theta.length;
    const L = new Float64Array(1), g = new Float64Array(n), h = new Float64Array(n);
    compileJs<K2>(byName('loss'))(theta, L);
    compileJs<K2>(byName('grad'))(theta, g);
    // H v in-process by the scalar route (networks export it by the tensor route only: mlp_hvp)
    compileJs<K3>(lowerHessianVectorProduct('hvp', im.model.loss, im.model.parameters))(theta, v, h);
    const run = exported(im, target);
    expect(maxRelativeError(numbers(run(['loss'], stdinFor(byName('loss'), [theta]))), L)).toBeLessThan(1e-10);
    expect(maxRelativeError(numbers(run(['grad'], stdinFor(byName('grad'), [theta]))), g)).toBeLessThan(1e-10);
    if (kernels.some((k) => k.name === 'hvp')) expect(maxRelativeError(numbers(run(['hvp'], stdinFor(byName('hvp'), [theta, v]))), h)).toBeLessThan(1e-10);
    else expect(name, 'only network exports leave H v to the tensor route').toBe('relu-2-4-1');
    // numbers on the command line instead of stdin
    expect(maxRelativeError(numbers(run(['loss', String(n), ...[...theta].map((x) => x.toPrecision(17))])), L)).toBeLessThan(1e-10);
    if (name === 'relu-2-4-1') {
      const data = im.model.dataset!;
      const X = Float64Array.from(data.inputs.flat()), Y = Float64Array.from(data.targets.flat());
      expect(maxRelativeError(numbers(run(['mlp_grad'], stdinFor(byName('mlp_grad'), [theta, X, Y]))), g), 'tensor route of the export vs scalar route').toBeLessThan(1e-10);
      expect(maxRelativeError(numbers(run(['mlp_hvp'], stdinFor(byName('mlp_hvp'), [theta, v, X, Y]))), h), 'tensor-route H v (R-operator) vs scalar route').toBeLessThan(1e-10);
    }
    // The solver is exported for flat lines: the double well's quotient, the network's slice; not the
    // curved scalar-linear quotient (arc length is in-process only).
    expect(kernels.some((k) => k.name === 'lbar_slope')).toBe(name !== 'scalar-linear');
    if (name !== 'scalar-linear') {
      // solve T N NU SCHEME: lines "x p" (godunov, weno5) or "x u p" (hj), vs the in-process generated solver
      const initial = (k: string) => { const f = compileJs<K2>(byName(k)), w = new Float64Array(1), s = new Float64Array(1); return (x: number) => { w[0] = x; f(w, s); return s[0]; }; };
      const grid = uniformGrid(im.line.domain[0], im.line.domain[1], 200), H = hamiltonianOf(im.coarse.hamiltonJacobi);
      for (const scheme of SCHEMES_1D) {
        const r = generatedSolver1D(H, scheme)(Float64Array.from(grid.x, initial(scheme === 'hj' ? 'lbar' : 'lbar_slope')), { dx: grid.dx, nu: 0.05, time: 1 });
        const expected = [...grid.x].flatMap((x, i) => (scheme === 'hj' ? [x, r.u![i], r.p[i]] : [x, r.p[i]]));
        expect(maxRelativeError(numbers(run(['solve', '1', '200', '0.05', scheme])), expected), `solve ... ${scheme} in ${target}`).toBeLessThan(1e-10);
      }
      expect(maxRelativeError(numbers(run(['solve', '1', '200'])), numbers(run(['solve', '1', '200', String(im.viscosity.nu), 'godunov']))), 'the defaults: godunov at the spec viscosity').toBe(0);
    }
  });
});

describe('generated solvers in the export', () => {
  it('a flat 1-D quotient exports lbar, lbar_slope and the five 1-D solvers of the derived H', () => {
    const sk = specKernels(examples['double-well']!);
    expect(sk.kernels.map((k) => k.name)).toEqual(['loss', 'grad', 'hvp', 'lbar', 'lbar_slope', 'burgers_godunov', 'burgers_weno5', 'hj_lax_friedrichs', 'burgers_weno5_imex', 'burgers_godunov_imex']);
    expect(sk.line?.solvers.map((s) => s.scheme)).toEqual(['godunov', 'weno5', 'hj', 'weno5-imex', 'godunov-imex']);
  });

  it('the exported Godunov kernel agrees with the hand-written in-process one (measured: bitwise)', () => {
    const { kernels } = specKernels(examples['double-well']!);
    const solver = compileJs<(p: Float64Array, n: Float64Array, F: Float64Array, dx: number, nu: number, t: number, cfl: number) => number>(kernels.find((k) => k.name === 'burgers_godunov')!);
    const grid = uniformGrid(-3, 3, 300);
    const p0 = Float64Array.from(grid.x, (x) => x * x * x - x);
    const p = new Float64Array(302); p.set(p0, 1);
    expect(solver(p, new Float64Array(302), new Float64Array(302), grid.dx, 0.05, 1, 0.9)).toBeGreaterThan(0);
    const ref = solveBurgers1D({ grid, p0, time: 1, nu: 0.05, flux: burgersFlux, bc: 'outflow', scheme: 'godunov', cfl: 0.9 }).p;
    expect(maxRelativeError(p.subarray(1, 301), ref)).toBeLessThan(1e-12);
  });

  it.each(['js', 'python', 'c'] as const)('%s: an unknown scheme is refused (exit 2)', (target) => {
    if (target !== 'js' && !available(target)) return;
    const run = exported(examples['double-well']!, target);
    const failure = ((): { status?: number; stderr?: Buffer } => { try { run(['solve', '1', '20', '0.05', 'upwind']); return {}; } catch (e) { return e as { status: number; stderr: Buffer }; } })();
    expect(failure.status).toBe(2);
    expect(String(failure.stderr)).toMatch(/unknown scheme upwind \(expected godunov\|weno5\|hj\|weno5-imex\|godunov-imex\)/);
  });
});

describe('torch target', () => {
  it('the exported loss is valid Python', () => {
    if (!available('python')) return;
    const dir = mkdtempSync(join(tmpdir(), 'export-torch-'));
    const files = exportFiles(examples['scalar-linear']!, 'torch');
    const file = Object.keys(files).find((f) => f.endsWith('.py'))!;
    writeFileSync(join(dir, file), files[file]);
    expect(spawnSync('python3', ['-m', 'py_compile', join(dir, file)]).status).toBe(0);
  });

  if (!tools.torch) console.warn('skipping the torch comparison: python3 cannot import torch');
  it.skipIf(!tools.torch).each(EXAMPLES)('%s: autograd of the torch loss = the gradient kernel (1e-10)', (name) => {
    const im = examples[name]!;
    const n = im.model.parameters.length, rng = seededRng(8);
    const theta = Float64Array.from({ length: n }, () => rng.uniform(-1.5, 1.5));
    const L = new Float64Array(1), g = new Float64Array(n);
    const { kernels } = specKernels(im);
    compileJs<K2>(kernels.find((k) => k.name === 'loss')!)(theta, L);
    compileJs<K2>(kernels.find((k) => k.name === 'grad')!)(theta, g);
    const out = numbers(exported(im, 'torch')([...theta].map((x) => x.toPrecision(17))));
    expect(maxRelativeError(out, [L[0], ...g])).toBeLessThan(1e-10);
  });
});
