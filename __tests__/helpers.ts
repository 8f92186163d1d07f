import { App, Testing, TerraformStack } from 'cdktf';
import { buildLayers } from '../src/app/build-app';
import { AccountBaseline } from '../src/config/baseline';
import { ConfigError } from '../src/config/errors';
import { PLATFORM, StateConfig, loadStateConfig } from '../src/config/platform';
import { bidops } from '../src/config/systems/bidops';
import { EnvironmentConfig } from '../src/config/types';
import { validateSystemEnvironment } from '../src/config/validate';
import { LayerGraph } from '../src/core/layer-graph';
import { LayerStack } from '../src/core/layer-stack';
import { EnvName, LayerName } from '../src/core/names';
import { bidopsBlueprint } from '../stacks/bidops';

export type Json = Record<string, any>;

/** Synthesizes one stack and parses its Terraform JSON. */
export function synthJson(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

/** All resources of one type in a synthesized stack, as [name, body] pairs sorted by name. */
export function resourcesOf(json: Json, type: string): [string, Json][] {
  return Object.entries<Json>(json.resource?.[type] ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

export function onlyResource(json: Json, type: string): Json {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0][1];
}

/** A copy of a bidops environment config with the given changes applied (deep, by path). */
export function bidopsConfig(env: EnvName, change?: (draft: any) => void): EnvironmentConfig {
  const draft = JSON.parse(JSON.stringify(bidops.environments[env]));
  change?.(draft);
  return draft as EnvironmentConfig;
}

export const DEFAULT_STATE: StateConfig = loadStateConfig({});
export { PLATFORM };

/** Parses a JSON-string attribute (policies, container definitions). */
export function parsed(value: string): Json {
  return JSON.parse(value);
}

/** Validates a changed bidops config as synth does (shared checks, layer needs, bidops' own checks) and returns the ConfigError message; fails if it validates. */
export function configErrorOf(change: (draft: any) => void, env: EnvName = 'dev'): string {
  try {
    const config = bidopsConfig(env, change);
    validateSystemEnvironment(bidopsBlueprint, new LayerGraph('bidops', bidopsBlueprint.layers), config, AccountBaseline.sole(config));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

/**
 * Builds bidops layers of one environment through its blueprint, as the app does: `upTo` and every
 * layer it reads, in deploy order. Returns the stacks by layer.
 */
export function bidopsStacks(env: EnvName, upTo: LayerName, change?: (draft: any) => void, app: App = Testing.app()): Record<LayerName, LayerStack> {
  const config = bidopsConfig(env, change);
  const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
  const selected = { blueprint: bidopsBlueprint, graph, config, baseline: AccountBaseline.sole(config), layers: graph.closure([upTo]) };
  return buildLayers(app, selected, DEFAULT_STATE, PLATFORM) as Record<LayerName, LayerStack>;
}
