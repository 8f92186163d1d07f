import { UsageAssumptions } from './assumptions';
import { Estimate } from './estimate';
import { usd } from './money';
import { PRICES, PRICE_REGIONS, PriceEntry } from './prices';
import { CostSummary, EnvironmentSummary, KindRow } from './summary';

export interface ReportOptions {
  /** Output directory as shown (relative to the working directory). */
  readonly outdir: string;
  /** List every resource with its arithmetic, and the free types. */
  readonly detail?: boolean;
  readonly prices?: Readonly<Record<string, PriceEntry>>;
}

/** Plain-text table: columns padded, numbers (`align` 'r') right-aligned, last column free. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 && align[i] !== 'r' ? c : align[i] === 'r' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `2025-06..2026-03`: the oldest and newest `asOf` of the price table. */
export function priceDates(prices: Readonly<Record<string, PriceEntry>> = PRICES): string {
  const dates = [...new Set(Object.values(prices).map((p) => p.asOf))].sort();
  return dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`;
}

function percent(total: number, budget: number): string {
  return budget > 0 ? `${Math.round((total / budget) * 100)}%` : 'n/a';
}

export function biggestText(rows: readonly KindRow[]): string {
  return rows.map((r) => `${r.kind}${r.count > 1 ? ` x${r.count}` : ''} in ${r.stack} ${usd(r.total)}`).join('; ');
}

/** The budget line of an environment: its limit and how the estimate compares, or `no budget`. */
export function budgetLine(env: EnvironmentSummary): string {
  if (!env.budget) return 'Budget: no budget';
  const b = env.budget;
  const verdict = env.overBudgetBy !== undefined ? `OVER BUDGET by ${usd(env.overBudgetBy)}` : `within budget (${usd(b.amount - env.total)} left)`;
  return `Budget: ${usd(b.amount)}/month (${b.name}): estimate is ${percent(env.total, b.amount)} of it, ${verdict}`;
}

/** One warning per environment whose estimate exceeds its budget, naming the biggest items. */
export function budgetWarnings(summary: CostSummary): string[] {
  return summary.environments
    .filter((e) => e.overBudgetBy !== undefined)
    .map((e) => `WARNING: ${e.group} estimate ${usd(e.total)}/month is over its ${usd(e.budget!.amount)} budget by ${usd(e.overBudgetBy!)}; biggest items: ${biggestText(e.biggest)}`);
}

function environmentSection(env: EnvironmentSummary, estimate: Estimate, options: ReportOptions): string[] {
  const out: string[] = [];
  out.push('', `== ${env.group} (${env.stacks.length} stack${env.stacks.length === 1 ? '' : 's'}, ${env.regions.join(' + ') || 'no resources'}) ==`);
  const rows = env.stacks.flatMap((s) => s.kinds.map((k) => [k.stack, k.kind, String(k.count), usd(k.fixed), usd(k.usage)]));
  if (rows.length > 0) out.push(table(['stack', 'kind', 'count', 'fixed', 'traffic'], rows, 'llrrr'));
  else out.push('(no billed resources)');
  if (env.traffic.length > 0) {
    out.push('', 'Depends on traffic (included above, at these assumptions):');
    out.push(table(['kind', 'count', 'traffic', 'assumption'], env.traffic.map((t) => [t.kind, String(t.count), usd(t.usage), t.assumption + (t.varies ? ' (varies per resource; see --detail)' : '')]), 'lrrl'));
  }
  if (options.detail) {
    out.push('', 'Resources:');
    const items = estimate.items.filter((i) => i.group === env.group && i.class !== 'free');
    for (const item of items) {
      out.push(`  ${item.stack} ${item.address} [${item.kind}, ${item.region}]`);
      if (item.fixedDetail) out.push(`    fixed   ${usd(item.fixed).padStart(10)}  ${item.fixedDetail}`);
      if (item.usageDetail) out.push(`    traffic ${usd(item.usage).padStart(10)}  ${item.usageDetail}`);
      for (const note of item.notes) out.push(`    note: ${note}`);
    }
    if (env.free.length > 0) {
      out.push('', 'Free (not billed themselves):');
      out.push(table(['type', 'count', 'why'], env.free.map((f) => [f.type, String(f.count), f.why]), 'lrl'));
    }
  }
  out.push('', `Total ${env.group}: ${usd(env.fixed)} fixed + ${usd(env.usage)} traffic = ${usd(env.total)}/month`);
  out.push(budgetLine(env));
  return out;
}

/** Rows of the system x environment summary table. */
function summaryRows(summary: CostSummary): string[][] {
  return summary.environments.map((e) => [
    e.group,
    String(e.stacks.length),
    usd(e.fixed),
    usd(e.usage),
    usd(e.total),
    e.budget ? usd(e.budget.amount) : 'no budget',
    e.budget ? (e.overBudgetBy !== undefined ? `OVER by ${usd(e.overBudgetBy)}` : `${percent(e.total, e.budget.amount)} of budget`) : '-',
  ]);
}

/** The full text report: a section per environment, then the summary, warnings and gaps. */
export function formatReport(estimate: Estimate, summary: CostSummary, options: ReportOptions): string {
  const prices = options.prices ?? PRICES;
  const out: string[] = [
    `Monthly cost estimate of ${estimate.index.stacks.length} stacks in ${options.outdir} (USD)`,
    `Prices: on-demand list prices for ${PRICE_REGIONS.join(' and ')} as of ${priceDates(prices)} (src/cost/prices.ts); traffic at the assumptions in src/cost/assumptions.ts.`,
    'fixed = configured capacity (hours, tasks, nodes, provisioned units); traffic = usage-driven, at the stated assumptions.',
  ];
  for (const env of summary.environments) out.push(...environmentSection(env, estimate, options));
  out.push('', '== Summary per system x environment ==');
  out.push(table(['environment', 'stacks', 'fixed', 'traffic', 'total', 'budget', 'status'], [...summaryRows(summary), ['all', String(estimate.index.stacks.length), usd(summary.fixed), usd(summary.usage), usd(summary.total), '', '']], 'lrrrrrl'));
  const warnings = budgetWarnings(summary);
  if (warnings.length > 0) out.push('', ...warnings);
  out.push(...gaps(estimate));
  return out.join('\n') + '\n';
}

/** Unclassified types and missing prices: both mean the estimate is incomplete. */
export function gaps(estimate: Estimate): string[] {
  const out: string[] = [];
  if (estimate.unclassified.length > 0) {
    out.push('', `WARNING: ${estimate.unclassified.length} resource type(s) not classified (not in the estimate); add them to src/cost (priced, usage or free):`);
    for (const u of estimate.unclassified) out.push(`  ${u.type} (${u.stacks.join(', ')})`);
  }
  if (estimate.missingPrices.length > 0) {
    out.push('', `WARNING: ${estimate.missingPrices.length} price(s) missing from src/cost/prices.ts (those resources count $0):`);
    for (const m of estimate.missingPrices) out.push(`  ${m.priceId} (${m.addresses.join(', ')})`);
  }
  return out;
}

/** The report as JSON (deterministic: sorted, rounded to cents, no absolute paths or timestamps). */
export function reportJson(estimate: Estimate, summary: CostSummary, options: ReportOptions & { readonly assumptions: UsageAssumptions }): Record<string, unknown> {
  const prices = options.prices ?? PRICES;
  return {
    outdir: options.outdir,
    prices: { table: 'src/cost/prices.ts', regions: PRICE_REGIONS, asOf: priceDates(prices) },
    assumptions: options.assumptions,
    total: { fixed: summary.fixed, traffic: summary.usage, total: summary.total },
    environments: summary.environments.map((e) => ({
      environment: e.group,
      system: e.system ?? null,
      env: e.env ?? null,
      regions: e.regions,
      fixed: e.fixed,
      traffic: e.usage,
      total: e.total,
      budget: e.budget ? { amount: e.budget.amount, name: e.budget.name, source: e.budget.source } : null,
      overBudgetBy: e.overBudgetBy ?? null,
      biggest: e.biggest,
      stacks: e.stacks,
      traffic_assumptions: e.traffic,
      free: e.free,
    })),
    items: estimate.items
      .filter((i) => i.class !== 'free')
      .map((i) => ({ stack: i.stack, address: i.address, type: i.type, class: i.class, kind: i.kind, region: i.region, fixed: i.fixed, fixedDetail: i.fixedDetail ?? null, traffic: i.usage, trafficDetail: i.usageDetail ?? null, notes: i.notes })),
    unclassified: estimate.unclassified,
    missingPrices: estimate.missingPrices,
    warnings: budgetWarnings(summary),
  };
}
