// A second CAS that raises an error has not confirmed anything: the check is
// failed, not skipped (docs/theory.md §3). nerdamer is replaced by a stub that throws.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The adapter loads nerdamer lazily through require; a stub that throws is put in require's cache first.
const requireCas = createRequire(import.meta.url);
const nerdamerPath = requireCas.resolve('nerdamer');
requireCas.cache[nerdamerPath] = { id: nerdamerPath, filename: nerdamerPath, loaded: true, exports: () => { throw new Error('stub: nerdamer cannot parse this'); } } as unknown as NodeJS.Module;

const { secondCasIsZero } = await import('../../src/cas/second-cas.js');
const { parseExpr } = await import('../../src/ir/parse.js');

describe('second CAS verdicts', () => {
  it('an exception in the second CAS is a failed check, naming the error', () => {
    const v = secondCasIsZero(parseExpr('(a + b)^2 - a^2 - 2*a*b - b^2'));
    expect(v.status).toBe('failed');
    expect(v.detail).toMatch(/raised an error.*stub: nerdamer cannot parse this/);
  });

  it('a residual above the size limit is skipped, with the size', () => {
    const v = secondCasIsZero(parseExpr('(a + b)^2 - a^2 - 2*a*b - b^2'), 2);
    expect(v.status).toBe('skipped');
    expect(v.detail).toMatch(/nodes \(> 2\)/);
  });
});
