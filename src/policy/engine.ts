import { StackContext, StackDocument, StackModel, groupStacks } from './context';
import { ALL_RULES } from './rules';
import { PolicySuppressionError, coversResource, isPublicFacingAgent, suppressionProblems } from './suppressions';
import { AppliedSuppression, Finding, PolicyReport, PolicyResource, PolicyRule, StackReport, SuppressionRecord, UnmatchedSuppression } from './types';

export interface EvaluateOptions {
  /** @default ALL_RULES */
  readonly rules?: readonly PolicyRule[];
}

function rulesByType(rules: readonly PolicyRule[]): Map<string, PolicyRule[]> {
  const map = new Map<string, PolicyRule[]>();
  for (const rule of rules) {
    for (const type of rule.appliesTo) {
      let list = map.get(type);
      if (!list) map.set(type, (list = []));
      list.push(rule);
    }
  }
  return map;
}

/** Every problem with the suppressions declared in the stacks (reason, never-suppress, unknown id). */
export function suppressionErrors(models: readonly StackModel[]): string[] {
  const problems: string[] = [];
  for (const model of models) {
    model.suppressions.forEach((record, i) => {
      const where = `${model.name} stack suppression #${i + 1} (${record.id})`;
      problems.push(...suppressionProblems(record.id, record.reason, where));
      if (record.id === 'BR-01') problems.push(`${where}: BR-01 may not be suppressed for a whole stack; suppress it on an internal agent (Exposure=internal)`);
    });
    for (const resource of model.resources) {
      for (const record of (resource as unknown as { suppressions: SuppressionRecord[] }).suppressions) {
        const where = `${model.name} ${resource.address} (${record.id})`;
        problems.push(...suppressionProblems(record.id, record.reason, where));
        if (record.id === 'BR-01' && isPublicFacingAgent(resource)) {
          problems.push(`${where}: BR-01 may not be suppressed on a public-facing agent (tag Exposure=internal only if no internet-facing path reaches it)`);
        }
      }
    }
  }
  return problems;
}

function resourceSuppressions(resource: PolicyResource): SuppressionRecord[] {
  return (resource as unknown as { suppressions: SuppressionRecord[] }).suppressions;
}

/**
 * Evaluates every rule on every resource of the given stacks. Stacks of the same `<system>-<env>`
 * see each other (cross-layer WAF associations, remote-state references). Throws
 * PolicySuppressionError when any declared suppression is invalid; findings never throw.
 */
export function evaluate(documents: readonly StackDocument[], options: EvaluateOptions = {}): PolicyReport {
  const rules = options.rules ?? ALL_RULES;
  const byType = rulesByType(rules);
  const grouped = groupStacks(documents);
  const errors = suppressionErrors(grouped.map((g) => g.model));
  if (errors.length > 0) throw new PolicySuppressionError(errors);

  const stacks: StackReport[] = [];
  for (const { model, group } of grouped) {
    const context = new StackContext(model, group);
    const findings: Finding[] = [];
    const used = new Map<SuppressionRecord, number>();
    let evaluated = 0;
    for (const resource of model.resources) {
      const applicable = byType.get(resource.type);
      if (!applicable) continue;
      const own = resourceSuppressions(resource);
      for (const rule of applicable) {
        evaluated++;
        let result;
        try {
          result = rule.check(resource, context);
        } catch (error) {
          result = { status: 'non-compliant' as const, attribute: '(rule error)', message: `${resource.address}: ${rule.id} could not be evaluated: ${(error as Error).message}` };
        }
        if (result.status !== 'non-compliant') continue;
        const byResource = own.find((r) => r.id === rule.id);
        const byEnvironment = byResource ? undefined : model.suppressions.find((r) => r.id === rule.id && coversResource(r, resource));
        const record = byResource ?? byEnvironment;
        if (record) used.set(record, (used.get(record) ?? 0) + 1);
        findings.push({
          ruleId: rule.id,
          title: rule.title,
          severity: rule.severity,
          stack: model.name,
          address: resource.address,
          attribute: result.attribute,
          message: result.message,
          suppressed: record ? { reason: record.reason, scope: byResource ? 'resource' : 'stack' } : undefined,
        });
      }
    }
    const suppressions: AppliedSuppression[] = [];
    for (const resource of model.resources) {
      for (const record of resourceSuppressions(resource)) {
        suppressions.push({ ruleId: record.id, stack: model.name, address: resource.address, reason: record.reason, scope: 'resource', matched: used.get(record) ?? 0 });
      }
    }
    for (const record of model.suppressions) {
      suppressions.push({ ruleId: record.id, stack: model.name, address: record.resource ?? '*', reason: record.reason, scope: 'stack', matched: used.get(record) ?? 0 });
    }
    stacks.push({ stack: model.name, env: model.info.env, isProd: model.info.isProd, findings, suppressions, evaluated });
  }
  stacks.sort((a, b) => a.stack.localeCompare(b.stack));
  const blocking = stacks.flatMap((s) => s.findings.filter((f) => !f.suppressed && (f.severity === 'high' || s.isProd)));
  const unmatched = unmatchedSuppressions(stacks, grouped.map((g) => g.model));
  const passed = blocking.length === 0 && !unmatched.some((u) => u.isProd);
  return { stacks, rules: rules.length, blocking, unmatched, passed };
}

/**
 * Suppressions that covered no finding: a resource suppression whose rule no longer fires there,
 * or an environment suppression that matched in none of the environment's checked stacks (it is
 * recorded in every layer's stack, so it is judged over them together). Stale exceptions hide the
 * next real finding, so they warn, and fail the gate in prod.
 */
export function unmatchedSuppressions(stacks: readonly StackReport[], models: readonly StackModel[]): UnmatchedSuppression[] {
  const envOf = new Map(models.map((m) => [m.name, m.info.system && m.info.env ? `${m.info.system}-${m.info.env}` : m.name]));
  const unmatched: UnmatchedSuppression[] = [];
  const environmentWide = new Map<string, { suppression: AppliedSuppression; stacks: string[]; matched: number; isProd: boolean }>();
  for (const stack of stacks) {
    for (const suppression of stack.suppressions) {
      if (suppression.scope === 'resource') {
        if (suppression.matched === 0) unmatched.push({ ...suppression, stacks: [stack.stack], isProd: stack.isProd });
        continue;
      }
      const key = JSON.stringify([envOf.get(stack.stack), suppression.ruleId, suppression.address, suppression.reason]);
      const entry = environmentWide.get(key) ?? { suppression, stacks: [], matched: 0, isProd: stack.isProd };
      entry.stacks.push(stack.stack);
      entry.matched += suppression.matched;
      entry.isProd ||= stack.isProd;
      environmentWide.set(key, entry);
    }
  }
  for (const entry of environmentWide.values()) {
    if (entry.matched === 0) unmatched.push({ ...entry.suppression, stacks: entry.stacks, isProd: entry.isProd });
  }
  return unmatched;
}
