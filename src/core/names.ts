/**
 * The systems this product builds, the environments, and the layer names a system may use. A layer
 * name says what a stack holds; the order in which a system's layers read each other is that
 * system's own (its blueprint's `reads`), not the order of this list.
 */
export const SYSTEMS = ['bidops', 'lang-portal', 'partner-mgmt', 'bird-agent'] as const;
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const LAYERS = ['network', 'data', 'ai', 'compute', 'edge'] as const;

/** A system's name: one of SYSTEMS in the product; any lower-case name for a test-only blueprint. */
export type SystemName = string;
export type EnvName = (typeof ENVIRONMENTS)[number];
export type LayerName = (typeof LAYERS)[number];

/** Lower-case letters, digits and single dashes: stack names, state keys and resource prefixes. */
export const SYSTEM_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Name of the bootstrap stack that creates the remote-state bucket and lock table. */
export const BOOTSTRAP_STACK = 'bootstrap';

export function stackName(system: SystemName, env: EnvName, layer: LayerName): string {
  return `${system}-${env}-${layer}`;
}

/** The S3 key of a stack's remote state: `<system>/<env>/<layer>.tfstate`. */
export function stateKey(system: SystemName, env: EnvName, layer: LayerName): string {
  return `${system}/${env}/${layer}.tfstate`;
}

export function isEnv(value: string): value is EnvName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

export function isLayer(value: string): value is LayerName {
  return (LAYERS as readonly string[]).includes(value);
}
