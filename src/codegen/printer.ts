// One walker over the kernel IR shared by every target; targets differ only by
// a table of spellings (SymPy-printer style): operators, function templates,
// reserved words, array indexing, loop and declaration syntax. Printers print,
// never derive or rewrite (the stability pass has already run).
import { match } from 'ts-pattern';
import { bin, iadd, kneg, signatureArrays, signatureScalars, sizeSymbols, type BinOp, type KExpr, type KFn, type Kernel, type LValue, type Stmt } from './kernel-ir.js';

/** Element-wise (NumPy slices inside a `vector` loop) or one scalar at a time. */
export type Mode = 'scalar' | 'vector';

export interface TargetTable {
  readonly name: string;
  readonly fileExtension: string;
  /** Words that cannot be identifiers; a clashing name gets a trailing underscore. */
  readonly reserved: ReadonlySet<string>;
  /** Further names that cannot be identifiers, by shape (C: upper-case names are taken by macros). */
  readonly reservedPattern?: RegExp;
  readonly comment: (text: string) => string;
  /** A constant; `integer` inside indices and loop bounds. */
  readonly number: (v: number, integer: boolean) => string;
  /** Function templates: $0, $1 are the printed arguments, each used once (helpers cover the rest). */
  readonly fns: Readonly<Record<KFn, string>>;
  /** Templates inside vector loops (element-wise array functions), if the target has them. */
  readonly vectorFns?: Readonly<Record<KFn, string>>;
  /** Definitions of helper functions the templates call, keyed by the function that needs them. */
  readonly helpers: Readonly<Partial<Record<KFn, string>>>;
  readonly binop: (op: BinOp, mode: Mode) => string;
  readonly select: (cond: string, a: string, b: string, mode: Mode) => string;
  readonly index: (array: string, idx: string) => string;
  /** array[from:to], present when the target prints vector loops as slices. */
  readonly slice?: (array: string, from: string, to: string) => string;
  readonly declare: (name: string, value: string) => string;
  readonly assign: (lhs: string, value: string) => string;
  readonly accumulate: (lhs: string, op: '+' | 'max', value: string, mode: Mode) => string;
  readonly forOpen: (i: string, from: string, to: string) => string;
  readonly whileOpen: (cond: string) => string;
  /** Closing line of a block, or null for indentation-delimited targets. */
  readonly blockClose: string | null;
  /** Lines before the body (signature, derived sizes, temporaries) and the body's indentation. */
  readonly kernelOpen: (k: Kernel, sig: Signature) => { readonly lines: readonly string[]; readonly indent: string };
  readonly kernelClose: (k: Kernel, sig: Signature) => readonly string[];
  /** Lines opening a file (imports, includes). */
  readonly prelude: readonly string[];
  readonly indentUnit: string;
}

/** The kernel's parameters with identifiers already mangled for the target. */
export interface Signature {
  readonly arrays: readonly { readonly name: string; readonly intent: string; readonly length: string }[];
  /** Size symbols: C receives them, the others derive them from an array's length. */
  readonly sizes: readonly { readonly name: string; readonly array: string; readonly times: number }[];
  readonly scalars: readonly { readonly name: string; readonly type: 'double' | 'int' }[];
  readonly temps: readonly { readonly name: string; readonly length: number }[];
  readonly returns?: string;
}

const PREC: Record<BinOp, number> = { '&&': 1, '<': 2, '<=': 2, '>': 2, '>=': 2, '+': 3, '-': 3, '*': 4, '/': 4 };

interface Context {
  readonly t: TargetTable;
  readonly ident: (name: string) => string;
  /** The enclosing vector loop printed as slices, if any. */
  readonly vector?: { readonly index: string; readonly from: KExpr; readonly to: KExpr };
}

const fill = (template: string, args: readonly string[]): string => template.replace(/\$(\d)/g, (_, i: string) => args[Number(i)]);

/**
 * An index of a vector loop over i as base + i + c (base an expression without
 * i, possibly absent; c a constant), or undefined when idx does not mention i.
 * Row-major 2-D indices `j * (nx + 2) + i + 1` are of this form: they slice too.
 */
function splitIndex(idx: KExpr, i: string): { readonly base?: KExpr; readonly c: number } | undefined {
  const mentions = (e: KExpr): boolean => match(e)
    .with({ k: 'var' }, (x) => x.name === i)
    .with({ k: 'const' }, () => false)
    .with({ k: 'index' }, (x) => mentions(x.idx))
    .with({ k: 'binary' }, (x) => mentions(x.a) || mentions(x.b))
    .with({ k: 'neg' }, (x) => mentions(x.a))
    .with({ k: 'call' }, (x) => x.args.some(mentions))
    .with({ k: 'select' }, (x) => mentions(x.cond) || mentions(x.a) || mentions(x.b))
    .exhaustive();
  if (!mentions(idx)) return undefined;
  if (idx.k === 'var') return { c: 0 };
  const fail = (): never => { throw new Error(`printer: a vector loop over ${i} reads an index that is not base + ${i} + constant`); };
  if (idx.k !== 'binary' || (idx.op !== '+' && idx.op !== '-')) return fail();
  // one side holds i (once, with coefficient +1), the other is a constant or part of the base
  const sign = idx.op === '+' ? 1 : -1;
  const [inner, other, otherSign] = mentions(idx.a) && !mentions(idx.b) ? [idx.a, idx.b, sign]
    : idx.op === '+' && mentions(idx.b) && !mentions(idx.a) ? [idx.b, idx.a, 1] : fail();
  const r = splitIndex(inner, i)!;
  if (other.k === 'const') return { ...r, c: r.c + otherSign * other.v };
  const term = otherSign > 0 ? other : kneg(other);
  return { c: r.c, base: r.base ? bin(otherSign > 0 ? '+' : '-', r.base, other) : term };
}

export function printExpr(e: KExpr, cx: Context, parentPrec = 0, integer = false): string {
  const { t } = cx;
  const mode: Mode = cx.vector ? 'vector' : 'scalar';
  return match(e)
    .with({ k: 'const' }, (x) => {
      const s = t.number(x.v, integer);
      return x.v < 0 && parentPrec > 0 ? `(${s})` : s;
    })
    .with({ k: 'var' }, (x) => cx.ident(x.name))
    .with({ k: 'index' }, (x) => {
      const at = cx.vector && t.slice ? splitIndex(x.idx, cx.vector.index) : undefined;
      if (at !== undefined && cx.vector && t.slice) {
        const scalar: Context = { t, ident: cx.ident };
        const bound = (b: KExpr): string => printExpr(iadd(at.base ? iadd(at.base, b) : b, at.c), scalar, 0, true);
        return t.slice(cx.ident(x.array), bound(cx.vector.from), bound(cx.vector.to));
      }
      return t.index(cx.ident(x.array), printExpr(x.idx, { t, ident: cx.ident }, 0, true));
    })
    .with({ k: 'neg' }, (x) => {
      const s = `-${printExpr(x.a, cx, 5, integer)}`;
      return parentPrec > 0 ? `(${s})` : s;
    })
    .with({ k: 'call' }, (x) => fill((mode === 'vector' && t.vectorFns ? t.vectorFns : t.fns)[x.fn], x.args.map((a) => printExpr(a, cx))))
    .with({ k: 'select' }, (x) => t.select(printExpr(x.cond, cx), printExpr(x.a, cx), printExpr(x.b, cx), mode))
    .with({ k: 'binary' }, (x) => {
      const p = PREC[x.op];
      // Right operands need parentheses at equal precedence: for - and / always,
      // for + and * too on doubles, whose arithmetic is not associative (a * (b * c)
      // printed as a * b * c would round differently from the kernel IR). Integer
      // index arithmetic is exact and keeps the lighter spelling. Operands of &&
      // are always parenthesised (NumPy's & binds tighter than comparisons).
      const left = x.op === '&&' ? 9 : p, right = x.op === '&&' ? 9 : x.op === '-' || x.op === '/' || !integer ? p + 1 : p;
      const s = `${printExpr(x.a, cx, left, integer)} ${t.binop(x.op, mode)} ${printExpr(x.b, cx, right, integer)}`;
      return p < parentPrec || (x.op === '&&' && parentPrec > 0) ? `(${s})` : s;
    })
    .exhaustive();
}

const lvalue = (l: LValue, cx: Context): string => printExpr(l, cx);

function printStmts(ss: readonly Stmt[], cx: Context, indent: string): string[] {
  const { t } = cx;
  const mode: Mode = cx.vector ? 'vector' : 'scalar';
  return ss.flatMap((s): string[] => match(s)
    .with({ k: 'comment' }, (x) => [indent + t.comment(x.text)])
    .with({ k: 'assign' }, (x) => [indent + (x.declare ? t.declare(lvalue(x.lhs, cx), printExpr(x.value, cx)) : t.assign(lvalue(x.lhs, cx), printExpr(x.value, cx)))])
    .with({ k: 'accumulate' }, (x) => [indent + t.accumulate(lvalue(x.lhs, cx), x.op, printExpr(x.value, cx), mode)])
    .with({ k: 'for' }, (x) => {
      if (x.vector && t.slice) return printStmts(x.body, { ...cx, vector: { index: x.index, from: x.from, to: x.to } }, indent);
      const head = t.forOpen(cx.ident(x.index), printExpr(x.from, cx, 0, true), printExpr(x.to, cx, 0, true));
      return [indent + head, ...printStmts(x.body, cx, indent + t.indentUnit), ...(t.blockClose ? [indent + t.blockClose] : [])];
    })
    .with({ k: 'while' }, (x) => [indent + t.whileOpen(printExpr(x.cond, cx)), ...printStmts(x.body, cx, indent + t.indentUnit), ...(t.blockClose ? [indent + t.blockClose] : [])])
    .exhaustive());
}

/** Every identifier a kernel uses (parameters, sizes, temporaries, locals, loop indices), in first-use order. */
export function kernelNames(k: Kernel): string[] {
  const names = new Set<string>();
  const expr = (e: KExpr): void => match(e)
    .with({ k: 'const' }, () => undefined)
    .with({ k: 'var' }, (x) => { names.add(x.name); })
    .with({ k: 'index' }, (x) => { names.add(x.array); expr(x.idx); })
    .with({ k: 'binary' }, (x) => { expr(x.a); expr(x.b); })
    .with({ k: 'neg' }, (x) => expr(x.a))
    .with({ k: 'call' }, (x) => x.args.forEach(expr))
    .with({ k: 'select' }, (x) => { expr(x.cond); expr(x.a); expr(x.b); })
    .exhaustive();
  const stmts = (ss: readonly Stmt[]): void => ss.forEach((st) => match(st)
    .with({ k: 'comment' }, () => undefined)
    .with({ k: 'assign' }, { k: 'accumulate' }, (x) => { expr(x.lhs); expr(x.value); })
    .with({ k: 'for' }, (x) => { names.add(x.index); expr(x.from); expr(x.to); stmts(x.body); })
    .with({ k: 'while' }, (x) => { expr(x.cond); stmts(x.body); })
    .exhaustive());
  signatureArrays(k).forEach((a) => names.add(a.name));
  sizeSymbols(k).forEach((x) => names.add(x.name));
  signatureScalars(k).forEach((x) => names.add(x.name));
  k.temps.forEach((x) => names.add(x.name));
  if (k.returns) names.add(k.returns);
  stmts(k.body);
  return [...names];
}

/**
 * The target's spelling of each name of a kernel, injective: a name that is
 * not reserved keeps its spelling; a reserved one (or one that looks like a
 * target's helper, hg_*, which first becomes v_hg_*) becomes name_, then name_2, ... until the
 * spelling is neither reserved nor another name of the kernel nor already
 * given. So [int, int_] in Python print as int_2 and int_, never both int_.
 */
export function namingFor(t: TargetTable, names: readonly string[]): (name: string) => string {
  const taken = new Set(names);
  const spelling = new Map<string, string>();
  const blocked = (n: string): boolean => t.reserved.has(n) || (t.reservedPattern?.test(n) ?? false) || n.startsWith('hg_');
  const given = new Set<string>();
  for (const n of names) if (!blocked(n)) { spelling.set(n, n); given.add(n); }
  for (const n of names) {
    if (spelling.has(n)) continue;
    // hg_* stays blocked whatever is appended: such names move out of the helpers' prefix first.
    const base = n.startsWith('hg_') ? `v_${n}` : n;
    let candidate = `${base}_`;
    for (let i = 2; blocked(candidate) || taken.has(candidate) || given.has(candidate); i++) candidate = `${base}_${i}`;
    spelling.set(n, candidate);
    given.add(candidate);
  }
  return (name) => spelling.get(name) ?? (blocked(name) ? `${name}_` : name);
}

/** The spelling of names outside a kernel (printer tests): reserved names get a trailing underscore. */
export const identFor = (t: TargetTable) => (name: string): string => (t.reserved.has(name) ? `${name}_` : name);

export function signatureOf(k: Kernel, t: TargetTable, ident = namingFor(t, kernelNames(k))): Signature {
  const len = (l: number | { size: string; times?: number }): string => (typeof l === 'number' ? String(l) : `${l.times && l.times !== 1 ? `${l.times} * ` : ''}${ident(l.size)}`);
  return {
    arrays: signatureArrays(k).map((a) => ({ name: ident(a.name), intent: a.intent, length: len(a.length) })),
    sizes: sizeSymbols(k).map((s) => ({ name: ident(s.name), array: ident(s.array), times: s.times })),
    scalars: signatureScalars(k).map((s) => ({ name: ident(s.name), type: s.type })),
    temps: k.temps.map((x) => ({ name: ident(x.name), length: x.length })),
    ...(k.returns ? { returns: ident(k.returns) } : {}),
  };
}

export function printKernel(k: Kernel, t: TargetTable): string {
  const ident = namingFor(t, kernelNames(k));
  const sig = signatureOf(k, t, ident);
  const open = t.kernelOpen(k, sig);
  const cx: Context = { t, ident };
  return [...open.lines, ...printStmts(k.body, cx, open.indent), ...t.kernelClose(k, sig)].join('\n') + '\n';
}

/** Helper functions the kernels call (e.g. a stable softplus), each defined once. */
export function helpersUsed(ks: readonly Kernel[], t: TargetTable): string[] {
  const used = new Set<KFn>();
  const e = (x: KExpr): void => match(x)
    .with({ k: 'const' }, { k: 'var' }, () => undefined)
    .with({ k: 'index' }, (y) => e(y.idx))
    .with({ k: 'binary' }, (y) => { e(y.a); e(y.b); })
    .with({ k: 'neg' }, (y) => e(y.a))
    .with({ k: 'call' }, (y) => { used.add(y.fn); y.args.forEach(e); })
    .with({ k: 'select' }, (y) => { e(y.cond); e(y.a); e(y.b); })
    .exhaustive();
  const s = (x: Stmt): void => match(x)
    .with({ k: 'comment' }, () => undefined)
    .with({ k: 'assign' }, { k: 'accumulate' }, (y) => { e(y.lhs); e(y.value); })
    .with({ k: 'for' }, (y) => { e(y.from); e(y.to); y.body.forEach(s); })
    .with({ k: 'while' }, (y) => { e(y.cond); y.body.forEach(s); })
    .exhaustive();
  ks.forEach((k) => k.body.forEach(s));
  return [...used].sort().flatMap((f) => (t.helpers[f] ? [t.helpers[f]!] : []));
}
