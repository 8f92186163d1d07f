import { ConfigError } from '../../src/config/errors';
import { langPortal } from '../../src/config/systems/lang-portal';
import { EnvironmentConfig } from '../../src/config/types';
import { validateEnvironmentConfig } from '../../src/config/validate';
import { bidopsConfig, configErrorOf } from '../helpers';

describe('retention classes in config (prod)', () => {
  it('accepts every system as configured, in every environment', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(() => validateEnvironmentConfig(bidopsConfig(env))).not.toThrow();
  });

  it('rejects prod security/audit retentions under 365 days, naming the field and the class', () => {
    expect(configErrorOf((c) => (c.edge.wafLogRetentionDays = 90), 'prod')).toContain('edge.wafLogRetentionDays = 90 is below the security retention class minimum of 365 days in prod (WAF logs)');
    expect(configErrorOf((c) => (c.network.flowLogRetentionDays = 180), 'prod')).toContain('network.flowLogRetentionDays = 180 is below the security retention class minimum');
    expect(configErrorOf((c) => (c.ai.logRetentionDays = 90), 'prod')).toContain('ai.logRetentionDays = 90 is below the audit retention class minimum of 365 days in prod (Bedrock model invocation logs)');
  });

  it('leaves dev and staging as the seeds size them', () => {
    expect(() => validateEnvironmentConfig(bidopsConfig('dev', (c) => (c.edge.wafLogRetentionDays = 30)))).not.toThrow();
    expect(() => validateEnvironmentConfig(bidopsConfig('staging', (c) => (c.ai.logRetentionDays = 90)))).not.toThrow();
  });

  it('checks the compute retention only where it feeds API access logs', () => {
    const prod = langPortal.environments.prod as EnvironmentConfig;
    const short: EnvironmentConfig = { ...prod, compute: { ...prod.compute!, logRetentionDays: 7 } };
    expect(() => validateEnvironmentConfig(short)).toThrow(ConfigError);
    expect(() => validateEnvironmentConfig(short)).toThrow(/compute\.logRetentionDays = 7 is below the security retention class minimum of 365 days in prod \(API Gateway access logs\)/);
  });
});
