// Shock kinematics for the Burgers flux f(p) = p^2/2 (DESIGN §1):
// Rankine-Hugoniot speed s = [f]/[p] = (p_L + p_R)/2, Lax entropy condition
// p_L > s > p_R, viscous profile width ~ 4 nu / [p], Reynolds number [p] L / nu.
export const rankineHugoniotSpeed = (pL: number, pR: number): number => (pL + pR) / 2;
export const laxEntropyCondition = (pL: number, pR: number): boolean => pL > rankineHugoniotSpeed(pL, pR) && rankineHugoniotSpeed(pL, pR) > pR;
export const viscousWidth = (jump: number, nu: number): number => (4 * nu) / jump;
export const reynoldsNumber = (jump: number, length: number, nu: number): number => (jump * length) / nu;

/**
 * Regime: a shock when the viscous width 4 nu/[p] is below a tenth of the
 * region's length, i.e. Re = [p] L / nu > 40; otherwise viscosity smears the
 * jump over the region ("diffusive").
 */
export const SHOCK_REYNOLDS_THRESHOLD = 40;
export const regimeOf = (re: number): 'shock' | 'diffusive' => (re > SHOCK_REYNOLDS_THRESHOLD ? 'shock' : 'diffusive');
