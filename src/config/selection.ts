import { ENVIRONMENTS, LAYERS, LayerName, SYSTEMS, SystemName, isEnv, isLayer, isSystem } from '../core/names';
import { ConfigError } from './errors';
import { EnvironmentConfig, SystemDefinition } from './types';
import { validateEnvironmentConfig } from './validate';

/** What one synth builds: validated environment configs and the layers wanted of each. */
export interface Selection {
  readonly environments: readonly EnvironmentConfig[];
  readonly layers: readonly LayerName[];
}

/**
 * Reads SYSTEMS, ENVS and LAYERS (comma-separated; unset means all that exist) and validates every
 * selected environment before anything is built. Unknown names are errors, never an empty synth.
 */
export function selectEnvironments(
  vars: Readonly<Record<string, string | undefined>>,
  definitions: Readonly<Partial<Record<SystemName, SystemDefinition>>>,
): Selection {
  const systems = parseList('SYSTEMS', vars.SYSTEMS, SYSTEMS, isSystem);
  const envs = parseList('ENVS', vars.ENVS, ENVIRONMENTS, isEnv);
  const layers = parseList('LAYERS', vars.LAYERS, LAYERS, isLayer);

  const environments: EnvironmentConfig[] = [];
  for (const system of systems) {
    const definition = definitions[system];
    if (!definition) {
      if (vars.SYSTEMS === undefined) continue; // not built yet, and nobody asked for it
      throw new ConfigError(`${system}`, 'SYSTEMS', system, 'has no configuration in src/config/systems yet', `choose from ${Object.keys(definitions).join(', ')}`);
    }
    for (const env of envs) {
      const config = definition.environments[env];
      if (!config) {
        if (vars.ENVS === undefined) continue;
        throw new ConfigError(`${system}/${env}`, 'ENVS', env, `is not configured for ${system}`, `choose from ${Object.keys(definition.environments).join(', ')}`);
      }
      if (config.system !== system || config.env !== env) {
        throw new ConfigError(`${system}/${env}`, 'system/env', `${config.system}/${config.env}`, 'does not match where the config is registered', 'fix the system and env fields');
      }
      validateEnvironmentConfig(config);
      environments.push(config);
    }
  }
  if (environments.length === 0) {
    throw new ConfigError('selection', 'SYSTEMS/ENVS', `${vars.SYSTEMS ?? '*'}/${vars.ENVS ?? '*'}`, 'selects no configured environment', 'widen SYSTEMS or ENVS');
  }
  return { environments, layers };
}

function parseList<T extends string>(name: string, raw: string | undefined, all: readonly T[], isKnown: (v: string) => v is T): T[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return [...all];
  const wanted = raw.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  for (const value of wanted) {
    if (!isKnown(value)) throw new ConfigError('selection', name, value, `is not a known ${name.toLowerCase().replace(/s$/, '')}`, `use one of ${all.join(', ')}`);
  }
  // Keep the canonical order so output does not depend on how the list was typed.
  return all.filter((v) => wanted.includes(v));
}
