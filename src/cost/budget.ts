import { StackIndex } from './stack-model';

export interface Budget {
  readonly amount: number;
  /** The budget's `name` attribute. */
  readonly name: string;
  /** `<stack>:aws_budgets_budget.<name>` it was read from. */
  readonly source: string;
}

/**
 * Each environment's monthly cost budget, read from its synthesized `aws_budgets_budget`
 * (`budget_type` COST, `time_unit` MONTHLY, `limit_unit` USD). With several, the lowest limit is the
 * one an estimate must stay under.
 */
export function readBudgets(index: StackIndex): Map<string, Budget> {
  const out = new Map<string, Budget>();
  for (const stack of index.stacks) {
    for (const [name, body] of stack.ofType('aws_budgets_budget')) {
      if (String(body.budget_type ?? 'COST') !== 'COST' || String(body.time_unit ?? '') !== 'MONTHLY' || String(body.limit_unit ?? '') !== 'USD') continue;
      const amount = Number(body.limit_amount);
      if (!Number.isFinite(amount)) continue;
      const current = out.get(stack.group);
      if (!current || amount < current.amount) out.set(stack.group, { amount, name: String(body.name ?? name), source: `${stack.name}:aws_budgets_budget.${name}` });
    }
  }
  return out;
}
