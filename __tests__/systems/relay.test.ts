import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/app/synthesize';
import { LayerGraph } from '../../src/core/layer-graph';
import { Json } from '../helpers';
import { relayBlueprint } from './relay';

/**
 * The test-only `relay` system goes through the same machinery as the product's systems: blueprint,
 * graph (compute before ai, no network layer), validation, providers for a second region and
 * us-east-1, synth, and the offline terraform validate + plan of `npm run verify`.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-'));
const outdir = path.join(root, 'cdktf.out');
const result = synthesize({}, outdir, [relayBlueprint]);
const stack = (name: string): Json => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
const providers = (json: Json): Json[] => [].concat(json.provider.aws);

describe('test-only system relay', () => {
  test('deploys data, compute, ai, edge: compute before ai, no network layer', () => {
    expect(new LayerGraph('relay', relayBlueprint.layers).order).toEqual(['data', 'compute', 'ai', 'edge']);
    expect(result.stacks).toEqual(['bootstrap', ...['dev', 'prod'].flatMap((env) => ['data', 'compute', 'ai', 'edge'].map((l) => `relay-${env}-${l}`))]);
    const contracts = JSON.parse(fs.readFileSync(path.join(outdir, 'contracts.json'), 'utf8'));
    expect(contracts['relay-dev-ai'].dependsOn).toEqual(['relay-dev-data', 'relay-dev-compute']);
    expect(contracts['relay-dev-edge'].dependsOn).toEqual(['relay-dev-compute']);
    for (const name of result.stacks) expect(Object.keys(stack(name).resource ?? {}).filter((t) => t.startsWith('aws_vpc') || t === 'aws_subnet')).toEqual([]);
  });

  test('the data layer puts the replica in the secondary region through an aliased provider', () => {
    const data = stack('relay-dev-data');
    const aliased = providers(data).find((p) => p.alias === 'eu_central_1')!;
    expect(aliased).toMatchObject({ region: 'eu-central-1', allowed_account_ids: ['555555555555'], assume_role: [{ role_arn: 'arn:aws:iam::555555555555:role/terraform-deployer' }] });
    expect(aliased.default_tags).toEqual(providers(data).find((p) => !p.alias)!.default_tags);
    const buckets = Object.values<Json>(data.resource.aws_s3_bucket);
    expect(buckets.find((b) => b.bucket === 'relay-dev-events-dr-555555555555')?.provider).toBe('aws.eu_central_1');
    expect(buckets.find((b) => b.bucket === 'relay-dev-events-555555555555')?.provider).toBeUndefined();
    const replicaKeys = Object.values<Json>(data.resource.aws_kms_key).filter((k) => k.provider === 'aws.eu_central_1');
    expect(replicaKeys).toHaveLength(1);
  });

  test('the edge layer puts the CloudFront web ACL in us-east-1', () => {
    const edge = stack('relay-dev-edge');
    expect(providers(edge).map((p) => p.alias ?? 'default')).toEqual(['default', 'us_east_1']);
    expect(Object.values<Json>(edge.resource.aws_wafv2_web_acl)[0]).toMatchObject({ scope: 'CLOUDFRONT', provider: 'aws.us_east_1' });
  });

  test('a stack without another region has only its default provider', () => {
    expect(providers(stack('relay-dev-compute'))).toHaveLength(1);
  });

  test('passes the offline terraform validate and plan (dev: every layer, both aliased providers)', () => {
    const devOut = path.join(root, 'dev', 'cdktf.out');
    synthesize({ ENVS: 'dev' }, devOut, [relayBlueprint]);
    const run = spawnSync(process.execPath, ['dist/scripts/verify.js', '--no-synth'], {
      env: { ...process.env, CDKTF_OUTDIR: devOut, VERIFY_WORKDIR: path.join(root, 'verify') },
      encoding: 'utf8',
      timeout: 600_000,
    });
    for (const layer of ['data', 'compute', 'ai', 'edge']) expect(run.stdout).toMatch(new RegExp(`^PASS  relay-dev-${layer}\\s+\\d+ to add`, 'm'));
    expect(run.stdout).toMatch(/^5 passed, 0 failed$/m);
    expect(run.status).toBe(0);
  });
});
