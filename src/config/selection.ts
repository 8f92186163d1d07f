import { SystemBlueprint } from '../core/blueprint';
import { LayerGraph } from '../core/layer-graph';
import { ENVIRONMENTS, LAYERS, LayerName, SYSTEMS, isEnv, isLayer } from '../core/names';
import { AccountBaseline, resolveAccountBaselines } from './baseline';
import { nearest } from './aws-limits';
import { ConfigError } from './errors';
import { EnvironmentConfig } from './types';
import { validateSystemEnvironment } from './validate';

/** One system/env to build: its validated config, its system's blueprint and graph, and the layers wanted. */
export interface SelectedEnvironment {
  readonly blueprint: SystemBlueprint;
  readonly graph: LayerGraph;
  readonly config: EnvironmentConfig;
  readonly baseline: AccountBaseline;
  /** The layers to build, in deploy order: the LAYERS asked for that the system has, and what they read. */
  readonly layers: readonly LayerName[];
}

/** What one synth builds. */
export interface Selection {
  readonly environments: readonly SelectedEnvironment[];
}

/**
 * Reads SYSTEMS, ENVS and LAYERS (comma-separated; unset means all that exist) and validates every
 * selected environment before anything is built: the system's layer graph, its configuration and
 * its account baseline (resolved over every configured system, so narrowing never moves a
 * singleton). Unknown names are errors, never an empty synth.
 */
export function selectEnvironments(vars: Readonly<Record<string, string | undefined>>, blueprints: readonly SystemBlueprint[]): Selection {
  const known = [...new Set([...SYSTEMS, ...blueprints.map((b) => b.name)])];
  const systems = parseList('SYSTEMS', vars.SYSTEMS, known, (v): v is string => known.includes(v));
  const envs = parseList('ENVS', vars.ENVS, ENVIRONMENTS, isEnv);
  const layers = parseList('LAYERS', vars.LAYERS, LAYERS, isLayer);

  const everyEnvironment = blueprints.flatMap((b) =>
    ENVIRONMENTS.flatMap((env) => (b.environments[env] ? [{ config: b.environments[env]!, creates: b.createsSingletons ?? [] }] : [])),
  );
  const baselines = resolveAccountBaselines(everyEnvironment);

  const environments: SelectedEnvironment[] = [];
  for (const system of systems) {
    const blueprint = blueprints.find((b) => b.name === system);
    if (!blueprint) {
      if (vars.SYSTEMS === undefined || vars.SYSTEMS.trim() === '*') continue; // not built yet, and nobody asked for it by name
      throw new ConfigError(`${system}`, 'SYSTEMS', system, 'has no blueprint in stacks/ yet', `choose from ${blueprints.map((b) => b.name).join(', ')}`);
    }
    const graph = new LayerGraph(system, blueprint.layers);
    for (const key of Object.keys(blueprint.environments)) {
      // An environment under a misspelled key would otherwise never be built, silently.
      if (!isEnv(key)) throw new ConfigError(`${system}`, 'environments', key, 'is not an environment name', `rename it to ${nearest(key, ENVIRONMENTS)}, or remove it`);
    }
    for (const env of envs) {
      const config = blueprint.environments[env];
      if (!config) {
        if (vars.ENVS === undefined) continue;
        throw new ConfigError(`${system}/${env}`, 'ENVS', env, `is not configured for ${system}`, `choose from ${Object.keys(blueprint.environments).join(', ')}`);
      }
      if (config.system !== system || config.env !== env) {
        throw new ConfigError(`${system}/${env}`, 'system/env', `${config.system}/${config.env}`, 'does not match where the config is registered', 'fix the system and env fields');
      }
      const baseline = baselines.get(`${system}/${env}`)!;
      validateSystemEnvironment(blueprint, graph, config, baseline);
      const wanted = graph.closure(layers);
      if (wanted.length > 0) environments.push({ blueprint, graph, config, baseline, layers: wanted });
    }
  }
  if (environments.length === 0) {
    throw new ConfigError('selection', 'SYSTEMS/ENVS/LAYERS', `${vars.SYSTEMS ?? '*'}/${vars.ENVS ?? '*'}/${vars.LAYERS ?? '*'}`, 'selects no configured stack', 'widen SYSTEMS, ENVS or LAYERS');
  }
  return { environments };
}

function parseList<T extends string>(name: string, raw: string | undefined, all: readonly T[], isKnown: (v: string) => v is T): T[] {
  if (raw === undefined || raw.trim() === '*') return [...all];
  if (raw.split(',').every((v) => v.trim() === '')) {
    throw new ConfigError('selection', name, raw, 'names nothing', `unset ${name} (or set it to *) for all, or list some of ${all.join(', ')}`);
  }
  const wanted = raw.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  for (const value of wanted) {
    if (!isKnown(value)) throw new ConfigError('selection', name, value, `is not a known ${name.toLowerCase().replace(/s$/, '')}`, `use one of ${all.join(', ')}`);
  }
  // Keep the canonical order so output does not depend on how the list was typed.
  return all.filter((v) => wanted.includes(v));
}
