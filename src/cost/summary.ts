import { Budget } from './budget';
import { Estimate } from './estimate';
import { sum } from './money';
import { CostItem } from './types';

/** Resources of one kind in one stack. */
export interface KindRow {
  readonly stack: string;
  readonly kind: string;
  readonly count: number;
  readonly fixed: number;
  readonly usage: number;
  readonly total: number;
}

export interface StackSummary {
  readonly stack: string;
  readonly fixed: number;
  readonly usage: number;
  readonly total: number;
  readonly kinds: readonly KindRow[];
}

/** A usage-driven kind of an environment and the assumption it was priced at. */
export interface TrafficRow {
  readonly kind: string;
  readonly count: number;
  readonly usage: number;
  readonly assumption: string;
  /** True when resources of this kind used different assumptions (e.g. Lambda memory sizes). */
  readonly varies: boolean;
}

export interface EnvironmentSummary {
  /** `<system>/<env>` or a stack outside a system (bootstrap). */
  readonly group: string;
  readonly system?: string;
  readonly env?: string;
  readonly regions: readonly string[];
  readonly stacks: readonly StackSummary[];
  readonly fixed: number;
  readonly usage: number;
  readonly total: number;
  readonly budget?: Budget;
  /** Amount above the budget (only when over). */
  readonly overBudgetBy?: number;
  /** The three biggest stack/kind rows. */
  readonly biggest: readonly KindRow[];
  readonly traffic: readonly TrafficRow[];
  readonly free: readonly { readonly type: string; readonly count: number; readonly why: string }[];
}

export interface CostSummary {
  readonly environments: readonly EnvironmentSummary[];
  readonly fixed: number;
  readonly usage: number;
  readonly total: number;
}

/** The assumption part of a usage detail (`<assumption>: <arithmetic>`). */
export function assumptionOf(detail: string | undefined): string {
  if (!detail) return '';
  const at = detail.indexOf(': ');
  return at < 0 ? detail : detail.slice(0, at);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function byTotal(a: KindRow, b: KindRow): number {
  return b.total - a.total || a.stack.localeCompare(b.stack) || a.kind.localeCompare(b.kind);
}

function kindRows(stack: string, items: readonly CostItem[]): KindRow[] {
  return [...groupBy(items, (i) => i.kind).entries()]
    .map(([kind, of]) => {
      const fixed = sum(of.map((i) => i.fixed));
      const usage = sum(of.map((i) => i.usage));
      return { stack, kind, count: of.length, fixed, usage, total: sum([fixed, usage]) };
    })
    .sort(byTotal);
}

function trafficRows(items: readonly CostItem[]): TrafficRow[] {
  return [...groupBy(items.filter((i) => i.usageDetail !== undefined), (i) => i.kind).entries()]
    .map(([kind, of]) => {
      const assumptions = [...new Set(of.map((i) => assumptionOf(i.usageDetail)))].sort();
      return { kind, count: of.length, usage: sum(of.map((i) => i.usage)), assumption: assumptions[0], varies: assumptions.length > 1 };
    })
    .sort((a, b) => b.usage - a.usage || a.kind.localeCompare(b.kind));
}

/** Totals per environment (system x env), per stack and per kind, with the budget comparison. */
export function summarize(estimate: Estimate, budgets: ReadonlyMap<string, Budget>): CostSummary {
  const groups = groupBy(estimate.items, (i) => i.group);
  for (const stack of estimate.index.stacks) if (!groups.has(stack.group)) groups.set(stack.group, []);
  const environments = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]): EnvironmentSummary => {
      const members = estimate.index.stacks.filter((s) => s.group === group);
      const billed = items.filter((i) => i.class !== 'free');
      const byStack = groupBy(billed, (i) => i.stack);
      const stacks = members.map((s) => {
        const of = byStack.get(s.name) ?? [];
        const fixed = sum(of.map((i) => i.fixed));
        const usage = sum(of.map((i) => i.usage));
        return { stack: s.name, fixed, usage, total: sum([fixed, usage]), kinds: kindRows(s.name, of) };
      });
      const fixed = sum(stacks.map((s) => s.fixed));
      const usage = sum(stacks.map((s) => s.usage));
      const total = sum([fixed, usage]);
      const budget = budgets.get(group);
      const freeTypes = new Map<string, { count: number; why: string }>();
      for (const item of items.filter((i) => i.class === 'free')) {
        const entry = freeTypes.get(item.type) ?? { count: 0, why: item.notes[0] ?? '' };
        freeTypes.set(item.type, { count: entry.count + 1, why: entry.why });
      }
      return {
        group,
        system: members[0]?.system,
        env: members[0]?.env,
        regions: [...new Set(items.map((i) => i.region))].sort(),
        stacks,
        fixed,
        usage,
        total,
        budget,
        overBudgetBy: budget && total > budget.amount ? sum([total, -budget.amount]) : undefined,
        biggest: stacks.flatMap((s) => s.kinds).sort(byTotal).slice(0, 3),
        traffic: trafficRows(billed),
        free: [...freeTypes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, v]) => ({ type, ...v })),
      };
    });
  const fixed = sum(environments.map((e) => e.fixed));
  const usage = sum(environments.map((e) => e.usage));
  return { environments, fixed, usage, total: sum([fixed, usage]) };
}
