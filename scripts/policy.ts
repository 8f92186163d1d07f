/**
 * The built-in policy pack over the synthesized Terraform JSON (docs/POLICY.md).
 *
 *   npm run policy                              synthesize (honours SYSTEMS/ENVS/LAYERS), then check cdktf.out
 *   npm run policy -- --no-synth                check the existing cdktf.out
 *   npm run policy -- --json                    machine-readable report on stdout
 *   npm run policy -- --sarif FILE              also write SARIF 2.1.0 (GitHub code scanning, SARIF viewers)
 *   npm run policy -- --junit FILE              also write JUnit XML (CI test reports)
 *   npm run policy -- --write-baseline FILE     also record today's open findings (stack, rule, address)
 *   npm run policy -- --baseline FILE           gate fails only on blocking findings not in FILE;
 *                                               entries no longer found are listed (tighten the file)
 * The flags combine (`--flag FILE` or `--flag=FILE`); files are written atomically, also when the gate
 * fails; `--baseline` and `--write-baseline` may name the same file (judge, then rewrite). The lines
 * naming the files written precede the text report (the verdict stays last), or go to stderr with
 * --json; with --json and --baseline, `passed` is the baseline gate and `baseline` lists known, new,
 * newBlocking and noLongerFound findings.
 *
 * Exit codes: 0 gate passed; 1 gate failed (an unsuppressed HIGH finding in any stack, or any
 * unsuppressed finding in a prod stack, or an unmatched suppression in prod; with --baseline only
 * such findings not in the baseline count); 2 bad arguments, unreadable baseline, an output file that
 * cannot be written, synth failed or a suppression is invalid.
 * Settings: CDKTF_OUTDIR (default cdktf.out). SARIF paths are relative to the current directory (the
 * repository root under npm run) when the output directory is inside it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../src/config/errors';
import { ALL_RULES, Finding, PolicySuppressionError, evaluate, formatReport, readStacks } from '../src/policy';
import { BaselineComparison, BaselineEntry, BaselineError, baselineJson, baselineOf, compareWithBaseline, formatBaseline, formatBaselineComparison, parseBaseline } from '../src/policy/formats/baseline';
import { PolicyArgs, parsePolicyArgs } from '../src/policy/formats/cli-args';
import { toJunit } from '../src/policy/formats/junit';
import { stackArtifacts } from '../src/policy/formats/locations';
import { findingKey, toSarif } from '../src/policy/formats/sarif';
import { writeFileAtomic } from '../src/policy/formats/write-atomic';

/** An output file that could not be written: one line, exit 2. */
class OutputFileError extends Error {}

function readBaseline(file: string): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`policy: --baseline ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create it with --write-baseline ${file}`);
  }
  return parseBaseline(text, `policy: --baseline ${file}`);
}

function write(flag: string, file: string, text: string): void {
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    throw new OutputFileError(`policy: ${flag} ${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function main(argv: readonly string[]): number {
  let args: PolicyArgs;
  try {
    args = parsePolicyArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  try {
    // Read the baseline before the (slow) synth, so a wrong path fails at once.
    const baselineEntries = args.baseline !== undefined ? readBaseline(args.baseline) : undefined;
    if (!args.noSynth) {
      // Loaded only to synthesize: the app (every provider class) takes seconds to load, and
      // --no-synth runs in CI should not pay for it.
      const { synthesize } = require('../src/app/synthesize') as typeof import('../src/app/synthesize');
      synthesize(process.env, outdir);
    }
    const stacks = readStacks(outdir);
    if (stacks.length === 0) {
      console.error(`policy: no stacks in ${outdir}; synthesize first (drop --no-synth)`);
      return 2;
    }
    const report = evaluate(stacks);
    const comparison: BaselineComparison | undefined = baselineEntries ? compareWithBaseline(report, baselineEntries) : undefined;
    const passed = comparison ? comparison.passed : report.passed;
    // With a baseline, a known finding is reported but does not block (SARIF level, JUnit failure type).
    const blockingKeys = new Set(report.blocking.map(findingKey));
    const isBlocking = (f: Finding) => blockingKeys.has(findingKey(f)) && !(comparison?.contains(f) ?? false);
    const inBaseline = comparison ? (f: Finding) => comparison.contains(f) : undefined;

    const written: string[] = [];
    if (args.sarif !== undefined) {
      const artifacts = stackArtifacts(outdir, report.stacks.map((s) => s.stack), process.cwd());
      const sarif = toSarif(report, { rules: ALL_RULES, artifact: (s) => artifacts.get(s), isBlocking, inBaseline });
      write('--sarif', args.sarif, JSON.stringify(sarif, null, 2) + '\n');
      written.push(`policy: wrote SARIF 2.1.0 (${report.stacks.reduce((n, s) => n + s.findings.length, 0)} results, ${ALL_RULES.length} rules) to ${args.sarif}`);
    }
    if (args.junit !== undefined) {
      write('--junit', args.junit, toJunit(report, { isBlocking, inBaseline }));
      written.push(`policy: wrote JUnit XML (${report.stacks.length} test suites) to ${args.junit}`);
    }
    if (args.writeBaseline !== undefined) {
      const entries = baselineOf(report);
      write('--write-baseline', args.writeBaseline, formatBaseline(entries));
      written.push(`policy: wrote baseline (${entries.length} open findings) to ${args.writeBaseline}`);
    }

    if (args.json) {
      const json = comparison ? { ...report, passed, baseline: baselineJson(comparison, args.baseline!) } : report;
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      for (const line of written) console.error(line);
    } else {
      // The verdict stays the last line: the files written are named first.
      for (const line of written) console.log(line);
      console.log(formatReport(report));
      if (comparison) console.log(formatBaselineComparison(comparison, args.baseline!));
    }
    return passed ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PolicySuppressionError || error instanceof BaselineError || error instanceof OutputFileError) console.error(error.message);
    else console.error((error as Error).stack ?? String(error));
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
