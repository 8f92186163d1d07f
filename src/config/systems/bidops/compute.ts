import { EnvName } from '../../../core/names';
import { ComputeLayerConfig } from '../../layers/compute';

const GITHUB = { repository: 'bidops-ai/bidops', branch: 'main' } as const;
/** The tls-proxy sidecar (images/tls-proxy) pushed to `tls-proxy` in each account; port 8443. */
/** The tls-proxy image (images/tls-proxy) in the environment's data-layer repository. */
const targetTls = (env: EnvName) => ({ repository: `bidops-${env}-tls-proxy`, imageTag: '1.0.0' });

/**
 * BidOps.ai compute layer, from the seed's "ECS Task Sizing" (staging: prod sizes, smaller ranges) and
 * "ECS Capacity Providers" (base on-demand, burst 50/50 on Fargate Spot; dev leans on Spot).
 */
export function bidopsCompute(env: EnvName): ComputeLayerConfig {
  switch (env) {
    case 'dev':
      return {
        services: {
          frontend: { cpu: 256, memory: 512, minTasks: 1, maxTasks: 2, desiredTasks: 1 },
          backend: { cpu: 512, memory: 1024, minTasks: 1, maxTasks: 2, desiredTasks: 1 },
        },
        github: GITHUB,
        capacity: { onDemandBase: 0, onDemandWeight: 1, spotWeight: 3 },
        logRetentionDays: 30,
        // Nobody uses dev at night or at weekends: stop at 20:00, start at 07:00 on weekdays.
        offHours: { stopSchedule: 'cron(0 20 ? * MON-FRI *)', startSchedule: 'cron(0 7 ? * MON-FRI *)', timezone: 'UTC' },
      };
    case 'staging':
      return {
        services: {
          frontend: { cpu: 512, memory: 1024, minTasks: 2, maxTasks: 4, desiredTasks: 2 },
          backend: { cpu: 1024, memory: 2048, minTasks: 2, maxTasks: 6, desiredTasks: 2 },
        },
        github: GITHUB,
        capacity: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 1 },
        logRetentionDays: 30,
        internalLoadBalancerTls: true,
        targetTls: targetTls(env),
      };
    case 'prod':
      return {
        services: {
          frontend: { cpu: 512, memory: 1024, minTasks: 2, maxTasks: 10, desiredTasks: 2 },
          backend: { cpu: 1024, memory: 2048, minTasks: 2, maxTasks: 20, desiredTasks: 2 },
        },
        github: GITHUB,
        capacity: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 1 },
        logRetentionDays: 30,
        // TLS from the frontend to the backend's load balancer (the seed's port 80 stays in dev).
        internalLoadBalancerTls: true,
        // TLS from both load balancers to the tasks (tls-proxy sidecar); dev keeps the seed's HTTP.
        targetTls: targetTls(env),
      };
  }
}
