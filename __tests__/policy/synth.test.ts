import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/app/synthesize';
import { ConfigError } from '../../src/config/errors';
import { SystemBlueprint } from '../../src/core/blueprint';
import { bidopsBlueprint } from '../../stacks/bidops';
import { bidopsConfig } from '../helpers';

const VARS = { SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'network' };

function definitionsWith(change: (draft: any) => void): SystemBlueprint[] {
  return [{ ...bidopsBlueprint, environments: { dev: bidopsConfig('dev', change) } }];
}

describe('policy pack at synth', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-synth-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails synth with no output for a never-suppress environment suppression', () => {
    const outdir = path.join(dir, 'cdktf.out');
    const definitions = definitionsWith((d) => (d.policySuppressions = [{ ruleId: 'NET-04', reason: 'open SSH for the demo please' }]));
    expect(() => synthesize(VARS, outdir, definitions)).toThrow(ConfigError);
    expect(() => synthesize(VARS, outdir, definitions)).toThrow(/bidops\/dev: policySuppressions\[0\]\.ruleId = "NET-04" may never be suppressed/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('carries valid environment suppressions into the stack JSON and reports them; findings do not fail synth', () => {
    const outdir = path.join(dir, 'cdktf.out');
    const definitions = definitionsWith((d) => (d.policySuppressions = [{ ruleId: 'NET-02', reason: 'dev demo subnets may map public IPs', layer: 'network', resource: 'aws_subnet.*' }]));
    const result = synthesize(VARS, outdir, definitions);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'bidops-dev-network', 'cdk.tf.json'), 'utf8'));
    expect(json['//'].policy_suppressions).toEqual([{ id: 'NET-02', reason: 'dev demo subnets may map public IPs', resource: 'aws_subnet.*' }]);
    const network = result.policy.stacks.find((s) => s.stack === 'bidops-dev-network')!;
    expect(network.suppressions.map((s) => [s.ruleId, s.scope])).toEqual(expect.arrayContaining([['NET-02', 'stack'], ['S3-05', 'resource']]));
    // The access-log bucket not logging into itself is a deliberate, recorded resource exception.
    const logs = network.findings.find((f) => f.ruleId === 'S3-05')!;
    expect(logs.suppressed?.scope).toBe('resource');
  });
});
