import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fingerprintDrift, fingerprintOutput } from '../src/app/fingerprint';
import { synthesize } from '../src/app/synthesize';

/**
 * Byte-identity guard: every stack pinned in fixtures/output-fingerprint.json (bootstrap and every
 * stack of every built system) synthesizes to exactly the pinned bytes. Refactors are held to it; a deliberate
 * change re-pins with `npm run fingerprint -- --update`.
 */
const PINNED: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'output-fingerprint.json'), 'utf8'));

describe('output fingerprint', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-')), 'out');
  synthesize({}, outdir);
  const current = fingerprintOutput(outdir);

  test('pins bootstrap and every stack of every built system', () => {
    expect(Object.keys(PINNED)).toContain('bootstrap');
    for (const system of ['bidops', 'partner-mgmt']) expect(Object.keys(PINNED).filter((s) => s.startsWith(`${system}-`))).toHaveLength(15);
    expect(Object.keys(PINNED).sort()).toEqual(Object.keys(current).sort());
  });

  test('every pinned stack is byte-identical', () => {
    expect(fingerprintDrift(PINNED, current)).toEqual([]);
  });

  test('a changed byte is reported', () => {
    const tampered = { ...PINNED, bootstrap: '0'.repeat(64) };
    expect(fingerprintDrift(tampered, current)).toEqual([expect.stringMatching(/^bootstrap: cdk\.tf\.json changed \(000000000000 -> /)]);
  });
});
