import { EnvName } from '../../../core/names';
import { bidopsAi } from './ai';
import { bidopsCompute } from './compute';
import { bidopsData } from './data';
import { bidopsEdge } from './edge';
import { bidopsGovernance } from './governance';
import { targetTlsPort } from '../../layers/compute';
import { EnvironmentConfig, NetworkConfig, SecurityGroupSpec, SystemDefinition } from '../../types';

/**
 * BidOps.ai (../shared/seeds/bidops-architecture-design.md). Security groups follow the seed's
 * "Security Groups (Enterprise Pattern with Internal ALB)" section; subnets its "VPC Configuration".
 */
const ANYWHERE = { cidr: '0.0.0.0/0' } as const;
const sg = (name: string) => ({ securityGroup: name });

/** The seed's security groups; with `internalTls` the internal ALB listens on 443 instead of 80. */
export function bidopsSecurityGroups(internalTls: boolean, targetTlsPort?: number): Readonly<Record<string, SecurityGroupSpec>> {
  // With compute.targetTls the ALBs reach the tasks' tls-proxy only; the app ports stay inside the task.
  const frontendPort = targetTlsPort ?? 3000;
  const backendPort = targetTlsPort ?? 4000;
  const internalPort = internalTls ? 443 : 80;
  const internalProtocol = internalTls ? 'HTTPS' : 'HTTP';
  return {
    'external-alb': {
      description: 'Internet-facing ALB in front of the Next.js frontend',
      ingress: [
        { port: 80, peer: ANYWHERE, description: 'HTTP from internet (redirected to HTTPS)' },
        { port: 443, peer: ANYWHERE, description: 'HTTPS from internet' },
      ],
      egress: [{ port: frontendPort, peer: sg('frontend'), description: 'To Frontend' }],
    },
    'internal-alb': {
      description: 'Internal ALB in front of the GraphQL backend',
      ingress: [{ port: internalPort, peer: sg('frontend'), description: `${internalProtocol} from Frontend` }],
      egress: [{ port: backendPort, peer: sg('backend'), description: 'To Backend' }],
    },
    frontend: {
      description: 'Next.js frontend tasks',
      ingress: [{ port: frontendPort, peer: sg('external-alb'), description: 'From External ALB' }],
      egress: [
        { port: 443, peer: ANYWHERE, description: 'HTTPS to internet and AWS APIs' },
        { port: internalPort, peer: sg('internal-alb'), description: 'To Internal ALB' },
        { port: 443, peer: sg('agentcore'), description: 'To AgentCore' },
      ],
    },
    backend: {
      description: 'GraphQL backend tasks',
      ingress: [{ port: backendPort, peer: sg('internal-alb'), description: 'From Internal ALB' }],
      egress: [
        { port: 443, peer: ANYWHERE, description: 'HTTPS to internet and AWS APIs' },
        { port: 5432, peer: sg('database'), description: 'To Aurora' },
        { port: 443, peer: sg('vpc-endpoint'), description: 'To Bedrock and other interface endpoints' },
        { port: 443, peer: sg('opensearch'), description: 'To OpenSearch' },
      ],
    },
    database: {
      description: 'Aurora PostgreSQL cluster; no egress',
      ingress: [
        { port: 5432, peer: sg('backend'), description: 'From Backend' },
        { port: 5432, peer: sg('agentcore'), description: 'From AgentCore' },
      ],
    },
    opensearch: {
      description: 'OpenSearch domain; no egress',
      ingress: [{ port: 443, peer: sg('backend'), description: 'From Backend' }],
    },
    agentcore: {
      description: 'AgentCore runtime ENIs in the private app subnets',
      ingress: [{ port: 443, peer: sg('frontend'), description: 'From Frontend' }],
      egress: [
        { port: 443, peer: ANYWHERE, description: 'HTTPS to internet and AWS APIs' },
        { port: 5432, peer: sg('database'), description: 'To Aurora' },
        { port: 443, peer: sg('vpc-endpoint'), description: 'To Bedrock and other interface endpoints' },
      ],
    },
    'vpc-endpoint': {
      description: 'Interface VPC endpoints; no egress',
      ingress: [
        { port: 443, peer: sg('frontend'), description: 'From Frontend' },
        { port: 443, peer: sg('backend'), description: 'From Backend' },
        { port: 443, peer: sg('agentcore'), description: 'From AgentCore' },
      ],
    },
  };
}

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function network(overrides: Partial<NetworkConfig>): NetworkConfig {
  return {
    vpcCidr: '10.0.0.0/16',
    availabilityZones: AZS,
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    privateAppSubnetCidrs: ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'],
    privateDataSubnetCidrs: ['10.0.21.0/24', '10.0.22.0/24', '10.0.23.0/24'],
    enableNatGateway: true,
    interfaceEndpoints: ['bedrock-runtime', 'secretsmanager', 'ssm', 'ecr.api', 'ecr.dkr', 'logs'],
    securityGroups: bidopsSecurityGroups(false),
    endpointSecurityGroup: 'vpc-endpoint',
    flowLogRetentionDays: 90,
    // Tier ACLs under the security groups (free, so every env): the data subnets hold Aurora (5432)
    // and the OpenSearch domain (443), reached only from the private app subnets (backend, AgentCore).
    networkAcls: { databasePorts: [5432, 443] },
    ...overrides,
  };
}

const ACCOUNTS: Record<EnvName, string> = { dev: '222222222222', staging: '333333333333', prod: '444444444444' };

function environment(env: EnvName, rest: Omit<EnvironmentConfig, 'system' | 'env' | 'accountId' | 'region' | 'deployRoleArn' | 'project' | 'owner' | 'costCenter' | 'data' | 'ai' | 'compute' | 'edge' | 'governance'>): EnvironmentConfig {
  const compute = bidopsCompute(env);
  return {
    system: 'bidops',
    env,
    accountId: ACCOUNTS[env],
    region: 'us-east-1',
    deployRoleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/terraform-deployer`,
    project: 'bidops-ai',
    owner: 'hackathon-team',
    costCenter: 'hackathon-2024',
    data: bidopsData(env),
    ai: bidopsAi(env),
    compute,
    edge: bidopsEdge(env),
    governance: bidopsGovernance(env),
    ...rest,
    // The internal ALB's port (80 or 443) follows compute.internalLoadBalancerTls, the tasks' ports compute.targetTls.
    network: rest.network && { ...rest.network, securityGroups: bidopsSecurityGroups(compute.internalLoadBalancerTls ?? false, compute.targetTls && targetTlsPort(compute.targetTls)) },
  };
}

export const bidops: SystemDefinition = {
  name: 'bidops',
  description: 'BidOps.ai: Next.js frontend, GraphQL backend and AgentCore agents on ECS Fargate with Aurora, OpenSearch and Bedrock',
  environments: {
    // The seed's POC choice: one NAT gateway for every AZ (~$45/month instead of ~$135).
    dev: environment('dev', {
      protectStatefulResources: false,
      network: network({ singleNatGateway: true, flowLogRetentionDays: 30 }),
    }),
    // Between dev and prod: prod's topology with one shared NAT gateway.
    staging: environment('staging', {
      protectStatefulResources: true,
      network: network({ singleNatGateway: true }),
    }),
    // The seed's production upgrade path: one NAT gateway per AZ, same-AZ routes.
    prod: environment('prod', {
      protectStatefulResources: true,
      // Disaster recovery region of the replicated buckets (data.replicateToSecondaryRegion).
      secondaryRegion: 'us-west-2',
      network: network({ singleNatGateway: false, flowLogRetentionDays: 365 }),
    }),
  },
};
