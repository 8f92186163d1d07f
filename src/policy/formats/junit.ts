/**
 * The policy report as JUnit XML, for CI systems that show test reports: a `testsuite` per stack and a
 * `testcase` per finding (rule x resource). An open finding is a `failure` whose `type` says whether it
 * fails the gate (`blocking`) or is reported only (`non-blocking`); a suppressed finding is `skipped`
 * with its reason; a suppression that covers nothing is a failure of its first stack (blocking in prod).
 */
import { Finding, PolicyReport, StackReport } from '../types';
import { findingKey } from './sarif';

export interface JunitOptions {
  /**
   * Whether an open finding fails the gate.
   * @default - the report's `blocking` list
   */
  readonly isBlocking?: (finding: Finding) => boolean;
  /**
   * Whether an open finding is in the baseline (noted in its failure message).
   * @default - no baseline
   */
  readonly inBaseline?: (finding: Finding) => boolean;
}

// Characters XML 1.0 cannot carry at all (even escaped): C0 controls except tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF. They are replaced, not dropped, so the reader sees something was there.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes element text: `&`, `<`, `>` (so `]]>` cannot appear), and characters XML 1.0 forbids. */
export function escapeXmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted): also quotes, and tab/LF/CR as character references, which a parser would otherwise normalize to spaces. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly outcome: { readonly kind: 'failure'; readonly type: 'blocking' | 'non-blocking'; readonly message: string; readonly detail: string } | { readonly kind: 'skipped'; readonly message: string };
}

function findingCase(stack: StackReport, finding: Finding, blocking: boolean, known: boolean | undefined): Case {
  const classname = `${stack.stack}.${finding.ruleId}`;
  const name = `${finding.ruleId} ${finding.address}`;
  if (finding.suppressed) return { classname, name, outcome: { kind: 'skipped', message: `suppressed (${finding.suppressed.scope}): ${finding.suppressed.reason}` } };
  const why = blocking
    ? stack.isProd
      ? 'blocking: open in a prod stack'
      : 'blocking: open high finding'
    : known
      ? 'not blocking: in the baseline'
      : `not blocking: ${finding.severity} outside prod`;
  const detail = [
    `${finding.ruleId} (${finding.severity}): ${finding.title}`,
    `stack: ${stack.stack}${stack.isProd ? ' (prod)' : ''}`,
    `resource: ${finding.address}`,
    `attribute: ${finding.attribute}`,
    `status: ${why}`,
    finding.message,
  ].join('\n');
  return { classname, name, outcome: { kind: 'failure', type: blocking ? 'blocking' : 'non-blocking', message: finding.message, detail } };
}

function renderCase(c: Case): string {
  const open = `    <testcase${attributes({ classname: c.classname, name: c.name })}>`;
  const body =
    c.outcome.kind === 'skipped'
      ? `      <skipped${attributes({ message: c.outcome.message })}/>`
      : `      <failure${attributes({ type: c.outcome.type, message: c.outcome.message })}>${escapeXmlText(c.outcome.detail)}</failure>`;
  return [open, body, '    </testcase>'].join('\n');
}

function compareFindings(a: Finding, b: Finding): number {
  return a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address);
}

/** The JUnit XML document of a policy report (stacks in report order, findings by rule then address). */
export function toJunit(report: PolicyReport, options: JunitOptions = {}): string {
  const blockingKeys = new Set(report.blocking.map(findingKey));
  const isBlocking = options.isBlocking ?? ((f: Finding) => blockingKeys.has(findingKey(f)));
  const unmatchedByStack = new Map<string, Case[]>();
  for (const u of report.unmatched) {
    const stack = u.stacks[0];
    const cases = unmatchedByStack.get(stack) ?? [];
    const message = `the ${u.scope} suppression of ${u.ruleId} on ${u.address} covers no finding; remove it (reason given: ${u.reason})`;
    const detail = [`${u.ruleId} suppression (${u.scope}) on ${u.address}`, `stacks: ${u.stacks.join(', ')}`, `status: ${u.isProd ? 'blocking: unmatched in prod' : 'not blocking: outside prod'}`, message].join('\n');
    cases.push({ classname: `${stack}.${u.ruleId}`, name: `${u.ruleId} unmatched suppression ${u.address}`, outcome: { kind: 'failure', type: u.isProd ? 'blocking' : 'non-blocking', message, detail } });
    unmatchedByStack.set(stack, cases);
  }

  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const stack of report.stacks) {
    const cases = [...stack.findings]
      .sort(compareFindings)
      .map((f) => findingCase(stack, f, !f.suppressed && isBlocking(f), !f.suppressed && options.inBaseline ? options.inBaseline(f) : undefined));
    cases.push(...(unmatchedByStack.get(stack.stack) ?? []));
    const suiteFailures = cases.filter((c) => c.outcome.kind === 'failure').length;
    const suiteSkipped = cases.length - suiteFailures;
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    const properties = [
      ['env', stack.env ?? ''],
      ['prod', String(stack.isProd)],
      ['evaluated', String(stack.evaluated)],
    ].map(([name, value]) => `      <property${attributes({ name, value })}/>`);
    suites.push(
      [
        `  <testsuite${attributes({ name: stack.stack, tests: cases.length, failures: suiteFailures, errors: 0, skipped: suiteSkipped })}>`,
        '    <properties>',
        ...properties,
        '    </properties>',
        ...cases.map(renderCase),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'policy', tests, failures, errors: 0, skipped })}>`, ...suites, '</testsuites>', ''].join('\n');
}
