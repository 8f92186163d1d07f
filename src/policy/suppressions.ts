import { TerraformResource, TerraformStack } from 'cdktf';
import { ConfigError } from '../config/errors';
import { LAYERS, LayerName } from '../core/names';
import { glob, tags } from './helpers';
import { RULE_IDS } from './rules';
import { PolicyResource, SuppressionRecord } from './types';

/**
 * Rules no suppression may silence, in any environment (POLICY-RULES.md). BR-01 is here for any
 * public-facing agent: an agent counts as internal only when tagged `Exposure = internal`.
 */
export const NEVER_SUPPRESS: readonly string[] = ['NET-04', 'RDS-02', 'S3-01', 'S3-02', 'APIG-03', 'ECS-04', 'LAM-02', 'LAM-03', 'IAM-01', 'IAM-02', 'BR-01'];

/** Minimum length of a suppression's written reason. */
export const MIN_REASON_LENGTH = 10;

/** A reason is written, not padded: at least MIN_REASON_LENGTH characters and three words. */
export function isWrittenReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim().length >= MIN_REASON_LENGTH && (reason.match(/\p{L}{2,}/gu) ?? []).length >= 3;
}

/** An environment-wide suppression, declared in the environment's config. */
export interface PolicySuppression {
  /** Rule ID, e.g. `NET-08`. */
  readonly ruleId: string;
  /** Why the finding is acceptable here (at least 10 characters). */
  readonly reason: string;
  /**
   * Only in this layer's stack.
   * @default - every layer of the environment
   */
  readonly layer?: LayerName;
  /**
   * Only resources whose address (`aws_nat_gateway.vpc_nat-*`) or construct path
   * (`<system>-dev-network/vpc/*`) matches this glob (`*` = any characters).
   * @default - every resource of the stack(s)
   */
  readonly resource?: string;
}

/** Thrown when a declared suppression is invalid; synth fails with every problem listed. */
export class PolicySuppressionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid policy suppression${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicySuppressionError';
  }
}

/** Problems of one suppression (rule id, reason), or [] when valid. `where` names it in messages. */
export function suppressionProblems(ruleId: unknown, reason: unknown, where: string): string[] {
  const problems: string[] = [];
  if (typeof ruleId !== 'string' || !RULE_IDS.has(ruleId)) {
    problems.push(`${where}: rule id ${JSON.stringify(ruleId)} is not a rule of the policy pack`);
  } else if (NEVER_SUPPRESS.includes(ruleId) && ruleId !== 'BR-01') {
    problems.push(`${where}: ${ruleId} may never be suppressed; fix the resource instead`);
  }
  if (!isWrittenReason(reason)) {
    problems.push(`${where}: the reason ${JSON.stringify(reason ?? null)} must explain the exception in at least ${MIN_REASON_LENGTH} characters and three words`);
  }
  return problems;
}

/** A Bedrock agent is public-facing unless tagged `Exposure = internal`. */
export function isPublicFacingAgent(resource: PolicyResource): boolean {
  return tags(resource).Exposure !== 'internal';
}

const declared = new WeakMap<TerraformResource, SuppressionRecord[]>();

/**
 * Suppresses one rule on one resource, with a written reason. Recorded in the synthesized JSON
 * under the resource's `"//".policy_suppressions` (Terraform ignores `//` keys), so the policy
 * report works on cdktf.out alone. Throws for a never-suppress rule or a reason under 10 chars.
 *
 *   suppressRule(this.cluster, 'RDS-06', 'dev runs one Aurora instance to save cost (seed POC)');
 *
 * BR-01 is accepted only on an agent tagged `Exposure = internal` (checked when the pack runs).
 */
export function suppressRule(resource: TerraformResource, ruleId: string, reason: string): void {
  const problems = suppressionProblems(ruleId, reason, `suppressRule(${resource.terraformResourceType}.${resource.friendlyUniqueId})`);
  if (problems.length > 0) throw new PolicySuppressionError(problems);
  const records = declared.get(resource) ?? [];
  if (records.some((r) => r.id === ruleId)) return;
  records.push({ id: ruleId, reason: reason.trim() });
  declared.set(resource, records);
  resource.addOverride('//.policy_suppressions', [...records]);
}

/** Suppressions (in code) already declared on a resource. */
export function suppressionsOf(resource: TerraformResource): readonly SuppressionRecord[] {
  return declared.get(resource) ?? [];
}

/**
 * Checks an environment's `policySuppressions` and throws the first problem as a ConfigError naming
 * system/env, field and value (same style as src/config/validate.ts).
 */
export function validatePolicySuppressions(scope: string, suppressions: readonly PolicySuppression[] | undefined): void {
  (suppressions ?? []).forEach((s, i) => {
    const field = `policySuppressions[${i}]`;
    if (typeof s.ruleId !== 'string' || !RULE_IDS.has(s.ruleId)) {
      throw new ConfigError(scope, `${field}.ruleId`, s.ruleId, 'is not a rule of the policy pack', 'use an ID from docs/POLICY.md, e.g. NET-08');
    }
    if (NEVER_SUPPRESS.includes(s.ruleId)) {
      throw new ConfigError(scope, `${field}.ruleId`, s.ruleId, 'may never be suppressed', 'fix the resource instead (never-suppress list in docs/POLICY.md)');
    }
    if (!isWrittenReason(s.reason)) {
      throw new ConfigError(scope, `${field}.reason`, s.reason, `must explain the exception in at least ${MIN_REASON_LENGTH} characters and three words`, 'write why the finding is acceptable in this environment');
    }
    if (s.layer !== undefined && !(LAYERS as readonly string[]).includes(s.layer)) {
      throw new ConfigError(scope, `${field}.layer`, s.layer, 'is not a layer', `use one of ${LAYERS.join(', ')}`);
    }
    if (s.resource !== undefined && (typeof s.resource !== 'string' || s.resource.trim() === '')) {
      throw new ConfigError(scope, `${field}.resource`, s.resource, 'is not an address pattern', 'use a glob such as aws_nat_gateway.*');
    }
  });
}

/**
 * Validates the environment's suppressions and records those for `layer` in the stack's top-level
 * `"//".policy_suppressions`, so the report works on cdktf.out alone.
 */
export function recordEnvironmentSuppressions(
  stack: TerraformStack,
  scope: string,
  layer: LayerName,
  suppressions: readonly PolicySuppression[] | undefined,
): void {
  validatePolicySuppressions(scope, suppressions);
  const records: SuppressionRecord[] = (suppressions ?? [])
    .filter((s) => s.layer === undefined || s.layer === layer)
    .map((s) => ({ id: s.ruleId, reason: s.reason.trim(), ...(s.resource ? { resource: s.resource } : {}) }));
  for (const record of records) addStackRecord(stack, record);
}

const stackRecords = new WeakMap<TerraformStack, SuppressionRecord[]>();

function addStackRecord(stack: TerraformStack, record: SuppressionRecord): void {
  const records = stackRecords.get(stack) ?? [];
  if (records.some((r) => r.id === record.id && r.resource === record.resource)) return;
  records.push(record);
  stackRecords.set(stack, records);
  stack.addOverride('//.policy_suppressions', [...records]);
}

/**
 * Suppresses one rule for a whole stack in code (optionally only resources matching an address or
 * construct-path glob), with a written reason; recorded in the stack's top-level `"//"`. Prefer
 * `suppressRule` on the resource, or the environment's `policySuppressions` for env-specific cases.
 */
export function suppressStackRule(stack: TerraformStack, ruleId: string, reason: string, resource?: string): void {
  const problems = suppressionProblems(ruleId, reason, `suppressStackRule(${stack.node.id})`);
  if (ruleId === 'BR-01') problems.push(`suppressStackRule(${stack.node.id}): BR-01 may only be suppressed on an internal agent (suppressRule)`);
  if (problems.length > 0) throw new PolicySuppressionError(problems);
  addStackRecord(stack, { id: ruleId, reason: reason.trim(), ...(resource ? { resource } : {}) });
}

/** Whether a stack-level record covers a resource. */
export function coversResource(record: SuppressionRecord, resource: PolicyResource): boolean {
  if (!record.resource) return true;
  return glob(record.resource, resource.address) || (!!resource.path && glob(record.resource, resource.path));
}
