// SGLD on the line against the exact Gibbs mean of a quadratic: Lbar = k y^2/2
// gives y ~ N(x/(1 + k t), T t/(1 + k t)), so p = (x - E[y])/t = k x/(1 + k t)
// (the exact local-entropy gradient, any T). And the ensembles are identical
// for any number of worker threads.
import { describe, expect, it } from 'vitest';
import { lowerOutputs } from '../../src/codegen/lower.js';
import { parseExpr } from '../../src/ir/parse.js';
import { runTasks } from '../../src/verify/ensemble.js';
import { lineGradient, type ChainProblem } from '../../src/verify/problem.js';
import { sgldStepSize } from '../../src/verify/sgld.js';
import type { ChainTask } from '../../src/verify/worker.js';

const k = 3;
const problem: ChainProblem = { kind: 'expression', slope: lowerOutputs('lbar_slope', 'test', [parseExpr(`${k}*w`)], ['w']) };

describe('SGLD local-entropy estimate', () => {
  it('the generated slope kernel is the gradient', () => {
    expect(lineGradient(problem).exact(0.7)).toBeCloseTo(k * 0.7, 12);
  });

  it('p_hat = (x - E[y])/t matches k x/(1 + k t) within 4 standard errors', async () => {
    const xs = [-0.8, 0.3, 1.1], ts = [0.2, 1.0], T = 0.1, chains = 16;
    const tasks: ChainTask[] = Array.from({ length: chains }, (_, c) => ({
      type: 'probe', problemId: 'quadratic', problem, xs, ts, etas: ts.map((t) => sgldStepSize(t, k, 0.05)),
      settings: { temperature: T, steps: 2000, burnIn: 300 }, seed: 9, chain: c,
    }));
    const res = await runTasks(tasks, 0);
    ts.forEach((t, j) => xs.forEach((x, i) => {
      const means = res.map((r) => r[j][i]);
      const m = means.reduce((a, b) => a + b, 0) / chains;
      const se = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (chains - 1) / chains);
      const pHat = (x - m) / t, exact = (k * x) / (1 + k * t);
      expect(Math.abs(pHat - exact)).toBeLessThan(4 * (se / t) + 1e-12);
      expect(se).toBeGreaterThan(0);
    }));
  });

  it('results do not depend on the number of workers (a seed per chain)', async () => {
    const tasks: ChainTask[] = Array.from({ length: 4 }, (_, c) => ({
      type: 'probe', problemId: 'quadratic', problem, xs: [0, 0.5], ts: [0.5], etas: [0.01],
      settings: { temperature: 0.1, steps: 200, burnIn: 20 }, seed: 3, chain: c,
    }));
    const inline = await runTasks(tasks, 0);
    const one = await runTasks(tasks, 1);
    const two = await runTasks(tasks, 2);
    expect(one).toEqual(inline);
    expect(two).toEqual(inline);
    expect(inline[0]).not.toEqual(inline[1]);
  });
});
