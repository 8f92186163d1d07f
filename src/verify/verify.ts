/**
 * The offline verification of a synthesized output: per stack one `terraform plan` of its
 * verification copy (offline-copy.ts) against the real provider, in parallel lanes; stacks whose
 * plan inputs are unchanged since their last green plan come from the cache (verify-cache.ts);
 * single-configuration stacks plan through a provider process shared per lane (provider-server.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONTRACTS_FILE, Contracts } from '../app/synthesize';
import { offlineCopy } from './offline-copy';
import { ProviderInit } from './provider-init';
import { ProviderLanes } from './provider-lanes';
import { BatchMember, batchFiles, createsByModule, groupForBatches, splitBalanced, unbatchableReason } from './batch-plan';
import { awsProviderBinary, hasSingleAwsConfiguration } from './provider-server';
import { stubState } from './stub-state';
import { cliConfigText, offlineTerraformEnv } from './terraform-env';
import { resourcesToAdd, runTerraform } from './terraform-run';
import { VerifyCache, planKey } from './verify-cache';

/** How to verify; every field has the default `npm run verify` uses. */
export interface VerifyOptions {
  /** Synthesized output to verify (manifest.json, contracts.json, stacks/). */
  readonly outdir: string;
  /** Work directory: verification copies, stubs, provider templates, the cache. */
  readonly workdir: string;
  /** @default 'terraform' */
  readonly terraform?: string;
  /**
   * Filesystem mirror of provider binaries.
   * @default - registry installation
   */
  readonly mirror?: string;
  /** Shared plugin cache directory. */
  readonly pluginCacheDir: string;
  /**
   * Parallel stacks.
   * @default - cores + 1
   */
  readonly jobs?: number;
  /**
   * Plan single-configuration stacks through a provider process shared per lane.
   * @default true
   */
  readonly sharedProvider?: boolean;
  /**
   * Plan every stack, also those unchanged since their last green plan.
   * @default false
   */
  readonly force?: boolean;
  /**
   * Plan stale stacks in batches, several stacks as modules of one Terraform run (batch-plan.ts),
   * when at least `BATCH_THRESHOLD` stacks need a plan; a failed batch is re-planned stack by stack.
   * @default true
   */
  readonly batch?: boolean;
  /**
   * Go's GC target (`GOGC`) of Terraform and the provider (terraform-env.ts).
   * @default VERIFY_GOGC_DEFAULT ('200')
   */
  readonly gogc?: string;
  /** Receives each report line. */
  readonly log: (line: string) => void;
}

export interface VerifySummary {
  readonly results: readonly StackResult[];
  readonly passed: boolean;
}

export type Via = 'shared provider' | 'own provider' | 'batched' | 'cached';

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly toAdd: number;
  readonly seconds: number;
  readonly via?: Via;
  /** The batch a batched stack was planned in, and its size; `seconds` is then the batch's. */
  readonly batch?: { readonly name: string; readonly stacks: number };
  readonly notes: string[];
  readonly failure?: string;
}

interface PreparedStack {
  readonly stack: string;
  readonly dir: string;
  readonly notes: string[];
  /** `terraform.required_providers` of the offline copy. */
  readonly required: Record<string, unknown>;
  readonly configuration: string;
  readonly upstreams: readonly string[];
  readonly singleAwsConfiguration: boolean;
  readonly resourceCount: number;
  readonly error?: string;
}

/** hashicorp providers with a binary in the mirror, e.g. ['aws']. */
function mirroredProviders(mirror: string): string[] {
  const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}


function tail(text: string, lines = 40): string {
  return text.trim().split('\n').slice(-lines).map((l) => `      ${l}`).join('\n');
}

interface Context {
  readonly env: NodeJS.ProcessEnv;
  readonly providers: ProviderInit;
  readonly lanes: ProviderLanes | undefined;
  readonly cache: VerifyCache;
  readonly stubs: ReadonlyMap<string, string>;
  readonly terraformVersion: string;
  readonly force: boolean;
  readonly terraform: string;
  /** Directory of the batch roots. */
  readonly batchRoot: string;
  readonly log: (line: string) => void;
}

interface Planned {
  readonly prepared: PreparedStack;
  readonly key: string;
}

/** A green record of the stack's current plan inputs, or the key its plan must be recorded under. */
async function lookup(p: PreparedStack, ctx: Context): Promise<{ result?: StackResult; planned?: Planned }> {
  const { stack, notes } = p;
  if (p.error) return { result: { stack, ok: false, toAdd: 0, seconds: 0, notes, failure: p.error } };
  const template = await ctx.providers.template(p.required, ctx.env);
  if (!template.ok) return { result: { stack, ok: false, toAdd: 0, seconds: 0, notes, failure: `init failed:\n${tail(template.output)}` } };
  const upstreamStates = Object.fromEntries(p.upstreams.map((up) => [up, ctx.stubs.get(up) ?? '']));
  const key = planKey({ configuration: p.configuration, upstreamStates, providerLock: template.lock, terraformVersion: ctx.terraformVersion });
  const green = ctx.force ? undefined : ctx.cache.lookup(stack, key);
  if (green) return { result: { stack, ok: true, toAdd: green.toAdd, seconds: 0, via: 'cached', notes } };
  return { planned: { prepared: p, key } };
}

function cleanDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale), { recursive: true, force: true });
}

const PLAN_ARGS = ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false'];

/** Plans one stack in its own directory (through the lane's shared provider when it has one configuration). */
async function planStack({ prepared: p, key }: Planned, lane: number, ctx: Context): Promise<StackResult> {
  const { stack, dir, notes } = p;
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  cleanDir(dir);
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), p.configuration);
  await ctx.providers.attach(dir, p.required, ctx.env);

  const server = p.singleAwsConfiguration && ctx.lanes ? await ctx.lanes.serverFor(lane) : undefined;
  let via: Via = server ? 'shared provider' : 'own provider';
  let plan = await runTerraform(ctx.terraform, PLAN_ARGS, dir, server ? server.env(ctx.env) : ctx.env);
  if (plan.code !== 0 && server) {
    // Tell a fault of the shared process from a fault of the stack: re-plan with its own provider.
    ctx.lanes!.discard(lane);
    const shared = plan;
    plan = await runTerraform(ctx.terraform, PLAN_ARGS, dir, ctx.env);
    via = 'own provider';
    if (plan.code === 0) notes.push(`the plan through the shared provider failed and passed with its own provider: ${shared.output.trim().split('\n').find((l) => l.startsWith('Error')) ?? 'exit ' + shared.code}`);
  }
  if (plan.code !== 0) {
    ctx.cache.forget(stack);
    return { stack, ok: false, toAdd: 0, seconds: seconds(), via, notes, failure: `plan failed (exit ${plan.code}):\n${tail(plan.output)}` };
  }
  const toAdd = resourcesToAdd(plan.output);
  if (toAdd === undefined) return { stack, ok: false, toAdd: 0, seconds: seconds(), via, notes, failure: `plan printed no summary:\n${tail(plan.output)}` };
  ctx.cache.recordGreen(stack, { key, toAdd, seconds: Number(seconds().toFixed(1)) });
  return { stack, ok: true, toAdd, seconds: seconds(), via, notes };
}

/** Below this many stale stacks each is planned alone: one small plan is cheaper than a batch. */
export const BATCH_THRESHOLD = 4;

interface Task {
  readonly batch?: Batch;
  readonly stack?: Planned;
  readonly weight: number;
}

/**
 * What to run: with batching and enough stale stacks, the batchable ones grouped by provider
 * configuration and split into about `jobs` batches of similar size overall; the rest one by one.
 * Heaviest first, so no lane is left with a big one at the end.
 */
function planTasks(stale: readonly Planned[], batching: boolean, jobs: number): Task[] {
  const alone: Planned[] = [];
  const members: BatchMember[] = [];
  const byStack = new Map(stale.map((s) => [s.prepared.stack, s]));
  for (const s of stale) {
    const json = batching && stale.length >= BATCH_THRESHOLD ? JSON.parse(s.prepared.configuration) : undefined;
    if (json && unbatchableReason(json) === undefined) members.push({ stack: s.prepared.stack, json, weight: Math.max(1, s.prepared.resourceCount) });
    else alone.push(s);
  }
  const tasks: Task[] = [];
  const totalWeight = members.reduce((n, m) => n + m.weight, 0);
  groupForBatches(members).forEach((group, g) => {
    const weight = group.members.reduce((n, m) => n + m.weight, 0);
    if (group.members.length === 1) {
      alone.push(byStack.get(group.members[0].stack)!);
      return;
    }
    // About one batch per job over all groups, each of two stacks at least (one alone is cheaper).
    const count = Math.max(1, Math.min(Math.round((weight / totalWeight) * jobs), Math.floor(group.members.length / 2)));
    splitBalanced(group.members, count).forEach((batch, b) => {
      const planned = batch.map((m) => byStack.get(m.stack)!);
      tasks.push({ batch: { name: `batch-${g + 1}-${b + 1}`, providers: group.providers, members: planned, modules: batch }, weight: batch.reduce((n, m) => n + m.weight, 0) });
    });
  });
  for (const s of alone) tasks.push({ stack: s, weight: (s.prepared.singleAwsConfiguration ? 1 : 2) * Math.max(1, s.prepared.resourceCount) });
  return tasks.sort((a, b) => b.weight - a.weight);
}

interface Batch {
  readonly name: string;
  readonly providers: readonly Record<string, unknown>[];
  readonly members: readonly Planned[];
  /** The members as modules (their parsed verification copies), in the same order. */
  readonly modules: readonly BatchMember[];
}

/**
 * Plans a batch of stacks in one Terraform run (batch-plan.ts). When the batch fails, or its
 * per-stack counts do not add up to the plan's total, every member is planned on its own, so each
 * verdict is a single stack's.
 */
async function planBatch(batch: Batch, lane: number, ctx: Context, report: (r: StackResult) => void): Promise<StackResult[]> {
  const started = Date.now();
  const dir = path.join(ctx.batchRoot, batch.name);
  cleanDir(dir);
  for (const [file, text] of Object.entries(batchFiles(batch.providers, batch.modules))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  await ctx.providers.attachProvidersOnly(dir, batch.members[0].prepared.required, ctx.env);
  // Records the local module sources in the batch's own module manifest (no download, no providers).
  const get = await runTerraform(ctx.terraform, ['get', '-no-color'], dir, ctx.env);
  const single = batch.providers.length === 1;
  const server = single && ctx.lanes && get.code === 0 ? await ctx.lanes.serverFor(lane) : undefined;
  const plan = get.code === 0 ? await runTerraform(ctx.terraform, PLAN_ARGS, dir, server ? server.env(ctx.env) : ctx.env) : get;
  const counts = createsByModule(plan.output);
  const total = resourcesToAdd(plan.output);
  const counted = [...counts.values()].reduce((a, b) => a + b, 0);
  if (plan.code === 0 && total !== undefined && total === counted) {
    const seconds = (Date.now() - started) / 1000;
    return batch.members.map(({ prepared: p, key }) => {
      const toAdd = counts.get(p.stack) ?? 0;
      ctx.cache.recordGreen(p.stack, { key, toAdd, seconds: Number((seconds / batch.members.length).toFixed(1)) });
      const result: StackResult = { stack: p.stack, ok: true, toAdd, seconds, via: 'batched', batch: { name: batch.name, stacks: batch.members.length }, notes: p.notes };
      report(result);
      return result;
    });
  }
  if (server && plan.code !== 0) ctx.lanes!.discard(lane);
  const why = plan.code !== 0 ? (plan.output.trim().split('\n').find((l) => l.startsWith('Error')) ?? `exit ${plan.code}`) : `per-stack counts ${counted} != plan total ${total}`;
  ctx.log(`      batch ${batch.name} (${batch.members.length} stacks) did not pass (${why}); planning its stacks one by one`);
  const results: StackResult[] = [];
  for (const member of batch.members) {
    const result = await planStack(member, lane, ctx);
    report(result);
    results.push(result);
  }
  return results;
}

/** Runs `work` over `items` in `size` lanes; each call knows its lane. */
async function pool<T, R>(items: readonly T[], size: number, work: (item: T, lane: number) => Promise<R>, done: (result: R) => void): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async (index: number) => {
    while (next < items.length) {
      const item = items[next++];
      const result = await work(item, index);
      done(result);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, (_, i) => lane(i)));
  return results;
}

function prepare(opts: VerifyOptions, stacks: readonly string[], manifest: any, contracts: Contracts, stubDir: string, available: string[] | undefined): PreparedStack[] {
  return stacks.map((stack) => {
    const dir = path.join(opts.workdir, 'stacks', stack);
    const base = { stack, dir, notes: [] as string[], required: {}, configuration: '', upstreams: [], singleAwsConfiguration: false, resourceCount: 0 };
    try {
      const source = JSON.parse(fs.readFileSync(path.join(opts.outdir, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
      const needed = Object.keys(source.terraform?.required_providers ?? {});
      const unavailable = available ? needed.filter((p) => !available.includes(p)) : [];
      const copy = offlineCopy(source, { stubPath: (up) => path.join(stubDir, `${up}.tfstate`), unavailableProviders: unavailable });
      const missing = copy.upstreams.filter((up) => !contracts[up]);
      const notes: string[] = [];
      if (copy.upstreams.length > 0) notes.push(`upstream stubs: ${copy.upstreams.join(', ')}`);
      if (copy.stoodIn.length > 0) notes.push(`stood in with terraform_data (no ${unavailable.join(', ')} provider binary in the mirror): ${copy.stoodIn.join(', ')}`);
      return {
        ...base,
        notes,
        required: copy.json.terraform?.required_providers ?? {},
        configuration: JSON.stringify(copy.json, null, 2),
        upstreams: copy.upstreams,
        singleAwsConfiguration: hasSingleAwsConfiguration(copy.json),
        resourceCount: Object.values<object>(copy.json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0),
        error: missing.length ? `reads ${missing.join(', ')}, which was not synthesized` : undefined,
      };
    } catch (error) {
      return { ...base, error: (error as Error).message };
    }
  });
}

/**
 * Plans every stack of a synthesized output offline (see scripts/verify.ts for the method), in
 * parallel lanes, skipping stacks whose plan inputs are unchanged since their last green plan.
 * Throws only when the output or Terraform itself is missing.
 */
export async function verify(opts: VerifyOptions): Promise<VerifySummary> {
  const started = Date.now();
  const log = opts.log;
  const terraform = opts.terraform ?? 'terraform';
  const jobs = opts.jobs ?? os.cpus().length + 1;
  const manifestFile = path.join(opts.outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`no synthesized output in ${opts.outdir}; synthesize first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const contracts: Contracts = JSON.parse(fs.readFileSync(path.join(opts.outdir, CONTRACTS_FILE), 'utf8'));
  const stacks = Object.keys(manifest.stacks).sort();

  const available = opts.mirror ? mirroredProviders(opts.mirror) : undefined;
  fs.mkdirSync(opts.workdir, { recursive: true });
  fs.mkdirSync(opts.pluginCacheDir, { recursive: true });
  const stubDir = path.join(opts.workdir, 'stubs');
  fs.mkdirSync(stubDir, { recursive: true });
  const cliConfig = path.join(opts.workdir, 'terraform.rc');
  fs.writeFileSync(cliConfig, cliConfigText(opts.mirror, opts.pluginCacheDir));

  const stubs = new Map<string, string>();
  for (const [stack, contract] of Object.entries(contracts)) {
    const state = stubState(stack, contract.outputs);
    stubs.set(stack, state);
    const file = path.join(stubDir, `${stack}.tfstate`);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== state) fs.writeFileSync(file, state);
  }

  const env = offlineTerraformEnv(cliConfig, opts.gogc);
  const version = await runTerraform(terraform, ['version', '-json'], opts.workdir, env);
  if (version.code !== 0) throw new Error(`${terraform} version failed: ${version.output.trim().split('\n')[0]}`);
  const terraformVersion = String(JSON.parse(version.output).terraform_version);

  const prepared = prepare(opts, stacks, manifest, contracts, stubDir, available);
  const providers = new ProviderInit(opts.workdir, terraform, cliConfig);
  // The AWS provider binary of the common provider set, for the shared provider processes.
  const awsOnly = prepared.find((p) => !p.error && Object.keys(p.required).join() === 'aws');
  const binary = awsOnly ? awsProviderBinary(path.join((await providers.template(awsOnly.required, env)).dir, '.terraform')) : undefined;
  const lanes = opts.sharedProvider === false ? undefined : new ProviderLanes(binary, env);
  const batchRoot = path.join(opts.workdir, 'batches');
  const ctx: Context = { env, providers, lanes, cache: new VerifyCache(path.join(opts.workdir, 'cache')), stubs, terraformVersion, force: !!opts.force, terraform, batchRoot, log };
  const batching = opts.batch !== false;
  log(
    `providers: ${opts.mirror ? `filesystem mirror ${opts.mirror} (${available!.join(', ')})` : 'registry'}; plugin cache ${opts.pluginCacheDir}; ` +
      `${jobs} parallel jobs; terraform ${terraformVersion}; ${opts.force ? 'every stack planned (--force)' : 'unchanged stacks from the cache'}` +
      `${batching ? `; stale stacks in batches from ${BATCH_THRESHOLD}` : ''}`,
  );

  const width = Math.max(...stacks.map((s) => s.length));
  const report = (r: StackResult) => {
    const timing = r.via === 'cached' ? 'unchanged' : `${r.seconds.toFixed(1).padStart(6)}s`;
    const how = r.batch ? `  (${r.batch.name}: ${r.batch.stacks} stacks in one plan)` : r.via && r.via !== 'cached' ? `  (${r.via})` : '';
    log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.stack.padEnd(width)}  ${String(r.toAdd).padStart(4)} to add  ${timing}${how}`);
    for (const note of r.notes) log(`      ${note}`);
    if (r.failure) log(`      ${r.failure}`);
  };

  const results: StackResult[] = [];
  const stale: Planned[] = [];
  for (const p of prepared) {
    const { result, planned } = await lookup(p, ctx);
    if (result) {
      report(result);
      results.push(result);
    } else stale.push(planned!);
  }
  const tasks = planTasks(stale, batching, jobs);
  try {
    await pool(
      tasks,
      jobs,
      (task, lane) => (task.batch ? planBatch(task.batch, lane, ctx, report) : planStack(task.stack!, lane, ctx).then((r) => (report(r), [r]))),
      (done) => results.push(...done),
    );
  } finally {
    lanes?.stopAll();
  }

  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((n, r) => n + r.toAdd, 0);
  const count = (via: Via) => results.filter((r) => r.via === via).length;
  const planned = count('shared provider') + count('own provider') + count('batched');
  log(
    `verified ${results.length} stacks (${total} resources to add) in ${((Date.now() - started) / 1000).toFixed(1)}s: ` +
      `${planned} planned (${count('batched')} in ${tasks.filter((t) => t.batch).length} batches, ${count('shared provider')} alone through a shared provider process), ` +
      `${count('cached')} unchanged since their last green plan`,
  );
  if (lanes?.unavailableReason && planned > 0) log(`shared provider process unavailable, every plan started its own: ${lanes.unavailableReason}`);
  if (failed.length > 0) log(`failed: ${failed.map((r) => r.stack).sort().join(', ')}`);
  log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return { results: [...results].sort((a, b) => a.stack.localeCompare(b.stack)), passed: failed.length === 0 && results.length > 0 };
}
