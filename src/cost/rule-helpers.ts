import { qty, shortQty, unitPrice } from './money';
import { CostPart, RuleContext } from './types';

/** `count x hours h x $price/h` as a cost part. */
export function hourly(ctx: RuleContext, priceId: string, count: number, what: string): CostPart {
  const hours = ctx.assumptions.hoursPerMonth;
  const price = ctx.price(priceId);
  return { monthly: count * hours * price, detail: `${qty(count)} ${what} x ${qty(hours)} h x ${unitPrice(price)}/h` };
}

/** `quantity unit x $price` as a cost part (`priceUnits` divides, e.g. 1e6 for per-million prices). */
export function perUnit(ctx: RuleContext, priceId: string, quantity: number, unit: string, priceUnits = 1, priceLabel = unit): CostPart {
  const price = ctx.price(priceId);
  const per = priceUnits === 1 ? priceLabel : `${shortQty(priceUnits)} ${priceLabel}`;
  const shown = priceUnits === 1 ? qty(quantity) : shortQty(quantity);
  return { monthly: (quantity / priceUnits) * price, detail: `${shown} ${unit} x ${unitPrice(price)}/${per}` };
}

/** A monthly flat price times a count. */
export function monthly(ctx: RuleContext, priceId: string, count: number, what: string): CostPart {
  const price = ctx.price(priceId);
  return { monthly: count * price, detail: `${qty(count)} ${what} x ${unitPrice(price)}/month` };
}

/** Several parts added up, details joined with ` + `. */
export function plus(...parts: (CostPart | undefined)[]): CostPart | undefined {
  const present = parts.filter((p): p is CostPart => p !== undefined);
  if (present.length === 0) return undefined;
  return { monthly: present.reduce((a, p) => a + p.monthly, 0), detail: present.map((p) => p.detail).join(' + ') };
}

/** A cost part that states its assumption in front of the arithmetic. */
export function assumed(assumption: string, part: CostPart): CostPart {
  return { monthly: part.monthly, detail: `${assumption}: ${part.detail}` };
}

/** A usage part that is not estimated (per-token, per-page...), with the unit price to read. */
export function notEstimated(why: string): CostPart {
  return { monthly: 0, detail: `not estimated (billed per ${why})` };
}

export function num(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/** A nested block (`{...}` or `[{...}]`) or undefined. */
export function blockOf(value: unknown): Record<string, any> | undefined {
  if (Array.isArray(value)) return value.find((v) => v && typeof v === 'object');
  return value && typeof value === 'object' ? (value as Record<string, any>) : undefined;
}

export function blocksOf(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as Record<string, any>] : [];
}
