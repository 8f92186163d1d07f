import { FREE_RULES } from './free';
import { AI_RULES, CLOUD_CONTROL_RULES } from './rules-ai';
import { COMPUTE_RULES } from './rules-compute';
import { DATA_RULES } from './rules-data';
import { EDGE_RULES } from './rules-edge';
import { NETWORK_RULES } from './rules-network';
import { OBSERVABILITY_RULES } from './rules-observability';
import { CostRule } from './types';

const CLOUD_CONTROL = 'aws_cloudcontrolapi_resource';

function merge(...tables: Record<string, CostRule>[]): Readonly<Record<string, CostRule>> {
  const out: Record<string, CostRule> = {};
  for (const table of tables) {
    for (const [type, rule] of Object.entries(table)) {
      // A type in two tables would be priced by whichever came last: refuse it.
      if (out[type]) throw new Error(`cost rules: ${type} is classified twice`);
      out[type] = rule;
    }
  }
  return out;
}

/** Every classified Terraform resource type: priced, usage-driven or free. */
export const RULES = merge(NETWORK_RULES, COMPUTE_RULES, DATA_RULES, EDGE_RULES, OBSERVABILITY_RULES, AI_RULES, FREE_RULES);

/**
 * The classification key of a resource (its type; for Cloud Control resources the type and its
 * CloudFormation type name) and the rule for it, if any.
 */
export function ruleFor(type: string, body: Readonly<Record<string, any>>, rules: Readonly<Record<string, CostRule>> = RULES): { key: string; rule?: CostRule } {
  if (type === CLOUD_CONTROL) {
    const typeName = String(body.type_name ?? '?');
    return { key: `${CLOUD_CONTROL}(${typeName})`, rule: CLOUD_CONTROL_RULES[typeName] };
  }
  return { key: type, rule: Object.prototype.hasOwnProperty.call(rules, type) ? rules[type] : undefined };
}
