/**
 * Verify benchmark on the real app: synthesizes every stack once into a scratch directory, then
 * measures three runs of the verify in a fresh work directory (the plugin cache is shared):
 *   cold       nothing cached: every stack planned (provider templates initialized too)
 *   unchanged  the same output again: nothing to plan
 *   one change one stack's configuration changed (a parameter added to BENCH_STACK): only it is planned
 * and compares them with the targets (2 min, 10 s, 20 s), each with the machine's busy CPU seconds (a
 * slower machine shows as more CPU for the same work). Never a test: timings depend on the machine.
 *
 *   npm run bench:verify          BENCH_STACK=bidops-prod-compute npm run bench:verify
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../src/app/synthesize';
import { resolveMirror } from '../src/verify/terraform-env';
import { verify } from '../src/verify/verify';

const TARGETS = { cold: 120, unchanged: 10, oneChange: 20 };
const STACK = process.env.BENCH_STACK ?? 'bidops-prod-compute';

/**
 * The machine's busy and stolen CPU seconds so far (Linux /proc/stat; undefined elsewhere). A run's
 * share tells a slower machine (more CPU seconds, or steal) from more work; it counts every process,
 * so it means something only on an otherwise quiet machine.
 */
function machineCpu(): { busy: number; steal: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const hz = 100; // USER_HZ on Linux
    return { busy: (user + nice + system + irq + softirq) / hz, steal: (steal ?? 0) / hz };
  } catch {
    return undefined;
  }
}

async function timed(label: string, run: () => Promise<{ passed: boolean; planned: number }>): Promise<number> {
  const cpuBefore = machineCpu();
  const started = process.hrtime.bigint();
  const { passed, planned } = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = machineCpu();
  const cpu = cpuBefore && cpuAfter ? `  (machine CPU ${(cpuAfter.busy - cpuBefore.busy).toFixed(0)} s busy, ${(cpuAfter.steal - cpuBefore.steal).toFixed(0)} s stolen)` : '';
  console.log(`${label.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s  ${planned} stacks planned${passed ? '' : '  (FAILED)'}${cpu}`);
  if (!passed) process.exitCode = 1;
  return seconds;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  try {
    const outdir = path.join(root, 'out');
    const synthStarted = Date.now();
    const synth = synthesize({ ...process.env, CDKTF_OUTDIR: outdir }, outdir);
    console.log(`synthesized ${synth.stacks.length} stacks in ${((Date.now() - synthStarted) / 1000).toFixed(1)} s (not counted); ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
    const lines: string[] = [];
    const run = async (force = false) => {
      const summary = await verify({
        outdir,
        workdir: path.join(root, 'work'),
        mirror: resolveMirror(process.env),
        pluginCacheDir: path.resolve(process.env.TF_PLUGIN_CACHE_DIR ?? '.verify/plugin-cache'),
        force,
        gogc: process.env.VERIFY_GOGC,
        log: (line) => lines.push(line),
      });
      return { passed: summary.passed, planned: summary.results.filter((r) => r.via !== 'cached').length };
    };
    const cold = await timed('cold', () => run());
    const unchanged = await timed('unchanged', () => run());
    const file = path.join(outdir, 'stacks', STACK, 'cdk.tf.json');
    if (!fs.existsSync(file)) throw new Error(`BENCH_STACK ${STACK} was not synthesized; name a stack of cdktf.out`);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.resource.aws_ssm_parameter = { ...json.resource.aws_ssm_parameter, bench_probe: { name: `/bench/${STACK}`, type: 'String', value: 'changed' } };
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    const oneChange = await timed('one change', () => run());
    const verdict = (seconds: number, target: number) => `${seconds.toFixed(1)} s (target ${target} s: ${seconds <= target ? 'met' : 'MISSED'})`;
    console.log(`cold ${verdict(cold, TARGETS.cold)}; unchanged ${verdict(unchanged, TARGETS.unchanged)}; one change ${verdict(oneChange, TARGETS.oneChange)}`);
    if (process.env.BENCH_VERBOSE) console.log(lines.join('\n'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:verify: ${(error as Error).message}`);
  process.exitCode = 2;
});
