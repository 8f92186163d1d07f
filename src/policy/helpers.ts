import { CheckResult, PolicyResource } from './types';

/** Helpers for reading synthesized Terraform JSON the way the provider reads it. */

const REF = /\$\{/;

/** A Terraform interpolation (`${...}`): counts as "set" (the value is known only at apply). */
export function isRef(value: unknown): value is string {
  return typeof value === 'string' && REF.test(value);
}

export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** True, `"true"` or a reference. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || isRef(value);
}

/** Explicitly false (a reference is not known to be false). */
export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A boolean attribute with its provider default. */
export function flag(value: unknown, providerDefault: boolean): boolean {
  if (value === undefined || value === null) return providerDefault;
  if (isRef(value)) return true;
  return value === true || value === 'true';
}

/** A number attribute (references count as unknown -> undefined). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !isRef(value) && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A nested block list (object or list of objects). */
export function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v) => v !== null && typeof v === 'object');
  if (typeof value === 'object') return [value as Record<string, any>];
  return [];
}

/** The first nested block, or undefined. */
export function block(value: unknown): Record<string, any> | undefined {
  return blocks(value)[0];
}

/** A string or list of strings as a list. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** A literal string, or undefined for references and non-strings. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !isRef(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Results

export const COMPLIANT: CheckResult = { status: 'compliant' };
export const NOT_APPLICABLE: CheckResult = { status: 'not-applicable' };

export interface Problem {
  readonly attribute: string;
  readonly problem: string;
}

/** `aws_x.y: <attribute> <problem>` */
export function fail(resource: PolicyResource, attribute: string, problem: string): CheckResult {
  return { status: 'non-compliant', attribute, message: `${resource.address}: ${attribute} ${problem}` };
}

/** Compliant when `problems` is empty, otherwise one finding naming every attribute to fix. */
export function verdict(resource: PolicyResource, problems: readonly Problem[]): CheckResult {
  if (problems.length === 0) return COMPLIANT;
  return {
    status: 'non-compliant',
    attribute: [...new Set(problems.map((p) => p.attribute))].join(', '),
    message: `${resource.address}: ${problems.map((p) => `${p.attribute} ${p.problem}`).join('; ')}`,
  };
}

/** Collects problems: `check(cond, attribute, problem)` records one when `cond` is false. */
export function collector(): { problems: Problem[]; expect(ok: boolean, attribute: string, problem: string): void } {
  const problems: Problem[] = [];
  return {
    problems,
    expect(ok, attribute, problem) {
      if (!ok) problems.push({ attribute, problem });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// IAM-style policy documents

export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action: string[];
  readonly NotAction: string[];
  readonly Resource: string[];
  readonly NotResource: string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Statements of a parsed policy document, with Action/Resource normalized to lists. */
export function statements(document: any): Statement[] {
  if (!document || typeof document !== 'object') return [];
  const raw = document.Statement;
  const list_ = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list_
    .filter((s: any) => s && typeof s === 'object')
    .map((s: any) => ({
      Sid: s.Sid,
      Effect: String(s.Effect ?? ''),
      Principal: s.Principal,
      NotPrincipal: s.NotPrincipal,
      Action: list(s.Action),
      NotAction: list(s.NotAction),
      Resource: list(s.Resource),
      NotResource: list(s.NotResource),
      Condition: s.Condition && typeof s.Condition === 'object' ? s.Condition : undefined,
    }));
}

/** Principal values by kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); `*` as `{ AWS: ['*'] }`. */
export function principals(principal: unknown): Record<string, string[]> {
  if (principal === undefined || principal === null) return {};
  if (typeof principal === 'string') return { AWS: [principal] };
  const out: Record<string, string[]> = {};
  for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) out[kind] = list(value);
  return out;
}

/** Principal `*` or `{ AWS: "*" }`. */
export function isWildcardPrincipal(principal: unknown): boolean {
  return Object.values(principals(principal)).some((values) => values.includes('*'));
}

export function hasCondition(statement: Statement): boolean {
  return !!statement.Condition && Object.keys(statement.Condition).length > 0;
}

/** Whether the statement has a condition whose key (case-insensitive) is one of `keys`. */
export function conditionKeys(statement: Statement): string[] {
  const keys: string[] = [];
  for (const operator of Object.values(statement.Condition ?? {})) {
    if (operator && typeof operator === 'object') keys.push(...Object.keys(operator).map((k) => k.toLowerCase()));
  }
  return keys;
}

/** A statement `Deny` with `aws:SecureTransport = false`. */
export function deniesInsecureTransport(document: any): boolean {
  return statements(document).some((s) => {
    if (s.Effect !== 'Deny') return false;
    for (const [operator, values] of Object.entries(s.Condition ?? {})) {
      if (!/^Bool(IfExists)?$/i.test(operator) || !values) continue;
      for (const [key, value] of Object.entries(values)) {
        if (key.toLowerCase() === 'aws:securetransport' && list(value).some((v) => v === 'false')) return true;
      }
    }
    return false;
  });
}

/** An Allow to `*` (any principal) with no condition. */
export function unconditionedPublicAllow(document: any): Statement | undefined {
  return statements(document).find((s) => s.Effect === 'Allow' && isWildcardPrincipal(s.Principal) && !hasCondition(s));
}

/** Glob match where `*` matches any run of characters. */
export function glob(pattern: string, value: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(value);
}

/** The tags of a resource (`tags`, merged with nothing: default tags live on the provider). */
export function tags(resource: PolicyResource): Record<string, string> {
  const value = resource.body.tags;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
}
