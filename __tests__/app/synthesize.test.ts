import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONTRACTS_FILE, Contracts, synthesize } from '../../src/app/synthesize';
import { bidopsBlueprint } from '../../stacks/bidops';
import { bidopsConfig } from '../helpers';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('synthesize', () => {
  test('is deterministic: two synths of the whole app are byte-identical', () => {
    const a = path.join(scratch(), 'out');
    const b = path.join(scratch(), 'out');
    synthesize({}, a);
    synthesize({}, b);
    const filesA = filesUnder(a);
    expect(Object.keys(filesA).length).toBeGreaterThan(3);
    expect(filesUnder(b)).toEqual(filesA);
  });

  test('writes one stack per system/env/layer plus bootstrap, and the output contracts', () => {
    const out = path.join(scratch(), 'out');
    const result = synthesize({ SYSTEMS: 'bidops', ENVS: 'dev,prod', LAYERS: 'network' }, out);
    expect(result.stacks).toEqual(['bootstrap', 'bidops-dev-network', 'bidops-prod-network']);
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(['bidops-dev-network', 'bidops-prod-network', 'bootstrap']);
    const contracts: Contracts = JSON.parse(fs.readFileSync(path.join(out, CONTRACTS_FILE), 'utf8'));
    const vpc = contracts['bidops-dev-network'].outputs.find((o) => o.name === 'vpc_id')!;
    expect(vpc.sample).toMatch(/^vpc-0[0-9a-f]{16}$/);
  });

  test('declares stack dependencies in layer order, so cdktf deploy applies network first and edge last', () => {
    const out = path.join(scratch(), 'out');
    synthesize({ SYSTEMS: 'bidops', ENVS: 'staging' }, out);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const deps = (layer: string) => [...manifest.stacks[`bidops-staging-${layer}`].dependencies].sort();
    expect(deps('network')).toEqual([]);
    expect(deps('data')).toEqual(['bidops-staging-network']);
    expect(deps('ai')).toEqual(['bidops-staging-data', 'bidops-staging-network']);
    expect(deps('compute')).toEqual(['bidops-staging-ai', 'bidops-staging-data', 'bidops-staging-network']);
    expect(deps('edge')).toEqual(['bidops-staging-compute', 'bidops-staging-network']);
    // Every remote-state read points at an upstream of the same system/env.
    for (const layer of ['data', 'ai', 'compute', 'edge']) {
      const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', `bidops-staging-${layer}`, 'cdk.tf.json'), 'utf8'));
      const keys = Object.values<any>(json.data.terraform_remote_state).map((r) => r.config.key.replace(/^bidops\/staging\/|\.tfstate$/g, ''));
      expect(keys.map((k) => `bidops-staging-${k}`).sort()).toEqual(deps(layer));
    }
  });

  test('bad configuration fails before anything is written, and keeps the previous output', () => {
    const out = path.join(scratch(), 'out');
    synthesize({ SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'network' }, out);
    const before = filesUnder(out);
    const broken = [{ ...bidopsBlueprint, environments: { dev: bidopsConfig('dev', (c) => (c.network.vpcCidr = '10.0.0.0/99')) } }];
    expect(() => synthesize({ SYSTEMS: 'bidops', ENVS: 'dev' }, out, broken)).toThrow('bidops/dev: network.vpcCidr = "10.0.0.0/99"');
    expect(filesUnder(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['out']);
  });

  test('a failure during construction leaves no partial output', () => {
    const out = path.join(scratch(), 'out');
    // Validation passes; the edge layer's construction then fails after four stacks were built.
    const edge = bidopsBlueprint.layers.edge!;
    const broken = [{ ...bidopsBlueprint, layers: { ...bidopsBlueprint.layers, edge: { ...edge, build: () => { throw new Error('edge construction failed'); } } } }];
    expect(() => synthesize({}, out, broken)).toThrow('edge construction failed');
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });
});

describe('the synth command (dist/main.js)', () => {
  const main = path.resolve('dist/main.js');
  const run = (env: Record<string, string>) => {
    const cwd = scratch();
    fs.copyFileSync('backend.tf.json', path.join(cwd, 'backend.tf.json'));
    const result = spawnSync(process.execPath, [main], { cwd, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' });
    return { ...result, cwd };
  };

  test('exits non-zero with one clear message and writes nothing on bad input', () => {
    const result = run({ SYSTEMS: 'bidops', ENVS: 'qa' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration for selection: ENVS = "qa" is not a known env. Fix: use one of dev, staging, prod.');
    expect(fs.readdirSync(result.cwd)).toEqual(['backend.tf.json']);
  });

  test('synthesizes the selection and exits zero', () => {
    const result = run({ SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'network' });
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(result.cwd, 'cdktf.out', 'stacks')).sort()).toEqual(['bidops-dev-network', 'bootstrap']);
  });
});
