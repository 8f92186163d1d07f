import { ENVIRONMENTS, LAYERS } from '../core/names';
import { block } from './helpers';
import { PolicyContext, PolicyResource, Referrer, StackInfo, SuppressionRecord } from './types';

/** One synthesized stack: its name and parsed `cdk.tf.json`. */
export interface StackDocument {
  readonly name: string;
  readonly json: Readonly<Record<string, any>>;
}

class Resource implements PolicyResource {
  readonly address: string;
  readonly path?: string;
  private readonly parsed = new Map<string, any>();

  constructor(
    readonly stack: string,
    readonly type: string,
    readonly name: string,
    readonly body: Readonly<Record<string, any>>,
  ) {
    this.address = `${type}.${name}`;
    this.path = body['//']?.metadata?.path;
  }

  json(attribute: string): any {
    if (this.parsed.has(attribute)) return this.parsed.get(attribute);
    const raw = this.body[attribute];
    let value: any;
    if (raw !== null && typeof raw === 'object') value = raw;
    else if (typeof raw === 'string') {
      const text = raw.trim();
      // A whole-value reference (`${aws_iam_policy_document.x.json}`) cannot be read here.
      if (!(text.startsWith('${') && text.endsWith('}') && !text.includes('"'))) {
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
      }
    }
    this.parsed.set(attribute, value);
    return value;
  }

  /** Suppressions recorded next to the resource (`"//": { "policy_suppressions": [...] }`). */
  get suppressions(): SuppressionRecord[] {
    const records = this.body['//']?.policy_suppressions;
    return Array.isArray(records) ? records : [];
  }
}

const NONE: PolicyResource[] = [];
const INTERPOLATION = /\$\{([^}]*)\}/g;
const REMOTE = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const ADDRESS = /(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)/g;
const STATE_KEY = /([^/]+)\/([^/]+)\/([^/.]+)\.tfstate$/;

/** Stack name `<system>-<env>-<layer>` split, or the env from the provider's default tags. */
export function stackInfo(name: string, json: Readonly<Record<string, any>>): StackInfo {
  let system: string | undefined;
  let env: string | undefined;
  let layer: string | undefined;
  const parts = name.split('-');
  if (parts.length >= 3) {
    const last = parts[parts.length - 1];
    const middle = parts[parts.length - 2];
    if ((LAYERS as readonly string[]).includes(last) && (ENVIRONMENTS as readonly string[]).includes(middle)) {
      layer = last;
      env = middle;
      system = parts.slice(0, -2).join('-');
    }
  }
  if (!env) {
    const providers = json.provider?.aws;
    for (const provider of Array.isArray(providers) ? providers : providers ? [providers] : []) {
      const tagged = block(provider?.default_tags)?.tags?.Environment;
      if (typeof tagged === 'string') {
        env = tagged;
        break;
      }
    }
  }
  return { name, system, env, layer, isProd: env === 'prod' };
}

/** A stack's resources indexed by type and address. */
export class StackModel {
  readonly info: StackInfo;
  readonly resources: Resource[] = [];
  readonly byType = new Map<string, Resource[]>();
  readonly byAddress = new Map<string, Resource>();
  /** `terraform_remote_state` data source name -> stack it reads. */
  readonly remoteStacks = new Map<string, string>();
  readonly outputs: Readonly<Record<string, any>>;
  readonly suppressions: SuppressionRecord[];

  constructor(readonly document: StackDocument) {
    const { json } = document;
    this.info = stackInfo(document.name, json);
    for (const [type, instances] of Object.entries<Record<string, any>>(json.resource ?? {})) {
      const ofType: Resource[] = [];
      for (const [name, body] of Object.entries<Record<string, any>>(instances ?? {})) {
        const resource = new Resource(document.name, type, name, body ?? {});
        ofType.push(resource);
        this.resources.push(resource);
        this.byAddress.set(resource.address, resource);
      }
      this.byType.set(type, ofType);
    }
    for (const [id, body] of Object.entries<Record<string, any>>(json.data?.terraform_remote_state ?? {})) {
      const config = body?.config ?? {};
      const location: string | undefined = config.key ?? config.path ?? config.workspaces?.name;
      const match = typeof location === 'string' ? STATE_KEY.exec(location) : null;
      if (match) this.remoteStacks.set(id, `${match[1]}-${match[2]}-${match[3]}`);
      else if (typeof location === 'string' && !location.includes('/')) this.remoteStacks.set(id, location);
      else if (this.info.system && this.info.env) this.remoteStacks.set(id, `${this.info.system}-${this.info.env}-${id}`);
    }
    this.outputs = json.output ?? {};
    const records = json['//']?.policy_suppressions;
    this.suppressions = Array.isArray(records) ? records : [];
  }

  get name(): string {
    return this.document.name;
  }
}

/** Calls `visit` with every string inside `value` (skipping cdktf metadata). */
function strings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, visit);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//') strings(v, visit);
  }
}

/** Attributes that are not data references (ordering and lifecycle meta-arguments). */
const META = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

/**
 * The stacks of one `<system>-<env>` (or a lone stack): resolves references across them
 * (`data.terraform_remote_state.<layer>.outputs.<name>` -> the upstream output's value) and answers
 * "who refers to this resource". Indexes are built once, on first use.
 */
export class PolicyGroup {
  private readonly byName = new Map<string, StackModel>();
  private referrerIndex?: Map<PolicyResource, Referrer[]>;
  private publishedIndex?: Set<PolicyResource>;
  private readonly typeCache = new Map<string, PolicyResource[]>();
  /** Per stack: interpolated string -> resources it refers to (strings repeat a lot: ARNs, IDs). */
  private readonly resolveCache = new Map<StackModel, Map<string, PolicyResource[]>>();

  constructor(readonly stacks: readonly StackModel[]) {
    for (const stack of stacks) this.byName.set(stack.name, stack);
  }

  resourcesOfType(type: string): readonly PolicyResource[] {
    let cached = this.typeCache.get(type);
    if (!cached) {
      cached = this.stacks.flatMap((s) => s.byType.get(type) ?? []);
      this.typeCache.set(type, cached);
    }
    return cached;
  }

  /** Resources referenced by one string, as seen from `stack`. */
  resolveString(stack: StackModel, text: string, depth = 0): PolicyResource[] {
    if (!text.includes('${')) return NONE;
    let cache = this.resolveCache.get(stack);
    if (!cache) this.resolveCache.set(stack, (cache = new Map()));
    const cached = cache.get(text);
    if (cached) return cached;
    const found: PolicyResource[] = [];
    for (const match of text.matchAll(INTERPOLATION)) {
      const expression = match[1];
      for (const remote of expression.matchAll(REMOTE)) {
        const upstream = this.byName.get(stack.remoteStacks.get(remote[1]) ?? '');
        const output = upstream?.outputs[remote[2]];
        if (upstream && output && depth < 5) found.push(...this.resolveValue(upstream, output.value, depth + 1));
      }
      for (const address of expression.matchAll(ADDRESS)) {
        const resource = stack.byAddress.get(`${address[1]}.${address[2]}`);
        if (resource) found.push(resource);
      }
    }
    const unique = found.length === 0 ? NONE : [...new Set(found)];
    cache.set(text, unique);
    return unique;
  }

  resolveValue(stack: StackModel, value: unknown, depth = 0): PolicyResource[] {
    const found = new Set<PolicyResource>();
    strings(value, (s) => {
      for (const r of this.resolveString(stack, s, depth)) found.add(r);
    });
    return [...found];
  }

  referrers(target: PolicyResource): readonly Referrer[] {
    if (!this.referrerIndex) this.buildIndexes();
    return this.referrerIndex!.get(target) ?? [];
  }

  isPublished(target: PolicyResource): boolean {
    if (!this.publishedIndex) this.buildIndexes();
    return this.publishedIndex!.has(target);
  }

  private buildIndexes(): void {
    const index = new Map<PolicyResource, Referrer[]>();
    const published = new Set<PolicyResource>();
    for (const stack of this.stacks) {
      for (const resource of stack.resources) {
        for (const [attribute, value] of Object.entries(resource.body)) {
          if (META.has(attribute)) continue;
          for (const target of this.resolveValue(stack, value)) {
            if (target === resource) continue;
            let list = index.get(target);
            if (!list) index.set(target, (list = []));
            if (!list.some((r) => r.resource === resource && r.attribute === attribute)) list.push({ resource, attribute });
          }
        }
      }
      for (const output of Object.values<any>(stack.outputs)) {
        for (const target of this.resolveValue(stack, output?.value)) published.add(target);
      }
    }
    this.referrerIndex = index;
    this.publishedIndex = published;
  }
}

/** The context a rule sees while evaluating one stack. */
export class StackContext implements PolicyContext {
  constructor(
    private readonly model: StackModel,
    private readonly group: PolicyGroup,
  ) {}

  get stack(): StackInfo {
    return this.model.info;
  }

  resources(type: string): readonly PolicyResource[] {
    return this.model.byType.get(type) ?? [];
  }

  groupResources(type: string): readonly PolicyResource[] {
    return this.group.resourcesOfType(type);
  }

  resolve(value: unknown): readonly PolicyResource[] {
    return this.group.resolveValue(this.model, value);
  }

  referrers(target: PolicyResource, type?: string, attribute?: string): readonly Referrer[] {
    return this.group.referrers(target).filter((r) => (!type || r.resource.type === type) && (!attribute || r.attribute === attribute));
  }

  isPublished(target: PolicyResource): boolean {
    return this.group.isPublished(target);
  }
}

/** Groups stacks by `<system>-<env>`; other stacks (bootstrap) form their own group. */
export function groupStacks(documents: readonly StackDocument[]): { model: StackModel; group: PolicyGroup }[] {
  const models = documents.map((d) => new StackModel(d));
  const byKey = new Map<string, StackModel[]>();
  for (const model of models) {
    const key = model.info.system && model.info.layer ? `${model.info.system}-${model.info.env}` : `stack:${model.name}`;
    let members = byKey.get(key);
    if (!members) byKey.set(key, (members = []));
    members.push(model);
  }
  const out: { model: StackModel; group: PolicyGroup }[] = [];
  for (const members of byKey.values()) {
    const group = new PolicyGroup(members);
    for (const model of members) out.push({ model, group });
  }
  return out;
}

export type { Resource };
