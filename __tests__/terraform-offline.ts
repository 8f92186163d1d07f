import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LayerStack } from '../src/core/layer-stack';
import { offlineCopy } from '../src/verify/offline-copy';
import { ProviderServer, awsProviderBinary, hasSingleAwsConfiguration } from '../src/verify/provider-server';
import { stubState } from '../src/verify/stub-state';
import { cliConfigText, offlineTerraformEnv, resolveMirror } from '../src/verify/terraform-env';
import { resourcesToAdd } from '../src/verify/terraform-run';
import { Json } from './helpers';

/**
 * Per jest worker: one `terraform init` of the AWS provider (a template every plan links, as the
 * verify does) and one shared provider process for plans with a single AWS provider configuration.
 * Both go when the worker exits.
 */
interface Worker {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly template: string;
  server?: ProviderServer;
  serverUnavailable?: boolean;
}

let worker: Worker | undefined;

function terraform(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  return spawnSync('terraform', [...args, '-no-color'], { cwd, env, encoding: 'utf8', timeout: 300_000 });
}

function setUpWorker(): Worker {
  if (worker) return worker;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-worker-'));
  const cache = path.resolve('.verify/plugin-cache');
  fs.mkdirSync(cache, { recursive: true });
  const cli = path.join(root, 'terraform.rc');
  fs.writeFileSync(cli, cliConfigText(resolveMirror(process.env), cache));
  const env = offlineTerraformEnv(cli);
  const template = path.join(root, 'template');
  fs.mkdirSync(template);
  fs.writeFileSync(path.join(template, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } } }));
  const init = terraform(template, env, 'init', '-backend=false', '-input=false');
  expect({ init: init.status, output: init.status === 0 ? '' : init.stdout + init.stderr }).toEqual({ init: 0, output: '' });
  worker = { root, env, template };
  process.on('exit', () => {
    worker?.server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return worker;
}

function sharedServer(w: Worker): ProviderServer | undefined {
  if (w.serverUnavailable || process.env.VERIFY_SHARED_PROVIDER === '0') return undefined;
  if (w.server?.alive) return w.server;
  const binary = awsProviderBinary(path.join(w.template, '.terraform'));
  try {
    w.server = binary ? ProviderServer.startSync(binary, w.env) : undefined;
  } catch {
    w.server = undefined;
  }
  w.serverUnavailable = !w.server;
  return w.server;
}

/**
 * Runs an offline `terraform plan` (the verify's offline copy: fake credentials, no backend; a plan
 * validates the configuration first) on one synthesized stack against the real provider from the
 * local mirror, asserting it succeeds and adds every resource. Upstream layer stacks it reads are
 * stood in by their published samples. Returns the plan's output.
 */
export function expectOfflinePlan(source: Json, upstreams: readonly LayerStack[] = []): string {
  const w = setUpWorker();
  const dir = fs.mkdtempSync(path.join(w.root, 'stack-'));
  try {
    // Upstream layers' remote state, stood in by their published samples (as the verify does).
    for (const upstream of upstreams) fs.writeFileSync(path.join(dir, `${upstream.node.id}.tfstate`), stubState(upstream.node.id, upstream.contract));
    const bodies = Object.values<Json>(source.resource).flatMap((byName) => Object.values<Json>(byName));
    const resourceCount = bodies.length;
    // for_each/count resources plan as many instances as their collection has (known only to Terraform).
    const repeated = bodies.filter((body) => body.for_each !== undefined || body.count !== undefined).length;
    // Only the AWS provider is in the local mirror; the verify stands in for the others the same way.
    const unavailable = Object.keys(source.terraform?.required_providers ?? {}).filter((p) => p !== 'aws');
    const copy = offlineCopy(source, { stubPath: (up) => path.join(dir, `${up}.tfstate`), unavailableProviders: unavailable });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(copy.json));
    fs.symlinkSync(path.join(w.template, '.terraform'), path.join(dir, '.terraform'));
    fs.copyFileSync(path.join(w.template, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));

    const args = ['plan', '-refresh=false', '-lock=false', '-input=false'];
    const server = hasSingleAwsConfiguration(copy.json) ? sharedServer(w) : undefined;
    let plan = terraform(dir, server ? server.env(w.env) : w.env, ...args);
    if (plan.status !== 0 && server) {
      // A fault of the shared process or of the stack? The plan with its own provider decides.
      server.stop();
      plan = terraform(dir, w.env, ...args);
    }
    expect({ status: plan.status, output: plan.status === 0 ? '' : plan.stdout + plan.stderr }).toEqual({ status: 0, output: '' });
    const adds = resourcesToAdd(plan.stdout) ?? -1;
    if (repeated === 0) expect(adds).toBe(resourceCount);
    else expect(adds).toBeGreaterThanOrEqual(resourceCount - repeated);
    return plan.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
