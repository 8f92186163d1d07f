/** The systems, environments and layers this project knows, in dependency order for layers. */
export const SYSTEMS = ['bidops', 'lang-portal', 'partner-mgmt', 'bird-agent'] as const;
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const LAYERS = ['network', 'data', 'ai', 'compute', 'edge'] as const;

export type SystemName = (typeof SYSTEMS)[number];
export type EnvName = (typeof ENVIRONMENTS)[number];
export type LayerName = (typeof LAYERS)[number];

/** Name of the bootstrap stack that creates the remote-state bucket and lock table. */
export const BOOTSTRAP_STACK = 'bootstrap';

export function stackName(system: SystemName, env: EnvName, layer: LayerName): string {
  return `${system}-${env}-${layer}`;
}

/** The S3 key of a stack's remote state: `<system>/<env>/<layer>.tfstate`. */
export function stateKey(system: SystemName, env: EnvName, layer: LayerName): string {
  return `${system}/${env}/${layer}.tfstate`;
}

export function isSystem(value: string): value is SystemName {
  return (SYSTEMS as readonly string[]).includes(value);
}

export function isEnv(value: string): value is EnvName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

export function isLayer(value: string): value is LayerName {
  return (LAYERS as readonly string[]).includes(value);
}

/** Position of a layer in the one-way dependency chain network -> data -> ai -> compute -> edge. */
export function layerRank(layer: LayerName): number {
  return LAYERS.indexOf(layer);
}
