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
