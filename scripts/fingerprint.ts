/**
 * Output fingerprint: the sha256 of every stack's `cdk.tf.json` in a default synth (no SYSTEMS/ENVS/
 * LAYERS, default backend), compared with `__tests__/fixtures/output-fingerprint.json`. A refactor
 * must leave every pinned stack byte-identical; a deliberate change re-pins with `--update` and says
 * why in its commit (and adds `moved` blocks where an address changes).
 *
 *   npm run fingerprint                 compare, exit 1 on drift
 *   npm run fingerprint -- --update     re-pin
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fingerprintDrift, fingerprintOutput } from '../src/app/fingerprint';
import { synthesize } from '../src/app/synthesize';

const PINNED = path.resolve('__tests__/fixtures/output-fingerprint.json');

const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-')), 'cdktf.out');
try {
  synthesize({}, outdir);
  const current = fingerprintOutput(outdir);
  if (process.argv.includes('--update')) {
    fs.writeFileSync(PINNED, JSON.stringify(current, null, 2) + '\n');
    console.log(`pinned ${Object.keys(current).length} stacks in ${path.relative(process.cwd(), PINNED)}`);
  } else {
    const drift = fingerprintDrift(JSON.parse(fs.readFileSync(PINNED, 'utf8')), current);
    for (const line of drift) console.log(line);
    console.log(drift.length === 0 ? `${Object.keys(current).length} stacks, every pinned stack byte-identical` : `${drift.length} pinned stacks changed`);
    if (drift.length > 0) process.exitCode = 1;
  }
} finally {
  fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
}
