/**
 * Baseline mode, for teams adopting a stricter rule set: `--write-baseline FILE` records today's open
 * findings by stable key (stack, rule, Terraform address; never messages or line numbers), and
 * `--baseline FILE` then fails the gate only on blocking findings not in it. Entries of checked stacks
 * that no longer match an open finding are reported as "no longer found", so the file can be tightened.
 */
import { Finding, PolicyReport } from '../types';
import { findingKey } from './sarif';

export const BASELINE_VERSION = 1;

/** One accepted open finding. */
export interface BaselineEntry {
  readonly stack: string;
  readonly rule: string;
  readonly address: string;
}

/** Thrown for a baseline file that cannot be used; the message is one line naming the file. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

function entryKey(entry: BaselineEntry): string {
  return findingKey({ stack: entry.stack, ruleId: entry.rule, address: entry.address });
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.stack.localeCompare(b.stack) || a.rule.localeCompare(b.rule) || a.address.localeCompare(b.address);
}

/** The open (unsuppressed) findings of a report as baseline entries, sorted and unique. */
export function baselineOf(report: PolicyReport): BaselineEntry[] {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of report.stacks.flatMap((s) => s.findings)) {
    if (finding.suppressed) continue;
    const entry = { stack: finding.stack, rule: finding.ruleId, address: finding.address };
    entries.set(entryKey(entry), entry);
  }
  return [...entries.values()].sort(compareEntries);
}

/** The baseline file's text (deterministic: sorted entries, fixed key order, trailing newline). */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const findings = [...entries].sort(compareEntries).map((e) => ({ stack: e.stack, rule: e.rule, address: e.address }));
  const about = 'Open policy findings accepted when this file was written (npm run policy -- --write-baseline FILE); npm run policy -- --baseline FILE fails only on blocking findings not listed here. Remove entries reported as no longer found.';
  return JSON.stringify({ about, version: BASELINE_VERSION, findings }, null, 2) + '\n';
}

/** Reads a baseline file's text; `where` names the file in the one-line error. */
export function parseBaseline(text: string, where: string): BaselineEntry[] {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${where}: is not valid JSON (${(error as Error).message}); write it with --write-baseline`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new BaselineError(`${where}: must be an object with "version" and "findings"; write it with --write-baseline`);
  if (json.version !== BASELINE_VERSION) throw new BaselineError(`${where}: version ${JSON.stringify(json.version ?? null)} is not supported (expected ${BASELINE_VERSION}); rewrite it with --write-baseline`);
  if (!Array.isArray(json.findings)) throw new BaselineError(`${where}: "findings" must be a list of { stack, rule, address }`);
  return json.findings.map((entry: any, i: number) => {
    const fields = ['stack', 'rule', 'address'] as const;
    const bad = entry === null || typeof entry !== 'object' ? fields[0] : fields.find((f) => typeof entry[f] !== 'string' || entry[f] === '');
    if (bad) throw new BaselineError(`${where}: findings[${i}].${bad} must be a non-empty string (entries are { stack, rule, address })`);
    return { stack: entry.stack, rule: entry.rule, address: entry.address };
  });
}

/** A report judged against a baseline. */
export interface BaselineComparison {
  /** Open findings the baseline lists: reported, never failing. */
  readonly known: readonly Finding[];
  /** Open findings it does not list. */
  readonly added: readonly Finding[];
  /** New findings that fail the gate (blocking by the usual gate). */
  readonly addedBlocking: readonly Finding[];
  /** Entries of stacks in this run that match no open finding any more (fixed or now suppressed). */
  readonly noLongerFound: readonly BaselineEntry[];
  /** Entries of stacks that were not in this run (not judged). */
  readonly notChecked: number;
  /** Gate with the baseline: no new blocking finding and no unmatched suppression in prod. */
  readonly passed: boolean;
  /** Whether an open finding is in the baseline. */
  contains(finding: Pick<Finding, 'stack' | 'ruleId' | 'address'>): boolean;
}

/** Compares a report with baseline entries (see BaselineComparison). */
export function compareWithBaseline(report: PolicyReport, entries: readonly BaselineEntry[]): BaselineComparison {
  const keys = new Set(entries.map(entryKey));
  const contains = (f: Pick<Finding, 'stack' | 'ruleId' | 'address'>) => keys.has(findingKey(f));
  const open = report.stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed);
  const openKeys = new Set(open.map(findingKey));
  const checked = new Set(report.stacks.map((s) => s.stack));
  const known = open.filter(contains);
  const added = open.filter((f) => !contains(f));
  const addedBlocking = report.blocking.filter((f) => !contains(f));
  const unique = new Map(entries.map((e) => [entryKey(e), e]));
  const noLongerFound = [...unique.values()].filter((e) => checked.has(e.stack) && !openKeys.has(entryKey(e))).sort(compareEntries);
  const notChecked = [...unique.values()].filter((e) => !checked.has(e.stack)).length;
  const passed = addedBlocking.length === 0 && !report.unmatched.some((u) => u.isProd);
  return { known, added, addedBlocking, noLongerFound, notChecked, passed, contains };
}

/** Human-readable section for the text report: counts, each new finding, each entry no longer found. */
export function formatBaselineComparison(comparison: BaselineComparison, file: string): string {
  const c = comparison;
  const out = [
    `\n== Baseline ${file}: ${c.known.length} known open findings (not failing), ${c.added.length} new (${c.addedBlocking.length} blocking), ${c.noLongerFound.length} no longer found${c.notChecked > 0 ? `, ${c.notChecked} entries of stacks not in this run` : ''}`,
  ];
  const blocking = new Set(c.addedBlocking.map(findingKey));
  for (const f of c.added) out.push(`   NEW${blocking.has(findingKey(f)) ? ', BLOCKING' : ''}  ${f.stack}  ${f.ruleId}  ${f.address}`);
  for (const e of c.noLongerFound) out.push(`   no longer found  ${e.stack}  ${e.rule}  ${e.address}  (fixed or suppressed: remove it, or rewrite with --write-baseline)`);
  out.push(`policy with baseline: ${c.addedBlocking.length} new blocking findings -> ${c.passed ? 'PASS' : 'FAIL'}`);
  return out.join('\n');
}

/** Plain-object summary for `--json` output. */
export function baselineJson(comparison: BaselineComparison, file: string): Record<string, unknown> {
  const key = (f: Finding) => ({ stack: f.stack, rule: f.ruleId, address: f.address });
  return {
    file,
    known: comparison.known.map(key),
    new: comparison.added.map(key),
    newBlocking: comparison.addedBlocking.map(key),
    noLongerFound: comparison.noLongerFound,
    notChecked: comparison.notChecked,
    passed: comparison.passed,
  };
}
