/** Rounds to cents (half away from zero), so tables add up to the totals printed under them. */
export function cents(value: number): number {
  const rounded = Math.round(Math.abs(value) * 100 + 1e-9) / 100;
  return value < 0 ? -rounded : rounded;
}

/** `$1,234.56`; negative amounts as `-$1.00`. */
export function usd(value: number): string {
  const rounded = cents(value);
  const [whole, fraction] = Math.abs(rounded).toFixed(2).split('.');
  return `${rounded < 0 ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** Signed amount for deltas: `+$12.00`, `-$3.50`, `$0.00`. */
export function signedUsd(value: number): string {
  const rounded = cents(value);
  return rounded > 0 ? `+${usd(rounded)}` : usd(rounded);
}

/** A unit price as written in the price table (`$0.0000041667`), without float noise. */
export function unitPrice(value: number): string {
  return `$${Number(value.toPrecision(10))}`;
}

/** A quantity without float noise (`0.5`, `730`, `1,000,000`). */
export function qty(value: number): string {
  const clean = Number(value.toPrecision(10));
  return Number.isInteger(clean) ? clean.toLocaleString('en-US') : String(clean);
}

/** A count in short form for per-unit prices: `1M`, `2.5M`, `10k`, `100`. */
export function shortQty(value: number): string {
  const clean = Number(value.toPrecision(10));
  if (Math.abs(clean) >= 1e6 && Number.isInteger(clean / 1e4)) return `${Number((clean / 1e6).toPrecision(10))}M`;
  if (Math.abs(clean) >= 1e3 && Number.isInteger(clean / 1e3)) return `${clean / 1e3}k`;
  return qty(clean);
}

/** Sums amounts already rounded to cents, rounding the result again (no float drift). */
export function sum(values: readonly number[]): number {
  return cents(values.reduce((a, b) => a + b, 0));
}
