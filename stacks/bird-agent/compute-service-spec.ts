/** The seed's container services, their ports, target groups and ALB rules (shared by the compute files and the tests). */

/** The seed's two container services. */
export const SERVICE_NAMES = ['conversation-manager', 'multimodal-processor'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** The application port and the health port (the seed's ECS group admits both from the ALB). */
export const APP_PORT = 8080;
export const HEALTH_PORT = 8081;
/** The seed's log group `/aws/ecs/bird-agent-cluster`, per environment. */
export const clusterLogGroupName = (prefix: string): string => `/aws/ecs/${prefix}-cluster`;

/** The seed's target groups: health check path, timeout, thresholds, deregistration delay. */
export const TARGET_GROUPS: Readonly<Record<ServiceName, { readonly shortName: string; readonly timeout: number; readonly healthy: number; readonly unhealthy: number; readonly deregistrationDelay: number }>> = {
  'conversation-manager': { shortName: 'conv-mgr', timeout: 5, healthy: 2, unhealthy: 3, deregistrationDelay: 30 },
  'multimodal-processor': { shortName: 'mm-proc', timeout: 10, healthy: 2, unhealthy: 2, deregistrationDelay: 60 },
};

/** The ALB's rules besides the default (conversation-manager), by priority. */
export const LISTENER_RULES = [
  { priority: 10, path: '/multimodal/*', target: 'multimodal-processor' },
  // The NLB of the VPC link probes the ALB here; the default service answers, so a healthy link means a serving ALB.
  { priority: 20, path: '/health', target: 'conversation-manager' },
  // Metrics go to CloudWatch (Container Insights, X-Ray, the BirdAgent namespace); nothing scrapes them through the ALB.
  { priority: 30, path: '/metrics', target: 'forbidden' },
] as const;
