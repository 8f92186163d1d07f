import { EnvName } from '../../../core/names';
import { NetworkConfig, SecurityGroupRuleSpec, SecurityGroupSpec } from '../../types';

/**
 * The seed's "Recommended Network Stack" and "Security Group Configuration". Every rule keeps the
 * seed's description; "All Traffic" egress is narrowed to what each group really sends
 * (docs/DEVIATIONS.md): the apps HTTPS to the endpoints, S3 and the internet (the seed's third-party
 * calls), the proxies 5432 to their cluster, the clusters and endpoints nothing. The two API groups
 * admit the API Gateway VPC link instead of the ALB: their public path is CloudFront -> API Gateway
 * (docs/lang-portal.md).
 */
const ENDPOINTS = ['ecr.api', 'ecr.dkr', 'secretsmanager', 'logs', 'bedrock-runtime', 'polly', 'xray'];

const toAws = (from: string): SecurityGroupRuleSpec[] => [
  { port: 443, peer: { securityGroup: 'vpc-endpoint' }, description: `HTTPS from ${from} to the VPC endpoints` },
  { port: 443, peer: { prefixList: 's3' }, description: 'HTTPS to S3 through the gateway endpoint' },
  { port: 443, peer: { cidr: '0.0.0.0/0' }, description: 'HTTPS to third-party APIs through NAT' },
];

function securityGroups(targetTlsPort?: number): Record<string, SecurityGroupSpec> {
  // With compute.targetTls the ALB reaches the tasks' tls-proxy only; the app ports stay inside the task.
  const vocabPort = targetTlsPort ?? 8501;
  const writingPort = targetTlsPort ?? 7860;
  return {
    alb: {
      description: 'alb-sg: public ALB for vocab and writing',
      ingress: [
        { port: 443, peer: { cidr: '0.0.0.0/0' }, description: 'Allow HTTPS from internet' },
        { port: 80, peer: { cidr: '0.0.0.0/0' }, description: 'Allow HTTP for redirect' },
      ],
      egress: [
        { port: vocabPort, peer: { securityGroup: 'vocab-generator' }, description: 'To Vocab Generator Streamlit' },
        { port: writingPort, peer: { securityGroup: 'writing-practice' }, description: 'To Writing Practice Gradio' },
      ],
    },
    'api-vpc-link': {
      description: 'API Gateway VPC link to the two FastAPI backends',
      egress: [
        { port: 8000, peer: { securityGroup: 'lang-portal-api' }, description: 'To Lang Portal API' },
        { port: 8000, peer: { securityGroup: 'haiku-api' }, description: 'To Haiku Generator API' },
      ],
    },
    'lang-portal-api': {
      description: 'lang-portal-api-sg: Lang Portal FastAPI tasks',
      ingress: [
        { port: 8000, peer: { securityGroup: 'api-vpc-link' }, description: 'Allow traffic from API Gateway VPC link' },
        { port: 8000, peer: { securityGroup: 'vocab-generator' }, description: 'Allow traffic from Vocab Generator' },
        { port: 8000, peer: { securityGroup: 'writing-practice' }, description: 'Allow traffic from Writing Practice' },
      ],
      egress: [
        { port: 5432, peer: { securityGroup: 'lang-portal-rds-proxy' }, description: 'To Lang Portal RDS Proxy' },
        { port: 5432, peer: { securityGroup: 'lang-portal-aurora' }, description: 'To Lang Portal Aurora (migrations)' },
        ...toAws('Lang Portal API'),
      ],
    },
    'haiku-api': {
      description: 'haiku-api-sg: Haiku Generator FastAPI tasks',
      ingress: [{ port: 8000, peer: { securityGroup: 'api-vpc-link' }, description: 'Allow traffic from API Gateway VPC link' }],
      egress: [
        { port: 5432, peer: { securityGroup: 'haiku-rds-proxy' }, description: 'To Haiku RDS Proxy' },
        { port: 5432, peer: { securityGroup: 'haiku-aurora' }, description: 'To Haiku Aurora (migrations)' },
        ...toAws('Haiku Generator API'),
      ],
    },
    'vocab-generator': {
      description: 'vocab-generator-sg: Vocab Generator Streamlit and FastAPI tasks',
      ingress: [
        { port: vocabPort, peer: { securityGroup: 'alb' }, description: 'Allow traffic from ALB for Streamlit' },
        { port: 8000, peer: { securityGroup: 'vocab-generator' }, description: 'Allow internal traffic between frontend and backend' },
      ],
      egress: [
        { port: 8000, peer: { securityGroup: 'vocab-generator' }, description: 'Streamlit to the Vocab Generator FastAPI' },
        { port: 8000, peer: { securityGroup: 'lang-portal-api' }, description: 'To Lang Portal API' },
        ...toAws('Vocab Generator'),
      ],
    },
    'writing-practice': {
      description: 'writing-practice-sg: Writing Practice Gradio tasks',
      ingress: [{ port: writingPort, peer: { securityGroup: 'alb' }, description: 'Allow traffic from ALB' }],
      egress: [{ port: 8000, peer: { securityGroup: 'lang-portal-api' }, description: 'To Lang Portal API' }, ...toAws('Writing Practice')],
    },
    'lang-portal-aurora': {
      description: 'lang-portal-aurora-sg: Lang Portal Aurora cluster; no egress',
      ingress: [
        { port: 5432, peer: { securityGroup: 'lang-portal-api' }, description: 'Allow traffic from Lang Portal API' },
        { port: 5432, peer: { securityGroup: 'lang-portal-rds-proxy' }, description: 'Allow traffic from Lang Portal RDS Proxy' },
      ],
    },
    'lang-portal-rds-proxy': {
      description: 'lang-portal-rds-proxy-sg: Lang Portal RDS Proxy',
      ingress: [{ port: 5432, peer: { securityGroup: 'lang-portal-api' }, description: 'Allow traffic from Lang Portal API' }],
      egress: [{ port: 5432, peer: { securityGroup: 'lang-portal-aurora' }, description: 'Allow traffic to Lang Portal Aurora' }],
    },
    'haiku-aurora': {
      description: 'haiku-aurora-sg: Haiku Aurora cluster; no egress',
      ingress: [
        { port: 5432, peer: { securityGroup: 'haiku-api' }, description: 'Allow traffic from Haiku Generator API' },
        { port: 5432, peer: { securityGroup: 'haiku-rds-proxy' }, description: 'Allow traffic from Haiku RDS Proxy' },
      ],
    },
    'haiku-rds-proxy': {
      description: 'haiku-rds-proxy-sg: Haiku RDS Proxy',
      ingress: [{ port: 5432, peer: { securityGroup: 'haiku-api' }, description: 'Allow traffic from Haiku Generator API' }],
      egress: [{ port: 5432, peer: { securityGroup: 'haiku-aurora' }, description: 'Allow traffic to Haiku Aurora' }],
    },
    'vpc-endpoint': {
      description: 'vpc-endpoint-sg: interface endpoints; no egress',
      ingress: [
        { port: 443, peer: { securityGroup: 'lang-portal-api' }, description: 'Allow HTTPS from Lang Portal API' },
        { port: 443, peer: { securityGroup: 'haiku-api' }, description: 'Allow HTTPS from Haiku Generator API' },
        { port: 443, peer: { securityGroup: 'vocab-generator' }, description: 'Allow HTTPS from Vocab Generator' },
        { port: 443, peer: { securityGroup: 'writing-practice' }, description: 'Allow HTTPS from Writing Practice' },
      ],
    },
  };
}

/** `targetTlsPort`: the tls-proxy port of compute.targetTls (the ALB -> task rules use it instead of the app ports). */
export function langPortalNetwork(env: EnvName, targetTlsPort?: number): NetworkConfig {
  return {
    vpcCidr: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
    privateAppSubnetCidrs: ['10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24'],
    privateDataSubnetCidrs: ['10.0.6.0/24', '10.0.7.0/24', '10.0.8.0/24'],
    // The seed says both "Single NAT Gateway (cost-optimized for development)" and "NAT Gateways in each AZ".
    singleNatGateway: env === 'dev',
    interfaceEndpoints: ENDPOINTS,
    securityGroups: securityGroups(targetTlsPort),
    endpointSecurityGroup: 'vpc-endpoint',
    flowLogRetentionDays: env === 'prod' ? 365 : env === 'staging' ? 30 : 7,
    networkAcls: { databasePorts: [5432] },
  };
}
