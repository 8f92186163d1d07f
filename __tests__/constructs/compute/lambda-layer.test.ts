import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { LambdaFunction, hashDirectory } from '../../../src/constructs/compute/lambda-function';
import { LambdaLayer, LambdaLayerProps } from '../../../src/constructs/compute/lambda-layer';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';

const CODE = 'assets/lambda/shared-utilities';
const base: LambdaLayerProps = { layerName: 'sys-dev-shared-utilities', description: 'JSON responses, ISO dates, retries', code: CODE };

function stack(name = 'test'): TerraformStack {
  const s = new TerraformStack(Testing.app(), name);
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  return s;
}

function synthLayer(props: Partial<LambdaLayerProps> = {}): Json {
  const s = stack();
  new LambdaLayer(s, 'utils', { ...base, ...props });
  return synthJson(s);
}

describe('LambdaLayer', () => {
  test('layer version from the directory: deterministic hash, nodejs22.x on arm64 by default', () => {
    const layer = onlyResource(synthLayer(), 'aws_lambda_layer_version');
    const hash = hashDirectory(path.resolve(CODE))!;
    expect(layer).toMatchObject({
      layer_name: 'sys-dev-shared-utilities',
      description: 'JSON responses, ISO dates, retries',
      compatible_runtimes: ['nodejs22.x'],
      compatible_architectures: ['arm64'],
      source_code_hash: hash,
    });
    expect(layer.filename).toMatch(new RegExp(`^assets/utils_code_[A-Z0-9]+/${hash}/archive\\.zip$`));
    expect(layer.license_info).toBeUndefined();
  });

  test('runtimes, architectures and license as given', () => {
    const layer = onlyResource(
      synthLayer({ compatibleRuntimes: ['nodejs20.x', 'nodejs22.x'], compatibleArchitectures: ['arm64', 'x86_64'], licenseInfo: 'MIT' }),
      'aws_lambda_layer_version',
    );
    expect(layer).toMatchObject({ compatible_runtimes: ['nodejs20.x', 'nodejs22.x'], compatible_architectures: ['arm64', 'x86_64'], license_info: 'MIT' });
  });

  test('a function takes the layer version ARN', () => {
    const s = stack();
    const layer = new LambdaLayer(s, 'utils', base);
    new LambdaFunction(s, 'api', {
      functionName: 'sys-dev-api',
      description: 'API',
      accountId: '111111111111',
      region: 'us-east-1',
      kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k',
      layers: [layer.arn],
    });
    const json = synthJson(s);
    const [[layerId]] = resourcesOf(json, 'aws_lambda_layer_version');
    expect(onlyResource(json, 'aws_lambda_function').layers).toEqual([`\${aws_lambda_layer_version.${layerId}.arn}`]);
  });

  test('every resource goes on the given provider', () => {
    const s = stack();
    const west = new AwsProvider(s, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new LambdaLayer(s, 'utils', { ...base, provider: west });
    expect(onlyResource(synthJson(s), 'aws_lambda_layer_version').provider).toBe('aws.us_west_2');
  });

  test('deterministic: two synths give the same JSON', () => {
    const once = () => {
      const s = stack('same');
      new LambdaLayer(s, 'utils', base);
      return Testing.synth(s);
    };
    expect(once()).toBe(once());
  });

  test('a full synth writes the zip, with nodejs/node_modules/<module> at its root', () => {
    const s = stack('packaged');
    new LambdaLayer(s, 'utils', base);
    const outdir = Testing.fullSynth(s);
    try {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'packaged', 'cdk.tf.json'), 'utf8'));
      const zip = fs.readFileSync(path.join(outdir, 'stacks', 'packaged', onlyResource(json, 'aws_lambda_layer_version').filename));
      expect(zip.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
      expect(zip.includes(Buffer.from('nodejs/node_modules/shared-utilities/index.js'))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the packaged module works: JSON response, ISO dates, retry with backoff', async () => {
    const utils = require(path.resolve(CODE, 'nodejs/node_modules/shared-utilities'));
    expect(utils.jsonResponse(201, { id: 1 })).toEqual({ statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"id":1}' });
    expect(utils.toIsoDate(1700000000)).toBe('2023-11-14T22:13:20.000Z');
    expect(utils.toIsoDate('1700000000000')).toBe('2023-11-14T22:13:20.000Z');
    expect(() => utils.toIsoDate('not a date')).toThrow(TypeError);
    let calls = 0;
    await expect(utils.retry(async () => (++calls < 3 ? Promise.reject(new Error('busy')) : 'done'), { baseDelayMs: 1 })).resolves.toBe('done');
    expect(calls).toBe(3);
    await expect(utils.retry(async () => Promise.reject(new Error('fatal')), { shouldRetry: () => false })).rejects.toThrow('fatal');
  });

  describe('rejects bad props with the value and the fix', () => {
    test.each([
      [{ compatibleRuntimes: ['nodejs18.x'] }, 'LambdaLayer sys-dev-shared-utilities: compatibleRuntimes nodejs18.x are deprecated (LAM-01)'],
      [{ compatibleRuntimes: [] }, '0 compatibleRuntimes given; give 1-15'],
      [{ compatibleArchitectures: ['arm64', 'arm64'] }, 'compatibleArchitectures [arm64, arm64] must be arm64 and/or x86_64, each once'],
      [{ layerName: 'bad name' }, 'LambdaLayer utils: layerName "bad name" is not 1-140 letters'],
      [{ code: 'assets/lambda/nope' }, 'code directory "assets/lambda/nope" does not exist'],
      [{ code: 'assets/lambda/bootstrap' }, 'code directory "assets/lambda/bootstrap" has no nodejs/ folder; nodejs loads layers from /opt/nodejs'],
    ] as [Partial<LambdaLayerProps>, string][])('%j', (props, message) => {
      expect(() => synthLayer(props)).toThrow(message);
    });
  });
});
