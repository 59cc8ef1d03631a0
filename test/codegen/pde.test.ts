// The Hamiltonian read off the derived HJ equation u_t + H(u_x) = nu u_xx: the
// coarse-graining stage's own equation gives H = p^2/2 (docs/theory.md §1); rearranged
// spellings give the same H; anything not of that form is refused with a message
// naming the equation and the defect.
import { describe, expect, it } from 'vitest';
import { EquationFormError, hamiltonianOf } from '../../src/codegen/pde.js';
import { sub } from '../../src/ir/build.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { runPipeline } from '../../src/pipeline/derive.js';
import { loadSpec } from '../../src/spec/load.js';

/** H read off `hj`, in `variable`, equals `h` (by the project's normal form). */
const reads = (hj: string, h: string, variable = 'p'): boolean => new NormalForm().isZero(sub(hamiltonianOf(parseExpr(hj), variable), parseExpr(h)));

describe('hamiltonianOf', () => {
  it('the derived equation of the double well (coarse.hamiltonJacobi) has H(p) = p^2/2', () => {
    const im = runPipeline(loadSpec('derivations/double-well/spec.yaml'), { rulesDir: 'rules' }).intermediates;
    expect(new NormalForm().isZero(sub(hamiltonianOf(im.coarse.hamiltonJacobi), parseExpr('p^2/2')))).toBe(true);
  });

  it.each([
    ['u_t + u_x^2/2 - nu*u_xx', 'p^2/2'],
    ['u_t + (u_x^2 - 2*nu*u_xx)/2', 'p^2/2'],
    ['-nu*u_xx + u_t + sqrt(1 + u_x^2)', 'sqrt(1 + p^2)'],
    ['u_t + u_x^4/4 + u_x - nu*u_xx', 'p^4/4 + p'],
  ])('%s => H = %s', (hj, h) => {
    expect(reads(hj, h)).toBe(true);
  });

  it('names its variable', () => {
    expect(reads('u_t + u_x^2/2 - nu*u_xx', 'q^2/2', 'q')).toBe(true);
  });

  it.each([
    ['p_t + p*p_x - nu*p_xx', /no u_t term/],
    ['2*u_t + u_x^2 - nu*u_xx', /not exactly u_t - nu\*u_xx/],
    ['u_t^2 + u_x - nu*u_xx', /not exactly u_t - nu\*u_xx/],
    ['u_t + u_x^2/2 + nu*u_xx', /not exactly u_t - nu\*u_xx/],
    ['u_t + u_x^2/2', /not exactly u_t - nu\*u_xx/],
    ['u_t + u_x*u_xx - nu*u_xx', /not exactly u_t - nu\*u_xx/],
    ['u_t + u*u_x - nu*u_xx', /depends on u \(H may depend on u_x only\)/],
    ['u_t + x*u_x^2 - nu*u_xx', /depends on x/],
    ['u_t + nu*u_x^2 - nu*u_xx', /depends on nu/],
  ])('refuses %s', (hj, why) => {
    expect(() => hamiltonianOf(parseExpr(hj))).toThrow(EquationFormError);
    expect(() => hamiltonianOf(parseExpr(hj))).toThrow(/is not of the form u_t \+ H\(u_x\) = nu u_xx/);
    expect(() => hamiltonianOf(parseExpr(hj))).toThrow(why);
  });
});
