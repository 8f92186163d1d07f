import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../src/app/synthesize';
import { STATEFUL_RESOURCE_TYPES } from '../src/core/stateful';

/**
 * Drift alarm for construct IDs: the Terraform address of every stateful resource is pinned in
 * fixtures/stateful-addresses.json. An address that disappears must have a `moved` block (cdktf
 * `moveTo`), or the next apply destroys the resource. New addresses must be pinned on purpose:
 *   UPDATE_STATEFUL_ADDRESSES=1 npx jest __tests__/stateful-addresses.test.ts
 */
const PINNED = path.join(__dirname, 'fixtures', 'stateful-addresses.json');

function statefulAddresses(outdir: string): Record<string, { addresses: string[]; movedFrom: string[] }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const result: Record<string, { addresses: string[]; movedFrom: string[] }> = {};
  for (const [stack, entry] of Object.entries<any>(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), 'utf8'));
    const addresses = Object.entries<Record<string, unknown>>(json.resource ?? {})
      .filter(([type]) => STATEFUL_RESOURCE_TYPES.has(type))
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .sort();
    const movedFrom = (json.moved ?? []).map((m: { from: string }) => m.from);
    result[stack] = { addresses, movedFrom };
  }
  return result;
}

describe('stateful resource addresses', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'addresses-')), 'out');
  synthesize({}, outdir);
  const current = statefulAddresses(outdir);

  if (process.env.UPDATE_STATEFUL_ADDRESSES === '1') {
    const pinned = Object.fromEntries(Object.entries(current).sort(([a], [b]) => a.localeCompare(b)).map(([stack, v]) => [stack, v.addresses]));
    fs.writeFileSync(PINNED, JSON.stringify(pinned, null, 2) + '\n');
  }
  const pinned: Record<string, string[]> = JSON.parse(fs.readFileSync(PINNED, 'utf8'));

  test('every pinned stateful address still exists, or has a moved block', () => {
    const lost: string[] = [];
    for (const [stack, addresses] of Object.entries(pinned)) {
      const now = current[stack];
      if (!now) continue; // stack not synthesized in this selection
      for (const address of addresses) {
        if (!now.addresses.includes(address) && !now.movedFrom.includes(address)) lost.push(`${stack}: ${address}`);
      }
    }
    expect(lost).toEqual([]);
  });

  test('every stateful address is pinned', () => {
    const unpinned: string[] = [];
    for (const [stack, now] of Object.entries(current)) {
      for (const address of now.addresses) if (!(pinned[stack] ?? []).includes(address)) unpinned.push(`${stack}: ${address}`);
    }
    expect(unpinned).toEqual([]);
  });

  test('the pin covers every stack of the default synth', () => {
    expect(Object.keys(pinned).sort()).toEqual(Object.keys(current).sort());
  });
});
