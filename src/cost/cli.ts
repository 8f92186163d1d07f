import * as fs from 'fs';
import * as path from 'path';
import { StackDocument } from '../policy/context';
import { ASSUMPTIONS } from './assumptions';
import { readBudgets } from './budget';
import { diffSummaries, formatDiff, headline } from './diff';
import { Estimate, estimate } from './estimate';
import { usd } from './money';
import { formatReport, reportJson } from './report';
import { CostSummary, summarize } from './summary';

export const USAGE = `usage: npm run cost -- [--json] [--detail] [--max-monthly <USD>] [--diff <baseline-outdir>]
  Estimates the monthly cost of the synthesized stacks in CDKTF_OUTDIR (default cdktf.out); does not synthesize.
  --json               machine-readable report on stdout
  --detail             every resource with its arithmetic, and the free resource types
  --max-monthly <USD>  exit 1 when any system x environment estimate exceeds <USD>
  --diff <dir>         compare with the baseline output in <dir> ("this change adds $X/month")
exit codes: 0 ok; 1 --max-monthly exceeded; 2 bad arguments or unreadable output`;

export interface CostArgs {
  readonly json: boolean;
  readonly detail: boolean;
  readonly help: boolean;
  readonly maxMonthly?: number;
  readonly diff?: string;
}

export class UsageError extends Error {}

/** Parses the command line; throws UsageError with a one-line message on bad input. */
export function parseArgs(argv: readonly string[]): CostArgs {
  let json = false;
  let detail = false;
  let help = false;
  let maxMonthly: number | undefined;
  let diff: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json' && inline === undefined) json = true;
    else if (flag === '--detail' && inline === undefined) detail = true;
    else if ((flag === '--help' || flag === '-h') && inline === undefined) help = true;
    else if (flag === '--max-monthly') {
      const raw = value();
      const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw new UsageError(`--max-monthly needs an amount in USD (e.g. 500 or 499.99), got "${raw}"`);
      maxMonthly = n;
    } else if (flag === '--diff') diff = value();
    else throw new UsageError(`unknown argument "${arg}" (use --json, --detail, --max-monthly <USD>, --diff <dir>, --help)`);
  }
  return { json, detail, help, maxMonthly, diff };
}

/** Reads the stacks of a synthesized output (manifest.json), or throws UsageError naming what is missing. */
export function readOutput(outdir: string, shown: string): StackDocument[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new UsageError(`no synthesized output in ${shown} (manifest.json missing); run npm run synth, or set CDKTF_OUTDIR`);
  const read = (file: string) => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read ${path.relative(outdir, file)} in ${shown}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const manifest = read(manifestFile);
  const stacks = Object.entries<Record<string, any>>(manifest?.stacks ?? {});
  if (stacks.length === 0) throw new UsageError(`no stacks in ${shown}/manifest.json`);
  return stacks
    .map(([name, entry]) => ({ name, file: path.join(outdir, String(entry?.synthesizedStackPath ?? path.join('stacks', name, 'cdk.tf.json'))) }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, file }) => {
      if (!fs.existsSync(file)) throw new UsageError(`stack ${name} listed in ${shown}/manifest.json has no ${path.relative(outdir, file)}`);
      return { name, json: read(file) };
    });
}

function load(outdir: string, shown: string): { estimate: Estimate; summary: CostSummary } {
  const result = estimate(readOutput(outdir, shown));
  return { estimate: result, summary: summarize(result, readBudgets(result.index)) };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run cost`: the whole command, returning its output and exit code (the script only prints). */
export function runCost(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): RunResult {
  let args: CostArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `cost: ${error.message}\n` };
    throw error;
  }
  if (args.help) return { code: 0, stdout: USAGE + '\n', stderr: '' };
  const shownDir = (dir: string) => path.relative(cwd, path.resolve(cwd, dir)) || '.';
  const outdir = path.resolve(cwd, env.CDKTF_OUTDIR || 'cdktf.out');
  try {
    const head = load(outdir, shownDir(outdir));
    let stdout: string;
    if (args.diff !== undefined) {
      const baseDir = path.resolve(cwd, args.diff);
      const base = load(baseDir, shownDir(baseDir));
      const diff = diffSummaries(base.summary, head.summary);
      stdout = args.json ? JSON.stringify({ baseline: shownDir(baseDir), current: shownDir(outdir), headline: headline(diff), ...diff }, null, 2) + '\n' : formatDiff(diff, shownDir(baseDir), shownDir(outdir));
    } else if (args.json) {
      stdout = JSON.stringify(reportJson(head.estimate, head.summary, { outdir: shownDir(outdir), assumptions: ASSUMPTIONS }), null, 2) + '\n';
    } else {
      stdout = formatReport(head.estimate, head.summary, { outdir: shownDir(outdir), detail: args.detail });
    }
    let code = 0;
    let stderr = '';
    if (args.maxMonthly !== undefined) {
      const over = head.summary.environments.filter((e) => e.system && e.total > args.maxMonthly!);
      for (const e of over) stderr += `cost: ${e.group} estimate ${usd(e.total)}/month exceeds --max-monthly ${usd(args.maxMonthly)}\n`;
      if (over.length > 0) code = 1;
    }
    return { code, stdout, stderr };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `cost: ${error.message}\n` };
    // Unexpected Terraform JSON shapes are bad input too: one line, no stack trace.
    return { code: 2, stdout: '', stderr: `cost: cannot estimate ${shownDir(outdir)}: ${(error as Error).message.split('\n')[0]}\n` };
  }
}
