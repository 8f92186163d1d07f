import { EnvName } from '../../../core/names';
import { EnvironmentConfig, SystemDefinition } from '../../types';
import { APPS } from './apps';
import { langPortalData } from './data';
import { langPortalNetwork } from './network';
import { targetTlsPort } from '../../layers/compute';

/**
 * The app-dw.net language-learning portal and its sibling apps (../shared/seeds/lang-portal-tech-specs.md):
 * single region us-east-1 (seed), one account per environment. dev is cost-optimised (one NAT, no
 * readers, small classes, Spot only); prod takes the seed's production settings.
 */
const ACCOUNTS: Record<EnvName, string> = { dev: '701000000001', staging: '701000000002', prod: '701000000003' };
const DOMAIN: Record<EnvName, string> = { dev: 'dev.app-dw.net', staging: 'staging.app-dw.net', prod: 'app-dw.net' };
const BUDGET_USD: Record<EnvName, number> = { dev: 600, staging: 900, prod: 1500 };

function environment(env: EnvName): EnvironmentConfig {
  const size = { cpu: 1024, memory: 2048 }; // the seed: 1 vCPU, 2 GB per container type
  // The tls-proxy image (images/tls-proxy) in the environment's data-layer repository.
  const targetTls = env === 'dev' ? undefined : { repository: `lang-portal-${env}-tls-proxy`, imageTag: '1.0.0' };
  return {
    system: 'lang-portal',
    env,
    accountId: ACCOUNTS[env],
    region: 'us-east-1',
    // Disaster recovery region of the replicated media buckets (data.replicateToSecondaryRegion).
    secondaryRegion: env === 'prod' ? 'us-west-2' : undefined,
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/terraform-deployer`,
    project: 'app-dw',
    owner: 'genai-bootcamp',
    costCenter: 'language-learning',
    protectStatefulResources: env !== 'dev',
    network: langPortalNetwork(env, targetTls && targetTlsPort(targetTls)),
    data: langPortalData(env),
    ai: {
      // Text generation, the seed's image generation choice (Bedrock with Stability models), embeddings off.
      modelIds: ['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-lite-v1:0', 'stability.stable-image-core-v1:1', 'amazon.titan-embed-text-v2:0'],
      // Prod: a year, model invocation logs are audit-class (src/config/retention-classes.ts).
      logRetentionDays: env === 'prod' ? 365 : 7,
    },
    compute: {
      // The seed's 1-3 tasks; prod keeps two so one AZ or one Spot reclaim never takes a service down.
      services: Object.fromEntries(APPS.map((app) => [app.name, { ...size, minTasks: env === 'prod' ? 2 : 1, maxTasks: 3, desiredTasks: env === 'prod' ? 2 : 1 }])),
      // FARGATE_SPOT (seed); prod keeps one on-demand task per service so a Spot reclaim cannot take every task.
      capacity: env === 'prod' ? { onDemandBase: 1, onDemandWeight: 0, spotWeight: 1 } : { onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 },
      // Prod: a year, because the HTTP API access log groups share this value (security class, LOG-04).
      logRetentionDays: env === 'prod' ? 365 : 7,
      httpApi: { throttle: env === 'prod' ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 50, burstLimit: 100 } },
      // TLS from the ALB to vocab and writing (tls-proxy sidecar, images/tls-proxy); dev keeps the seed's HTTP.
      targetTls,
    },
    edge: {
      domainName: DOMAIN[env],
      wafRateLimit: 2000,
      // The seed: "Geo-blocking: None (unless specific countries need to be blocked)".
      wafBlockedCountries: [],
      wafLogRetentionDays: env === 'prod' ? 365 : 7,
      delivery: { repository: 'app-dw/free-genai-bootcamp-2025', branch: env === 'prod' ? 'main' : env },
    },
    governance: {
      alertEmail: 'platform@app-dw.net',
      monthlyBudgetUsd: BUDGET_USD[env],
      budgetThresholdsPercent: [50, 80, 100],
      auditLogRetentionDays: 365,
      anomalyThresholdUsd: env === 'prod' ? 50 : 20,
    },
  };
}

export const langPortal: SystemDefinition = {
  name: 'lang-portal',
  description: 'app-dw.net language-learning portal: five FastAPI/Streamlit/Gradio apps on ECS Fargate, two Aurora PostgreSQL clusters behind RDS Proxy, Cognito on auth.app-dw.net, CloudFront frontends, Bedrock and Polly',
  environments: { dev: environment('dev'), staging: environment('staging'), prod: environment('prod') },
};
