import { partnerMgmt } from '../../src/config/systems/partner-mgmt';
import { SystemBlueprint } from '../../src/core/blueprint';
import { PartnerAiStack } from './ai';
import { PartnerComputeStack } from './compute';
import { PartnerDataStack } from './data';
import { PartnerEdgeStack } from './edge';
import { PartnerNetworkStack } from './network';
import { validatePartnerMgmt } from './validate';

/**
 * Partner management (docs/partner-mgmt.md has the graph and why): network first; data reads
 * network; compute (every function, the API, the event bus) reads network and data; ai (the
 * Bedrock agent, whose action groups call compute's functions, and which grants the orchestrator
 * the right to invoke it) reads data and compute; edge reads what it fronts.
 */
export const partnerMgmtBlueprint: SystemBlueprint = {
  ...partnerMgmt,
  layers: {
    network: { reads: [], needs: ['network', 'governance'], build: (scope, context) => new PartnerNetworkStack(scope, context) },
    data: { reads: [], needs: ['data'], build: (scope, context) => new PartnerDataStack(scope, context) },
    compute: { reads: ['network', 'data'], needs: ['network', 'data', 'compute', 'ai'], build: (scope, context) => new PartnerComputeStack(scope, context) },
    ai: { reads: ['network', 'data', 'compute'], needs: ['network', 'ai'], build: (scope, context) => new PartnerAiStack(scope, context) },
    edge: { reads: ['network', 'data', 'compute'], needs: ['edge', 'compute'], build: (scope, context) => new PartnerEdgeStack(scope, context) },
  },
  createsSingletons: ['cloudtrail', 'cost-guardrails', 'backup-region-settings', 'api-gateway-account', 'model-invocation-logging'],
  validate: validatePartnerMgmt,
};
