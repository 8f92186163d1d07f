import { EnvName } from '../../../core/names';
import { EnvironmentConfig, SystemDefinition } from '../../types';
import { birdAgentCompute } from './compute';
import { birdAgentData } from './data';
import { birdAgentNetwork } from './network';
import { targetTlsPort } from '../../layers/compute';

/**
 * The external agent for Bird.com (../shared/seeds/bird-agent-infrastructure.md): one account per
 * environment (the seed's bird-agent-dev/-staging/-prod; its security and logging accounts are
 * outside these stacks), primary region us-east-1, DR region us-west-2 in prod.
 */
const ACCOUNTS: Record<EnvName, string> = { dev: '801000000001', staging: '801000000002', prod: '801000000003' };
const DOMAIN: Record<EnvName, string> = { dev: 'dev.agent.bird-partner.example.com', staging: 'staging.agent.bird-partner.example.com', prod: 'agent.bird-partner.example.com' };
const BUDGET_USD: Record<EnvName, number> = { dev: 1500, staging: 3000, prod: 9000 };
/**
 * Bird.com's addresses the API's WAF allows past its rate limit and geo block (the seed's "IP
 * Allowlist Rule: Bird.com IPs"). Documentation ranges (RFC 5737) stand in until Bird.com's
 * published egress ranges are entered here (docs/bird-agent.md, manual steps).
 */
const BIRD_COM_ADDRESSES: readonly string[] = ['192.0.2.0/24', '198.51.100.0/24'];

function environment(env: EnvName): EnvironmentConfig {
  const compute = birdAgentCompute(env, 'us-east-1', DOMAIN[env]);
  return {
    system: 'bird-agent',
    env,
    accountId: ACCOUNTS[env],
    region: 'us-east-1',
    secondaryRegion: env === 'prod' ? 'us-west-2' : undefined,
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/terraform-deployer`,
    project: 'bird-agent',
    owner: 'agent-platform',
    costCenter: 'bird-integration',
    protectStatefulResources: env !== 'dev',
    // The ALB -> task port follows compute.targetTls (the tls-proxy's port).
    network: birdAgentNetwork(env, compute.targetTls && targetTlsPort(compute.targetTls)),
    data: birdAgentData(env),
    compute,
    edge: {
      domainName: DOMAIN[env],
      // The seed's WAF: 2000 requests per 5 minutes per IP, CN/RU/KP blocked, logs kept 30 days.
      wafRateLimit: 2000,
      wafBlockedCountries: ['CN', 'RU', 'KP'],
      // Prod keeps them a year: WAF logs are security-class (src/config/retention-classes.ts).
      wafLogRetentionDays: env === 'prod' ? 365 : 30,
      wafAllowedIps: BIRD_COM_ADDRESSES,
      // api.<domain> fails over between api-east and api-west where the standby runs (prod).
      apiFailover: { subdomain: 'api', primarySubdomain: 'api-east', secondarySubdomain: 'api-west' },
    },
    governance: {
      alertEmail: 'agent-oncall@example.com',
      monthlyBudgetUsd: BUDGET_USD[env],
      budgetThresholdsPercent: [50, 80, 100],
      auditLogRetentionDays: 365,
      anomalyThresholdUsd: env === 'prod' ? 200 : 50,
    },
  };
}

export const birdAgent: SystemDefinition = {
  name: 'bird-agent',
  description: 'External agent for Bird.com: ECS services behind an internal ALB, Lambda and Step Functions for multimodal analysis, EventBridge, SQS, Aurora global database, DynamoDB global tables, Redis, WAF-protected REST API with DR in us-west-2',
  environments: { dev: environment('dev'), staging: environment('staging'), prod: environment('prod') },
};
