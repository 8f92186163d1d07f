import { bidops } from '../../src/config/systems/bidops';
import { SystemBlueprint } from '../../src/core/blueprint';
import { BidopsAiStack } from './ai';
import { BidopsComputeStack } from './compute';
import { BidopsDataStack } from './data';
import { BidopsEdgeStack } from './edge';
import { BidopsNetworkStack } from './network';
import { validateBidops } from './validate';

/**
 * BidOps.ai: the VPC and every security group first; data reads network; the AI layer (knowledge
 * base, agent runtime) reads network and data; the ECS services read all three; the edge (DNS, WAF,
 * dashboards) reads network and compute.
 */
export const bidopsBlueprint: SystemBlueprint = {
  ...bidops,
  layers: {
    network: { reads: [], needs: ['network'], build: (scope, context) => new BidopsNetworkStack(scope, context) },
    data: { reads: ['network'], needs: ['network', 'data', 'edge'], build: (scope, context) => new BidopsDataStack(scope, context) },
    ai: { reads: ['network', 'data'], needs: ['network', 'ai'], build: (scope, context) => new BidopsAiStack(scope, context) },
    compute: { reads: ['network', 'data', 'ai'], needs: ['compute', 'ai', 'edge'], build: (scope, context) => new BidopsComputeStack(scope, context) },
    edge: { reads: ['network', 'compute'], needs: ['edge'], build: (scope, context) => new BidopsEdgeStack(scope, context) },
  },
  createsSingletons: ['cloudtrail', 'cost-guardrails', 'github-oidc-provider', 'opensearch-service-linked-role', 'model-invocation-logging', 'ecr-registry-scanning'],
  validate: validateBidops,
};
