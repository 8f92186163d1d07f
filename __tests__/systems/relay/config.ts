import { EnvName } from '../../../src/core/names';
import { EnvironmentConfig, SystemDefinition } from '../../../src/config/types';

/**
 * Values of `relay`, a test-only serverless system: no VPC, a primary region (eu-west-1) with a DR
 * copy of its data in a secondary region (eu-central-1), and a CloudFront-scoped WAF in us-east-1.
 * It shares an account with nothing, so it owns no singleton it does not create (it creates none).
 */
const ACCOUNTS: Record<'dev' | 'prod', string> = { dev: '555555555555', prod: '666666666666' };

function environment(env: 'dev' | 'prod'): EnvironmentConfig {
  return {
    system: 'relay',
    env,
    accountId: ACCOUNTS[env],
    region: 'eu-west-1',
    secondaryRegion: 'eu-central-1',
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/terraform-deployer`,
    owner: 'platform-tests',
    costCenter: 'platform',
    protectStatefulResources: env === 'prod',
  };
}

export const relayConfig: SystemDefinition & { readonly environments: Readonly<Partial<Record<EnvName, EnvironmentConfig>>> } = {
  name: 'relay',
  description: 'Test-only serverless event relay: S3 with cross-region replication, SQS, a Bedrock guardrail, a CloudFront WAF',
  environments: { dev: environment('dev'), prod: environment('prod') },
};
