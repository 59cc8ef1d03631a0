// One walker over the kernel IR shared by every target; targets differ only by
// a table of spellings (SymPy-printer style). Printers print, never derive.
import { match } from 'ts-pattern';
import type { BinOp, KExpr, KFn, Kernel, Stmt } from './kernel-ir.js';

export interface TargetTable {
  readonly name: string;
  readonly fileExtension: string;
  readonly comment: (text: string) => string;
  readonly number: (v: number) => string;
  readonly fn: (f: KFn, args: string[], vectorised: boolean) => string;
  readonly select: (c: string, a: string, b: string, vectorised: boolean) => string;
  readonly binop: (op: BinOp, vectorised: boolean) => string;
  /** array access: inside a stencil (index variable i, constant offset) or absolute. */
  readonly at: (array: string, offset: number, stencil: { from: number; toFromEnd: number; size: string } | null) => string;
  readonly declare: (name: string, value: string) => string;
  readonly assign: (name: string, value: string) => string;
  readonly stencil: (out: string, size: string, from: number, toFromEnd: number, value: string, indent: string) => string[];
  readonly reduce: (target: string, op: 'max' | 'sum', size: string, from: number, toFromEnd: number, value: string, indent: string) => string[];
  readonly ghost: (array: string, indent: string) => string[];
  readonly output: (out: string, index: number, value: string) => string;
  readonly whileOpen: (cond: string) => string;
  readonly blockClose: string | null;
  readonly swap: (a: string, b: string) => string[];
  readonly kernelOpen: (k: Kernel) => string[];
  readonly kernelClose: (k: Kernel) => string[];
  readonly indentUnit: string;
}

const PREC: Record<BinOp, number> = { '&&': 1, '<': 2, '<=': 2, '>': 2, '>=': 2, '+': 3, '-': 3, '*': 4, '/': 4 };

export function printExpr(e: KExpr, t: TargetTable, stencil: { from: number; toFromEnd: number; size: string } | null, parentPrec = 0): string {
  const v = stencil !== null;
  return match(e)
    .with({ k: 'num' }, (x) => t.number(x.v))
    .with({ k: 'var' }, (x) => x.name)
    .with({ k: 'at' }, (x) => t.at(x.array, x.offset, stencil))
    .with({ k: 'neg' }, (x) => `(-${printExpr(x.a, t, stencil, 5)})`)
    .with({ k: 'call' }, (x) => t.fn(x.fn, x.args.map((a) => printExpr(a, t, stencil)), v))
    .with({ k: 'select' }, (x) => t.select(printExpr(x.cond, t, stencil), printExpr(x.a, t, stencil), printExpr(x.b, t, stencil), v))
    .with({ k: 'bin' }, (x) => {
      const p = PREC[x.op];
      // Right operands of - and / need parentheses at equal precedence; operands of && are
      // always parenthesised (NumPy's & binds tighter than comparisons).
      const left = x.op === '&&' ? 9 : p, right = x.op === '&&' ? 9 : x.op === '-' || x.op === '/' ? p + 1 : p;
      const s = `${printExpr(x.a, t, stencil, left)} ${t.binop(x.op, v)} ${printExpr(x.b, t, stencil, right)}`;
      return p < parentPrec || x.op === '&&' ? `(${s})` : s;
    })
    .exhaustive();
}

function printStmts(ss: readonly Stmt[], t: TargetTable, indent: string): string[] {
  return ss.flatMap((s): string[] => match(s)
    .with({ k: 'comment' }, (x) => [indent + t.comment(x.text)])
    .with({ k: 'let' }, (x) => [indent + t.declare(x.name, printExpr(x.value, t, null))])
    .with({ k: 'set' }, (x) => [indent + t.assign(x.name, printExpr(x.value, t, null))])
    .with({ k: 'output' }, (x) => [indent + t.output(x.out, x.index, printExpr(x.value, t, null))])
    .with({ k: 'stencil' }, (x) => t.stencil(x.out, x.size, x.from, x.toFromEnd, printExpr(x.value, t, { from: x.from, toFromEnd: x.toFromEnd, size: x.size }), indent))
    .with({ k: 'reduce' }, (x) => t.reduce(x.target, x.op, x.size, x.from, x.toFromEnd, printExpr(x.value, t, { from: x.from, toFromEnd: x.toFromEnd, size: x.size }), indent))
    .with({ k: 'ghost' }, (x) => t.ghost(x.array, indent))
    .with({ k: 'swap' }, (x) => t.swap(x.a, x.b).map((l) => indent + l))
    .with({ k: 'while' }, (x) => [indent + t.whileOpen(printExpr(x.cond, t, null)), ...printStmts(x.body, t, indent + t.indentUnit), ...(t.blockClose ? [indent + t.blockClose] : [])])
    .exhaustive());
}

export function printKernel(k: Kernel, t: TargetTable): string {
  return [...t.kernelOpen(k), ...printStmts(k.body, t, t.indentUnit), ...t.kernelClose(k)].join('\n') + '\n';
}
