// The targets by name: one table of spellings each, one shared walker (printer.ts).
import { cTarget } from './c.js';
import { jsTarget, tsTarget } from './javascript.js';
import { pythonTarget } from './python.js';
import { torchTarget } from './torch.js';
import type { TargetTable } from '../printer.js';

export const TARGETS = { js: jsTarget, ts: tsTarget, python: pythonTarget, c: cTarget, torch: torchTarget } as const satisfies Record<string, TargetTable>;
export type TargetName = keyof typeof TARGETS;
