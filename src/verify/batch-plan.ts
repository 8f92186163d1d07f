/**
 * Batched plans: many stacks planned by one Terraform run, each stack a child module of a batch
 * root that holds the provider configurations once. A cold verify of ~60 stacks otherwise pays
 * Terraform's start-up (provider schema load and decode, about 2.5 s of CPU) once per stack.
 *
 * What a batch plan checks is what the stack's own plan checks (the same configuration, validation
 * and plan walk against the same provider), except the provider blocks: a module cannot configure
 * the provider its resources share with the other modules, so the stack's `default_tags` are not
 * merged into `tags_all`. Root-module checks stay: every stack output is re-exported from the
 * batch root with its own `sensitive` marking. The batch is an optimisation with a fallback: a batch that fails is
 * re-planned stack by stack, so a verdict (and the failure report) is always a single stack's.
 *
 * Pure functions; verify.ts runs them.
 */
import { TerraformJson } from './offline-copy';

/** A stack as the batch needs it: its name and the verification copy (offline-copy.ts). */
export interface BatchMember {
  readonly stack: string;
  readonly json: TerraformJson;
  /** Weight for splitting a group into batches of similar size (its resource count). */
  readonly weight: number;
}

/** Stacks that can share one batch root: the same provider configurations but for default_tags. */
export interface BatchGroup {
  /** The shared `provider.aws` blocks (default_tags removed), as written into the batch root. */
  readonly providers: readonly Record<string, unknown>[];
  readonly members: readonly BatchMember[];
}

const TOP_LEVEL_IN_MODULES = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'output', 'locals', 'check', 'moved', 'removed']);

/**
 * Why a stack cannot be planned as a module, or undefined when it can: only the AWS provider (and
 * Terraform's built-ins), no input variables (a module would need them passed), no blocks that only
 * a root module may hold (`import`), no modules of its own (their relative sources would move).
 */
export function unbatchableReason(json: TerraformJson): string | undefined {
  const other = Object.keys(json.terraform?.required_providers ?? {}).filter((name) => name !== 'aws');
  if (other.length > 0) return `providers other than aws: ${other.join(', ')}`;
  const extra = Object.keys(json).filter((key) => !TOP_LEVEL_IN_MODULES.has(key));
  if (extra.length > 0) return `blocks a child module cannot hold or that need inputs: ${extra.join(', ')}`;
  return undefined;
}

function awsBlocks(json: TerraformJson): Record<string, unknown>[] {
  const aws = json.provider?.aws;
  if (aws === undefined) return [{}];
  return Array.isArray(aws) ? aws : [aws];
}

/** A stack's provider blocks without default_tags, sorted by alias: what a batch root must hold. */
function sharedProviders(json: TerraformJson): Record<string, unknown>[] {
  return awsBlocks(json)
    .map((block) => {
      const { default_tags: _dropped, ...rest } = block as Record<string, unknown>;
      return Object.fromEntries(Object.keys(rest).sort().map((k) => [k, rest[k]]));
    })
    .sort((a, b) => String(a.alias ?? '').localeCompare(String(b.alias ?? '')));
}

/** Groups stacks by their provider configurations (default_tags aside), keeping input order. */
export function groupForBatches(members: readonly BatchMember[]): BatchGroup[] {
  const groups = new Map<string, { providers: Record<string, unknown>[]; members: BatchMember[] }>();
  for (const member of members) {
    const providers = sharedProviders(member.json);
    const key = JSON.stringify(providers);
    if (!groups.has(key)) groups.set(key, { providers, members: [] });
    groups.get(key)!.members.push(member);
  }
  return [...groups.values()];
}

/**
 * Splits members into `count` batches of similar total weight (largest first onto the lightest
 * batch), each batch's members in name order so the batch root is deterministic.
 */
export function splitBalanced(members: readonly BatchMember[], count: number): BatchMember[][] {
  const batches = Array.from({ length: Math.max(1, Math.min(count, members.length)) }, () => ({ weight: 0, members: [] as BatchMember[] }));
  const heaviestFirst = [...members].sort((a, b) => b.weight - a.weight || a.stack.localeCompare(b.stack));
  for (const member of heaviestFirst) {
    const lightest = batches.reduce((min, b) => (b.weight < min.weight ? b : min));
    lightest.weight += member.weight;
    lightest.members.push(member);
  }
  return batches.filter((b) => b.members.length > 0).map((b) => b.members.sort((x, y) => x.stack.localeCompare(y.stack)));
}

/** The files of a batch directory: `main.tf.json` (root) and `<stack>/cdk.tf.json` per member. */
export function batchFiles(providers: readonly Record<string, unknown>[], members: readonly BatchMember[]): Record<string, string> {
  const aliases = providers.map((p) => p.alias).filter((a): a is string => typeof a === 'string').sort();
  const required = members[0]?.json.terraform?.required_providers?.aws;
  const files: Record<string, string> = {};
  const modules: Record<string, unknown> = {};
  const outputs: Record<string, unknown> = {};
  for (const member of members) {
    const { provider: _own, ...module } = member.json;
    const terraform = { ...(module.terraform ?? {}) };
    if (aliases.length > 0) {
      // A module receives aliased configurations only when it declares them.
      terraform.required_providers = {
        ...terraform.required_providers,
        aws: { ...terraform.required_providers?.aws, configuration_aliases: aliases.map((a) => `aws.${a}`) },
      };
    }
    files[`${member.stack}/cdk.tf.json`] = JSON.stringify({ ...module, terraform }, null, 2);
    modules[member.stack] = {
      source: `./${member.stack}`,
      ...(aliases.length > 0 ? { providers: Object.fromEntries([['aws', 'aws'], ...aliases.map((a) => [`aws.${a}`, `aws.${a}`])]) } : {}),
    };
    // Terraform refuses a sensitive value in an unmarked output only in the root module: re-export
    // each output from the root with the stack's own marking, so the batch keeps that check.
    for (const [name, output] of Object.entries<Record<string, unknown>>(member.json.output ?? {})) {
      outputs[`${member.stack}__${name}`] = { value: `\${module.${member.stack}.${name}}`, ...(output.sensitive === true ? { sensitive: true } : {}) };
    }
  }
  files['main.tf.json'] = JSON.stringify(
    {
      terraform: { required_providers: required ? { aws: required } : {} },
      provider: { aws: providers },
      module: modules,
      ...(Object.keys(outputs).length > 0 ? { output: outputs } : {}),
    },
    null,
    2,
  );
  return files;
}

const CREATED = /^\s*# module\.([A-Za-z0-9_-]+)\.(?!data\.)\S+ will be created$/gm;

/** Resources each module's plan creates, from the plan's human output (`# module.<m>.<addr> will be created`). */
export function createsByModule(planOutput: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of planOutput.matchAll(CREATED)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  return counts;
}
