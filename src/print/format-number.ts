/** Deterministic short numbers for reports: integers as integers, else 6 significant digits. */
export const formatNumber = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : Number(x.toPrecision(6)).toString();
