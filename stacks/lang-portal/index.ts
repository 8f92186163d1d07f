import { langPortal } from '../../src/config/systems/lang-portal';
import { SystemBlueprint } from '../../src/core/blueprint';
import { LangPortalAiStack } from './ai';
import { LangPortalComputeStack } from './compute';
import { LangPortalDataStack } from './data';
import { LangPortalEdgeStack } from './edge';
import { LangPortalNetworkStack } from './network';
import { validateLangPortal } from './validate';

/**
 * lang-portal (docs/lang-portal.md maps the seed's eight CDK stacks onto these layers): network
 * first (VPC, security groups, zone and certificates); data reads network (clusters in its subnets
 * and groups); ai reads network and data (logs key, invocation logs bucket); compute reads all three
 * (services, their roles and secrets, the model policies); edge reads everything it fronts,
 * deploys (pipelines) and watches (alarms).
 */
export const langPortalBlueprint: SystemBlueprint = {
  ...langPortal,
  layers: {
    network: { reads: [], needs: ['network', 'edge', 'governance'], build: (scope, context) => new LangPortalNetworkStack(scope, context) },
    data: { reads: ['network'], needs: ['network', 'data', 'edge'], build: (scope, context) => new LangPortalDataStack(scope, context) },
    ai: { reads: ['network', 'data'], needs: ['ai'], build: (scope, context) => new LangPortalAiStack(scope, context) },
    compute: { reads: ['network', 'data', 'ai'], needs: ['network', 'data', 'ai', 'compute', 'edge'], build: (scope, context) => new LangPortalComputeStack(scope, context) },
    edge: { reads: ['network', 'data', 'ai', 'compute'], needs: ['data', 'compute', 'edge'], build: (scope, context) => new LangPortalEdgeStack(scope, context) },
  },
  createsSingletons: ['cloudtrail', 'cost-guardrails', 'model-invocation-logging', 'ecr-registry-scanning'],
  validate: validateLangPortal,
};
