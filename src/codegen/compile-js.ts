// The in-process target: the JavaScript module text of a kernel turned into a
// function with `new Function`. Float64Array in and out; temporaries live in
// the closure, so a call allocates nothing.
import { emitParts } from './emit.js';
import type { Kernel } from './kernel-ir.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function compileJs<F extends (...args: any[]) => any>(k: Kernel): F {
  const m = emitParts([k], 'js');
  const src = m.kernels.replace(/^export (function|const) /m, '$1 ');
  return new Function(`'use strict';\n${m.helpers}\n${src}\nreturn ${k.name};`)() as F;
}
