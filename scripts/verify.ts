/**
 * Offline verification of every synthesized stack: synth, then `terraform init` (providers from the
 * local filesystem mirror, shared plugin cache; once per provider set, kept across runs), and per
 * stack one `terraform plan` of a verification copy (fake credentials, stubbed upstream states)
 * against the real provider. A plan runs Terraform's full validation first, so a separate
 * `terraform validate` would only repeat it.
 *
 *   npm run verify                 synth (honours SYSTEMS/ENVS/LAYERS) and verify every stack
 *   npm run verify -- --no-synth   verify the existing cdktf.out
 *   npm run verify -- --force      plan every stack, also those unchanged since their last green plan
 *
 * Incremental: a stack whose plan inputs (configuration, the upstream outputs it reads, provider
 * lock, Terraform version) are unchanged since its last green plan is reported from the cache
 * (`<workdir>/cache`, safe to delete). Stacks with one AWS provider configuration are planned
 * through a provider process shared by the plans of one lane (Terraform's provider re-attach), the
 * others start their own; a plan that fails through the shared process is re-run without it.
 * When several stacks need a plan, they are planned in batches, as modules of one Terraform run per
 * batch (src/verify/batch-plan.ts: what that keeps and drops); a batch that fails is re-planned
 * stack by stack, so every verdict and failure report is a single stack's.
 *
 * Settings: TF_PROVIDER_MIRROR (mirror directory, or `none` for the registry; default
 * /opt/tf-plugins when present), TF_PLUGIN_CACHE_DIR (default .verify/plugin-cache),
 * VERIFY_JOBS (parallel stacks; default cores + 1), VERIFY_WORKDIR (default .verify),
 * VERIFY_SHARED_PROVIDER (`0` starts a provider per plan), VERIFY_BATCH (`0` plans every stack
 * alone), VERIFY_GOGC (Go GC target of Terraform and the provider; default 200, Go's own is 100),
 * TERRAFORM_BIN (default terraform).
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthesize } from '../src/app/synthesize';
import { ConfigError } from '../src/config/errors';
import { resolveMirror } from '../src/verify/terraform-env';
import { verify } from '../src/verify/verify';

const FLAGS = ['--no-synth', '--force'];


async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => !FLAGS.includes(a));
  if (unknown.length > 0) {
    console.error(`verify: unknown argument(s) ${unknown.join(' ')} (use ${FLAGS.join(', ')})`);
    return 2;
  }
  const jobs = process.env.VERIFY_JOBS === undefined ? undefined : Number(process.env.VERIFY_JOBS);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    console.error(`verify: VERIFY_JOBS=${process.env.VERIFY_JOBS} is not a whole number of parallel stacks; use for example 3`);
    return 2;
  }
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const workdir = path.resolve(process.env.VERIFY_WORKDIR ?? '.verify');
  const started = Date.now();
  if (!argv.includes('--no-synth')) {
    const synth = synthesize(process.env, outdir);
    console.log(`synthesized ${synth.stacks.length} stacks into ${path.relative(process.cwd(), synth.outdir)} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } else if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    console.error(`verify: no synthesized output in ${outdir}; synthesize first (drop --no-synth)`);
    return 2;
  }
  fs.mkdirSync(workdir, { recursive: true });
  const summary = await verify({
    outdir,
    workdir,
    terraform: process.env.TERRAFORM_BIN,
    mirror: resolveMirror(process.env),
    pluginCacheDir: path.resolve(process.env.TF_PLUGIN_CACHE_DIR ?? path.join(workdir, 'plugin-cache')),
    jobs,
    sharedProvider: process.env.VERIFY_SHARED_PROVIDER !== '0',
    batch: process.env.VERIFY_BATCH !== '0',
    gogc: process.env.VERIFY_GOGC,
    force: argv.includes('--force'),
    log: (line) => console.log(line),
  });
  return summary.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `verify: ${(error as Error).message}`);
    process.exitCode = error instanceof ConfigError ? 1 : 2;
  },
);
