import * as fs from 'fs';
import * as path from 'path';

/** Where provider binaries come from when nothing is configured: the machines' local mirror. */
const DEFAULT_MIRROR = '/opt/tf-plugins';

/**
 * The filesystem mirror of provider binaries: `TF_PROVIDER_MIRROR` (`none` for the registry), else
 * /opt/tf-plugins when it exists.
 */
export function resolveMirror(vars: Readonly<Record<string, string | undefined>>): string | undefined {
  const configured = vars.TF_PROVIDER_MIRROR;
  if (configured === 'none') return undefined;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`TF_PROVIDER_MIRROR=${configured} does not exist`);
    return path.resolve(configured);
  }
  return fs.existsSync(DEFAULT_MIRROR) ? DEFAULT_MIRROR : undefined;
}

/** A Terraform CLI configuration: providers from the mirror (if any), a shared plugin cache. */
export function cliConfigText(mirror: string | undefined, pluginCacheDir: string): string {
  const installation = mirror
    ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`
    : '';
  return `${installation}plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}\n`;
}

/**
 * The environment of every offline Terraform run: only PATH and HOME from the caller (no AWS
 * credentials or CA bundle leak in; a CA bundle also stops a shared provider from being configured
 * twice), the CLI configuration, no checkpoint calls, no instance metadata.
 */
export function offlineTerraformEnv(cliConfigFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: '1',
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
