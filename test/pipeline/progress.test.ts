// The progress model on a fake clock, and the CLI: a live line and a timing line on a terminal, nothing otherwise.
import { describe, expect, it } from 'vitest';
import { PipelineProgress } from '../../src/pipeline/progress.js';
import { main } from '../../src/cli/main.js';

describe('PipelineProgress (fake clock)', () => {
  it('names the stage, the step and, once a step is done, the time left in the stage at its rate so far', () => {
    let t = 100;
    const p = new PipelineProgress(() => t);
    expect(p.line()).toBe('hugoniot: starting');
    p.stage('loss');
    t = 100.5;
    expect(p.line()).toBe('hugoniot: loss, 0.5 s');
    p.stage('symmetry');
    p.step('generator', 0, 64);
    expect(p.stageEta()).toBeUndefined();
    t = 102.5;
    p.step('generator', 16, 64); // 2 s for 16 of 64: 6 s left
    expect(p.stageEta()).toBeCloseTo(6, 12);
    expect(p.line()).toBe('hugoniot: symmetry: generator 16/64, 2.5 s, about 6.0 s left in this stage');
    p.stage('quotient'); // a new stage has no count yet
    t = 103;
    expect(p.line()).toBe('hugoniot: quotient, 3.0 s');
    expect(p.timing('checked')).toBe('hugoniot: checked in 3.0 s (loss 0.5, symmetry 2.0, quotient 0.5)');
  });
});

describe('check progress on stderr', () => {
  const run = async (progress: boolean, extra: string[] = []) => {
    let out = '', err = '';
    const code = await main(['check', 'derivations/double-well/spec.yaml', ...extra], { out: (s) => { out += s; }, err: (s) => { err += s; }, progress });
    return { code, out, err };
  };

  it('not a terminal: stderr is empty (byte-stable)', async () => {
    const r = await run(false);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('a terminal: stage lines redrawn in place, then one timing line; the report on stdout is unchanged', async () => {
    const [tty, plain] = [await run(true), await run(false)];
    expect(tty.out).toBe(plain.out);
    expect(tty.err).toMatch(/^\rhugoniot: loss, /);
    expect(tty.err).toMatch(/\rhugoniot: shock, /);
    expect(tty.err).toMatch(/\r\x1b\[Khugoniot: checked in [\d.]+ s \(loss [\d.]+, symmetry [\d.]+, quotient [\d.]+, coarse-grain [\d.]+, shock [\d.]+\)\n$/);
  });

  it('--quiet and --json: nothing on stderr even on a terminal', async () => {
    expect((await run(true, ['--quiet'])).err).toBe('');
    expect((await run(true, ['--json'])).err).toBe('');
  });
});

describe('the stages report their steps to onStep', () => {
  it('relu-2-4-1: the symmetry stage counts every generator and permutation once, in order, then the quotient stage its points', async () => {
    const { runPipeline } = await import('../../src/pipeline/derive.js');
    const { loadSpec } = await import('../../src/spec/load.js');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const seen: { stage: string; what: string; done: number; total: number }[] = [];
    let stage = '';
    const { derivation } = runPipeline(loadSpec(join(root, 'derivations', 'relu-2-4-1', 'spec.yaml')), {
      rulesDir: join(root, 'rules'), onStage: (s) => { stage = s; }, onStep: (what, done, total) => { seen.push({ stage, what, done, total }); },
    });
    const sym = seen.filter((e) => e.stage === 'symmetry');
    expect(sym.length).toBeGreaterThan(0);
    expect(sym.map((e) => e.done)).toEqual(sym.map((_, i) => i + 1));
    expect(sym.every((e) => e.total === sym.length)).toBe(true);
    // positive rescaling of 4 hidden units: 4 generators, plus the unit permutations
    expect(sym.length).toBeGreaterThan(4);
    expect(derivation.steps.length).toBeGreaterThan(0);
    expect(seen.some((e) => e.stage === 'quotient')).toBe(true);
  }, 60_000);
});
