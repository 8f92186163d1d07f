import { Testing } from 'cdktf';
import { loadStateConfig } from '../../src/config/platform';
import { NetworkStack } from '../../stacks/network-stack';
import { LayerStack, LayerStackProps } from '../../src/core/layer-stack';
import { Construct } from 'constructs';
import { PLATFORM, bidopsConfig, synthJson } from '../helpers';

/** A minimal data-layer stack that reads the network layer, to see how remote state is wired. */
class Reader extends LayerStack {
  constructor(scope: Construct, props: LayerStackProps, network: NetworkStack) {
    super(scope, 'data', props);
    const remote = this.upstream(network);
    this.publish('read_vpc_id', remote.string('vpc_id'), { description: 'echo', sample: 'vpc-0' });
  }
}

function pair(vars: Record<string, string>) {
  const app = Testing.app();
  const props = { config: bidopsConfig('prod'), state: loadStateConfig(vars), platform: PLATFORM };
  const network = new NetworkStack(app, props);
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
    const network = new NetworkStack(app, props);
    class Bad extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'data', props);
        this.upstream(network).string('vpc_identifier');
      }
    }
    expect(() => new Bad(app)).toThrow('bidops-dev-network publishes no output "vpc_identifier"');
  });

  test('a layer may not read a later layer', () => {
    const app = Testing.app();
    const props = { config: bidopsConfig('dev'), state: loadStateConfig({}), platform: PLATFORM };
    const network = new NetworkStack(app, props);
    class Data extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'data', props);
      }
    }
    const data = new Data(app);
    class BackwardsNetwork extends LayerStack {
      constructor(scope: Construct) {
        super(scope, 'network', { ...props, config: bidopsConfig('staging') });
      }
      read() {
        return this.upstream(data);
      }
    }
    expect(() => new BackwardsNetwork(app).read()).toThrow('may only read layers of bidops-staging');
    expect(network.node.id).toBe('bidops-dev-network');
  });
});
