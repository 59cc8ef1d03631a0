import { describe, expect, it } from 'vitest';
import { expressionModel } from '../../src/architecture/expression.js';
import { parseSpec } from '../../src/spec/load.js';
import { expressionSymmetries } from '../../src/symmetry/expression-symmetries.js';
import { quotientStage } from '../../src/quotient/quotient.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { sub } from '../../src/ir/build.js';

const ctx = { seed: 1, rulesDir: 'rules', tolerance: 1e-9 };
function quotient(loss: string, parameters: string[]) {
  const model = expressionModel(parseSpec({ name: 't', architecture: { kind: 'expression', parameters, loss }, training: { temperature: 0.1 } }, 't.yaml'));
  const sym = expressionSymmetries(model, ctx);
  return quotientStage(model, sym, ctx);
}
const same = (a: string, e: import('../../src/ir/expr.js').Expr) => new NormalForm().isZero(sub(parseExpr(a), e));

describe('quotient stage', () => {
  it('(a b - 1)^2/2: 1-D quotient, Lbar = (w-1)^2/2, G = sqrt(c^2 + 4 w^2), on-level-set', () => {
    const q = quotient('(a*b - 1)^2 / 2', ['a', 'b']);
    expect(q.quotientDimension).toBe(1);
    expect(q.gradientField).toBe('on-level-set');
    expect(q.reduced).toBeDefined();
    expect(same('(w - 1)^2 / 2', q.reduced!.loss) || same('(w + 1)^2 / 2', q.reduced!.loss)).toBe(true);
    expect(same('(c^2 + 4*w^2)^(1/2)', q.reduced!.metric!)).toBe(true);
    expect(q.steps.flatMap((s) => s.checks).filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('double well: no symmetry, G = 1, exact', () => {
    const q = quotient('(w^2 - 1)^2 / 4', ['w']);
    expect(q.quotientDimension).toBe(1);
    expect(q.gradientField).toBe('exact');
    expect(same('(w^2 - 1)^2 / 4', q.reduced!.loss)).toBe(true);
    expect(q.reduced!.metric).toBeUndefined();
  });

  it('rotation-invariant quadratic: quotient coordinate w^2 + v^2 with G = 4 (w^2 + v^2): exact', () => {
    const q = quotient('w^2/2 + v^2/2', ['w', 'v']);
    expect(q.quotientDimension).toBe(1);
    expect(q.gradientField).toBe('exact');
  });

  it('a 2-D quotient with no symmetry keeps the parameters as coordinates', () => {
    const q = quotient('(u - 1)^2 / 2 + 3*(v + 2)^2 / 2', ['u', 'v']);
    expect(q.quotientDimension).toBe(2);
    expect(q.coordinates.map((c) => c.expr)).toHaveLength(2);
    expect(q.functionalDimension).toBeNull();
  });
});
