// Generated solvers are self-contained: src/codegen does not import the
// hand-written reference solvers (src/numerics) or anything under test/, and an
// exported file names only its language's standard library (and NumPy / torch).
// The exported files are also run from an empty directory in targets.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFiles } from '../../src/codegen/export.js';
import { rootOfNonDecreasing } from '../../src/util/monotone-root.js';
import { runPipeline, type Intermediates } from '../../src/pipeline/derive.js';
import { loadSpec } from '../../src/spec/load.js';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sourceFiles(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

/** Every relative module a file imports (static and dynamic), resolved to a repository path. */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)].map((m) => relative('.', resolve(dirname(file), m[1])));

describe('src/codegen imports no reference solver', () => {
  const files = sourceFiles('src/codegen');

  it('the import scan sees the codegen modules (a scan that finds nothing could not fail)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf('src/codegen/solvers/stencil.ts')).toContain('src/util/monotone-root.js');
  });

  it.each(files)('%s', (file) => {
    const offending = importsOf(file).filter((p) => p.startsWith('src/numerics/') || p.startsWith('test/'));
    expect(offending).toEqual([]);
  });
});

describe('sonic point of the generated Godunov flux (the one root finder, src/util/monotone-root.ts)', () => {
  // f'(p) for convex fluxes with their sonic points in closed form: Burgers, a shifted
  // quartic, a monotone (exp) and a decreasing one (infimum at +-Infinity), log cosh
  const fluxes: Record<string, [(p: number) => number, number]> = {
    'p^2/2': [(p) => p, 0],
    '(p - 0.3)^4 + p': [(p) => 4 * (p - 0.3) ** 3 + 1, 0.3 - Math.cbrt(0.25)],
    'e^p': [(p) => Math.exp(p), -Infinity],
    'e^-p': [(p) => -Math.exp(-p), Infinity],
    'log cosh(p - 2)': [(p) => Math.tanh(p - 2), 2],
  };
  it.each(Object.keys(fluxes))('%s: the closed-form sonic point, and a root of f\'', (name) => {
    const [df, exact] = fluxes[name];
    const ps = rootOfNonDecreasing(df);
    if (Number.isFinite(exact)) expect(Math.abs(ps - exact)).toBeLessThan(1e-12); else expect(ps).toBe(exact);
    if (Number.isFinite(ps)) expect(Math.abs(df(ps))).toBeLessThan(1e-12);
  });
});

describe('exported files name only standard modules', () => {
  let im: Intermediates;
  beforeAll(() => { im = runPipeline(loadSpec('derivations/double-well/spec.yaml'), { rulesDir: 'rules' }).intermediates; });

  const allowed: Record<'js' | 'python' | 'c' | 'torch', RegExp> = {
    js: /^node:(fs|process)$/, // Node built-ins only (the driver reads stdin)
    python: /^(math|numpy|sys)$/,
    torch: /^(math|torch|sys)$/,
    c: /^(math|stdio|stdlib|string)\.h$/,
  };
  const modulesOf = (target: keyof typeof allowed, code: string): string[] =>
    target === 'c'
      ? [...code.matchAll(/^\s*#include\s*([<"])([^>"]+)[>"]/gm)].map((m) => (m[1] === '"' ? `"${m[2]}"` : m[2]))
      : target === 'js'
        ? [...code.matchAll(/(?:^\s*import\b[^'"]*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"])/gm)].map((m) => m[1] ?? m[2] ?? m[3])
        : [...code.matchAll(/^\s*(?:import\s+([\w.]+)|from\s+([\w.]+)\s+import)/gm)].map((m) => (m[1] ?? m[2]).split('.')[0]);

  it.each(['js', 'python', 'c', 'torch'] as const)('%s', (target) => {
    const files = exportFiles(im, target);
    const code = Object.entries(files).filter(([f]) => f !== 'README.md');
    expect(code.length).toBe(1);
    const [file, text] = code[0];
    // torch exports the loss only (autograd); the others carry the generated solvers
    if (target !== 'torch') expect(text, 'the export holds the generated Godunov solver').toMatch(/burgers_godunov/);
    const modules = modulesOf(target, text);
    if (target !== 'js') expect(modules.length, 'the scan finds the standard imports').toBeGreaterThan(0);
    expect(modules.filter((m) => !allowed[target].test(m)), `${file} imports`).toEqual([]);
  });

  it('the JS export solves from an empty directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'self-contained-'));
    const files = exportFiles(im, 'js');
    const file = Object.keys(files).find((f) => f !== 'README.md')!;
    writeFileSync(join(dir, file), files[file]);
    const out = execFileSync('node', [join(dir, file), 'solve', '0.5', '50', '0.05', 'godunov'], { cwd: dir }).toString().trim().split('\n');
    expect(out.length).toBe(50);
    expect(out.every((l) => l.split(/\s+/).map(Number).every(Number.isFinite))).toBe(true);
  });
});
