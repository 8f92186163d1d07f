import { EnvName } from '../../../core/names';
import { ComputeLayerConfig } from '../../layers/compute';

/** BidOps.ai compute layer, from the seed's "ECS Task Sizing" (staging: prod sizes, smaller ranges). */
export function bidopsCompute(env: EnvName): ComputeLayerConfig {
  switch (env) {
    case 'dev':
      return {
        services: {
          frontend: { cpu: 256, memory: 512, minTasks: 1, maxTasks: 2, desiredTasks: 1 },
          backend: { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 2, desiredTasks: 1 },
        },
      };
    case 'staging':
      return {
        services: {
          frontend: { cpu: 512, memory: 1024, minTasks: 2, maxTasks: 4, desiredTasks: 2 },
          backend: { cpu: 1024, memory: 2048, minTasks: 2, maxTasks: 6, desiredTasks: 2 },
        },
      };
    case 'prod':
      return {
        services: {
          frontend: { cpu: 512, memory: 1024, minTasks: 2, maxTasks: 10, desiredTasks: 2 },
          backend: { cpu: 1024, memory: 2048, minTasks: 2, maxTasks: 20, desiredTasks: 2 },
        },
      };
  }
}
