import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformOutput, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AccountBaseline } from '../config/baseline';
import { PlatformConfig, StateConfig } from '../config/platform';
import { ConfigSection, EnvironmentConfig, GLOBAL_SERVICES_REGION } from '../config/types';
import { LayerGraph } from './layer-graph';
import { LayerName, stackName, stateKey } from './names';
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
  /**
   * The account-wide singletons this environment owns (resolved over every configured system).
   * @default - a lone environment in its account: it owns every singleton
   */
  readonly baseline?: AccountBaseline;
}

/** Everything one layer's stack is built from: its props, its system's graph and the stacks it reads. */
export interface LayerContext extends LayerStackProps {
  /** The system's declared layers and reads. */
  readonly graph: LayerGraph;
  /** The already built stacks of the layers this layer reads (exactly its declared reads). */
  readonly upstreams: Readonly<Partial<Record<LayerName, LayerStack>>>;
}

const OUTPUT_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Base of every `<system>-<env>-<layer>` stack: AWS provider (region, assume_role, allowed account,
 * default tags) plus aliased ones for the environment's secondary region and us-east-1 on demand,
 * remote state keyed `<system>/<env>/<layer>.tfstate`, prod protection of stateful resources, and
 * the cross-layer contract: `publish` named outputs, read the declared upstream ones with `upstream`.
 */
export abstract class LayerStack extends TerraformStack {
  readonly config: EnvironmentConfig;
  readonly layer: LayerName;
  /** Prefix for resource names: `<system>-<env>`. */
  readonly prefix: string;
  /** The system's layer graph (which layers exist, who reads whom). */
  readonly graph: LayerGraph;
  /** The account-wide singletons this environment owns. */
  readonly baseline: AccountBaseline;
  private readonly published = new Map<string, PublishedOutput>();
  private readonly state: StateConfig;
  private readonly upstreams: LayerContext['upstreams'];
  private readonly reads = new Map<LayerName, RemoteLayer>();
  private readonly regionalProviders = new Map<string, AwsProvider>();

  protected constructor(scope: Construct, layer: LayerName, context: LayerContext) {
    const { config } = context;
    super(scope, stackName(config.system, config.env, layer));
    this.config = config;
    this.layer = layer;
    this.state = context.state;
    this.graph = context.graph;
    this.upstreams = context.upstreams;
    this.baseline = context.baseline ?? AccountBaseline.sole(config);
    this.prefix = `${config.system}-${config.env}`;

    new AwsProvider(this, 'aws', this.providerConfig(config.region));
    configureStateBackend(this, context.state, {
      key: stateKey(config.system, config.env, layer),
      workspace: stackName(config.system, config.env, layer),
    });
    if (config.protectStatefulResources) Aspects.of(this).add(new ProtectStatefulResources());
    // Environment policy suppressions (validated: reason, never-suppress) travel in the stack's "//".
    recordEnvironmentSuppressions(this, `${config.system}/${config.env}`, layer, config.policySuppressions);
  }

  /**
   * The AWS provider to pass to constructs in `region`: undefined (the stack's default provider)
   * for the environment's own region, otherwise an aliased provider, created on first use with the
   * same account guard, role and default tags. Only the environment's `secondaryRegion` and
   * us-east-1 (CloudFront certificates and WAF, and other global services) are offered.
   */
  providerFor(region: string): AwsProvider | undefined {
    const { config } = this;
    if (region === config.region) return undefined;
    if (region !== config.secondaryRegion && region !== GLOBAL_SERVICES_REGION) {
      throw new Error(`${this.node.id}: no provider for ${region}; a stack offers its own region ${config.region}, secondaryRegion (${config.secondaryRegion ?? 'not configured'}) and ${GLOBAL_SERVICES_REGION}`);
    }
    let provider = this.regionalProviders.get(region);
    if (!provider) {
      const alias = region.replace(/-/g, '_');
      provider = new AwsProvider(this, `aws-${region}`, { ...this.providerConfig(region), alias });
      this.regionalProviders.set(region, provider);
    }
    return provider;
  }

  /** The provider of the environment's secondary (DR) region; validation guarantees it is configured where used. */
  get secondaryProvider(): AwsProvider {
    const region = this.config.secondaryRegion;
    if (!region) throw new Error(`${this.node.id}: secondaryProvider needs secondaryRegion in the ${this.prefix} config`);
    return this.providerFor(region)!;
  }

  /**
   * A configuration section this layer needs. Its blueprint lists it in `needs`, so validation has
   * already rejected a config without it; a miss here is a programming error.
   */
  section<K extends ConfigSection>(name: K): NonNullable<EnvironmentConfig[K]> {
    const value = this.config[name];
    if (value === undefined || value === null) throw new Error(`${this.node.id}: config.${name} is missing; list '${name}' in the ${this.layer} layer's needs so validation reports it`);
    return value as NonNullable<EnvironmentConfig[K]>;
  }

  /** Whether this system declares `layer` (a layer that is declared may still be left out of a narrowed synth). */
  hasLayer(layer: LayerName): boolean {
    return this.graph.has(layer);
  }

  private providerConfig(region: string): AwsProviderConfig {
    const { config, layer } = this;
    return {
      region,
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
    };
  }

  /** `<system>-<env>-<purpose>-<account>`: bucket names are global. */
  bucketName(purpose: string): string {
    return `${this.prefix}-${purpose}-${this.config.accountId}`;
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
   * Reads a layer of the same system and environment through remote state, and makes this stack
   * depend on it so `cdktf deploy '*'` applies in order. Only a layer this layer declares in its
   * blueprint's `reads` can be read (the graph is checked for cycles before anything is built).
   * Each layer is read through one remote state however often it is asked for, so functions that
   * build parts of a stack may each ask.
   */
  upstream(layer: LayerName): RemoteLayer {
    const read = this.reads.get(layer) ?? this.readUpstream(layer);
    this.reads.set(layer, read);
    return read;
  }

  private readUpstream(layer: LayerName): RemoteLayer {
    if (!this.graph.reads(this.layer).includes(layer)) {
      throw new Error(`${this.node.id} reads the ${layer} layer, which its blueprint does not list in reads (it reads: ${this.graph.reads(this.layer).join(', ') || 'nothing'}); add it to the ${this.layer} layer's reads`);
    }
    const source = this.upstreams[layer];
    if (!source) throw new Error(`${this.node.id} reads the ${layer} layer, which was not built before it (build layers with buildLayers, in the graph's order)`);
    if (source.config.system !== this.config.system || source.config.env !== this.config.env) {
      throw new Error(`${this.node.id} may only read layers of ${this.prefix}, not ${source.node.id}`);
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
