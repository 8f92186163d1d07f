/**
 * Reading synthesized Terraform JSON for the diagrams: which stacks make up one system x environment,
 * which region a resource is in, and which other resources (or remote-state outputs) a resource
 * refers to, with the attribute the reference sits under.
 */
import { ENVIRONMENTS, LAYERS } from '../core/names';

export type Json = Readonly<Record<string, any>>;

/** One synthesized stack: its name and parsed `cdk.tf.json` (the shape `readStacks` returns). */
export interface StackJson {
  readonly name: string;
  readonly json: Json;
}

/** `<system>-<env>-<layer>`, split; undefined for any other stack (bootstrap). */
export interface StackId {
  readonly system: string;
  readonly env: string;
  readonly layer: string;
}

const STACK_NAME = new RegExp(`^([a-z][a-z0-9-]*)-(${ENVIRONMENTS.join('|')})-(${LAYERS.join('|')})$`);

export function parseStackName(name: string): StackId | undefined {
  const match = STACK_NAME.exec(name);
  return match ? { system: match[1], env: match[2], layer: match[3] } : undefined;
}

/** A reference found in a resource body (or an output value). */
export type Reference =
  | { readonly kind: 'resource'; readonly type: string; readonly name: string; readonly path: string }
  | { readonly kind: 'remote'; readonly source: string; readonly output: string; readonly path: string };

// `aws_lb.alb_1234.arn` (not preceded by `data.` or another identifier) and
// `data.terraform_remote_state.network.outputs.vpc_id`.
const RESOURCE_REF = /(?<![\w.-])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const REMOTE_REF = /(?<![\w.-])data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;

/** Keys that never carry a reference worth drawing: Terraform meta-arguments and CDKTF metadata. */
const META_KEYS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

/**
 * Every reference inside `value`, each with the attribute path it was found under (object keys
 * joined with `.`, list indices left out). `isResource(type, name)` says whether `type.name` is a
 * resource of the stack (so a literal that merely looks like one is not taken).
 */
export function findReferences(value: unknown, isResource: (type: string, name: string) => boolean, path = ''): Reference[] {
  const out: Reference[] = [];
  const walk = (v: unknown, at: string) => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(REMOTE_REF)) out.push({ kind: 'remote', source: m[1], output: m[2], path: at });
      for (const m of v.matchAll(RESOURCE_REF)) {
        if (m[1] !== 'terraform_remote_state' && isResource(m[1], m[2])) out.push({ kind: 'resource', type: m[1], name: m[2], path: at });
      }
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, at);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (META_KEYS.has(key)) continue;
        walk(child, at ? `${at}.${key}` : key);
      }
    }
  };
  walk(value, path);
  return out;
}

/** Region of each provider alias of the stack (`aws.us_west_2` -> `us-west-2`; `aws` -> default). */
export function providerRegions(json: Json): { readonly primary: string; readonly byAlias: ReadonlyMap<string, string> } {
  const configs: Json[] = json.provider?.aws ?? [];
  const primary = configs.find((p) => !p.alias)?.region ?? 'default';
  const byAlias = new Map<string, string>();
  for (const p of configs) if (p.alias) byAlias.set(`aws.${p.alias}`, p.region ?? primary);
  return { primary, byAlias };
}

/** The stack a `terraform_remote_state` data source reads, from its `config.key` `<system>/<env>/<layer>.tfstate`. */
export function remoteStateStack(json: Json, source: string): string | undefined {
  const key: unknown = json.data?.terraform_remote_state?.[source]?.config?.key;
  if (typeof key !== 'string') return undefined;
  const match = /^([^/]+)\/([^/]+)\/([^/]+)\.tfstate$/.exec(key);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
