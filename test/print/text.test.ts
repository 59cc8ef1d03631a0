// text(expr) is re-parseable: parseExpr(text(e)) rebuilds e. Random small
// expressions from fast-check (seeded); canonical trees must come back
// structurally equal, arbitrary trees (built with the raw node makers, so
// nested products, numbers in any position) equal as functions: their
// difference is zero in the normal form.
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { add, call, mul, num, pow, sub, sym } from '../../src/ir/build.js';
import { equals, mkAdd, mkCall, mkMul, mkPow, type Expr } from '../../src/ir/expr.js';
import type { FnName } from '../../src/ir/functions.js';
import { evaluate } from '../../src/ir/evaluate.js';
import { NormalForm } from '../../src/ir/normal-form.js';
import { parseExpr } from '../../src/ir/parse.js';
import { latex } from '../../src/print/latex-expr.js';
import { text } from '../../src/print/text.js';
import { seededRng } from '../../src/util/random.js';

const SYMBOLS = ['a', 'b', 'x', 'nu', 'W1_2_3', 'u_xx', 'b2_1'];
const FNS: FnName[] = ['relu', 'tanh', 'exp', 'sigmoid', 'log', 'sin', 'heaviside'];

const number = fc.oneof(
  fc.integer({ min: -6, max: 6 }).map((n) => num(n)),
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 8 })).map(([p, q]) => num(p, q)),
);
const leaf = fc.oneof(fc.constantFrom(...SYMBOLS).map(sym), number);
const exponent = fc.oneof(fc.integer({ min: -3, max: 3 }).map((n) => num(n)), fc.constantFrom(num(1, 2), num(-1, 2), num(3, 2)));

/** Never 0^negative (the constructor rejects it). */
const safePow = (b: Expr, e: Expr): Expr => (b.kind === 'num' && b.value.equals(0) ? b : pow(b, e));

const canonical = fc.letrec<{ e: Expr; add: Expr; mul: Expr; pow: Expr; call: Expr }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('add'), tie('mul'), tie('pow'), tie('call')),
  add: fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((ts) => add(...ts)),
  mul: fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((fs) => mul(...fs)),
  pow: fc.tuple(tie('e'), fc.oneof(exponent, tie('e'))).map(([b, e]) => safePow(b, e)),
  call: fc.tuple(fc.constantFrom(...FNS), tie('e')).map(([f, a]) => call(f, a)),
}));

const raw = fc.letrec<{ e: Expr; add: Expr; mul: Expr; pow: Expr; call: Expr }>((tie) => ({
  e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('add'), tie('mul'), tie('pow'), tie('call')),
  add: fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((ts) => mkAdd(ts)),
  mul: fc.array(tie('e'), { minLength: 2, maxLength: 3 }).map((fs) => mkMul(fs)),
  // A negative power only of a symbol: a raw tree may hide a zero base (0*0)^-1.
  pow: fc.tuple(tie('e'), exponent, fc.constantFrom(...SYMBOLS)).map(([b, e, s]) => (e.value.s < 0n ? mkPow(sym(s), e) : mkPow(b, e))),
  call: fc.tuple(fc.constantFrom(...FNS), tie('e')).map(([f, a]) => mkCall(f, [a])),
}));

const SEED = 20260618;

/**
 * parseExpr reads number literals as doubles (mathjs), so an integer above
 * 2^53 in a numerator or denominator cannot come back exactly; such trees
 * (e.g. (1/5)^24 folded by the constructors) are outside the round-trip.
 */
const MAX_EXACT = 2n ** 53n;
function numbersFit(e: Expr): boolean {
  if (e.kind === 'num') return e.value.n <= MAX_EXACT && e.value.d <= MAX_EXACT;
  if (e.kind === 'sym') return true;
  const kids = e.kind === 'add' ? e.terms : e.kind === 'mul' ? e.factors : e.kind === 'pow' ? [e.base, e.exp] : e.args;
  return kids.every(numbersFit);
}

describe('text(expr) round-trips through parseExpr', () => {
  it('canonical trees come back structurally equal', () => {
    fc.assert(fc.property(canonical.e, (e) => {
      fc.pre(numbersFit(e));
      const back = parseExpr(text(e));
      expect(equals(back, e), `${text(e)} -> ${text(back)}`).toBe(true);
    }), { seed: SEED, numRuns: 2000 });
  });

  it('arbitrary trees come back equal: zero difference in the normal form, or equal values at seeded points', () => {
    const nf = new NormalForm();
    const rng = seededRng(SEED);
    // The normal form does not always identify (a^(1/2))^2 inside an expanded power with a,
    // so equality of values at random positive points is the fallback.
    const sameValues = (p: Expr, q: Expr): boolean => Array.from({ length: 5 }, () => Object.fromEntries(SYMBOLS.map((s) => [s, rng.uniform(0.2, 2)]))).every((env) => {
      const [u, v] = [evaluate(p, env), evaluate(q, env)];
      return (Number.isNaN(u) && Number.isNaN(v)) || u === v || Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u));
    });
    fc.assert(fc.property(raw.e, (e) => {
      fc.pre(numbersFit(e));
      const back = parseExpr(text(e));
      expect(nf.isZero(sub(back, e)) || sameValues(back, e), `${text(e)} -> ${text(back)}`).toBe(true);
    }), { seed: SEED + 1, numRuns: 1000 });
  });

  it('latex(expr) of every random tree is accepted by KaTeX (no double superscripts, balanced groups)', () => {
    fc.assert(fc.property(fc.oneof(canonical.e, raw.e), (e) => {
      expect(() => katex.renderToString(latex(e), { throwOnError: true }), latex(e)).not.toThrow();
    }), { seed: SEED + 2, numRuns: 1000 });
  });

  it.each(['(w^2 - 1)^2 / 4', 'a - (b - c)*d', 'exp(-(x - y)^2/(4*nu*t))*t^(-1/2)', '-x^2', '2^(3^x)', 'x - 1/2*y', '-1/3*x*y^(-2)', 'leaky_relu(z, 1/10)*relu(-z)'])(
    '%s is a fixed point of text . parseExpr', (src) => {
      const t = text(parseExpr(src));
      expect(text(parseExpr(t))).toBe(t);
    });
});
