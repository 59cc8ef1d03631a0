// Prepare an IR expression for a general-purpose CAS: the IR owns activation
// semantics, so relu/leaky_relu are rewritten through the Heaviside function and
// every function application the CAS might mis-handle becomes a fresh symbol
// (applications with equal canonical arguments share one symbol). exp is kept: the CAS
// libraries handle exp(a) exp(b) = exp(a + b) correctly.
import { add, call, mul, num, pow, sub, sym } from '../ir/build.js';
import { equals, type Expr } from '../ir/expr.js';
import { NormalForm } from '../ir/normal-form.js';

export function opaqueForCas(e: Expr): Expr {
  // H(c z) = H(z) for c > 0 is activation semantics the IR owns: Heaviside atoms
  // are keyed by their canonical (primitive) argument, as in the normal form.
  const nf = new NormalForm();
  const heaviside = (z: Expr): Expr => opaque(nf.canonical(call('heaviside', z)));
  const table: { key: Expr; name: string }[] = [];
  const byHash = new Map<number, { key: Expr; name: string }[]>();
  const opaque = (x: Expr): Expr => {
    const bucket = byHash.get(x.hash) ?? [];
    let hit = bucket.find((b) => equals(b.key, x));
    if (!hit) {
      hit = { key: x, name: `opq${table.length}` };
      table.push(hit); bucket.push(hit); byHash.set(x.hash, bucket);
    }
    return sym(hit.name);
  };
  const memo = new Map<Expr, Expr>();
  const go = (x: Expr): Expr => {
    const m = memo.get(x);
    if (m) return m;
    let r: Expr;
    switch (x.kind) {
      case 'num': case 'sym': r = x; break;
      case 'add': r = add(...x.terms.map(go)); break;
      case 'mul': r = mul(...x.factors.map(go)); break;
      case 'pow': r = pow(go(x.base), go(x.exp)); break;
      case 'call': {
        const args = x.args.map(go);
        if (x.fn === 'exp') r = call('exp', args[0]);
        else if (x.fn === 'relu') r = mul(args[0], heaviside(args[0]));
        else if (x.fn === 'leaky_relu') r = mul(args[0], add(args[1], mul(sub(num(1), args[1]), heaviside(args[0]))));
        else if (x.fn === 'heaviside') r = heaviside(args[0]);
        // Keyed like the normal form keys its atoms, by the canonical argument: softplus(a z1 + b z2)
        // and softplus(b z2 + a z1) (a unit permutation reorders the sum) are one symbol.
        else r = opaque(nf.canonical(call(x.fn, ...args)));
        break;
      }
    }
    memo.set(x, r);
    return r;
  };
  return go(e);
}
