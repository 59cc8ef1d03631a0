// The progress and timing lines of `solve` (stderr).
import { describe, expect, it } from 'vitest';
import { solveProgress } from '../../src/print/solve-summary.js';

describe('solveProgress', () => {
  it('states t, the fraction done and the time left at the rate so far', () => {
    expect(solveProgress(0.5, 2, 3)).toBe('hugoniot: solve t = 0.5 of 2 (25%), 3.0 s, about 9.0 s left');
    expect(solveProgress(2, 2, 12.4)).toBe('hugoniot: solve t = 2 of 2 (100%), 12 s, about 0.0 s left');
  });
});
