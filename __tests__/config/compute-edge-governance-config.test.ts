import { validateEnvironmentConfig } from '../../src/config/validate';
import { bidopsConfig, configErrorOf } from '../helpers';

const errorOf = configErrorOf;

describe('compute, edge and governance configuration', () => {
  test.each(['dev', 'staging', 'prod'] as const)('the shipped bidops %s config is valid', (env) => {
    expect(() => validateEnvironmentConfig(bidopsConfig(env))).not.toThrow();
  });

  test('compute.github is required and pinned to one repository and branch', () => {
    expect(errorOf((c) => delete c.compute.github)).toContain('compute.github');
    expect(errorOf((c) => (c.compute.github.repository = 'not-a-repo'))).toContain('compute.github.repository = "not-a-repo" is not a GitHub owner/name');
    expect(errorOf((c) => (c.compute.github.branch = 'release/*'))).toContain('compute.github.branch');
  });

  test('capacity weights and log retention are checked', () => {
    expect(errorOf((c) => (c.compute.capacity = { onDemandBase: 0, onDemandWeight: 0, spotWeight: 0 }))).toContain('has both weights 0');
    expect(errorOf((c) => (c.compute.logRetentionDays = 31))).toContain('compute.logRetentionDays = 31');
  });

  test('edge WAF settings are checked', () => {
    expect(errorOf((c) => (c.edge.wafRateLimit = 5))).toContain('edge.wafRateLimit = 5');
    expect(errorOf((c) => (c.edge.wafBlockedCountries = ['cn']))).toContain('edge.wafBlockedCountries[0] = "cn"');
    expect(errorOf((c) => (c.edge.wafLogRetentionDays = 10))).toContain('edge.wafLogRetentionDays = 10');
  });

  test('governance: email, budget, thresholds and audit retention', () => {
    expect(errorOf((c) => (c.governance.alertEmail = 'ops'))).toContain('governance.alertEmail = "ops" is not an email address');
    expect(errorOf((c) => (c.governance.monthlyBudgetUsd = -1))).toContain('governance.monthlyBudgetUsd');
    expect(errorOf((c) => (c.governance.budgetThresholdsPercent = [50, 50]))).toContain('has duplicates');
    expect(errorOf((c) => (c.governance.auditLogRetentionDays = 90))).toContain('is shorter than a year');
  });
});

describe('compute.targetTls (tls-proxy sidecar)', () => {
  test('repository, pinned tag and port are checked', () => {
    const tls = (value: unknown) => errorOf((c) => (c.compute.targetTls = value));
    expect(tls({ imageTag: 'latest' })).toContain('compute.targetTls.imageTag = "latest" is not a pinned Docker image tag');
    expect(tls({ imageTag: 'v 1' })).toContain('compute.targetTls.imageTag');
    expect(tls({ imageTag: '1.0.0', port: 443 })).toContain('compute.targetTls.port = 443 is outside 1024-65535');
    expect(tls({ imageTag: '1.0.0', repository: 'TLS_Proxy' })).toContain('compute.targetTls.repository = "TLS_Proxy" is not an ECR repository name');
  });

  test('image URI, repository ARN and port derive from the account and region', () => {
    const { targetTlsImage } = require('../../src/config/layers/compute') as typeof import('../../src/config/layers/compute');
    expect(targetTlsImage({ imageTag: '1.0.0' }, '444444444444', 'us-east-1')).toEqual({
      image: '444444444444.dkr.ecr.us-east-1.amazonaws.com/tls-proxy:1.0.0',
      repositoryArn: 'arn:aws:ecr:us-east-1:444444444444:repository/tls-proxy',
      port: 8443,
    });
    expect(targetTlsImage({ imageTag: '2', repository: 'infra/tls-proxy', port: 9443 }, '444444444444', 'us-west-2').port).toBe(9443);
  });

  test('on in bidops staging and prod, off in dev', () => {
    expect(bidopsConfig('dev').compute?.targetTls).toBeUndefined();
    expect(bidopsConfig('staging').compute?.targetTls).toEqual({ repository: 'bidops-staging-tls-proxy', imageTag: '1.0.0' });
    expect(bidopsConfig('prod').compute?.targetTls).toEqual({ repository: 'bidops-prod-tls-proxy', imageTag: '1.0.0' });
  });
});
