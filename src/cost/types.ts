import { UsageAssumptions } from './assumptions';
import { CostStack } from './stack-model';

/** How a resource type is treated: priced from its attributes, driven by traffic, or free. */
export type CostClass = 'priced' | 'usage' | 'free';

/** A part of a resource's monthly cost with the arithmetic that produced it. */
export interface CostPart {
  readonly monthly: number;
  /** The arithmetic, e.g. `1 x 730 h x $0.045/h`. */
  readonly detail: string;
}

/** What a rule returns for one resource. */
export interface RuleResult {
  /** Kind shown in the tables (`NAT gateway`, `Fargate tasks`); defaults to the rule's kind. */
  readonly kind?: string;
  /** Cost at the configured capacity (hours, tasks, nodes, provisioned units). */
  readonly fixed?: CostPart;
  /** Cost at the assumed traffic (src/cost/assumptions.ts). */
  readonly usage?: CostPart;
  /** Set when this configuration of a priced/usage type costs nothing (gateway endpoint, standard parameter). */
  readonly free?: string;
  readonly notes?: readonly string[];
}

/** Everything a rule may read about the resource it prices. */
export interface RuleContext {
  readonly stack: CostStack;
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, any>>;
  /** Region the resource is created in (from its provider). */
  readonly region: string;
  readonly assumptions: UsageAssumptions;
  /** Price of an entry in the region of the resource (us-east-1 for regions outside the table). */
  price(id: string): number;
}

export interface CostRule {
  readonly class: CostClass;
  readonly kind: string;
  /** For free types: why nothing is billed for the resource itself. */
  readonly why?: string;
  readonly estimate?: (ctx: RuleContext) => RuleResult;
}

/** One resource of one stack, priced. */
export interface CostItem {
  readonly stack: string;
  /** `<system>/<env>`, or the stack name for stacks outside a system (bootstrap). */
  readonly group: string;
  readonly region: string;
  readonly address: string;
  readonly type: string;
  readonly class: CostClass;
  readonly kind: string;
  readonly fixed: number;
  readonly fixedDetail?: string;
  readonly usage: number;
  readonly usageDetail?: string;
  readonly notes: readonly string[];
}
