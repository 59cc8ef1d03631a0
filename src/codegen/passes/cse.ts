// Common-subexpression elimination, a named pass over the expression DAG of
// all outputs at once: structurally equal nodes are hash-consed (Expr.hash +
// equals) into one representative, uses are counted on the merged DAG, and
// every non-leaf node used more than once is marked shared, to be computed once
// into a local. `shared` is in topological order (children first).
import { children, equals, type Expr } from '../../ir/expr.js';

export interface CseResult {
  /** The outputs, as representatives in the merged DAG. */
  readonly roots: readonly Expr[];
  /** Nodes used more than once, children before parents. */
  readonly shared: readonly Expr[];
  /** Representative of any node reachable from the roots. */
  readonly representative: (e: Expr) => Expr;
}

export function commonSubexpressions(outputs: readonly Expr[]): CseResult {
  const buckets = new Map<number, Expr[]>();
  const rep = new Map<Expr, Expr>();
  const uses = new Map<Expr, number>();
  const postOrder: Expr[] = [];
  const intern = (e: Expr): Expr => {
    const b = buckets.get(e.hash) ?? [];
    const hit = b.find((x) => equals(x, e));
    if (hit) return hit;
    b.push(e);
    buckets.set(e.hash, b);
    return e;
  };
  // Iterative post-order walk: loss DAGs of instantiated networks are deep.
  const visit = (root: Expr): Expr => {
    const stack: { e: Expr; expanded: boolean }[] = [{ e: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (rep.has(top.e)) { stack.pop(); continue; }
      if (!top.expanded) {
        top.expanded = true;
        for (const c of children(top.e)) if (!rep.has(c)) stack.push({ e: c, expanded: false });
        continue;
      }
      stack.pop();
      const r = intern(top.e);
      rep.set(top.e, r);
      if (!uses.has(r)) {
        uses.set(r, 0);
        for (const c of children(r)) { const rc = rep.get(c)!; uses.set(rc, uses.get(rc)! + 1); }
        postOrder.push(r);
      }
    }
    const r = rep.get(root)!;
    uses.set(r, uses.get(r)! + 1);
    return r;
  };
  const roots = outputs.map(visit);
  const shared = postOrder.filter((e) => e.kind !== 'num' && e.kind !== 'sym' && uses.get(e)! > 1);
  return {
    roots,
    shared,
    representative: (e) => {
      const r = rep.get(e);
      if (!r) throw new Error('cse: node not reachable from the outputs');
      return r;
    },
  };
}
