import { describe, expect, it } from 'vitest';
import { allChecked, countChecks, countsLine, notChecked, notCheckedReasons } from '../../src/derivation/accounting.js';
import type { Check, Step } from '../../src/derivation/types.js';
import { printDerivation } from '../../src/print/index.js';
import { FIXTURE } from '../print/fixture.js';

const step = (id: string, stage: Step['stage'], checks: Check[]): Step => ({ id, stage, rule: 'r', title: id, statement: 's', conditions: [], checks });
const c = (status: Check['status'], scope?: Check['scope']): Check => ({ method: 'numeric', status, detail: `${status}${scope ? ' ' + scope : ''}`, ...(scope ? { scope } : {}) });

describe('check accounting', () => {
  const steps = [
    step('loss/a', 'loss', [c('passed'), c('passed', 'lemma')]),
    step('symmetry/b', 'symmetry', [c('skipped'), c('unchecked')]),
    step('quotient/c', 'quotient', []),
    step('shock/d', 'shock', [c('failed', 'lemma'), c('passed')]),
  ];

  it('puts every check in exactly one bucket; a step without checks is one unchecked; a failed lemma is a failure', () => {
    const { total, byStage } = countChecks(steps);
    expect(total).toEqual({ passed: 2, failed: 1, skipped: 1, unchecked: 2, lemma: 1 });
    expect(byStage.quotient).toEqual({ passed: 0, failed: 0, skipped: 0, unchecked: 1, lemma: 0 });
    expect(byStage['coarse-grain']).toEqual({ passed: 0, failed: 0, skipped: 0, unchecked: 0, lemma: 0 });
    expect(allChecked(total)).toBe(false);
  });

  it('says "all checks passed" only when nothing failed, was skipped or went unchecked', () => {
    expect(countsLine({ passed: 41, failed: 0, skipped: 0, unchecked: 0, lemma: 3 })).toBe('all 41 checks passed (+ 3 lemmas)');
    expect(countsLine({ passed: 41, failed: 0, skipped: 6, unchecked: 0, lemma: 3 })).toBe('41 passed, 0 failed, 6 skipped, 0 unchecked, 3 lemmas');
    expect(countsLine({ passed: 41, failed: 0, skipped: 0, unchecked: 1, lemma: 1 })).toBe('41 passed, 0 failed, 0 skipped, 1 unchecked, 1 lemma');
  });

  it('lists what was not checked, with the reasons grouped by stage and method', () => {
    const items = notChecked(steps);
    expect(items.map((i) => [i.step, i.status])).toEqual([['symmetry/b', 'skipped'], ['symmetry/b', 'unchecked'], ['quotient/c', 'unchecked']]);
    expect(notCheckedReasons(items)).toEqual(['1 skipped numeric in symmetry', '1 unchecked numeric in symmetry', '1 unchecked step without a check in quotient']);
  });

  it('documents label lemmas', () => {
    const withLemma = { ...FIXTURE, steps: FIXTURE.steps.map((s, i) => (i === 2 ? { ...s, checks: s.checks.map((k) => ({ ...k, scope: 'lemma' as const })) } : s)) };
    expect(printDerivation(withLemma, 'md')).toContain('passed (lemma: holds for every loss)');
    expect(printDerivation(withLemma, 'tex')).toContain('\\textit{(lemma: holds for every loss)}');
    expect(printDerivation(withLemma, 'html')).toContain('<em>(lemma: holds for every loss)</em>');
  });
});
