/**
 * Synth benchmark: wall time and peak RSS of synthesizing everything the project has, as compiled
 * JS (what cdktf.json runs) against the default cdktf way (ts-node, which type-checks on every
 * synth), then the same at full size (60 stacks). Prints the medians and the ratios. Both sides run
 * scripts/bench-app.ts, which synthesizes exactly what main.ts does unless BENCH_FULL_SIZE=1.
 *
 *   npm run bench            BENCH_RUNS=5 npm run bench
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SYSTEMS } from '../src/core/names';
import { BLUEPRINTS } from '../stacks';

interface Sample {
  readonly seconds: number;
  readonly rssMiB: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const reporter = path.resolve('dist/scripts/rss-reporter.js');

function measure(label: string, args: string[], extraEnv: Record<string, string> = {}): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    const rssFile = path.join(dir, 'rss');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['-r', reporter, ...args], {
      env: { ...process.env, ...extraEnv, CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
    samples.push({ seconds, rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summary(label: string, samples: Sample[]): { seconds: number; rssMiB: number } {
  const seconds = median(samples.map((s) => s.seconds));
  const rssMiB = Math.max(...samples.map((s) => s.rssMiB));
  console.log(`${label.padEnd(28)} wall ${seconds.toFixed(2)} s (median of ${samples.length}: ${samples.map((s) => s.seconds.toFixed(2)).join(', ')})  peak RSS ${rssMiB.toFixed(0)} MiB`);
  return { seconds, rssMiB };
}

function countResources(extraEnv: Record<string, string>): { stacks: number; resources: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-count-'));
  spawnSync(process.execPath, ['dist/scripts/bench-app.js'], { env: { ...process.env, ...extraEnv, CDKTF_OUTDIR: dir } });
  const stacks = fs.readdirSync(path.join(dir, 'stacks'));
  let resources = 0;
  for (const stack of stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { stacks: stacks.length, resources };
}

function compare(title: string, extraEnv: Record<string, string>): void {
  const size = countResources(extraEnv);
  console.log(`\n${title}: ${size.stacks} stacks, ${size.resources} resources`);
  const compiled = summary('compiled (node, dist/)', measure('compiled', ['dist/scripts/bench-app.js'], extraEnv));
  const tsNode = summary('ts-node (type-checking)', measure('ts-node', ['-r', 'ts-node/register', 'scripts/bench-app.ts'], extraEnv));
  console.log(`speed-up ${(tsNode.seconds / compiled.seconds).toFixed(1)}x wall, ${(tsNode.rssMiB / compiled.rssMiB).toFixed(1)}x less peak memory`);
}

/** The type gate in front of synth (tools/build.js): cold (no green check recorded) and warm (nothing changed). */
function typeGate(): void {
  const time = (prepare: () => void) => {
    const samples: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      prepare();
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, ['tools/build.js'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`tools/build.js failed:\n${run.stderr}`);
      samples.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return median(samples);
  };
  const cold = time(() => ['.typecheck-ok', '.tsbuildinfo'].forEach((f) => fs.rmSync(path.join('dist', f), { force: true })));
  const warm = time(() => undefined);
  console.log(`\ntype gate (tools/build.js, before every synth): cold ${cold.toFixed(2)} s (full tsc), warm ${warm.toFixed(2)} s (nothing changed: hashes only)`);
}

console.log(`synth benchmark on ${os.cpus().length} cores, node ${process.version}, ${RUNS} runs each`);
typeGate();
compare('the project as configured (what `npm run synth` builds)', {});
const modelled = SYSTEMS.filter((system) => !BLUEPRINTS.some((b) => b.name === system));
compare(
  modelled.length > 0
    ? `full size, a MODEL: ${modelled.join(', ')} not built yet, stood in by bidops' blueprint under their names`
    : 'full size: every system as built',
  { BENCH_FULL_SIZE: '1' },
);
