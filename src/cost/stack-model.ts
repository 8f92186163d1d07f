import { StackDocument, stackInfo } from '../policy/context';

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, any>>;
}

const WHOLE_REFERENCE = /^\$\{([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(\.[^}]*)?\}$/;
const REMOTE_OUTPUT = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;
const STATE_KEY = /([^/]+)\/([^/]+)\/([^/.]+)\.tfstate$/;
const DEFAULT_REGION = 'us-east-1';

/** All stacks of one synthesized output, by name, so a stack can follow its remote-state reads. */
export class StackIndex {
  readonly stacks: readonly CostStack[];
  private readonly byName = new Map<string, CostStack>();

  constructor(documents: readonly StackDocument[]) {
    this.stacks = [...documents].sort((a, b) => a.name.localeCompare(b.name)).map((d) => new CostStack(d, this));
    for (const stack of this.stacks) this.byName.set(stack.name, stack);
  }

  get(name: string): CostStack | undefined {
    return this.byName.get(name);
  }
}

/** One stack's Terraform JSON with the look-ups the cost rules need. */
export class CostStack {
  readonly name: string;
  readonly system?: string;
  readonly env?: string;
  readonly layer?: string;
  /** `<system>/<env>` for system stacks, else the stack name (bootstrap). */
  readonly group: string;
  private readonly json: Readonly<Record<string, any>>;
  private readonly regions = new Map<string, string>();
  private readonly remoteStacks = new Map<string, string>();

  constructor(
    document: StackDocument,
    private readonly index?: StackIndex,
  ) {
    this.name = document.name;
    this.json = document.json;
    const info = stackInfo(document.name, document.json);
    // Only a name of the form <system>-<env>-<layer> makes a system stack; a tag alone does not.
    if (info.system && info.layer) {
      this.system = info.system;
      this.env = info.env;
      this.layer = info.layer;
    }
    this.group = this.system && this.env ? `${this.system}/${this.env}` : this.name;
    const providers = this.json.provider?.aws;
    for (const provider of Array.isArray(providers) ? providers : providers ? [providers] : []) {
      const region = typeof provider?.region === 'string' && !provider.region.includes('${') ? provider.region : DEFAULT_REGION;
      this.regions.set(provider?.alias ? `aws.${provider.alias}` : 'aws', region);
    }
    for (const [id, body] of Object.entries<Record<string, any>>(this.json.data?.terraform_remote_state ?? {})) {
      const key = body?.config?.key;
      const match = typeof key === 'string' ? STATE_KEY.exec(key) : null;
      if (match) this.remoteStacks.set(id, `${match[1]}-${match[2]}-${match[3]}`);
    }
  }

  /** Every resource, sorted by type then name (deterministic order). */
  resources(): ResourceRef[] {
    const out: ResourceRef[] = [];
    for (const type of Object.keys(this.json.resource ?? {}).sort()) {
      for (const [name, body] of this.ofType(type)) out.push({ type, name, body });
    }
    return out;
  }

  /** Resources of one type as [name, body], sorted by name (a null body reads as `{}`). */
  ofType(type: string): [string, Readonly<Record<string, any>>][] {
    const instances = this.json.resource?.[type];
    if (!instances || typeof instances !== 'object') return [];
    return Object.entries<Record<string, any>>(instances)
      .map(([name, body]): [string, Record<string, any>] => [name, body && typeof body === 'object' ? body : {}])
      .sort(([a], [b]) => a.localeCompare(b));
  }

  /** `<stack>:<type>.<name>` of every resource of `type` in this stack's group (system x env), sorted. */
  groupAddresses(type: string): string[] {
    const stacks = this.index ? this.index.stacks.filter((s) => s.group === this.group) : [this];
    return stacks.flatMap((s) => s.ofType(type).map(([name]) => `${s.name}:${type}.${name}`)).sort();
  }

  /** Region of a resource: its `provider` alias, else the default provider's region. */
  regionOf(body: Readonly<Record<string, any>>): string {
    const provider = typeof body.provider === 'string' ? body.provider : 'aws';
    return this.regions.get(provider) ?? this.regions.get('aws') ?? DEFAULT_REGION;
  }

  /** The resource a whole-value reference (`${aws_x.name.attr}`) points at, if it is in this stack. */
  ref(value: unknown): ResourceRef | undefined {
    if (typeof value !== 'string') return undefined;
    const match = WHOLE_REFERENCE.exec(value.trim());
    if (!match || match[1] === 'data') return undefined;
    const body = this.json.resource?.[match[1]]?.[match[2]];
    return body && typeof body === 'object' ? { type: match[1], name: match[2], body } : undefined;
  }

  /** Resources of `type` whose attribute `attribute` (any depth) mentions `target`'s address. */
  referrers(type: string, target: ResourceRef, attribute?: string): ResourceRef[] {
    const needle = `\${${target.type}.${target.name}.`;
    return this.ofType(type)
      .filter(([, body]) => JSON.stringify(attribute ? body[attribute] : body)?.includes(needle))
      .map(([name, body]) => ({ type, name, body }));
  }

  /**
   * Length of a list attribute: a literal list, or a remote-state output read from the stack that
   * publishes it (`${data.terraform_remote_state.network.outputs.private_app_subnet_ids}`).
   * Undefined when it cannot be known from the synthesized files.
   */
  listLength(value: unknown, depth = 0): number | undefined {
    if (Array.isArray(value)) return value.length;
    if (typeof value !== 'string' || depth > 3) return undefined;
    const match = REMOTE_OUTPUT.exec(value.trim());
    if (!match) return undefined;
    const target = this.index?.get(this.remoteStacks.get(match[1]) ?? '');
    const output = target?.json.output?.[match[2]];
    return output ? target!.listLength(output.value, depth + 1) : undefined;
  }
}
