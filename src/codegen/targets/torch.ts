// PyTorch spellings, for straight-line kernels (the scalar route): theta is a
// float64 tensor, every local a 0-d tensor, so `torch.autograd` can
// differentiate the printed loss and be compared with the gradient kernels.
// Kernels with loops or temporaries are declined: in-place writes into
// temporaries would break autograd's saved tensors.
import { codeHelpers, codeSpellings } from '../../ir/functions.js';
import type { KFn, Kernel, Stmt } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';
import { PYTHON_RESERVED, pythonNumber, pythonTarget } from './python.js';

// The language's own primitives; the functions and activations are spelled in the registry (src/ir/functions.ts).
const FNS: Record<KFn, string> = {
  ...codeSpellings('torch'),
  sqrt: 'torch.sqrt($0)', max: 'torch.maximum(torch.as_tensor($0), torch.as_tensor($1))', min: 'torch.minimum(torch.as_tensor($0), torch.as_tensor($1))',
  pow: 'torch.pow($0, $1)', log1p: 'torch.log1p($0)', expm1: 'torch.expm1($0)',
};

const loops = (ss: readonly Stmt[]): boolean => ss.some((s) => s.k === 'for' || s.k === 'while');

export const torchTarget: TargetTable = {
  ...pythonTarget,
  name: 'torch',
  reserved: new Set([...PYTHON_RESERVED, 'torch']),
  number: pythonNumber,
  fns: FNS,
  vectorFns: undefined,
  slice: undefined,
  helpers: codeHelpers('torch'),
  binop: (op) => (op === '&&' ? '&' : op),
  select: (c, a, b) => `torch.where(${c}, torch.as_tensor(${a}), torch.as_tensor(${b}))`,
  accumulate: (l, op, v) => (op === '+' ? `${l} = ${l} + ${v}` : `${l} = torch.maximum(torch.as_tensor(${l}), torch.as_tensor(${v}))`),
  kernelOpen: (k: Kernel, sig) => {
    if (k.temps.length > 0 || loops(k.body)) throw new Error(`torch target: kernel ${k.name} has loops or temporaries; only straight-line (scalar-route) kernels are printed for PyTorch`);
    return pythonTarget.kernelOpen(k, sig);
  },
  prelude: ['import math', '', 'import torch'],
};
