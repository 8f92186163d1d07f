import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { offlineCopy } from '../src/verify/offline-copy';
import { Json } from './helpers';

/**
 * Runs `terraform init`, `validate` and an offline `plan` (the verify's offline copy: fake
 * credentials, no backend) on one synthesized stack against the real provider from the local
 * mirror, asserting each step succeeds and that the plan adds every resource. Returns the plan's
 * output for further assertions.
 */
export function expectOfflinePlan(source: Json): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-'));
  try {
    const resourceCount = Object.values<Json>(source.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const copy = offlineCopy(source, { stubPath: (up) => path.join(root, `${up}.tfstate`), unavailableProviders: [] });
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
    expect(plan.stdout).toContain(`Plan: ${resourceCount} to add, 0 to change, 0 to destroy.`);
    return plan.stdout;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
