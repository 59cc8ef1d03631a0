// The code generator (docs/codegen.md). Recipe, with the type at each stage:
//   Expr (src/ir)        L, grad L, H v                      lower.ts
//   MlpDescription       dense network, loss                 tensor-mlp.ts
//     -> Kernel          typed loops and assignments          kernel-ir.ts (CSE: passes/cse.ts)
//     -> Kernel          named passes                        passes/stability.ts (emit.ts: PASSES)
//     -> text            one walker + a table per target     printer.ts, targets/
//     -> function        in-process JavaScript               compile-js.ts
export type { Kernel, KExpr, KFn, Stmt, Param, ArrayParam, ScalarParam, Length } from './kernel-ir.js';
export { opCount } from './kernel-ir.js';
export { lowerScalar, lowerGradient, lowerHessianVectorProduct, lowerOutputs, type LowerOptions } from './lower.js';
export { lowerExprs } from './lower-expr.js';
export { commonSubexpressions, type CseResult } from './passes/cse.js';
export { stabilityPass } from './passes/stability.js';
export { lowerMlpLoss, lowerMlpGradient, mlpLayout, type MlpDescription, type LayerLayout } from './tensor-mlp.js';
export { godunovSolverKernel } from './burgers-solver.js';
export { emit, emitModule, emitParts, runPasses, PASSES } from './emit.js';
export { compileJs } from './compile-js.js';
export { TARGETS, type TargetName } from './targets/index.js';
export { exportFiles, specKernels } from './export.js';
