import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Stack name -> sha256 of its synthesized `cdk.tf.json`, in name order. */
export type OutputFingerprint = Record<string, string>;

/**
 * Fingerprints a synthesized output directory: one sha256 per stack's `cdk.tf.json`, read through
 * manifest.json. Byte-level on purpose: a refactor must not move a single byte of an existing stack.
 */
export function fingerprintOutput(outdir: string): OutputFingerprint {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const result: OutputFingerprint = {};
  for (const [stack, entry] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks).sort(([a], [b]) => a.localeCompare(b))) {
    result[stack] = createHash('sha256').update(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath))).digest('hex');
  }
  return result;
}

/** Lines describing how `current` differs from `pinned` for the stacks `pinned` names. */
export function fingerprintDrift(pinned: OutputFingerprint, current: OutputFingerprint): string[] {
  const drift: string[] = [];
  for (const [stack, hash] of Object.entries(pinned)) {
    if (!(stack in current)) drift.push(`${stack}: not synthesized any more`);
    else if (current[stack] !== hash) drift.push(`${stack}: cdk.tf.json changed (${hash.slice(0, 12)} -> ${current[stack].slice(0, 12)})`);
  }
  return drift;
}
