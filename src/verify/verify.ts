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
  /** Receives each report line. */
  readonly log: (line: string) => void;
}

export interface VerifySummary {
  readonly results: readonly StackResult[];
  readonly passed: boolean;
}

export type Via = 'shared provider' | 'own provider' | 'cached';

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly toAdd: number;
  readonly seconds: number;
  readonly via?: Via;
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
}

async function verifyStack(p: PreparedStack, lane: number, ctx: Context): Promise<StackResult> {
  const { stack, dir, notes } = p;
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  if (p.error) return { stack, ok: false, toAdd: 0, seconds: 0, notes, failure: p.error };

  const template = await ctx.providers.template(p.required, ctx.env);
  if (!template.ok) return { stack, ok: false, toAdd: 0, seconds: seconds(), notes, failure: `init failed:\n${tail(template.output)}` };
  const upstreamStates = Object.fromEntries(p.upstreams.map((up) => [up, ctx.stubs.get(up) ?? '']));
  const key = planKey({ configuration: p.configuration, upstreamStates, providerLock: template.lock, terraformVersion: ctx.terraformVersion });
  const green = ctx.force ? undefined : ctx.cache.lookup(stack, key);
  if (green) return { stack, ok: true, toAdd: green.toAdd, seconds: 0, via: 'cached', notes };

  fs.mkdirSync(dir, { recursive: true });
  for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale), { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), p.configuration);
  await ctx.providers.attach(dir, p.required, ctx.env);

  const planArgs = ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false'];
  const server = p.singleAwsConfiguration && ctx.lanes ? await ctx.lanes.serverFor(lane) : undefined;
  let via: Via = server ? 'shared provider' : 'own provider';
  let plan = await runTerraform(ctx.terraform, planArgs, dir, server ? server.env(ctx.env) : ctx.env);
  if (plan.code !== 0 && server) {
    // Tell a fault of the shared process from a fault of the stack: re-plan with its own provider.
    ctx.lanes!.discard(lane);
    const shared = plan;
    plan = await runTerraform(ctx.terraform, planArgs, dir, ctx.env);
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

  const env = offlineTerraformEnv(cliConfig);
  const version = await runTerraform(terraform, ['version', '-json'], opts.workdir, env);
  if (version.code !== 0) throw new Error(`${terraform} version failed: ${version.output.trim().split('\n')[0]}`);
  const terraformVersion = String(JSON.parse(version.output).terraform_version);

  const prepared = prepare(opts, stacks, manifest, contracts, stubDir, available);
  const providers = new ProviderInit(opts.workdir, terraform, cliConfig);
  // The AWS provider binary of the common provider set, for the shared provider processes.
  const awsOnly = prepared.find((p) => !p.error && Object.keys(p.required).join() === 'aws');
  const binary = awsOnly ? awsProviderBinary(path.join((await providers.template(awsOnly.required, env)).dir, '.terraform')) : undefined;
  const lanes = opts.sharedProvider === false ? undefined : new ProviderLanes(binary, env);
  const ctx: Context = { env, providers, lanes, cache: new VerifyCache(path.join(opts.workdir, 'cache')), stubs, terraformVersion, force: !!opts.force, terraform };
  log(
    `providers: ${opts.mirror ? `filesystem mirror ${opts.mirror} (${available!.join(', ')})` : 'registry'}; plugin cache ${opts.pluginCacheDir}; ` +
      `${jobs} parallel jobs; terraform ${terraformVersion}; ${opts.force ? 'every stack planned (--force)' : 'unchanged stacks from the cache'}`,
  );

  // Longest first (a stack with its own provider, then by size), so no lane is left with a big one at the end.
  const order = [...prepared].sort((a, b) => Number(a.singleAwsConfiguration) - Number(b.singleAwsConfiguration) || b.resourceCount - a.resourceCount || a.stack.localeCompare(b.stack));
  const width = Math.max(...stacks.map((s) => s.length));
  const report = (r: StackResult) => {
    const timing = r.via === 'cached' ? 'unchanged' : `${r.seconds.toFixed(1).padStart(6)}s`;
    log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.stack.padEnd(width)}  ${String(r.toAdd).padStart(4)} to add  ${timing}${r.via && r.via !== 'cached' ? `  (${r.via})` : ''}`);
    for (const note of r.notes) log(`      ${note}`);
    if (r.failure) log(`      ${r.failure}`);
  };
  let results: StackResult[];
  try {
    results = await pool(order, jobs, (p, lane) => verifyStack(p, lane, ctx), report);
  } finally {
    lanes?.stopAll();
  }

  const failed = results.filter((r) => !r.ok);
  const total = results.reduce((n, r) => n + r.toAdd, 0);
  const count = (via: Via) => results.filter((r) => r.via === via).length;
  const planned = count('shared provider') + count('own provider');
  log(
    `verified ${results.length} stacks (${total} resources to add) in ${((Date.now() - started) / 1000).toFixed(1)}s: ` +
      `${planned} planned (${count('shared provider')} through a shared provider process), ${count('cached')} unchanged since their last green plan`,
  );
  if (lanes?.unavailableReason && planned > 0) log(`shared provider process unavailable, every plan started its own: ${lanes.unavailableReason}`);
  if (failed.length > 0) log(`failed: ${failed.map((r) => r.stack).sort().join(', ')}`);
  log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return { results: [...results].sort((a, b) => a.stack.localeCompare(b.stack)), passed: failed.length === 0 && results.length > 0 };
}
