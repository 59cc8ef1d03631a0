// The pipeline end to end on bundled examples of every quotient kind: the
// coarse-graining numeric checks run on the line the shock stage analysed
// (flat 1-D, curved 1-D in arc length, a network slice, a 2-D quotient's
// slice), never skipped; the HJ equation every later stage reads is the one the
// Cole-Hopf step states; the counts add up.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/derive.js';
import { hamiltonianOf } from '../../src/codegen/pde.js';
import { loadSpec } from '../../src/spec/load.js';
import { text } from '../../src/print/text.js';

const run = (name: string) => runPipeline(loadSpec(`derivations/${name}/spec.yaml`), { rulesDir: 'rules' });

describe.each([
  ['double-well', 'flat 1-D quotient', /the quotient line$/],
  ['scalar-linear', 'curved 1-D quotient', /in arc length$/],
  ['convex-quadratic', '2-D quotient', /slice/],
  ['relu-2-4-1', 'network', /slice/],
])('%s (%s)', (name, _kind, where) => {
  const { derivation, intermediates } = run(name);
  const coarse = derivation.steps.filter((s) => s.stage === 'coarse-grain');

  it('runs the coarse-graining numeric checks on the analysed line, and none is skipped', () => {
    const numeric = coarse.flatMap((s) => s.checks).filter((c) => c.method === 'numeric');
    expect(numeric.length).toBeGreaterThanOrEqual(5);
    expect(numeric.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(coarse[0].conditions.at(-1)).toMatch(where);
    // this spec's own check (the Burgers initial datum on this line) is not a lemma
    expect(coarse.flatMap((s) => s.checks).some((c) => c.scope !== 'lemma' && /^initial datum/.test(c.detail))).toBe(true);
  });

  it('one source: the Cole-Hopf step states the HJ equation that solve/export read, and the shock flux is its H', () => {
    const ch = coarse.find((s) => s.rule === 'cole-hopf')!;
    expect(ch.after?.kind === 'eq' ? ch.after.lhs : undefined).toBe(intermediates.coarse.hamiltonJacobi);
    const rh = derivation.steps.find((s) => s.id === 'shock/rankine-hugoniot');
    if (rh?.conditions.length) expect(rh.conditions[0]).toContain('H(p) =');
    expect(text(hamiltonianOf(intermediates.coarse.hamiltonJacobi))).toBe('1/2*p^2');
  });

  it('the counts cover every check exactly once', () => {
    const r = derivation.report;
    const n = derivation.steps.reduce((a, s) => a + Math.max(1, s.checks.length), 0);
    expect(r.checks.passed + r.checks.failed + r.checks.skipped + r.checks.unchecked + r.checks.lemma).toBe(n);
    expect(r.allChecked).toBe(r.checks.failed + r.checks.skipped + r.checks.unchecked === 0);
  });
});
