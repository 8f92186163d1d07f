import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RunResult, runTerraform } from './terraform-run';

export interface ProviderTemplate {
  readonly ok: boolean;
  readonly output: string;
  readonly dir: string;
  /** `.terraform.lock.hcl` of the template (empty when init failed). */
  readonly lock: string;
}

const MARKER = 'init-ok';

/**
 * `terraform init` once per distinct provider set, into a small template directory kept under the
 * work directory across runs (named by the provider set and the CLI configuration, so a different
 * mirror re-initializes); every stack with that set links the template's `.terraform` and copies
 * its lock file. Initializing each stack would re-hash the ~700 MB AWS provider every time.
 */
export class ProviderInit {
  private readonly templates = new Map<string, Promise<ProviderTemplate>>();
  private readonly cliConfigText: string;

  constructor(
    private readonly root: string,
    private readonly terraform: string,
    cliConfig: string,
  ) {
    this.cliConfigText = fs.readFileSync(cliConfig, 'utf8');
  }

  /** The initialized template for a stack's `terraform.required_providers` (of the offline copy). */
  template(required: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<ProviderTemplate> {
    const signature = JSON.stringify([Object.keys(required).sort().map((name) => [name, required[name]]), this.cliConfigText]);
    if (!this.templates.has(signature)) this.templates.set(signature, this.initTemplate(signature, required, env));
    return this.templates.get(signature)!;
  }

  /** Links the template's providers into a stack directory. */
  async attach(dir: string, required: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<ProviderTemplate> {
    const template = await this.template(required, env);
    if (!template.ok) return template;
    fs.rmSync(path.join(dir, '.terraform'), { recursive: true, force: true });
    fs.symlinkSync(path.join(template.dir, '.terraform'), path.join(dir, '.terraform'));
    fs.copyFileSync(path.join(template.dir, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
    return template;
  }

  /**
   * Links only the template's providers into a directory with a `.terraform` of its own, for a
   * configuration that also keeps a module manifest there (a batch root: `terraform get` writes
   * `.terraform/modules/`, which must not land in the shared template).
   */
  async attachProvidersOnly(dir: string, required: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<ProviderTemplate> {
    const template = await this.template(required, env);
    if (!template.ok) return template;
    const dotTerraform = path.join(dir, '.terraform');
    fs.rmSync(dotTerraform, { recursive: true, force: true });
    fs.mkdirSync(dotTerraform);
    fs.symlinkSync(path.join(template.dir, '.terraform', 'providers'), path.join(dotTerraform, 'providers'));
    fs.copyFileSync(path.join(template.dir, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
    return template;
  }

  private async initTemplate(signature: string, required: object, env: NodeJS.ProcessEnv): Promise<ProviderTemplate> {
    const dir = path.join(this.root, `providers-${createHash('sha256').update(signature).digest('hex').slice(0, 12)}`);
    const lockFile = path.join(dir, '.terraform.lock.hcl');
    const marker = path.join(dir, MARKER);
    if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === signature && fs.existsSync(lockFile)) {
      return { ok: true, output: '', dir, lock: fs.readFileSync(lockFile, 'utf8') };
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: required } }));
    const { code, output }: RunResult = await runTerraform(this.terraform, ['init', '-input=false', '-no-color', '-backend=false'], dir, env);
    if (code !== 0) return { ok: false, output, dir, lock: '' };
    fs.writeFileSync(marker, signature);
    return { ok: true, output, dir, lock: fs.readFileSync(lockFile, 'utf8') };
  }
}
