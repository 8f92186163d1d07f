import { Testing } from 'cdktf';
import { ACCOUNT_SINGLETONS, AccountSingleton, BaselineMember, resolveAccountBaselines } from '../../src/config/baseline';
import { selectEnvironments } from '../../src/config/selection';
import { EnvironmentConfig } from '../../src/config/types';
import { buildLayers } from '../../src/app/build-app';
import { bidopsBlueprint } from '../../stacks/bidops';
import { DEFAULT_STATE, PLATFORM, bidopsConfig, configErrorOf, synthJson } from '../helpers';

const ALL = Object.keys(ACCOUNT_SINGLETONS) as AccountSingleton[];
const member = (config: EnvironmentConfig, creates: readonly AccountSingleton[] = ALL): BaselineMember => ({ config, creates });
/** A second bidops-shaped system in bidops' own accounts. */
const twin = (env: 'dev' | 'prod', change?: (c: any) => void) => bidopsConfig(env, (c) => {
  c.system = 'twin';
  change?.(c);
});

describe('account baseline', () => {
  test('the first environment of an account owns every singleton by default; a second system owns none', () => {
    const baselines = resolveAccountBaselines([member(bidopsConfig('dev')), member(twin('dev'))]);
    for (const singleton of ALL) {
      expect(baselines.get('bidops/dev')!.owns(singleton)).toBe(true);
      expect(baselines.get('twin/dev')!.owns(singleton)).toBe(false);
    }
    expect(baselines.get('twin/dev')!.accountEnvironments.map((c) => c.system)).toEqual(['bidops', 'twin']);
  });

  test('an explicit claim moves a singleton; the default owner keeps the rest', () => {
    const baselines = resolveAccountBaselines([member(bidopsConfig('dev')), member(twin('dev', (c) => (c.accountSingletons = ['cloudtrail'])))]);
    expect(baselines.get('twin/dev')!.owns('cloudtrail')).toBe(true);
    expect(baselines.get('bidops/dev')!.owns('cloudtrail')).toBe(false);
    expect(baselines.get('bidops/dev')!.owns('cost-guardrails')).toBe(true);
  });

  test('the default owner is the first environment whose system creates the singleton', () => {
    const baselines = resolveAccountBaselines([member(twin('dev'), []), member(bidopsConfig('dev'))]);
    expect(baselines.get('twin/dev')!.owns('cloudtrail')).toBe(false);
    expect(baselines.get('bidops/dev')!.owns('cloudtrail')).toBe(true);
  });

  test('two owners of one singleton in one account is a config error', () => {
    expect(() =>
      resolveAccountBaselines([member(bidopsConfig('dev', (c) => (c.accountSingletons = ['cloudtrail', 'cost-guardrails']))), member(twin('dev', (c) => (c.accountSingletons = ['cloudtrail'])))]),
    ).toThrow(
      'Invalid configuration for twin/dev: accountSingletons = ["cloudtrail"] claims cloudtrail, which bidops/dev already owns in account 222222222222. Fix: keep cloudtrail in one environment\'s accountSingletons (the CloudTrail trail that records the whole account).',
    );
  });

  test('regional singletons have one owner per account and region', () => {
    const west = twin('dev', (c) => {
      c.region = 'us-west-2';
      c.accountSingletons = ['model-invocation-logging'];
    });
    const baselines = resolveAccountBaselines([member(bidopsConfig('dev', (c) => (c.accountSingletons = ['model-invocation-logging']))), member(west)]);
    expect(baselines.get('bidops/dev')!.owns('model-invocation-logging')).toBe(true);
    expect(baselines.get('twin/dev')!.owns('model-invocation-logging')).toBe(true);
  });

  test('claiming a singleton the system never creates is a config error', () => {
    expect(() => resolveAccountBaselines([member(twin('dev', (c) => (c.accountSingletons = ['cloudtrail'])), ['github-oidc-provider'])])).toThrow(
      'twin/dev: accountSingletons[0] = "cloudtrail" is not created by any layer of twin. Fix: claim it in the environment of a system that creates it (twin creates: github-oidc-provider).',
    );
  });

  test('an unknown singleton name is a config error', () => {
    expect(configErrorOf((c) => (c.accountSingletons = ['budgets']))).toContain('accountSingletons[0] = "budgets" is not an account singleton');
  });

  test('creating the OpenSearch service-linked role needs ownership of it', () => {
    const twinBlueprint = { ...bidopsBlueprint, name: 'twin', environments: { dev: twin('dev') } };
    expect(() => selectEnvironments({}, [bidopsBlueprint, twinBlueprint])).toThrow(
      'Invalid configuration for twin/dev: data.search.createServiceLinkedRole = true creates an account singleton that another environment of account 222222222222 owns.',
    );
  });

  test('a non-owner builds no singleton: no trail, budget, OIDC provider, invocation logging or registry scanning', () => {
    const twinProd = twin('prod', (c) => (c.data.search.createServiceLinkedRole = false));
    const twinBlueprint = { ...bidopsBlueprint, name: 'twin', environments: { prod: twinProd } };
    const selection = selectEnvironments({ SYSTEMS: 'twin', ENVS: 'prod' }, [bidopsBlueprint, twinBlueprint]);
    const built = buildLayers(Testing.app(), selection.environments[0], DEFAULT_STATE, PLATFORM);
    const types = Object.values(built).flatMap((stack) => Object.keys(synthJson(stack!).resource ?? {}));
    for (const type of ['aws_cloudtrail', 'aws_budgets_budget', 'aws_ce_anomaly_monitor', 'aws_iam_openid_connect_provider', 'aws_bedrock_model_invocation_logging_configuration', 'aws_ecr_registry_scanning_configuration', 'aws_iam_service_linked_role']) {
      expect(types).not.toContain(type);
    }
    const deploy = Object.values<any>(synthJson(built.compute!).resource.aws_iam_role).find((r) => r.name === 'twin-prod-github-deploy');
    expect(deploy.assume_role_policy).toContain('arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com');
  });

  test('the registry scanning owner covers every environment of its account and region that asks for it', () => {
    const twinProd = twin('prod', (c) => (c.data.search.createServiceLinkedRole = false));
    const twinBlueprint = { ...bidopsBlueprint, name: 'twin', environments: { prod: twinProd } };
    const selection = selectEnvironments({ SYSTEMS: 'bidops', ENVS: 'prod', LAYERS: 'data' }, [bidopsBlueprint, twinBlueprint]);
    const built = buildLayers(Testing.app(), selection.environments[0], DEFAULT_STATE, PLATFORM);
    const scanning = Object.values<any>(synthJson(built.data!).resource.aws_ecr_registry_scanning_configuration)[0];
    expect(scanning.rule[0].repository_filter.map((f: any) => f.filter)).toEqual(['bidops-prod-*', 'twin-prod-*']);
  });
});
