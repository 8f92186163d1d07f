import { birdAgent } from '../../src/config/systems/bird-agent';
import { SystemBlueprint } from '../../src/core/blueprint';
import { BirdAgentComputeStack } from './compute';
import { validateBirdAgentCompute } from './compute-validate';
import { validateBirdAgentEvents } from './compute-events-validate';
import { BirdAgentDataStack } from './data';
import { validateBirdAgentData } from './data-validate';
import { BirdAgentEdgeStack } from './edge';
import { BirdAgentNetworkStack } from './network';

/**
 * bird-agent (docs/bird-agent.md): network (VPC, NACLs, security groups, endpoints, the DR network
 * in prod, zone and certificates); data reads network (keys, Aurora, tables, Redis, buckets,
 * secrets, backup); compute reads both (services, ALB, REST API, functions, queues, events,
 * workflow, stream; the standby in us-west-2 in prod); edge reads all three (WAF, DNS failover,
 * dashboards, alarms).
 */
export const birdAgentBlueprint: SystemBlueprint = {
  ...birdAgent,
  layers: {
    network: { reads: [], needs: ['network', 'edge', 'governance'], build: (scope, context) => new BirdAgentNetworkStack(scope, context) },
    data: { reads: ['network'], needs: ['network', 'data'], build: (scope, context) => new BirdAgentDataStack(scope, context) },
    compute: { reads: ['network', 'data'], needs: ['network', 'data', 'compute', 'edge'], build: (scope, context) => new BirdAgentComputeStack(scope, context) },
    edge: { reads: ['network', 'data', 'compute'], needs: ['edge', 'compute'], build: (scope, context) => new BirdAgentEdgeStack(scope, context) },
  },
  createsSingletons: ['cloudtrail', 'cost-guardrails', 'backup-region-settings', 'api-gateway-account'],
  validate: (config, fail) => {
    validateBirdAgentData(config, fail);
    validateBirdAgentCompute(config, fail);
    validateBirdAgentEvents(config, fail);
  },
};
