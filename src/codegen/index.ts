// The code generator (docs/codegen.md). Recipe, with the type at each stage:
//   Expr (src/ir)        L, grad L, H v                      lower.ts
//   MlpDescription       dense network, loss                 tensor-mlp.ts, tensor-mlp-hvp.ts (H v)
//   Expr (HJ equation)   u_t + H(u_x) = nu u_xx: H(p)        pde.ts; solvers of H in solvers/
//     -> Kernel          typed loops and assignments          kernel-ir.ts (CSE: passes/cse.ts)
//     -> Kernel          named passes                        passes/stability.ts (emit.ts: PASSES)
//     -> text            one walker + a table per target     printer.ts, targets/
//     -> function        in-process JavaScript               compile-js.ts, generated-solver.ts (solvers, cached)
export type { Kernel, KExpr, KFn, Stmt, Param, ArrayParam, ScalarParam, Length } from './kernel-ir.js';
export { opCount } from './kernel-ir.js';
export { lowerScalar, lowerGradient, lowerHessianVectorProduct, lowerOutputs, type LowerOptions } from './lower.js';
export { lowerExprs } from './lower-expr.js';
export { commonSubexpressions, type CseResult } from './passes/cse.js';
export { stabilityPass } from './passes/stability.js';
export { lowerMlpLoss, lowerMlpGradient, mlpLayout, type MlpDescription, type LayerLayout } from './tensor-mlp.js';
export { lowerMlpHessianVectorProduct } from './tensor-mlp-hvp.js';
export { hamiltonianOf, EquationFormError, HJ_SYMBOLS, type HJSymbols } from './pde.js';
export { godunovSolverKernel, weno5SolverKernel, hjLaxFriedrichsKernel, weno5ImexKernel, godunovImexKernel, burgers2dGodunovKernel, burgers2dWeno5Kernel, hj2dLaxFriedrichsKernel, solver1D, solvers1D, SCHEMES_1D, SCHEMES_2D, type Scheme1D, type Scheme2D, type Solver1D } from './solvers/index.js';
export { generatedSolver1D, generatedSolver2D, generatedHJ2D, type GeneratedSolver1D, type GeneratedSolver2D, type GeneratedHJ2D, type SolutionHJ2D, type Solve1DOptions, type Solve2DOptions, type Solution1D } from './generated-solver.js';
export { emit, emitModule, emitParts, runPasses, PASSES } from './emit.js';
export { compileJs } from './compile-js.js';
export { TARGETS, type TargetName } from './targets/index.js';
export { exportFiles, specKernels } from './export.js';
