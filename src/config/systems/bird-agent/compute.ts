import { EnvName } from '../../../core/names';
import { ComputeLayerConfig, ServiceConfig } from '../../layers/compute';
import { birdAgentFunctions } from './functions';

/** The seed's stage variable `environment` per environment. */
const ENVIRONMENT_NAME: Record<EnvName, string> = { dev: 'development', staging: 'staging', prod: 'production' };

/**
 * The seed's "ECS Cluster Configuration": conversation-manager (1 vCPU / 2 GB, desired 3, 2-20,
 * CPU 70 % and memory 80 %, out 300 s, in 900 s) and multimodal-processor (2 vCPU / 4 GB, desired
 * 2, 1-10, CPU 80 %, memory 85 % and the queue depth: 10 visible messages per task). The seed gives
 * the processor no cooldowns; it gets the manager's. dev runs one task of each (up to 4) to save
 * cost (docs/DEVIATIONS.md).
 */
function services(env: EnvName): Record<'conversation-manager' | 'multimodal-processor', ServiceConfig> {
  const dev = env === 'dev';
  const cooldowns = { scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 900 };
  return {
    'conversation-manager': {
      cpu: 1024,
      memory: 2048,
      desiredTasks: dev ? 1 : 3,
      minTasks: dev ? 1 : 2,
      maxTasks: dev ? 4 : 20,
      scaling: { cpuTarget: 70, memoryTarget: 80, ...cooldowns },
    },
    'multimodal-processor': {
      cpu: 2048,
      memory: 4096,
      desiredTasks: dev ? 1 : 2,
      minTasks: 1,
      maxTasks: dev ? 4 : 10,
      scaling: { cpuTarget: 80, memoryTarget: 85, ...cooldowns, queueBacklogPerTask: 10 },
    },
  };
}

/**
 * The compute section: the seed's services on FARGATE 70 / FARGATE_SPOT 30, the Lambda functions
 * (functions.ts), the seed's REST API (stage per environment with its variables, AWS_IAM, burst
 * 5000 / rate 2000, `api-east.<domain>`; in prod the standby in us-west-2 as `api-west.<domain>`),
 * and the Bedrock models the services may invoke (on demand in us-east-1 and us-west-2). The GPU
 * option (`gpuCapacity`) stays off: set it with the region's ECS GPU AMI to run the multimodal
 * processor on g5 instances.
 */
export function birdAgentCompute(env: EnvName, region: string, domain: string): ComputeLayerConfig {
  const prod = env === 'prod';
  return {
    services: services(env),
    functions: birdAgentFunctions(env, region),
    capacity: { onDemandBase: 0, onDemandWeight: 70, spotWeight: 30 },
    // Prod: a year, because the API Gateway access log groups share this value (security class, LOG-04).
    logRetentionDays: prod ? 365 : 30,
    restApi: {
      stageName: env,
      throttle: { rateLimit: 2000, burstLimit: 5000 },
      authorization: 'AWS_IAM',
      apiKeys: [],
      stageVariables: { backend_url: `https://agent-alb.${domain}`, api_version: 'v1', environment: ENVIRONMENT_NAME[env] },
      customDomain: { subdomain: 'api-east', secondarySubdomain: prod ? 'api-west' : undefined },
    },
    standbyInSecondaryRegion: prod,
    // TLS from the internal ALB to the tasks (tls-proxy sidecar, images/tls-proxy, pushed to the
    // compute layer's `<system>-<env>/tls-proxy` repository of each region); dev keeps the seed's HTTP.
    targetTls: env === 'dev' ? undefined : { imageTag: '1.0.0' },
    bedrockModelIds: ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0', 'amazon.titan-embed-text-v2:0'],
  };
}
