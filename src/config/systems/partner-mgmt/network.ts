import { EnvName } from '../../../core/names';
import { NetworkConfig, SecurityGroupSpec } from '../../types';
import { PARTNER_FUNCTION_NAMES } from './functions';

/**
 * Every function runs in private subnets of a VPC with no internet gateway and no NAT: none of
 * them calls anything but AWS APIs, so they reach those through gateway endpoints (S3, DynamoDB)
 * and interface endpoints whose policies admit only this account's principals: a data perimeter
 * around the confidential customer and financial data the seed classifies. One security group per
 * function role (the seed's "Network Level: VPC configuration and security groups"), each allowed
 * HTTPS to the endpoints and nothing else.
 */
const ENDPOINTS = ['bedrock-runtime', 'bedrock-agent-runtime', 'athena', 'glue', 'secretsmanager', 'ssm', 'logs', 'monitoring', 'xray', 'sts', 'events'];

function securityGroups(): Record<string, SecurityGroupSpec> {
  const groups: Record<string, SecurityGroupSpec> = {};
  for (const fn of PARTNER_FUNCTION_NAMES) {
    groups[fn] = {
      description: `Lambda ${fn}: HTTPS to the VPC endpoints only`,
      egress: [
        { port: 443, peer: { securityGroup: 'vpc-endpoint' }, description: 'To the interface endpoints (Bedrock, Athena, Glue, ...)' },
        { port: 443, peer: { prefixList: 's3' }, description: 'To S3 through the gateway endpoint' },
        { port: 443, peer: { prefixList: 'dynamodb' }, description: 'To DynamoDB through the gateway endpoint' },
      ],
    };
  }
  groups['vpc-endpoint'] = {
    description: 'Interface VPC endpoints; no egress',
    ingress: PARTNER_FUNCTION_NAMES.map((fn) => ({ port: 443, peer: { securityGroup: fn }, description: `From Lambda ${fn}` })),
  };
  return groups;
}

const PRIMARY_AZS: Record<EnvName, string[]> = {
  dev: ['us-east-1a', 'us-east-1b'],
  staging: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  prod: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

function vpc(cidrBase: string, azs: readonly string[], flowLogRetentionDays: number): Omit<NetworkConfig, 'secondary'> {
  const [a, b] = cidrBase.split('.');
  return {
    vpcCidr: `${a}.${b}.0.0/16`,
    availabilityZones: azs,
    publicSubnetCidrs: [],
    privateAppSubnetCidrs: azs.map((_, i) => `${a}.${b}.${i * 4}.0/22`),
    privateDataSubnetCidrs: [],
    enableNatGateway: false,
    dynamodbGatewayEndpoint: true,
    interfaceEndpoints: ENDPOINTS,
    securityGroups: securityGroups(),
    endpointSecurityGroup: 'vpc-endpoint',
    flowLogRetentionDays,
  };
}

export function partnerNetwork(env: EnvName): NetworkConfig {
  const retention = env === 'prod' ? 365 : env === 'staging' ? 90 : 30;
  const primary = vpc('10.40', PRIMARY_AZS[env], retention);
  // prod's standby functions (disaster recovery) run in the same kind of VPC in us-west-2.
  return env === 'prod' ? { ...primary, secondary: vpc('10.41', ['us-west-2a', 'us-west-2b', 'us-west-2c'], retention) } : primary;
}
