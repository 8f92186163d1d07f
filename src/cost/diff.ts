import { signedUsd, sum, usd } from './money';
import { table } from './report';
import { CostSummary } from './summary';

export interface DeltaRow {
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
  /** `added` / `removed` when the stack or environment exists on one side only. */
  readonly change?: 'added' | 'removed';
}

export interface KindDelta extends DeltaRow {
  readonly stack: string;
  readonly kind: string;
  readonly countBefore: number;
  readonly countAfter: number;
}

export interface CostDiff {
  readonly environments: readonly DeltaRow[];
  readonly stacks: readonly DeltaRow[];
  readonly kinds: readonly KindDelta[];
  readonly fixedDelta: number;
  readonly usageDelta: number;
  readonly delta: number;
  readonly before: number;
  readonly after: number;
}

function rows(before: Map<string, number>, after: Map<string, number>): DeltaRow[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names
    .map((name) => {
      const b = before.get(name) ?? 0;
      const a = after.get(name) ?? 0;
      const change: DeltaRow['change'] = !before.has(name) ? 'added' : !after.has(name) ? 'removed' : undefined;
      return { name, before: b, after: a, delta: sum([a, -b]), ...(change ? { change } : {}) };
    })
    .filter((r) => r.delta !== 0 || r.change);
}

/** What changes between a baseline estimate (`before`) and the current one (`after`). */
export function diffSummaries(before: CostSummary, after: CostSummary): CostDiff {
  const envTotals = (s: CostSummary) => new Map(s.environments.map((e) => [e.group, e.total]));
  const stackTotals = (s: CostSummary) => new Map(s.environments.flatMap((e) => e.stacks.map((st) => [st.stack, st.total] as [string, number])));
  const kindTotals = (s: CostSummary) => new Map(s.environments.flatMap((e) => e.stacks.flatMap((st) => st.kinds.map((k) => [`${k.stack}\u0000${k.kind}` as string, k] as const))));
  const kindsBefore = kindTotals(before);
  const kindsAfter = kindTotals(after);
  const kinds = rows(new Map([...kindsBefore].map(([k, v]) => [k, v.total])), new Map([...kindsAfter].map(([k, v]) => [k, v.total]))).map((r) => {
    const [stack, kind] = r.name.split('\u0000');
    return { ...r, name: `${stack} ${kind}`, stack, kind, countBefore: kindsBefore.get(r.name)?.count ?? 0, countAfter: kindsAfter.get(r.name)?.count ?? 0 };
  });
  return {
    environments: rows(envTotals(before), envTotals(after)),
    stacks: rows(stackTotals(before), stackTotals(after)),
    kinds,
    fixedDelta: sum([after.fixed, -before.fixed]),
    usageDelta: sum([after.usage, -before.usage]),
    delta: sum([after.total, -before.total]),
    before: before.total,
    after: after.total,
  };
}

/** One sentence for a pull request: "This change adds $X/month (...)". */
export function headline(diff: CostDiff): string {
  const verb = diff.delta < 0 ? `saves ${usd(-diff.delta)}/month` : `adds ${usd(diff.delta)}/month`;
  return `This change ${verb} (configured capacity ${signedUsd(diff.fixedDelta)}, traffic at the assumptions ${signedUsd(diff.usageDelta)}): ${usd(diff.before)} -> ${usd(diff.after)} per month.`;
}

export function formatDiff(diff: CostDiff, baseDir: string, headDir: string): string {
  const out = [`Monthly cost change from ${baseDir} (before) to ${headDir} (after), USD`];
  const render = (title: string, list: readonly DeltaRow[]) => {
    out.push('', title);
    if (list.length === 0) out.push('(no change)');
    else out.push(table(['name', 'before', 'after', 'delta', ''], list.map((r) => [r.name, usd(r.before), usd(r.after), signedUsd(r.delta), r.change ?? '']), 'lrrrl'));
  };
  render('Per environment:', diff.environments);
  render('Per stack:', diff.stacks);
  out.push('', 'Per stack and kind:');
  if (diff.kinds.length === 0) out.push('(no change)');
  else
    out.push(
      table(
        ['stack', 'kind', 'count', 'before', 'after', 'delta'],
        diff.kinds.map((k) => [k.stack, k.kind, k.countBefore === k.countAfter ? String(k.countAfter) : `${k.countBefore} -> ${k.countAfter}`, usd(k.before), usd(k.after), signedUsd(k.delta)]),
        'llrrrr',
      ),
    );
  out.push('', headline(diff));
  return out.join('\n') + '\n';
}
