// Every target run for real and compared with the in-process kernels (and the
// hand-written numerics) on the same inputs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { exportFiles, specKernels } from '../../src/codegen/export.js';
import { gradientKernel, lowerStraightLine } from '../../src/codegen/lower.js';
import type { Kernel } from '../../src/codegen/kernel-ir.js';
import { gradient } from '../../src/ir/diff.js';
import { compile, compileMany } from '../../src/ir/evaluate.js';
import { parseExpr } from '../../src/ir/parse.js';
import { burgersFlux, solveBurgers1D, uniformGrid } from '../../src/numerics/index.js';
import { runPipeline, type Intermediates } from '../../src/pipeline/derive.js';
import { loadSpec } from '../../src/spec/load.js';
import { randomPoint } from '../../src/symmetry/generic-rank.js';

const hasCc = spawnSync('cc', ['--version']).status === 0;
const hasNumpy = spawnSync('python3', ['-c', 'import numpy']).status === 0;
const required = (ok: boolean) => ok || Boolean(process.env.CI);
type K = (theta: Float64Array, out: Float64Array) => void;

const examples: Record<string, Intermediates> = {};
beforeAll(() => {
  for (const name of ['double-well', 'scalar-linear', 'relu-2-4-1']) examples[name] = runPipeline(loadSpec(`derivations/${name}/spec.yaml`), { rulesDir: 'rules' }).intermediates;
});

const numbers = (s: string): number[] => s.trim().split(/\s+/).map(Number);
const close = (a: readonly number[], b: readonly number[], tol: number): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]))));
};

function exported(name: string, target: 'js' | 'python' | 'c'): (args: string[]) => string {
  const dir = mkdtempSync(join(tmpdir(), `export-${target}-`));
  const files = exportFiles(examples[name], target);
  for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
  const file = join(dir, Object.keys(files).find((f) => f !== 'README.md')!);
  if (target === 'c') {
    execFileSync('cc', ['-O2', '-std=c99', '-Wall', '-Werror', '-o', join(dir, 'solver'), file, '-lm']);
    return (args) => execFileSync(join(dir, 'solver'), args).toString();
  }
  return (args) => execFileSync(target === 'js' ? 'node' : 'python3', [file, ...args]).toString();
}

describe('kernels: in-process JS vs IR evaluation vs finite differences', () => {
  it.each(['(w^2 - 1)^2 / 4', '(a*b - 1)^2 / 2', 'log(1 + exp(a*b)) + relu(a - b)^2 + tanh(a)*sigmoid(b)'])('%s', (src) => {
    const e = parseExpr(src);
    const P = [...new Set(src.match(/[a-z]\b|w/g)!.filter((v) => ['a', 'b', 'w'].includes(v)))];
    const g = compileJs<K>(gradientKernel('grad', e, P));
    const theta = randomPoint(P.length, 3), out = new Float64Array(P.length), ref = new Float64Array(P.length);
    g(theta, out);
    compileMany(gradient(e, P), P)(theta, ref);
    close([...out], [...ref], 1e-12);
    const L = compile(e, P), h = 1e-6;
    P.forEach((_, i) => { const tp = theta.slice(), tm = theta.slice(); tp[i] += h; tm[i] -= h; expect(out[i]).toBeCloseTo((L(tp) - L(tm)) / (2 * h), 5); });
  });

  it('CSE computes shared subexpressions once: fewer operations than without', () => {
    const e = parseExpr('exp((a*b - 1)^2) * (a*b - 1) + sin((a*b - 1)^2)');
    const withCse = lowerStraightLine(gradient(e, ['a', 'b']), ['a', 'b'], { cse: true });
    const without = lowerStraightLine(gradient(e, ['a', 'b']), ['a', 'b'], { cse: false });
    expect(withCse.ops).toBeLessThan(without.ops);
    expect(withCse.body.some((s) => s.k === 'let')).toBe(true);
  });

  it('the generated Godunov solver agrees with the hand-written in-process one', () => {
    const im = examples['double-well'];
    const { kernels } = specKernels(im);
    const solver = compileJs<(p: Float64Array, n: Float64Array, F: Float64Array, dx: number, nu: number, t: number, cfl: number) => number>(kernels.find((k: Kernel) => k.name === 'burgers_godunov')!);
    const grid = uniformGrid(-3, 3, 300);
    const p0 = Float64Array.from(grid.x, (x) => x * x * x - x);
    const p = new Float64Array(302); p.set(p0, 1);
    solver(p, new Float64Array(302), new Float64Array(302), grid.dx, 0.05, 1, 0.9);
    const ref = solveBurgers1D({ grid, p0, time: 1, nu: 0.05, flux: burgersFlux, bc: 'outflow', scheme: 'godunov', cfl: 0.9 }).p;
    close([...p.subarray(1, 301)], [...ref], 1e-10);
  });
});

describe.each(['double-well', 'scalar-linear', 'relu-2-4-1'])('exported targets agree for %s (1e-10)', (name) => {
  const thetaArgs = () => [...randomPoint(examples[name].model.parameters.length, 5)].map((v) => v.toPrecision(17));
  const inProcess = (kind: 'loss' | 'grad' | 'hvp', args: string[]): number[] => {
    const k = specKernels(examples[name]).kernels.find((x) => x.name === kind)!;
    const theta = Float64Array.from(args.map(Number));
    const n = examples[name].model.parameters.length;
    const out = new Float64Array(kind === 'loss' ? 1 : n);
    compileJs<K>(k)(kind === 'hvp' ? Float64Array.from([...theta, ...theta]) : theta, out);
    return [...out];
  };

  it.each(['js', 'python', 'c'] as const)('%s', (target) => {
    if (target === 'c') expect(required(hasCc), 'a C compiler is required under CI').toBe(true);
    if (target === 'python') expect(required(hasNumpy), 'python3 with NumPy is required under CI').toBe(true);
    if ((target === 'c' && !hasCc) || (target === 'python' && !hasNumpy)) return;
    const run = exported(name, target);
    const args = thetaArgs();
    for (const kind of ['loss', 'grad', 'hvp'] as const) {
      const a = kind === 'hvp' ? [...args, ...args] : args;
      close(numbers(run([kind, ...a])), inProcess(kind, args), 1e-10);
    }
    if (name === 'double-well') {
      const js = numbers(exported(name, 'js')(['solve', '1', '200', '0.05']));
      close(numbers(run(['solve', '1', '200', '0.05'])), js, 1e-10);
    }
  });
});
