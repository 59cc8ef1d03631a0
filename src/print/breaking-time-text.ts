// The predicted breaking time as people read it, one spelling for every printer:
// "1.5", or at a concave kink (shock/breaking-time.ts) "0+ (concave kink, [p] = J;
// the smooth parts break at 1/rho = T)".
import type { ShockReport } from '../derivation/derivation.js';

export function breakingTimeText(r: Pick<ShockReport, 'time' | 'rho' | 'kink'>, fmt: (x: number | null) => string): string {
  if (!r.kink) return fmt(r.time);
  const smooth = r.rho > 0 ? `; the smooth parts break at 1/rho = ${fmt(1 / r.rho)}` : '';
  return `0+ (concave kink, [p] = ${fmt(r.kink.jump)}${smooth})`;
}
