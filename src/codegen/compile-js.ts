// The in-process target: the JavaScript printer's output turned into a
// function with `new Function` (Float64Array in, no allocation per call).
import type { Kernel } from './kernel-ir.js';
import { printKernel } from './printer.js';
import { stabilityPass } from './passes/stability.js';
import { jsTarget } from './targets/javascript.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function compileJs<F extends (...args: any[]) => any>(k: Kernel): F {
  const src = printKernel(stabilityPass(k), jsTarget).replace(/^export function/m, 'function');
  return new Function(`${src}\nreturn ${k.name};`)() as F;
}
