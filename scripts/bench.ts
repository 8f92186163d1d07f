/**
 * Synth benchmark: wall time and peak RSS of synthesizing everything the project has, as compiled
 * JS (`node dist/main.js`, what cdktf.json runs) against the default cdktf way (`ts-node main.ts`,
 * which type-checks on every synth). Prints the medians and the ratio.
 *
 *   npm run bench            BENCH_RUNS=5 npm run bench
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Sample {
  readonly seconds: number;
  readonly rssMiB: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const reporter = path.resolve('dist/scripts/rss-reporter.js');

function measure(label: string, args: string[]): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    const rssFile = path.join(dir, 'rss');
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['-r', reporter, ...args], {
      env: { ...process.env, CDKTF_OUTDIR: path.join(dir, 'cdktf.out'), BENCH_RSS_FILE: rssFile },
      encoding: 'utf8',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
    const stacks = fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).length;
    samples.push({ seconds, rssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 });
    if (i === 0) console.log(`${label}: ${stacks} stacks`);
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

function countResources(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-count-'));
  spawnSync(process.execPath, ['dist/main.js'], { env: { ...process.env, CDKTF_OUTDIR: dir } });
  let total = 0;
  for (const stack of fs.readdirSync(path.join(dir, 'stacks'))) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    for (const byName of Object.values<Record<string, unknown>>(json.resource ?? {})) total += Object.keys(byName).length;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return total;
}

console.log(`synth benchmark on ${os.cpus().length} cores, node ${process.version}; ${countResources()} resources`);
const compiled = summary('compiled (node dist/main.js)', measure('compiled', ['dist/main.js']));
const tsNode = summary('ts-node main.ts', measure('ts-node', ['-r', 'ts-node/register', 'main.ts']));
console.log(`speed-up ${(tsNode.seconds / compiled.seconds).toFixed(1)}x wall, ${(tsNode.rssMiB / compiled.rssMiB).toFixed(1)}x less memory`);
