/**
 * Offline monthly cost estimate of the synthesized stacks (docs/cost.md).
 *
 *   npm run cost                          report per environment, summary, budget comparison
 *   npm run cost -- --json                machine-readable report
 *   npm run cost -- --detail              every resource with its arithmetic
 *   npm run cost -- --max-monthly 1500    exit 1 when a system x environment estimate exceeds $1,500
 *   npm run cost -- --diff base.out       "this change adds $X/month" against another synthesized output
 *
 * Reads CDKTF_OUTDIR (default cdktf.out); does not synthesize. Exit codes: 0 ok, 1 over
 * --max-monthly, 2 bad arguments or unreadable output.
 */
import { runCost } from '../src/cost/cli';

const result = runCost(process.argv.slice(2), process.env, process.cwd());
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
