// PyTorch spellings, for straight-line kernels (the scalar route): theta is a
// float64 tensor, every local a 0-d tensor, so `torch.autograd` can
// differentiate the printed loss and be compared with the gradient kernels.
// Kernels with loops or temporaries are declined: in-place writes into
// temporaries would break autograd's saved tensors.
import type { KFn, Kernel, Stmt } from '../kernel-ir.js';
import type { TargetTable } from '../printer.js';
import { PYTHON_RESERVED, pythonNumber, pythonTarget } from './python.js';

const FNS: Record<KFn, string> = {
  exp: 'torch.exp($0)', log: 'torch.log($0)', sqrt: 'torch.sqrt($0)', tanh: 'torch.tanh($0)', sin: 'torch.sin($0)', cos: 'torch.cos($0)',
  abs: 'torch.abs($0)', max: 'torch.maximum(torch.as_tensor($0), torch.as_tensor($1))', min: 'torch.minimum(torch.as_tensor($0), torch.as_tensor($1))',
  pow: 'torch.pow($0, $1)', log1p: 'torch.log1p($0)', expm1: 'torch.expm1($0)',
  relu: 'torch.relu($0)', heaviside: '($0 > 0).to(torch.float64)', leaky_relu: 'hg_leaky_relu($0, $1)', sigmoid: 'torch.sigmoid($0)',
  softplus: 'torch.nn.functional.softplus($0)', sign: 'torch.sign($0)',
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
  helpers: { leaky_relu: 'def hg_leaky_relu(z, a):\n    return torch.where(z > 0, z, a * z)\n' },
  binop: (op) => (op === '&&' ? '&' : op),
  select: (c, a, b) => `torch.where(${c}, torch.as_tensor(${a}), torch.as_tensor(${b}))`,
  accumulate: (l, op, v) => (op === '+' ? `${l} = ${l} + ${v}` : `${l} = torch.maximum(torch.as_tensor(${l}), torch.as_tensor(${v}))`),
  kernelOpen: (k: Kernel, sig) => {
    if (k.temps.length > 0 || loops(k.body)) throw new Error(`torch target: kernel ${k.name} has loops or temporaries; only straight-line (scalar-route) kernels are printed for PyTorch`);
    return pythonTarget.kernelOpen(k, sig);
  },
  prelude: ['import math', '', 'import torch'],
};
