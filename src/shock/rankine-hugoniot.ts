// Shock kinematics for the derived conservation law p_t + H(p)_x = nu p_xx
// (docs/theory.md §1; H read off the derived HJ equation, Burgers: H = p^2/2):
// Rankine-Hugoniot speed s = [H]/[p], Lax entropy condition H'(p_L) > s > H'(p_R)
// (characteristic speeds H'), viscous profile width ~ 4 nu / [p], Reynolds number [p] L / nu.
import type { ConvexFlux } from '../numerics/conservation-law.js';
import { laxEntropyCondition as laxOf, rankineHugoniotSpeed as speedOf } from '../numerics/riemann-burgers.js';

export const rankineHugoniotSpeed = (flux: ConvexFlux, pL: number, pR: number): number => speedOf(flux, pL, pR);
export const laxEntropyCondition = (flux: ConvexFlux, pL: number, pR: number): boolean => laxOf(flux, pL, pR);
export const viscousWidth = (jump: number, nu: number): number => (4 * nu) / jump;
export const reynoldsNumber = (jump: number, length: number, nu: number): number => (jump * length) / nu;

// The regime (shock or diffusive) is not a threshold on Re: it is whether the viscous solution has a
// front by the detector `solve` uses (shock-on-line.ts viscousFront, numerics/shock-detection.ts).
