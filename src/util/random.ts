// Seeded pseudo-random numbers (mulberry32) and Gaussian draws (Box-Muller).
// Every random thing in hugoniot takes one of these, never Math.random.
export interface Rng { next(): number; normal(): number; uniform(lo: number, hi: number): number }

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    const u = Math.max(next(), 1e-300), v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, normal, uniform: (lo, hi) => lo + (hi - lo) * next() };
}
