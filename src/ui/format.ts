/** Number formatting for display only (no metric is computed here). */
const integer = new Intl.NumberFormat('en-US');

export function fmtInt(n: number): string {
  return integer.format(n);
}

export function fmtPct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '—';
}

export function fmtNum(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}
