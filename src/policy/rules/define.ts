import { PolicyRule } from '../types';

/** Declares a rule (identity function that keeps the literal types checked). */
export function defineRule(rule: PolicyRule): PolicyRule {
  return rule;
}
