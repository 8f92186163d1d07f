import { EnvName } from '../../../core/names';
import { EnvironmentConfig, SystemDefinition } from '../../types';
import { partnerAi } from './ai';
import { partnerCompute } from './compute';
import { partnerData } from './data';
import { partnerNetwork } from './network';

/**
 * The serverless Bedrock partner management system (../shared/seeds/partner-management-design.md).
 * One account per environment; prod adds the seed's secondary region (us-west-2) for disaster
 * recovery (RTO 15 min, RPO 1 h). Tags follow the seed's tagging strategy (Environment, Project,
 * Owner, CostCenter).
 */
const ACCOUNTS: Record<EnvName, string> = { dev: '601000000001', staging: '601000000002', prod: '601000000003' };
const BUDGET_USD: Record<EnvName, number> = { dev: 200, staging: 400, prod: 1500 };
/** The dashboard's domain per environment (CloudFront `dashboard.<domain>`, API `api.<domain>`). */
const DOMAIN: Record<EnvName, string> = { dev: 'dev.partners.example.com', staging: 'staging.partners.example.com', prod: 'partners.example.com' };

function environment(env: EnvName): EnvironmentConfig {
  return {
    system: 'partner-mgmt',
    env,
    accountId: ACCOUNTS[env],
    region: 'us-east-1',
    secondaryRegion: env === 'prod' ? 'us-west-2' : undefined,
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/terraform-deployer`,
    project: 'partner-management',
    owner: 'partner-analytics-team',
    costCenter: 'partner-programs',
    protectStatefulResources: env !== 'dev',
    network: partnerNetwork(env),
    data: partnerData(env),
    ai: partnerAi(env),
    compute: partnerCompute(env, `https://dashboard.${DOMAIN[env]}`),
    edge: { domainName: DOMAIN[env] },
    governance: {
      alertEmail: 'partner-ops@example.com',
      monthlyBudgetUsd: BUDGET_USD[env],
      budgetThresholdsPercent: [50, 80, 100],
      auditLogRetentionDays: 365,
      anomalyThresholdUsd: env === 'prod' ? 50 : 20,
    },
  };
}

export const partnerMgmt: SystemDefinition = {
  name: 'partner-mgmt',
  description: 'Serverless Bedrock partner management: Lambda functions behind API Gateway, a Bedrock agent with action groups, DynamoDB, Athena over an S3 data lake, CloudFront dashboard',
  environments: { dev: environment('dev'), staging: environment('staging'), prod: environment('prod') },
};
