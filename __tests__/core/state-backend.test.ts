import { Testing } from 'cdktf';
import { loadStateConfig } from '../../src/config/platform';
import { BidopsNetworkStack } from '../../stacks/bidops/network';
import { bidopsBlueprint } from '../../stacks/bidops';
import { LayerGraph } from '../../src/core/layer-graph';
import { LayerContext, LayerStack, LayerStackProps } from '../../src/core/layer-stack';
import { Construct } from 'constructs';
import { PLATFORM, bidopsConfig, bidopsStacks, synthJson } from '../helpers';

const graph = new LayerGraph('bidops', bidopsBlueprint.layers);

/** A minimal data-layer stack that reads the network layer, to see how remote state is wired. */
class Reader extends LayerStack {
  constructor(scope: Construct, props: LayerStackProps, network: BidopsNetworkStack) {
    super(scope, 'data', { ...props, graph, upstreams: { network } });
    const remote = this.upstream('network');
    this.publish('read_vpc_id', remote.string('vpc_id'), { description: 'echo', sample: 'vpc-0' });
  }
}

function pair(vars: Record<string, string>) {
  const app = Testing.app();
  const props = { config: bidopsConfig('prod'), state: loadStateConfig(vars), platform: PLATFORM };
  const network = new BidopsNetworkStack(app, { ...props, graph, upstreams: {} });
  const reader = new Reader(app, props, network);
  return { network: synthJson(network), reader: synthJson(reader), readerStack: reader };
}

describe('remote state per stack', () => {
  test('S3 backend keyed <system>/<env>/<layer>.tfstate with DynamoDB locking and KMS', () => {
    const { network } = pair({});
    expect(network.terraform.backend.s3).toMatchObject({
      key: 'bidops/prod/network.tfstate',
      bucket: 'acme-platform-terraform-state',
      dynamodb_table: 'acme-platform-terraform-locks',
      encrypt: true,
    });
    expect(network.terraform.backend.s3.use_lockfile).toBeUndefined();
  });

  test('S3-native lockfile locking through an override, alone or with DynamoDB for migration', () => {
    const lockfile = pair({ TF_STATE_LOCKING: 'lockfile' }).network.terraform.backend.s3;
    expect(lockfile.use_lockfile).toBe(true);
    expect(lockfile.dynamodb_table).toBeUndefined();
    const both = pair({ TF_STATE_LOCKING: 'both' }).network.terraform.backend.s3;
    expect(both).toMatchObject({ use_lockfile: true, dynamodb_table: 'acme-platform-terraform-locks' });
  });

  test('downstream layers read upstream outputs through terraform_remote_state and depend on them', () => {
    const { reader, readerStack } = pair({});
    expect(reader.data.terraform_remote_state.network).toMatchObject({
      backend: 's3',
      config: { bucket: 'acme-platform-terraform-state', key: 'bidops/prod/network.tfstate', region: 'us-east-1' },
    });
    expect(reader.output.read_vpc_id.value).toBe('${data.terraform_remote_state.network.outputs.vpc_id}');
    expect(readerStack.dependencies.map((d) => d.node.id)).toEqual(['bidops-prod-network']);
  });

  test('Terraform Cloud: one workspace per stack, named after the stack, in the configured project', () => {
    const { network, reader } = pair({ STATE_BACKEND: 'cloud', TF_CLOUD_ORGANIZATION: 'acme', TF_CLOUD_PROJECT: 'platform' });
    expect(network.terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: 'bidops-prod-network', project: 'platform' } });
    expect(network.terraform.backend).toBeUndefined();
    expect(reader.data.terraform_remote_state.network).toMatchObject({ backend: 'remote', config: { organization: 'acme', workspaces: { name: 'bidops-prod-network' } } });
  });

  test('local backend for experiments, with local cross-stack reads', () => {
    const { network, reader } = pair({ STATE_BACKEND: 'local' });
    expect(network.terraform.backend.local.path).toBe('../../../terraform-state/bidops/prod/network.tfstate');
    expect(reader.data.terraform_remote_state.network).toMatchObject({ backend: 'local', config: { path: '../../../terraform-state/bidops/prod/network.tfstate' } });
  });

  test('reading an output the upstream does not publish fails at synth', () => {
    const app = Testing.app();
    const props = { config: bidopsConfig('dev'), state: loadStateConfig({}), platform: PLATFORM };
    const network = new BidopsNetworkStack(app, { ...props, graph, upstreams: {} });
    class Bad extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'data', { ...props, graph, upstreams: { network } });
        this.upstream('network').string('vpc_identifier');
      }
    }
    expect(() => new Bad(app)).toThrow('bidops-dev-network publishes no output "vpc_identifier"');
  });

  test('a layer may not read a later layer', () => {
    const app = Testing.app();
    const props = { config: bidopsConfig('dev'), state: loadStateConfig({}), platform: PLATFORM };
    const network = new BidopsNetworkStack(app, { ...props, graph, upstreams: {} });
    class Data extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'data', { ...props, graph, upstreams: { network } });
      }
    }
    const data = new Data(app);
    class BackwardsNetwork extends LayerStack {
      constructor(scope: Construct, upstreams: LayerContext['upstreams']) {
        super(scope, 'network', { ...props, config: bidopsConfig('staging'), graph, upstreams });
      }
      read() {
        return this.upstream('data');
      }
    }
    // network does not list data in its reads, so the app never hands it the data stack.
    expect(() => new BackwardsNetwork(Testing.app(), {}).read()).toThrow('bidops-staging-network reads the data layer, which its blueprint does not list in reads (it reads: nothing)');
    expect(() => new BackwardsNetwork(app, { data }).read()).toThrow('bidops-staging-network reads the data layer, which its blueprint does not list in reads');
    // A declared read handed another environment's stack is refused too.
    class StagingData extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'data', { ...props, config: bidopsConfig('staging'), graph, upstreams: { network } });
      }
      read() {
        return this.upstream('network');
      }
    }
    expect(() => new StagingData(app).read()).toThrow('bidops-staging-data may only read layers of bidops-staging, not bidops-dev-network');
    expect(network.node.id).toBe('bidops-dev-network');
  });
});

describe('providers per region', () => {
  test('a stack offers its own region, the secondary region and us-east-1, each provider once', () => {
    const config = bidopsConfig('dev', (c) => (c.secondaryRegion = 'us-west-2'));
    const stack = bidopsStacks('dev', 'network', (c) => (c.secondaryRegion = 'us-west-2')).network;
    expect(config.secondaryRegion).toBe('us-west-2');
    expect(stack.providerFor('us-east-1')).toBeUndefined(); // bidops' own region: the default provider
    const west = stack.providerFor('us-west-2')!;
    expect(stack.providerFor('us-west-2')).toBe(west);
    expect(stack.secondaryProvider).toBe(west);
    expect(() => stack.providerFor('eu-west-1')).toThrow('bidops-dev-network: no provider for eu-west-1; a stack offers its own region us-east-1, secondaryRegion (us-west-2) and us-east-1');
    const aws = [].concat(synthJson(stack).provider.aws) as any[];
    expect(aws.map((p) => [p.alias, p.region])).toEqual([[undefined, 'us-east-1'], ['us_west_2', 'us-west-2']]);
  });

  test('secondaryProvider without a configured secondary region is a programming error', () => {
    expect(() => bidopsStacks('dev', 'network').network.secondaryProvider).toThrow('secondaryProvider needs secondaryRegion');
  });
});
