import { App, Testing } from 'cdktf';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { partnerMgmt } from '../../../src/config/systems/partner-mgmt';
import { EnvironmentConfig } from '../../../src/config/types';
import { validateSystemEnvironment } from '../../../src/config/validate';
import { LayerGraph } from '../../../src/core/layer-graph';
import { LayerStack } from '../../../src/core/layer-stack';
import { EnvName, LayerName } from '../../../src/core/names';
import { partnerMgmtBlueprint } from '../../../stacks/partner-mgmt';
import { DEFAULT_STATE, PLATFORM } from '../../helpers';

/** A copy of a partner-mgmt environment config with the given changes applied. */
export function partnerConfig(env: EnvName, change?: (draft: any) => void): EnvironmentConfig {
  const draft = JSON.parse(JSON.stringify(partnerMgmt.environments[env]));
  change?.(draft);
  return draft as EnvironmentConfig;
}

const graph = new LayerGraph('partner-mgmt', partnerMgmtBlueprint.layers);

/** Builds `upTo` and what it reads for one environment, through the blueprint, after validating. */
export function partnerStacks(env: EnvName, upTo: LayerName, change?: (draft: any) => void, app: App = Testing.app()): Record<LayerName, LayerStack> {
  const config = partnerConfig(env, change);
  const baseline = AccountBaseline.sole(config);
  validateSystemEnvironment(partnerMgmtBlueprint, graph, config, baseline);
  return buildLayers(app, { blueprint: partnerMgmtBlueprint, graph, config, baseline, layers: graph.closure([upTo]) }, DEFAULT_STATE, PLATFORM) as Record<LayerName, LayerStack>;
}

/** Validates a changed partner-mgmt config and returns the ConfigError message. */
export function partnerConfigError(change: (draft: any) => void, env: EnvName = 'dev'): string {
  const config = partnerConfig(env, change);
  try {
    validateSystemEnvironment(partnerMgmtBlueprint, graph, config, AccountBaseline.sole(config));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
