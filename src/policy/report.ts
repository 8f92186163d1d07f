import * as fs from 'fs';
import * as path from 'path';
import { StackDocument } from './context';
import { Finding, PolicyReport, SEVERITIES } from './types';

/** Reads every `stacks/<name>/cdk.tf.json` of a cdktf output directory. */
export function readStacks(outdir: string): StackDocument[] {
  const dir = path.join(outdir, 'stacks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({ name, file: path.join(dir, name, 'cdk.tf.json') }))
    .filter(({ file }) => fs.existsSync(file))
    .map(({ name, file }) => ({ name, json: JSON.parse(fs.readFileSync(file, 'utf8')) }));
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.min(Math.max(h.length, ...rows.map((r) => r[i].length)), i === headers.length - 1 ? 200 : 70));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function severityRank(f: Finding): number {
  return SEVERITIES.indexOf(f.severity);
}

/** One line: totals by severity, suppressed, blocking, and PASS/FAIL. */
export function summaryLine(report: PolicyReport): string {
  const all = report.stacks.flatMap((s) => s.findings);
  const open = all.filter((f) => !f.suppressed);
  const bySeverity = SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const suppressed = all.length - open.length;
  const stale = report.unmatched.length;
  const staleProd = report.unmatched.filter((u) => u.isProd).length;
  return `policy: ${report.stacks.length} stacks, ${report.rules} rules: ${open.length} open findings (${bySeverity}), ${suppressed} suppressed, ${report.blocking.length} blocking, ${stale} unmatched suppressions (${staleProd} in prod) -> ${report.passed ? 'PASS' : 'FAIL'}`;
}

/** Human-readable report: findings per stack, then every suppression, then the summary line. */
export function formatReport(report: PolicyReport): string {
  const out: string[] = [];
  for (const stack of report.stacks) {
    const findings = [...stack.findings].sort((a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || severityRank(a) - severityRank(b) || a.ruleId.localeCompare(b.ruleId) || a.address.localeCompare(b.address));
    const open = findings.filter((f) => !f.suppressed).length;
    out.push(`\n== ${stack.stack} (env ${stack.env ?? '?'}${stack.isProd ? ', prod: every open finding blocks' : ''}): ${open} open, ${findings.length - open} suppressed`);
    if (findings.length === 0) {
      out.push('   no findings');
      continue;
    }
    out.push(
      table(
        ['rule', 'severity', 'status', 'address', 'message'],
        findings.map((f) => [
          f.ruleId,
          f.severity,
          f.suppressed ? `suppressed (${f.suppressed.scope})` : stack.isProd || f.severity === 'high' ? 'OPEN, BLOCKING' : 'open',
          f.address,
          f.message.startsWith(`${f.address}: `) ? f.message.slice(f.address.length + 2) : f.message,
        ]),
      ),
    );
  }
  const suppressions = report.stacks.flatMap((s) => s.suppressions);
  out.push(`\n== Suppressions (${suppressions.length}): every exception, with its reason`);
  if (suppressions.length > 0) {
    out.push(
      table(
        ['rule', 'stack', 'scope', 'address', 'matched', 'reason'],
        suppressions.map((s) => [s.ruleId, s.stack, s.scope, s.address, String(s.matched), s.reason]),
      ),
    );
  }
  if (report.unmatched.length > 0) {
    out.push(`\n== Unmatched suppressions (${report.unmatched.length}): they cover no finding; remove them (blocking in prod)`);
    out.push(
      table(
        ['rule', 'scope', 'address', 'stacks', 'blocking', 'reason'],
        report.unmatched.map((u) => [u.ruleId, u.scope, u.address, u.stacks.join(', '), u.isProd ? 'yes (prod)' : 'no', u.reason]),
      ),
    );
  }
  out.push('', summaryLine(report));
  return out.join('\n');
}
