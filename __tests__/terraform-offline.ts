import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LayerStack } from '../src/core/layer-stack';
import { offlineCopy } from '../src/verify/offline-copy';
import { stubState } from '../src/verify/stub-state';
import { Json } from './helpers';

/**
 * Runs `terraform init`, `validate` and an offline `plan` (the verify's offline copy: fake
 * credentials, no backend) on one synthesized stack against the real provider from the local
 * mirror, asserting each step succeeds and that the plan adds every resource. Upstream layer
 * stacks it reads are stood in by their published samples. Returns the plan's output.
 */
export function expectOfflinePlan(source: Json, upstreams: readonly LayerStack[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-'));
  try {
    // Upstream layers' remote state, stood in by their published samples (as the verify does).
    for (const upstream of upstreams) fs.writeFileSync(path.join(root, `${upstream.node.id}.tfstate`), stubState(upstream.node.id, upstream.contract));
    const bodies = Object.values<Json>(source.resource).flatMap((byName) => Object.values<Json>(byName));
    const resourceCount = bodies.length;
    // for_each/count resources plan as many instances as their collection has (known only to Terraform).
    const repeated = bodies.filter((body) => body.for_each !== undefined || body.count !== undefined).length;
    // Only the AWS provider is in the local mirror; the verify stands in for the others the same way.
    const unavailable = Object.keys(source.terraform?.required_providers ?? {}).filter((p) => p !== 'aws');
    const copy = offlineCopy(source, { stubPath: (up) => path.join(root, `${up}.tfstate`), unavailableProviders: unavailable });
    fs.writeFileSync(path.join(root, 'main.tf.json'), JSON.stringify(copy.json));
    const cache = path.resolve('.verify/plugin-cache');
    fs.mkdirSync(cache, { recursive: true });
    const cli = path.join(root, 'terraform.rc');
    fs.writeFileSync(cli, `provider_installation {\n  filesystem_mirror {\n    path    = "/opt/tf-plugins"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\nplugin_cache_dir = "${cache}"\n`);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true', TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: '1' };
    const terraform = (...args: string[]) => spawnSync('terraform', [...args, '-no-color'], { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
    for (const args of [['init', '-backend=false', '-input=false'], ['validate']]) {
      const run = terraform(...args);
      expect({ args, status: run.status, output: run.status === 0 ? '' : run.stdout + run.stderr }).toEqual({ args, status: 0, output: '' });
    }
    const plan = terraform('plan', '-refresh=false', '-lock=false', '-input=false');
    expect({ status: plan.status, output: plan.status === 0 ? '' : plan.stdout + plan.stderr }).toEqual({ status: 0, output: '' });
    if (repeated === 0) {
      expect(plan.stdout).toContain(`Plan: ${resourceCount} to add, 0 to change, 0 to destroy.`);
    } else {
      const adds = Number(/Plan: (\d+) to add, 0 to change, 0 to destroy\./.exec(plan.stdout)?.[1] ?? -1);
      expect(adds).toBeGreaterThanOrEqual(resourceCount - repeated);
    }
    return plan.stdout;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
