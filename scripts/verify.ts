/**
 * Offline verification of every synthesized stack: synth, then `terraform init` (providers from the
 * local filesystem mirror, shared plugin cache; once per provider set), and per stack
 * `terraform validate` against the real provider schema and `terraform plan` with fake credentials
 * and stubbed upstream states.
 *
 *   npm run verify                 synth (honours SYSTEMS/ENVS/LAYERS) and verify every stack
 *   npm run verify -- --no-synth   verify the existing cdktf.out
 *
 * Settings: TF_PROVIDER_MIRROR (mirror directory, or `none` for the registry; default
 * /opt/tf-plugins when present), TF_PLUGIN_CACHE_DIR (default .verify/plugin-cache),
 * VERIFY_JOBS (parallel stacks; default cores + 1), VERIFY_WORKDIR (default .verify),
 * TERRAFORM_BIN (default terraform).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONTRACTS_FILE, Contracts, synthesize } from '../src/app/synthesize';
import { ConfigError } from '../src/config/errors';
import { offlineCopy } from '../src/verify/offline-copy';
import { stubState } from '../src/verify/stub-state';

const ROOT = process.cwd();
const OUTDIR = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
const WORK = path.resolve(process.env.VERIFY_WORKDIR ?? '.verify');
const TERRAFORM = process.env.TERRAFORM_BIN ?? 'terraform';
const JOBS = Number(process.env.VERIFY_JOBS ?? os.cpus().length + 1);

interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly toAdd: number;
  readonly seconds: number;
  readonly notes: string[];
  readonly failure?: string;
}

function resolveMirror(): string | undefined {
  const configured = process.env.TF_PROVIDER_MIRROR;
  if (configured === 'none') return undefined;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`TF_PROVIDER_MIRROR=${configured} does not exist`);
    return path.resolve(configured);
  }
  return fs.existsSync('/opt/tf-plugins') ? '/opt/tf-plugins' : undefined;
}

/** hashicorp providers with a binary in the mirror, e.g. ['aws']. */
function mirroredProviders(mirror: string): string[] {
  const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function writeCliConfig(mirror: string | undefined, cacheDir: string): string {
  const file = path.join(WORK, 'terraform.rc');
  const installation = mirror
    ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`
    : '';
  fs.writeFileSync(file, `${installation}plugin_cache_dir = ${JSON.stringify(cacheDir)}\n`);
  return file;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TERRAFORM, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function tail(text: string, lines = 40): string {
  return text.trim().split('\n').slice(-lines).map((l) => `      ${l}`).join('\n');
}

/**
 * `terraform init` once per distinct provider set (a small template directory), then every stack
 * with that set links the template's `.terraform` and copies its lock file. Initializing each stack
 * would re-hash the ~700 MB AWS provider binary every time.
 */
class ProviderInit {
  private readonly templates = new Map<string, Promise<{ ok: boolean; output: string; dir: string }>>();

  constructor(private readonly root: string) {}

  /** `required` is the stack's `terraform.required_providers` (of the offline copy). */
  async attach(dir: string, required: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
    const signature = JSON.stringify(Object.keys(required).sort().map((name) => [name, required[name]]));
    if (!this.templates.has(signature)) this.templates.set(signature, this.initTemplate(signature, required, env));
    const template = await this.templates.get(signature)!;
    if (!template.ok) return template;
    fs.rmSync(path.join(dir, '.terraform'), { recursive: true, force: true });
    fs.symlinkSync(path.join(template.dir, '.terraform'), path.join(dir, '.terraform'));
    fs.copyFileSync(path.join(template.dir, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
    return template;
  }

  private async initTemplate(signature: string, required: object, env: NodeJS.ProcessEnv) {
    const dir = path.join(this.root, `providers-${this.templates.size}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ '//': signature, terraform: { required_providers: required } }));
    const { code, output } = await run(['init', '-input=false', '-no-color', '-backend=false'], dir, env);
    return { ok: code === 0, output, dir };
  }
}

interface PreparedStack {
  readonly stack: string;
  readonly dir: string;
  readonly notes: string[];
  /** `terraform.required_providers` of the offline copy. */
  readonly required: Record<string, unknown>;
  readonly error?: string;
}

async function verifyStack({ stack, dir, notes, required }: PreparedStack, env: NodeJS.ProcessEnv, providers: ProviderInit): Promise<StackResult> {
  const started = Date.now();
  const init = await providers.attach(dir, required, env);
  if (!init.ok) return { stack, ok: false, toAdd: 0, seconds: (Date.now() - started) / 1000, notes, failure: `init failed:\n${tail(init.output)}` };
  const seconds = () => (Date.now() - started) / 1000;
  const steps: [string, string[]][] = [
    ['validate', ['validate', '-no-color']],
    ['plan', ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false']],
  ];
  let planOutput = '';
  for (const [step, args] of steps) {
    const { code, output } = await run(args, dir, env);
    if (code !== 0) return { stack, ok: false, toAdd: 0, seconds: seconds(), notes, failure: `${step} failed (exit ${code}):\n${tail(output)}` };
    planOutput = output;
  }
  const match = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(planOutput);
  if (!match) return { stack, ok: false, toAdd: 0, seconds: seconds(), notes, failure: `plan printed no summary:\n${tail(planOutput)}` };
  return { stack, ok: true, toAdd: Number(match[1]), seconds: seconds(), notes };
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>, done: (result: R) => void): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const result = await work(item);
      done(result);
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return results;
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!process.argv.includes('--no-synth')) {
    const synth = synthesize(process.env, OUTDIR);
    console.log(`synthesized ${synth.stacks.length} stacks into ${path.relative(ROOT, synth.outdir)}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(OUTDIR, 'manifest.json'), 'utf8'));
  const contracts: Contracts = JSON.parse(fs.readFileSync(path.join(OUTDIR, CONTRACTS_FILE), 'utf8'));
  const stacks = Object.keys(manifest.stacks).sort();

  const mirror = resolveMirror();
  const available = mirror ? mirroredProviders(mirror) : undefined;
  const cacheDir = path.resolve(process.env.TF_PLUGIN_CACHE_DIR ?? path.join(WORK, 'plugin-cache'));
  fs.mkdirSync(cacheDir, { recursive: true });
  const stubDir = path.join(WORK, 'stubs');
  fs.rmSync(stubDir, { recursive: true, force: true });
  fs.mkdirSync(stubDir, { recursive: true });
  const cliConfig = writeCliConfig(mirror, cacheDir);
  console.log(`providers: ${mirror ? `filesystem mirror ${mirror} (${available!.join(', ')})` : 'registry'}; plugin cache ${path.relative(ROOT, cacheDir) || cacheDir}; ${JOBS} parallel jobs`);

  for (const [stack, contract] of Object.entries(contracts)) {
    fs.writeFileSync(path.join(stubDir, `${stack}.tfstate`), stubState(stack, contract.outputs));
  }

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  const prepared: PreparedStack[] = [];
  for (const stack of stacks) {
    const source = JSON.parse(fs.readFileSync(path.join(OUTDIR, manifest.stacks[stack].synthesizedStackPath), 'utf8'));
    const needed = Object.keys(source.terraform?.required_providers ?? {});
    const unavailable = available ? needed.filter((p) => !available.includes(p)) : [];
    const dir = path.join(WORK, 'stacks', stack);
    fs.mkdirSync(dir, { recursive: true });
    for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale), { recursive: true, force: true });
    try {
      const copy = offlineCopy(source, { stubPath: (up) => path.join(stubDir, `${up}.tfstate`), unavailableProviders: unavailable });
      const missing = copy.upstreams.filter((up) => !contracts[up]);
      const notes: string[] = [];
      if (copy.upstreams.length > 0) notes.push(`upstream stubs: ${copy.upstreams.join(', ')}`);
      if (copy.stoodIn.length > 0) notes.push(`stood in with terraform_data (no ${unavailable.join(', ')} provider binary in the mirror): ${copy.stoodIn.join(', ')}`);
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(copy.json, null, 2));
      prepared.push({ stack, dir, notes, required: copy.json.terraform?.required_providers ?? {}, error: missing.length ? `reads ${missing.join(', ')}, which was not synthesized` : undefined });
    } catch (error) {
      prepared.push({ stack, dir, notes: [], required: {}, error: (error as Error).message });
    }
  }

  const providers = new ProviderInit(WORK);
  const width = Math.max(...stacks.map((s) => s.length));
  const report = (r: StackResult) => {
    const status = r.ok ? 'PASS' : 'FAIL';
    console.log(`${status}  ${r.stack.padEnd(width)}  ${String(r.toAdd).padStart(4)} to add  ${r.seconds.toFixed(1).padStart(6)}s`);
    for (const note of r.notes) console.log(`      ${note}`);
    if (r.failure) console.log(`      ${r.failure}`);
  };
  const results = await pool(
    prepared,
    JOBS,
    (p) => (p.error ? Promise.resolve({ stack: p.stack, ok: false, toAdd: 0, seconds: 0, notes: p.notes, failure: p.error }) : verifyStack(p, env, providers)),
    report,
  );

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const total = results.reduce((n, r) => n + r.toAdd, 0);
  console.log(`verified ${results.length} stacks (${total} resources to add) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : (error as Error).stack);
    process.exitCode = 1;
  },
);
