export { burgersFlux, rankineHugoniotSpeed, type ConvexFlux } from './conservation-law.js';
export { riemannSolution, godunovFlux } from './riemann.js';
export { uniformGrid, type Boundary, type Grid } from './grid.js';
export { solveBurgers1D, type Scheme, type BurgersProblem } from './solve-burgers.js';
export { solveHamiltonJacobi1D } from './hamilton-jacobi.js';
export { coleHopfSolution } from './cole-hopf.js';
export { detectShocks, type DetectedShock } from './shock-detection.js';
