import { birdAgent } from '../../src/config/systems/bird-agent';
import { SystemBlueprint } from '../../src/core/blueprint';
import { BirdAgentNetworkStack } from './network';

/**
 * bird-agent (docs/bird-agent.md): the network layer is built (VPC, NACLs, security groups,
 * endpoints, the DR network in prod, zone and certificates); the data, compute and edge layers
 * follow (issue 10), reading network.
 */
export const birdAgentBlueprint: SystemBlueprint = {
  ...birdAgent,
  layers: {
    network: { reads: [], needs: ['network', 'edge', 'governance'], build: (scope, context) => new BirdAgentNetworkStack(scope, context) },
  },
  createsSingletons: ['cloudtrail', 'cost-guardrails'],
};
