import { EnvName } from '../../../core/names';
import { ComputeLayerConfig, FunctionConfig } from '../../layers/compute';
import { PARTNER_FUNCTIONS, PARTNER_FUNCTION_NAMES } from './functions';

/** Reserved concurrency per function and environment: caps a runaway function, guarantees the rest. */
const RESERVED: Record<EnvName, number> = { dev: 5, staging: 10, prod: 50 };

/**
 * The seed's function sizes, its "provisioned concurrency for predictable workloads" (the
 * orchestrator in prod), canary releases with automatic rollback (prod), API Gateway rate
 * limiting per key, and a warm standby of functions and API in the DR region (prod).
 */
export function partnerCompute(env: EnvName, dashboardOrigin: string): ComputeLayerConfig {
  const prod = env === 'prod';
  const functions: Record<string, FunctionConfig> = {};
  for (const name of PARTNER_FUNCTION_NAMES) {
    const { timeoutSeconds, memoryMb } = PARTNER_FUNCTIONS[name];
    functions[name] = {
      timeoutSeconds,
      memoryMb,
      reservedConcurrency: RESERVED[env],
      provisionedConcurrency: prod && name === 'opportunity-analysis' ? 2 : undefined,
    };
  }
  return {
    functions,
    restApi: {
      stageName: 'v1',
      throttle: prod ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 10, burstLimit: 20 },
      quota: prod ? { limit: 500000, period: 'MONTH' } : { limit: 20000, period: 'MONTH' },
      corsOrigins: [dashboardOrigin],
      apiKeys: ['dashboard', 'partner-integrations'],
    },
    lambdaDeploymentConfig: prod ? 'CodeDeployDefault.LambdaCanary10Percent5Minutes' : env === 'staging' ? 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute' : 'CodeDeployDefault.LambdaAllAtOnce',
    // Prod: a year, because the API access, WAF and CloudFront access log groups share this value (security class, LOG-04).
    logRetentionDays: prod ? 365 : 30,
    standbyInSecondaryRegion: prod,
  };
}
