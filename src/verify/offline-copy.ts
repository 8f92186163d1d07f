/**
 * Turns a synthesized cdk.tf.json into a copy that `terraform init/validate/plan` can run offline:
 * no backend (local state), fake credentials with the provider's skip flags and no assume_role,
 * every terraform_remote_state redirected to a local stub, and resources of providers that have no
 * binary available stood in by `terraform_data`. Only the verification copy changes.
 */
export type TerraformJson = Record<string, any>;

export interface OfflineCopyOptions {
  /** Path of the stub state file for an upstream stack name. */
  readonly stubPath: (upstreamStack: string) => string;
  /** Providers (local names, e.g. `random`) with no binary available: their resources are stood in. */
  readonly unavailableProviders: readonly string[];
}

export interface OfflineCopy {
  readonly json: TerraformJson;
  /** Upstream stacks whose outputs this stack reads. */
  readonly upstreams: string[];
  /** `type.name` of each stood-in resource. */
  readonly stoodIn: string[];
}

const FAKE_PROVIDER_SETTINGS = {
  access_key: 'AKIAIOSFODNN7EXAMPLE',
  secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};

export function offlineCopy(source: TerraformJson, options: OfflineCopyOptions): OfflineCopy {
  const json: TerraformJson = JSON.parse(JSON.stringify(source));
  const terraform = (json.terraform ??= {});
  delete terraform.backend;
  delete terraform.cloud;

  for (const aws of asList(json.provider?.aws)) {
    delete aws.assume_role;
    // allowed_account_ids needs the account ID, which the skip flags stop the provider from asking.
    delete aws.allowed_account_ids;
    Object.assign(aws, FAKE_PROVIDER_SETTINGS);
  }

  const upstreams: string[] = [];
  for (const [name, state] of Object.entries<any>(json.data?.terraform_remote_state ?? {})) {
    const upstream = upstreamStackOf(state);
    if (!upstream) throw new Error(`terraform_remote_state.${name}: cannot tell which stack it reads (backend ${state.backend})`);
    upstreams.push(upstream);
    json.data.terraform_remote_state[name] = { ...pickMeta(state), backend: 'local', config: { path: options.stubPath(upstream) } };
  }

  const stoodIn = standIn(json, options.unavailableProviders);
  return { json, upstreams: [...new Set(upstreams)].sort(), stoodIn };
}

/** Which stack a remote-state data source reads: from the S3 key, the workspace or the local path. */
export function upstreamStackOf(state: { backend?: string; config?: Record<string, any> }): string | undefined {
  const config = state.config ?? {};
  const fromKey = (key: string | undefined) => {
    const match = /(?:^|\/)([^/]+)\/([^/]+)\/([^/]+)\.tfstate$/.exec(key ?? '');
    return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  };
  switch (state.backend) {
    case 's3':
      return fromKey(config.key);
    case 'local':
      return fromKey(config.path);
    case 'remote':
      return config.workspaces?.name ?? asList(config.workspaces)[0]?.name;
    default:
      return undefined;
  }
}

function standIn(json: TerraformJson, providers: readonly string[]): string[] {
  const stoodIn: string[] = [];
  const renames: [RegExp, string][] = [];
  for (const provider of providers) {
    for (const [type, resources] of Object.entries<any>(json.resource ?? {})) {
      if (!type.startsWith(`${provider}_`)) continue;
      for (const [name, resource] of Object.entries<any>(resources)) {
        const standInName = `${type}_${name}`;
        json.resource.terraform_data ??= {};
        // Any attribute of the original (result, id, hex, ...) reads the stand-in's string output.
        json.resource.terraform_data[standInName] = {
          ...pickMeta(resource),
          input: `offline-verification-stand-in-for-${type}.${name}`,
        };
        renames.push([new RegExp(`\\b${escape(type)}\\.${escape(name)}\\.(\\w+)`, 'g'), `terraform_data.${standInName}.output`]);
        stoodIn.push(`${type}.${name}`);
      }
      delete json.resource[type];
    }
    delete json.provider?.[provider];
    delete json.terraform?.required_providers?.[provider];
  }
  if (renames.length === 0) return stoodIn;
  const rewritten = JSON.stringify(json, (_key, value) =>
    typeof value === 'string' ? renames.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), value) : value,
  );
  Object.assign(json, JSON.parse(rewritten));
  return stoodIn;
}

function pickMeta(block: Record<string, any>): Record<string, any> {
  const meta: Record<string, any> = {};
  for (const key of ['//', 'count', 'for_each', 'depends_on']) if (key in block) meta[key] = block[key];
  return meta;
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
