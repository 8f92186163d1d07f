/**
 * Types of the built-in policy pack: rules are small pure functions over one synthesized Terraform
 * resource (plus a read-only context of the stack and its sibling stacks of the same system/env).
 */

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export type PackName =
  | 'network'
  | 'load-balancing'
  | 'containers'
  | 'databases'
  | 'caches'
  | 'search'
  | 'storage'
  | 'keys-secrets'
  | 'logging'
  | 'edge'
  | 'api-gateway'
  | 'lambda'
  | 'messaging'
  | 'identity'
  | 'iam'
  | 'bedrock';

/** Matching rule IDs in the tools platform teams already run. */
export interface RuleMappings {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  readonly cdkNag?: readonly string[];
  readonly fsbp?: readonly string[];
}

/** One resource of a synthesized stack, with its JSON-string attributes parsed once on demand. */
export interface PolicyResource {
  /** Stack the resource is declared in. */
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** Terraform address `type.name`. */
  readonly address: string;
  /** The resource body as synthesized (attribute names in snake_case). */
  readonly body: Readonly<Record<string, any>>;
  /** Construct path from the cdktf metadata, when present. */
  readonly path?: string;
  /**
   * A JSON attribute (`policy`, `container_definitions`, ...): parsed once and cached. Returns
   * undefined when absent, a `${...}` reference, or not valid JSON; an object value is returned as is.
   */
  json(attribute: string): any;
}

export interface StackInfo {
  readonly name: string;
  readonly system?: string;
  /** From the stack name or the provider's default_tags Environment. */
  readonly env?: string;
  readonly layer?: string;
  readonly isProd: boolean;
}

/** A resource that refers to another one, and the top-level attribute holding the reference. */
export interface Referrer {
  readonly resource: PolicyResource;
  readonly attribute: string;
}

/**
 * What a rule may look at besides the resource: the stack, resources by type (this stack or the
 * whole system/env group), reference resolution (`${aws_vpc.x.id}`, remote-state outputs) and
 * the inverse (who refers to a resource), across the stacks of the same system/env.
 */
export interface PolicyContext {
  readonly stack: StackInfo;
  /** Resources of a type in this stack. */
  resources(type: string): readonly PolicyResource[];
  /** Resources of a type in this stack and the other stacks of the same system/env. */
  groupResources(type: string): readonly PolicyResource[];
  /** Resources a value (string, list, object) refers to, following remote-state outputs. */
  resolve(value: unknown): readonly PolicyResource[];
  /** Resources (in the group) referring to `target`, optionally only of `type` and via `attribute`. */
  referrers(target: PolicyResource, type?: string, attribute?: string): readonly Referrer[];
  /** Whether a stack output (in the group) publishes a reference to `target`. */
  isPublished(target: PolicyResource): boolean;
}

export type CheckResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly message: string; readonly attribute: string };

export interface PolicyRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly pack: PackName;
  readonly mappings: RuleMappings;
  /** Terraform resource types the rule is evaluated on. */
  readonly appliesTo: readonly string[];
  check(resource: PolicyResource, context: PolicyContext): CheckResult;
}

/** A suppression as written into the synthesized JSON. */
export interface SuppressionRecord {
  readonly id: string;
  readonly reason: string;
  /** Stack-level only: address or construct-path glob (`*` matches any run of characters). */
  readonly resource?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  readonly attribute: string;
  readonly message: string;
  /** Set when a suppression covers the finding. */
  readonly suppressed?: { readonly reason: string; readonly scope: 'resource' | 'stack' };
}

export interface AppliedSuppression {
  readonly ruleId: string;
  readonly stack: string;
  readonly address: string;
  readonly reason: string;
  readonly scope: 'resource' | 'stack';
  /** How many findings the suppression covered in this run (0: stale or pre-emptive). */
  readonly matched: number;
}

export interface UnmatchedSuppression extends AppliedSuppression {
  /** The stacks it was recorded in (an environment suppression is recorded in each layer's stack). */
  readonly stacks: readonly string[];
  readonly isProd: boolean;
}

export interface StackReport {
  readonly stack: string;
  readonly env?: string;
  readonly isProd: boolean;
  readonly findings: readonly Finding[];
  readonly suppressions: readonly AppliedSuppression[];
  readonly evaluated: number;
}

export interface PolicyReport {
  readonly stacks: readonly StackReport[];
  readonly rules: number;
  /** Findings that fail the gate: unsuppressed high anywhere, any unsuppressed finding in prod. */
  readonly blocking: readonly Finding[];
  /** Suppressions that covered nothing: warnings, and gate failures in prod. */
  readonly unmatched: readonly UnmatchedSuppression[];
  readonly passed: boolean;
}
