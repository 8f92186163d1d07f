import { EnvName } from '../../../core/names';
import { NetworkConfig, SecurityGroupSpec } from '../../types';

/**
 * The seed's "VPC Design", "Security Groups" and "Network ACLs". The seed's API Gateway security
 * group cannot attach to a regional REST API; the API reaches the internal ALB through a VPC link,
 * which needs a Network Load Balancer: its group `api-link` takes that place (docs/DEVIATIONS.md).
 * The ALB also sends to 8081, where the seed has ECS admit health checks.
 */
const ENDPOINTS = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'bedrock-runtime', 'rekognition', 'sqs', 'events', 'states', 'kinesis-streams', 'xray', 'monitoring', 'sts'];

function securityGroups(targetTlsPort?: number): Record<string, SecurityGroupSpec> {
  // With compute.targetTls the ALB sends requests to the tasks' tls-proxy; health checks stay on 8081.
  const trafficPort = targetTlsPort ?? 8080;
  return {
    'api-link': {
      description: 'NLB of the REST API VPC link (the seed API Gateway group)',
      egress: [{ port: 443, peer: { securityGroup: 'alb' }, description: 'HTTPS to the internal ALB' }],
    },
    alb: {
      description: 'Internal ALB bird-agent-alb',
      ingress: [
        { port: 443, peer: { securityGroup: 'api-link' }, description: 'Port 443 from API Gateway (VPC link NLB)' },
        { port: 80, peer: { securityGroup: 'api-link' }, description: 'Port 80 from API Gateway (VPC link NLB)' },
      ],
      egress: [
        { port: trafficPort, peer: { securityGroup: 'ecs' }, description: `Port ${trafficPort} to ECS Services` },
        { port: 8081, peer: { securityGroup: 'ecs' }, description: 'Port 8081 to ECS Services (health checks)' },
      ],
    },
    ecs: {
      description: 'ECS services conversation-manager and multimodal-processor',
      ingress: [
        { port: trafficPort, peer: { securityGroup: 'alb' }, description: `Port ${trafficPort} from ALB` },
        { port: 8081, peer: { securityGroup: 'alb' }, description: 'Port 8081 from ALB (health checks)' },
      ],
      egress: [
        { port: 443, peer: { cidr: '0.0.0.0/0' }, description: 'Port 443 to Internet (AWS API calls)' },
        { port: 443, peer: { prefixList: 's3' }, description: 'Port 443 to S3 through the gateway endpoint' },
        { port: 443, peer: { prefixList: 'dynamodb' }, description: 'Port 443 to DynamoDB through the gateway endpoint' },
        { port: 5432, peer: { securityGroup: 'database' }, description: 'Port 5432 to Database' },
        { port: 6379, peer: { securityGroup: 'cache' }, description: 'Port 6379 to Cache' },
      ],
    },
    database: {
      description: 'Aurora PostgreSQL; no egress',
      ingress: [
        { port: 5432, peer: { securityGroup: 'ecs' }, description: 'Port 5432 from ECS Services' },
        { port: 5432, peer: { securityGroup: 'lambda' }, description: 'Port 5432 from Lambda' },
      ],
    },
    cache: {
      description: 'ElastiCache Redis; no egress',
      ingress: [
        { port: 6379, peer: { securityGroup: 'ecs' }, description: 'Port 6379 from ECS Services' },
        { port: 6379, peer: { securityGroup: 'lambda' }, description: 'Port 6379 from Lambda' },
      ],
    },
    lambda: {
      description: 'Lambda functions; no ingress',
      egress: [
        { port: 443, peer: { cidr: '0.0.0.0/0' }, description: 'Port 443 to Internet (AWS API calls)' },
        { port: 443, peer: { prefixList: 's3' }, description: 'Port 443 to S3 through the gateway endpoint' },
        { port: 443, peer: { prefixList: 'dynamodb' }, description: 'Port 443 to DynamoDB through the gateway endpoint' },
        { port: 5432, peer: { securityGroup: 'database' }, description: 'Port 5432 to Database' },
        { port: 6379, peer: { securityGroup: 'cache' }, description: 'Port 6379 to Cache' },
      ],
    },
    'vpc-endpoint': {
      description: 'Interface endpoints; no egress',
      ingress: [
        { port: 443, peer: { securityGroup: 'ecs' }, description: 'HTTPS from ECS Services' },
        { port: 443, peer: { securityGroup: 'lambda' }, description: 'HTTPS from Lambda' },
      ],
    },
  };
}

function vpc(second: number, region: string, env: EnvName, targetTlsPort?: number): Omit<NetworkConfig, 'secondary'> {
  const azs = ['a', 'b', 'c'].map((z) => `${region}${z}`);
  return {
    vpcCidr: `10.${second}.0.0/16`,
    availabilityZones: azs,
    publicSubnetCidrs: [1, 2, 3].map((n) => `10.${second}.${n}.0/24`),
    privateAppSubnetCidrs: [11, 12, 13].map((n) => `10.${second}.${n}.0/24`),
    privateDataSubnetCidrs: [21, 22, 23].map((n) => `10.${second}.${n}.0/24`),
    // Three NAT gateways, one per AZ (seed); dev shares one.
    singleNatGateway: env === 'dev',
    dynamodbGatewayEndpoint: true,
    interfaceEndpoints: ENDPOINTS,
    securityGroups: securityGroups(targetTlsPort),
    endpointSecurityGroup: 'vpc-endpoint',
    flowLogRetentionDays: env === 'prod' ? 365 : env === 'staging' ? 90 : 30,
    networkAcls: { databasePorts: [5432, 6379], managementCidr: '203.0.113.0/24' },
  };
}

/** The primary VPC in us-east-1 (the seed's 10.0.0.0/16); prod adds the DR VPC in us-west-2 (10.1.0.0/16). */
export function birdAgentNetwork(env: EnvName, targetTlsPort?: number): NetworkConfig {
  const primary = vpc(0, 'us-east-1', env, targetTlsPort);
  return env === 'prod' ? { ...primary, secondary: vpc(1, 'us-west-2', env, targetTlsPort) } : primary;
}
