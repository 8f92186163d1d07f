import { BatchMember, batchFiles, createsByModule, groupForBatches, splitBalanced, unbatchableReason } from '../../src/verify/batch-plan';

const member = (stack: string, json: Record<string, any>, weight = 1): BatchMember => ({ stack, json, weight });
const provider = (region: string, tags: Record<string, string>, alias?: string) => ({ ...(alias ? { alias } : {}), region, default_tags: [{ tags }], access_key: 'AKIA' });
const required = { aws: { source: 'aws', version: '5.100.0' } };

describe('unbatchableReason', () => {
  test('an AWS-only stack of ordinary blocks can be a module', () => {
    expect(unbatchableReason({ terraform: { required_providers: required }, provider: { aws: [provider('us-east-1', {})] }, resource: {}, data: {}, output: {}, moved: [] })).toBeUndefined();
  });

  test('another provider, input variables or root-only blocks keep a stack alone', () => {
    expect(unbatchableReason({ terraform: { required_providers: { ...required, random: {} } } })).toBe('providers other than aws: random');
    expect(unbatchableReason({ terraform: { required_providers: required }, variable: { x: {} } })).toMatch(/cannot hold or that need inputs: variable/);
    expect(unbatchableReason({ terraform: { required_providers: required }, import: [{ to: 'a.b', id: 'x' }] })).toMatch(/: import/);
  });
});

describe('groupForBatches', () => {
  test('stacks that differ only in default_tags share a group; another alias set is another group', () => {
    const a = member('a', { provider: { aws: [provider('us-east-1', { Layer: 'network' })] } });
    const b = member('b', { provider: { aws: [provider('us-east-1', { Layer: 'data' })] } });
    const dual = member('c', { provider: { aws: [provider('us-east-1', {}), provider('us-west-2', {}, 'us_west_2')] } });
    const groups = groupForBatches([a, dual, b]);
    expect(groups.map((g) => g.members.map((m) => m.stack))).toEqual([['a', 'b'], ['c']]);
    // The shared blocks carry no default_tags, the default configuration first.
    expect(groups[0].providers).toEqual([{ access_key: 'AKIA', region: 'us-east-1' }]);
    expect(groups[1].providers.map((p) => p.alias)).toEqual([undefined, 'us_west_2']);
  });
});

describe('splitBalanced', () => {
  test('heaviest first onto the lightest batch; members in name order', () => {
    // weights 50, 40, 30, 20 into 2: 50 -> A, 40 -> B, 30 -> B (40 < 50), 20 -> A (50 < 70): A=70, B=70.
    const batches = splitBalanced([member('w20', {}, 20), member('w50', {}, 50), member('w30', {}, 30), member('w40', {}, 40)], 2);
    expect(batches.map((b) => b.map((m) => m.stack))).toEqual([['w20', 'w50'], ['w30', 'w40']]);
  });

  test('never more batches than members', () => {
    expect(splitBalanced([member('only', {})], 3)).toHaveLength(1);
  });
});

describe('batchFiles', () => {
  const stack = (name: string) =>
    member(name, {
      '//': { metadata: name },
      terraform: { required_providers: required },
      provider: { aws: [provider('us-east-1', { Layer: name })] },
      resource: { aws_sqs_queue: { q: { name } } },
      output: { queue_url: { value: '${aws_sqs_queue.q.url}' }, secret: { value: 'x', sensitive: true } },
    });

  test('one root with the provider once, one module per stack without its provider block', () => {
    const files = batchFiles([{ region: 'us-east-1' }], [stack('s-one'), stack('s-two')]);
    expect(Object.keys(files).sort()).toEqual(['main.tf.json', 's-one/cdk.tf.json', 's-two/cdk.tf.json']);
    const root = JSON.parse(files['main.tf.json']);
    expect(root.provider).toEqual({ aws: [{ region: 'us-east-1' }] });
    expect(root.terraform.required_providers).toEqual(required);
    expect(root.module).toEqual({ 's-one': { source: './s-one' }, 's-two': { source: './s-two' } });
    const module = JSON.parse(files['s-one/cdk.tf.json']);
    expect(module.provider).toBeUndefined();
    expect(module.resource).toEqual({ aws_sqs_queue: { q: { name: 's-one' } } });
  });

  test('every stack output is re-exported from the root with its own sensitive marking', () => {
    const root = JSON.parse(batchFiles([{ region: 'us-east-1' }], [stack('s-one')])['main.tf.json']);
    expect(root.output).toEqual({
      's-one__queue_url': { value: '${module.s-one.queue_url}' },
      's-one__secret': { value: '${module.s-one.secret}', sensitive: true },
    });
  });

  test('aliased configurations are declared by each module and passed from the root', () => {
    const files = batchFiles([{ region: 'us-east-1' }, { alias: 'us_west_2', region: 'us-west-2' }], [stack('dual')]);
    const root = JSON.parse(files['main.tf.json']);
    expect(root.module.dual.providers).toEqual({ aws: 'aws', 'aws.us_west_2': 'aws.us_west_2' });
    expect(JSON.parse(files['dual/cdk.tf.json']).terraform.required_providers.aws).toEqual({ ...required.aws, configuration_aliases: ['aws.us_west_2'] });
  });
});

describe('createsByModule', () => {
  test('counts created resources per module, not data sources or changes', () => {
    const output = [
      '  # module.a-dev-network.aws_vpc.vpc will be created',
      '  # module.a-dev-network.aws_subnet.s["app-0"] will be created',
      '  # module.a-dev-data.aws_s3_bucket.b will be created',
      ' <= module.a-dev-data.data.aws_iam_policy_document.p will be read during apply',
      '  # module.a-dev-data.data.aws_caller_identity.c will be read during apply',
      '  # module.a-dev-data.aws_s3_bucket.old will be destroyed',
      'Plan: 3 to add, 0 to change, 1 to destroy.',
    ].join('\n');
    expect(Object.fromEntries(createsByModule(output))).toEqual({ 'a-dev-network': 2, 'a-dev-data': 1 });
  });
});
