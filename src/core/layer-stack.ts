import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformOutput, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PlatformConfig, StateConfig } from '../config/platform';
import { EnvironmentConfig } from '../config/types';
import { LayerName, layerRank, stackName, stateKey } from './names';
import { ProtectStatefulResources } from './protect-stateful';
import { recordEnvironmentSuppressions } from '../policy/suppressions';
import { configureStateBackend, remoteStateOf } from './state-backend';

export type OutputValue = string | number | boolean | readonly string[];

/** One published output: part of the layer's stable, documented contract. */
export interface PublishedOutput {
  readonly name: string;
  readonly description: string;
  /** A realistic placeholder of the same shape, for offline plans of downstream layers. */
  readonly sample: OutputValue;
  readonly sensitive: boolean;
}

export interface PublishOptions {
  readonly description: string;
  readonly sample: OutputValue;
  /** @default false */
  readonly sensitive?: boolean;
}

export interface LayerStackProps {
  readonly config: EnvironmentConfig;
  readonly state: StateConfig;
  readonly platform: PlatformConfig;
}

const OUTPUT_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Base of every `<system>-<env>-<layer>` stack: AWS provider (region, assume_role, allowed account,
 * default tags), remote state keyed `<system>/<env>/<layer>.tfstate`, prod protection of stateful
 * resources, and the cross-layer contract: `publish` named outputs, read upstream ones with `upstream`.
 */
export abstract class LayerStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly layer: LayerName;
  /** Prefix for resource names: `<system>-<env>`. */
  readonly prefix: string;
  private readonly published = new Map<string, PublishedOutput>();
  private readonly state: StateConfig;

  protected constructor(scope: Construct, layer: LayerName, props: LayerStackProps) {
    const { config } = props;
    super(scope, stackName(config.system, config.env, layer));
    this.config = config;
    this.layer = layer;
    this.state = props.state;
    this.prefix = `${config.system}-${config.env}`;

    new AwsProvider(this, 'aws', {
      region: config.region,
      allowedAccountIds: [config.accountId],
      assumeRole: config.deployRoleArn
        ? [{ roleArn: config.deployRoleArn, sessionName: `terraform-${this.prefix}-${layer}` }]
        : undefined,
      defaultTags: [
        {
          tags: {
            Project: config.project ?? config.system,
            System: config.system,
            Environment: config.env,
            Layer: layer,
            Owner: config.owner,
            CostCenter: config.costCenter,
            ManagedBy: 'terraform-cdktf',
          },
        },
      ],
    });
    configureStateBackend(this, props.state, {
      key: stateKey(config.system, config.env, layer),
      workspace: stackName(config.system, config.env, layer),
    });
    if (config.protectStatefulResources) Aspects.of(this).add(new ProtectStatefulResources());
    // Environment policy suppressions (validated: reason, never-suppress) travel in the stack's "//".
    recordEnvironmentSuppressions(this, `${config.system}/${config.env}`, layer, config.policySuppressions);
  }

  /** Publishes a named output. Names are stable API for `terraform_remote_state` readers. */
  publish(name: string, value: OutputValue, options: PublishOptions): void {
    if (!OUTPUT_NAME.test(name)) throw new Error(`${this.node.id}: output name "${name}" must be snake_case`);
    if (this.published.has(name)) throw new Error(`${this.node.id}: output "${name}" is published twice`);
    new TerraformOutput(this, name, {
      value,
      description: options.description,
      sensitive: options.sensitive,
      staticId: true,
    });
    this.published.set(name, { name, description: options.description, sample: options.sample, sensitive: options.sensitive ?? false });
  }

  /** The outputs this layer publishes, in publication order. */
  get contract(): readonly PublishedOutput[] {
    return [...this.published.values()];
  }

  /**
   * Reads an earlier layer of the same system and environment through remote state, and makes this
   * stack depend on it so `cdktf deploy '*'` applies in order. Only earlier layers may be read.
   */
  protected upstream(source: LayerStack): RemoteLayer {
    if (source.config.system !== this.config.system || source.config.env !== this.config.env) {
      throw new Error(`${this.node.id} may only read layers of ${this.prefix}, not ${source.node.id}`);
    }
    if (layerRank(source.layer) >= layerRank(this.layer)) {
      throw new Error(`${this.node.id} may not read ${source.node.id}: dependencies flow network -> data -> ai -> compute -> edge`);
    }
    this.addDependency(source);
    const data = remoteStateOf(this, source.layer, this.state, {
      key: stateKey(source.config.system, source.config.env, source.layer),
      workspace: source.node.id,
    });
    return new RemoteLayer(data, source);
  }
}

/** Typed access to an upstream layer's published outputs; unknown names fail at synth. */
export class RemoteLayer {
  constructor(
    private readonly data: TerraformRemoteState,
    private readonly source: LayerStack,
  ) {}

  string(name: string): string {
    this.expect(name, (s) => typeof s === 'string');
    return this.data.getString(name);
  }

  list(name: string): string[] {
    this.expect(name, (s) => Array.isArray(s));
    return this.data.getList(name);
  }

  number(name: string): number {
    this.expect(name, (s) => typeof s === 'number');
    return this.data.getNumber(name);
  }

  private expect(name: string, shape: (sample: OutputValue) => boolean): void {
    const output = this.source.contract.find((o) => o.name === name);
    if (!output) {
      throw new Error(`${this.source.node.id} publishes no output "${name}" (it has: ${this.source.contract.map((o) => o.name).join(', ')})`);
    }
    if (!shape(output.sample)) throw new Error(`${this.source.node.id} output "${name}" is read with the wrong type`);
  }
}
