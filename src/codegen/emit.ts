// Emission, the last stage of the recipe:
//   Kernel -> Kernel     passes/stability.ts (log1p, expm1, softplus, log-sum-exp)
//   Kernel -> text       printer.ts walker + the target's table
// A module is the prelude (imports/includes), the helpers the kernels call, then the kernels.
import type { Kernel } from './kernel-ir.js';
import { stabilityPass } from './passes/stability.js';
import { helpersUsed, printKernel } from './printer.js';
import { TARGETS, type TargetName } from './targets/index.js';

/** The named passes run before printing, in order. */
export const PASSES: readonly { readonly name: string; readonly run: (k: Kernel) => Kernel }[] = [
  { name: 'stability', run: stabilityPass },
];

export const runPasses = (k: Kernel): Kernel => PASSES.reduce((acc, p) => p.run(acc), k);

export interface ModuleText {
  readonly prelude: string;
  readonly helpers: string;
  readonly kernels: string;
}

/** The three parts of a module, so that drivers can be appended and headers prepended. */
export function emitParts(kernels: readonly Kernel[], target: TargetName): ModuleText {
  const t = TARGETS[target];
  const ks = kernels.map(runPasses);
  return {
    prelude: t.prelude.join('\n'),
    helpers: helpersUsed(ks, t).join('\n'),
    kernels: ks.map((k) => printKernel(k, t)).join('\n'),
  };
}

export function emitModule(kernels: readonly Kernel[], target: TargetName): string {
  const m = emitParts(kernels, target);
  const gap = target === 'python' || target === 'torch' ? '\n\n\n' : '\n\n';
  return [m.prelude, m.helpers, m.kernels].filter((s) => s.length > 0).map((s) => s.trimEnd()).join(gap) + '\n';
}

/** One kernel as a self-contained unit of the target language. */
export const emit = (kernel: Kernel, target: TargetName): string => emitModule([kernel], target);
