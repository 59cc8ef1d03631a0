// Numerics: solvers for the derived conservation law p_t + f(p)_x = nu p_xx
// (f convex, given as data) and its Hamilton-Jacobi potential, with exact
// references (Riemann, Cole-Hopf, characteristics). See docs/numerics.md.
export { burgersFlux, convexFluxFromExpr, fluxMinimiser, isConvexOn, type ConvexFlux } from './conservation-law.js';
export { uniformGrid, fillGhosts, padWithGhosts, type Boundary, type Grid } from './grid.js';
export { rankineHugoniotSpeed, laxEntropyCondition, riemannWave, riemannSolution, godunovFlux, type RiemannWave } from './riemann-burgers.js';
export { godunovStep, stableDt, maxWaveSpeed, type StepperOptions } from './godunov.js';
export { weno5Reconstruct, weno5Rhs, weno5Step, weno5Scratch, type Weno5Scratch } from './weno5.js';
export { sspRk3Step, rkScratch, type SemiDiscrete, type RkScratch } from './ssp-rk3.js';
export { solveBurgers1D, type Scheme, type BurgersProblem, type BurgersSolution } from './solve-burgers.js';
export { solveBurgers2D, type Burgers2DProblem } from './burgers-2d.js';
export { solveHJ1D, solveHamiltonJacobi1D, type HJProblem, type HamiltonianScheme } from './hamilton-jacobi.js';
export { coleHopfQuadrature, coleHopfSolution, ColeHopfUnresolved, weightedLogSumExp, type ColeHopfProblem, type ColeHopfValue } from './cole-hopf-quadrature.js';
export { firstCrossing, traceCharacteristics, characteristicPositions, type Crossing, type CharacteristicData } from './characteristics.js';
export { detectShocks, type DetectedShock, type ShockDetectionOptions } from './shock-detection.js';
export { arcLengthMap, slopeToArcLength, slopeFromArcLength, scalarFromArcLength, interpolateLinear, type ArcLengthMap } from './arc-length.js';
