import { SystemBlueprint } from '../../../src/core/blueprint';
import { relayConfig } from './config';
import { RelayAiStack, RelayComputeStack, RelayDataStack, RelayEdgeStack } from './stacks';

/**
 * A test-only system that proves the machinery generic: no network layer (serverless, no VPC),
 * two regions plus us-east-1, and `compute` before `ai` (the AI layer reads the queue).
 */
export const relayBlueprint: SystemBlueprint = {
  ...relayConfig,
  layers: {
    data: { reads: [], build: (scope, context) => new RelayDataStack(scope, context) },
    compute: { reads: ['data'], build: (scope, context) => new RelayComputeStack(scope, context) },
    ai: { reads: ['data', 'compute'], build: (scope, context) => new RelayAiStack(scope, context) },
    edge: { reads: ['compute'], build: (scope, context) => new RelayEdgeStack(scope, context) },
  },
  validate: (config, fail) => {
    if (!config.secondaryRegion) fail('secondaryRegion', undefined, 'is required: the data layer replicates to it', 'set secondaryRegion, for example eu-central-1');
  },
};
