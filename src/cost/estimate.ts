import { StackDocument } from '../policy/context';
import { ASSUMPTIONS, UsageAssumptions } from './assumptions';
import { cents } from './money';
import { MissingPriceError, PRICES, PriceEntry, isPriceRegion, priceOf } from './prices';
import { ruleFor } from './registry';
import { StackIndex } from './stack-model';
import { CostItem, RuleContext, RuleResult } from './types';

export interface Estimate {
  /** One item per resource, sorted by group, stack and address. */
  readonly items: readonly CostItem[];
  /** Resource types no rule classifies, with the stacks holding them. */
  readonly unclassified: readonly { readonly type: string; readonly stacks: readonly string[] }[];
  /** Price entries a rule asked for that the table lacks, with the resources that needed them. */
  readonly missingPrices: readonly { readonly priceId: string; readonly addresses: readonly string[] }[];
  readonly index: StackIndex;
}

export interface EstimateOptions {
  readonly assumptions?: UsageAssumptions;
  readonly prices?: Readonly<Record<string, PriceEntry>>;
}

function grouped(map: Map<string, Set<string>>): { key: string; values: string[] }[] {
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, values]) => ({ key, values: [...values].sort() }));
}

/** Prices every resource of the synthesized stacks (pure: no file or network access). */
export function estimate(documents: readonly StackDocument[], options: EstimateOptions = {}): Estimate {
  const assumptions = options.assumptions ?? ASSUMPTIONS;
  const prices = options.prices ?? PRICES;
  const index = new StackIndex(documents);
  const items: CostItem[] = [];
  const unclassified = new Map<string, Set<string>>();
  const missing = new Map<string, Set<string>>();

  for (const stack of index.stacks) {
    for (const { type, name, body } of stack.resources()) {
      const address = `${stack.name}:${type}.${name}`;
      const { key, rule } = ruleFor(type, body);
      if (!rule) {
        if (!unclassified.has(key)) unclassified.set(key, new Set());
        unclassified.get(key)!.add(stack.name);
        continue;
      }
      const region = stack.regionOf(body);
      const notes: string[] = [];
      const priceRegion = isPriceRegion(region) ? region : 'us-east-1';
      if (priceRegion !== region) notes.push(`${region} is not in the price table; priced as us-east-1`);
      const ctx: RuleContext = { stack, type, name, body, region, assumptions, price: (id) => priceOf(id, priceRegion, prices) };
      let result: RuleResult = {};
      if (rule.estimate) {
        try {
          result = rule.estimate(ctx);
        } catch (error) {
          if (!(error instanceof MissingPriceError)) throw error;
          if (!missing.has(error.priceId)) missing.set(error.priceId, new Set());
          missing.get(error.priceId)!.add(address);
          result = { notes: [`not priced: ${error.message}`] };
        }
      }
      const free = rule.class === 'free' || result.free !== undefined;
      items.push({
        stack: stack.name,
        group: stack.group,
        region,
        address: `${type}.${name}`,
        type: key,
        class: free ? 'free' : rule.class,
        kind: result.kind ?? rule.kind,
        fixed: cents(result.fixed?.monthly ?? 0),
        fixedDetail: result.fixed?.detail,
        usage: cents(result.usage?.monthly ?? 0),
        usageDetail: result.usage?.detail,
        // The reason a resource is free comes first: the report shows it as the type's `why`.
        notes: [...(result.free ? [result.free] : rule.why ? [rule.why] : []), ...notes, ...(result.notes ?? [])],
      });
    }
  }
  items.sort((a, b) => a.group.localeCompare(b.group) || a.stack.localeCompare(b.stack) || a.address.localeCompare(b.address));
  return {
    items,
    unclassified: grouped(unclassified).map(({ key, values }) => ({ type: key, stacks: values })),
    missingPrices: grouped(missing).map(({ key, values }) => ({ priceId: key, addresses: values })),
    index,
  };
}
