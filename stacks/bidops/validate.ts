import { Fail } from '../../src/config/layers/fail';
import { EnvironmentConfig } from '../../src/config/types';
import { BACKEND, FRONTEND } from './compute';

/** What BidOps' layers read from each other by name; each must be configured. */
const REQUIRED = {
  securityGroups: ['external-alb', 'internal-alb', 'frontend', 'backend', 'database', 'opensearch', 'agentcore', 'vpc-endpoint'],
  // ai: knowledge-base source, Data Automation staging; compute: documents.
  buckets: ['documents', 'knowledge-base', 'bda-input', 'bda-output'],
  // compute: frontend, backend; ai: the AgentCore runtime image.
  containerRepositories: ['frontend', 'backend', 'agentcore'],
  // compute: injected into the backend.
  secrets: ['jwt', 'external_apis'],
  services: [FRONTEND.name, BACKEND.name],
} as const;

/**
 * BidOps' cross-section checks: the names one layer reads from another (buckets, repositories,
 * secrets, security groups, services) and the sections its layers always use, so a config that
 * lacks one fails here as one line instead of deep inside a stack.
 */
export function validateBidops(config: EnvironmentConfig, fail: Fail): void {
  const missing = (field: string, have: readonly string[], wanted: readonly string[], why: string) => {
    const absent = wanted.filter((name) => !have.includes(name));
    if (absent.length > 0) fail(field, [...have], `lacks ${absent.map((n) => `"${n}"`).join(', ')}, which ${why}`, `add ${absent.join(', ')}`);
  };
  // Sections the shared config offers that BidOps' layers do not build: refuse rather than ignore.
  if (Object.keys(config.data?.databases ?? {}).length > 0) fail('data.databases', Object.keys(config.data!.databases!), 'are not built by bidops (its database is data.aurora, Serverless v2)', 'configure data.aurora instead');
  if (config.data?.cache) fail('data.cache', '(set)', 'is not built by bidops', 'remove it');
  if (config.governance?.centralLogging) fail('governance.centralLogging', config.governance.centralLogging.bucketName, 'is not built by bidops (its load balancer and WAF logs would stay in the account)', 'remove it; bird-agent builds central logging');
  const { network, data, compute } = config;
  missing('network.securityGroups', Object.keys(network?.securityGroups ?? {}), REQUIRED.securityGroups, 'the data, ai, compute and edge layers attach');
  missing('data.buckets', Object.keys(data?.buckets ?? {}), REQUIRED.buckets, 'the ai and compute layers read');
  missing('data.containerRepositories', data?.containerRepositories ?? [], REQUIRED.containerRepositories, 'the ai and compute layers pull from');
  missing('data.secrets', (data?.secrets ?? []).map((s) => s.id), REQUIRED.secrets, 'the compute layer injects into the backend');
  missing('compute.services', Object.keys(compute?.services ?? {}), REQUIRED.services, 'are the two services BidOps runs');
  if (!compute?.github) fail('compute.github', undefined, 'is missing', "add github: { repository: 'org/repo', branch: 'main' } (the CI/CD deploy role trusts only it)");
  if (!data?.aurora) fail('data.aurora', undefined, 'is required: the ai layer\'s agent and the backend use the database', 'add an aurora section');
  if (!data?.search) fail('data.search', undefined, 'is required: the backend reads the OpenSearch domain', 'add a search section');
  if (!data?.userPool) fail('data.userPool', undefined, 'is required: the services sign users in with Cognito', 'add a userPool section');
  if (!config.ai?.agentcoreImageTag) fail('ai.agentcoreImageTag', undefined, 'is required: the ai layer runs the AgentCore agent image', 'give the image tag, for example a git SHA');
  if (!config.deployRoleArn) {
    fail('deployRoleArn', undefined, 'is required by the ai layer: the vector index is created with the deploy role, which the collection\'s data-access policy must name', 'set the role Terraform assumes, arn:aws:iam::<account>:role/<name>');
  }
}
