/**
 * The built-in policy pack over the synthesized Terraform JSON (docs/POLICY.md).
 *
 *   npm run policy                   synthesize (honours SYSTEMS/ENVS/LAYERS), then check cdktf.out
 *   npm run policy -- --no-synth     check the existing cdktf.out
 *   npm run policy -- --json         machine-readable report on stdout
 *
 * Exit codes: 0 gate passed; 1 gate failed (an unsuppressed HIGH finding in any stack, or any
 * unsuppressed finding in a prod stack); 2 synth failed or a suppression is invalid.
 * Settings: CDKTF_OUTDIR (default cdktf.out).
 */
import * as path from 'path';
import { synthesize } from '../src/app/synthesize';
import { ConfigError } from '../src/config/errors';
import { PolicySuppressionError, evaluate, formatReport, readStacks } from '../src/policy';

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const noSynth = argv.includes('--no-synth');
  const unknown = argv.filter((a) => a !== '--json' && a !== '--no-synth');
  if (unknown.length > 0) {
    console.error(`policy: unknown argument(s) ${unknown.join(' ')} (use --json, --no-synth)`);
    return 2;
  }
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  try {
    if (!noSynth) synthesize(process.env, outdir);
    const stacks = readStacks(outdir);
    if (stacks.length === 0) {
      console.error(`policy: no stacks in ${outdir}; synthesize first (drop --no-synth)`);
      return 2;
    }
    const report = evaluate(stacks);
    if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else console.log(formatReport(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PolicySuppressionError) console.error(error.message);
    else console.error((error as Error).stack ?? String(error));
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
