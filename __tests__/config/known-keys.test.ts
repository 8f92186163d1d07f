import { ENVIRONMENT_KEYS } from '../../src/config/config-keys';
import { ConfigError } from '../../src/config/errors';
import { checkKnownKeys } from '../../src/config/known-keys';
import { selectEnvironments } from '../../src/config/selection';
import { bidopsBlueprint } from '../../stacks/bidops';
import { bidopsConfig, configErrorOf } from '../helpers';

describe('unknown configuration keys are refused at runtime', () => {
  test('a misspelled top-level key names itself and the nearest field', () => {
    expect(configErrorOf((c) => (c.ownr = 'platform'))).toBe(
      'Invalid configuration for bidops/dev: ownr = "platform" is not a field of the environment config. Fix: rename it to owner (the nearest known field), or remove it.',
    );
  });

  test('a misspelled optional key inside a section (the default would silently win)', () => {
    expect(configErrorOf((c) => (c.edge.wafRateLimt = 5))).toBe(
      'Invalid configuration for bidops/dev: edge.wafRateLimt = 5 is not a field of edge. Fix: rename it to wafRateLimit (the nearest known field), or remove it.',
    );
  });

  test('inside a map keyed by name', () => {
    expect(configErrorOf((c) => (c.data.buckets.documents.expireAfterDay = 7))).toContain(
      'data.buckets.documents.expireAfterDay = 7 is not a field of data.buckets.documents. Fix: rename it to expireAfterDays',
    );
  });

  test('inside a list item', () => {
    expect(configErrorOf((c) => (Object.values<any>(c.network.securityGroups)[0].ingress[0].descripton = 'x'))).toMatch(
      /network\.securityGroups\.[a-z-]+\.ingress\[0\]\.descripton = "x" is not a field of .*Fix: rename it to description/,
    );
  });

  test('inside a union (a security group peer)', () => {
    expect(configErrorOf((c) => (Object.values<any>(c.network.securityGroups)[0].ingress[0].peer.securityGrup = 'alb'))).toContain('peer.securityGrup = "alb" is not a field');
  });

  test('every shipped environment has only known keys', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) {
      expect(() => checkKnownKeys(bidopsConfig(env), ENVIRONMENT_KEYS, () => { throw new Error('unknown key'); })).not.toThrow();
    }
  });

  test('an environment registered under a misspelled name is an error, not a silent skip', () => {
    const blueprint = { ...bidopsBlueprint, environments: { ...bidopsBlueprint.environments, prd: bidopsBlueprint.environments.prod } };
    expect(() => selectEnvironments({ SYSTEMS: 'bidops' }, [blueprint as any])).toThrow(ConfigError);
    expect(() => selectEnvironments({ SYSTEMS: 'bidops' }, [blueprint as any])).toThrow('environments = "prd" is not an environment name. Fix: rename it to prod, or remove it.');
  });
});
