/**
 * The policy report as SARIF 2.1.0 (OASIS, errata 01), for GitHub code scanning and other SARIF
 * viewers: one run, the rule catalogue as `tool.driver.rules` (other tools' IDs as tags), one result
 * per finding located at the resource's block in its stack's `cdk.tf.json`, suppressed findings
 * carrying their suppression and reason. Pure: the caller reads the files (locations.ts).
 */
import { createHash } from 'crypto';
import { NEVER_SUPPRESS } from '../suppressions';
import { Finding, PolicyReport, PolicyRule, Severity } from '../types';
import type { LineRegion } from './locations';

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_TOOL_NAME = 'policy-pack';
/** `uriBaseId` of artifact paths relative to the repository root (GitHub resolves it to the checkout). */
export const SRCROOT = '%SRCROOT%';
/** Name of the stable fingerprint in `partialFingerprints` (bump the version if the key changes). */
export const FINGERPRINT_NAME = 'policyFinding/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

/** Rule severity as SARIF level: the default of the rule, and of a finding that does not block. */
export const SEVERITY_LEVEL: Readonly<Record<Severity, SarifLevel>> = { high: 'error', medium: 'warning', low: 'note' };

/** GitHub code scanning ranks security alerts by this score (7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { high: '8.0', medium: '5.5', low: '3.0' };

/** Where a stack's `cdk.tf.json` is and where its resources start. */
export interface StackArtifact {
  /** Path relative to the repository root (with `uriBaseId`) or an absolute `file:` URI. */
  readonly uri: string;
  /** @default - none (an absolute URI) */
  readonly uriBaseId?: string;
  /** Resource address -> its lines in the file (resourceRegions). */
  readonly regions: ReadonlyMap<string, LineRegion>;
}

export interface SarifOptions {
  /** The rule catalogue (ALL_RULES): every rule is described, whether it fired or not. */
  readonly rules: readonly PolicyRule[];
  /**
   * The file of a stack; a finding of a stack without one has only its logical location.
   * @default - no files: logical locations only
   */
  readonly artifact?: (stack: string) => StackArtifact | undefined;
  /**
   * Whether an open finding was in the baseline (`--baseline`): sets each open result's
   * `baselineState` to `unchanged` or `new`.
   * @default - no baselineState
   */
  readonly inBaseline?: (finding: Finding) => boolean;
  /**
   * Whether an open finding fails the gate (its level is then `error`).
   * @default - the report's `blocking` list
   */
  readonly isBlocking?: (finding: Finding) => boolean;
}

/** Key of a finding that does not change across runs: stack, rule, Terraform address. */
export function findingKey(finding: Pick<Finding, 'stack' | 'ruleId' | 'address'>): string {
  return `${finding.stack}\u0000${finding.ruleId}\u0000${finding.address}`;
}

/** `HTTPS listeners; HTTP only as a redirect` -> `HTTPSListenersHTTPOnlyAsARedirect` (a name without spaces). */
export function ruleName(title: string): string {
  return (title.match(/[A-Za-z0-9]+/g) ?? []).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function mappingLines(rule: PolicyRule): string[] {
  const m = rule.mappings;
  const lines: [string, readonly string[] | undefined][] = [
    ['checkov', m.checkov],
    ['trivy', m.trivy],
    ['cdk-nag', m.cdkNag],
    ['Security Hub FSBP', m.fsbp],
  ];
  return lines.filter(([, ids]) => ids && ids.length > 0).map(([tool, ids]) => `${tool}: ${ids!.join(', ')}`);
}

/** Tags: `security` (GitHub files the result as a security alert), the pack, every mapped ID. */
export function ruleTags(rule: PolicyRule): string[] {
  const m = rule.mappings;
  const tags = ['security', rule.pack, ...(m.checkov ?? []), ...(m.trivy ?? []), ...(m.cdkNag ?? []), ...(m.fsbp ?? []).map((id) => `FSBP ${id}`)];
  return [...new Set(tags)];
}

function ruleDescriptor(rule: PolicyRule) {
  const neverSuppress = NEVER_SUPPRESS.includes(rule.id);
  const mapped = mappingLines(rule);
  const gate = 'An open finding fails the gate when the rule is high, and in a prod stack at any severity.';
  const suppress = neverSuppress
    ? 'This rule may never be suppressed: fix the resource.'
    : 'Fix the resource, or suppress it with a written reason (suppressRule next to the resource, or the environment\'s policySuppressions); see docs/POLICY.md.';
  const text = [`${rule.id}: ${rule.title} (${rule.severity}, pack ${rule.pack}).`, gate, suppress, ...(mapped.length > 0 ? [`Same control in: ${mapped.join('; ')}.`] : [])].join('\n');
  const markdown = [
    `**${rule.id}**: ${rule.title} (severity **${rule.severity}**, pack \`${rule.pack}\`).`,
    '',
    gate,
    '',
    suppress,
    ...(mapped.length > 0 ? ['', 'Same control in other tools:', '', ...mapped.map((l) => `- ${l}`)] : []),
  ].join('\n');
  return {
    id: rule.id,
    name: ruleName(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (applies to ${rule.appliesTo.join(', ')}).` },
    help: { text, markdown },
    defaultConfiguration: { level: SEVERITY_LEVEL[rule.severity] },
    properties: {
      tags: ruleTags(rule),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      pack: rule.pack,
      neverSuppress,
      mappings: {
        checkov: [...(rule.mappings.checkov ?? [])],
        trivy: [...(rule.mappings.trivy ?? [])],
        cdkNag: [...(rule.mappings.cdkNag ?? [])],
        fsbp: [...(rule.mappings.fsbp ?? [])],
      },
    },
  };
}

function physicalLocation(artifact: StackArtifact | undefined, address: string) {
  if (!artifact) return undefined;
  const region = artifact.regions.get(address);
  return {
    artifactLocation: { uri: artifact.uri, ...(artifact.uriBaseId ? { uriBaseId: artifact.uriBaseId } : {}) },
    ...(region ? { region: { startLine: region.startLine, endLine: region.endLine } } : {}),
  };
}

function fingerprint(finding: Finding): string {
  return createHash('sha256').update(findingKey(finding)).digest('hex').slice(0, 32);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.stack.localeCompare(b.stack) || a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address);
}

/**
 * The SARIF log of a policy report. Results are sorted by stack, rule and address; a result's level
 * is `error` when it fails the gate, else its rule's severity level; `partialFingerprints` hash
 * stack + rule + address only, so a result keeps its identity when messages or line numbers move.
 * Unmatched suppressions become tool notifications (`error` in prod, where they fail the gate).
 */
export function toSarif(report: PolicyReport, options: SarifOptions): Record<string, unknown> {
  const rules = options.rules;
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const blockingKeys = new Set(report.blocking.map(findingKey));
  const isBlocking = options.isBlocking ?? ((f: Finding) => blockingKeys.has(findingKey(f)));
  const artifact = options.artifact ?? (() => undefined);

  const findings = report.stacks.flatMap((s) => s.findings).sort(compareFindings);
  const results = findings.map((finding) => {
    const blocking = !finding.suppressed && isBlocking(finding);
    const location = physicalLocation(artifact(finding.stack), finding.address);
    const index = ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: blocking ? 'error' : SEVERITY_LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          ...(location ? { physicalLocation: location } : {}),
          logicalLocations: [{ name: finding.address, fullyQualifiedName: `${finding.stack}/${finding.address}`, kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_NAME]: fingerprint(finding) },
      ...(!finding.suppressed && options.inBaseline ? { baselineState: options.inBaseline(finding) ? 'unchanged' : 'new' } : {}),
      ...(finding.suppressed
        ? {
            suppressions: [
              {
                // A resource suppression is declared in code next to the resource; a stack one comes
                // from the environment's config (or suppressStackRule), outside the resource.
                kind: finding.suppressed.scope === 'resource' ? 'inSource' : 'external',
                status: 'accepted',
                justification: finding.suppressed.reason,
              },
            ],
          }
        : {}),
      properties: { stack: finding.stack, attribute: finding.attribute, severity: finding.severity, blocking },
    };
  });

  const notifications = report.unmatched.map((u) => {
    const index = ruleIndex.get(u.ruleId);
    const location = physicalLocation(artifact(u.stacks[0]), u.address);
    return {
      level: u.isProd ? 'error' : 'warning',
      message: {
        text: `The ${u.scope} suppression of ${u.ruleId} on ${u.address} in ${u.stacks.join(', ')} covers no finding; remove it${u.isProd ? ' (it fails the gate in prod)' : ''}. Reason given: ${u.reason}`,
      },
      associatedRule: { id: u.ruleId, ...(index !== undefined ? { index } : {}) },
      ...(location ? { locations: [{ physicalLocation: location }] } : {}),
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            fullName: 'Built-in policy pack for the synthesized Terraform JSON (docs/POLICY.md)',
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { stacks: report.stacks.map((s) => s.stack) },
      },
    ],
  };
}
