import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { addAuroraDatabase } from '../../src/components/aurora-database';
import { LayerGraph } from '../../src/core/layer-graph';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { DEFAULT_STATE, PLATFORM, bidopsConfig, resourcesOf, synthJson } from '../helpers';

/** A data stack with two databases, as a system with two applications has. */
class TwoDatabases extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const db = this.section('data').aurora!;
    for (const name of ['portal-db', 'writing-db']) {
      addAuroraDatabase(this, {
        name,
        database: { ...db, databaseName: undefined },
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        subnetIds: ['subnet-1', 'subnet-2'],
        securityGroupIds: ['sg-1'],
        storageKmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/a',
        secretKmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/b',
        logsKmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/c',
        logRetentionDays: 30,
        defaultDatabaseName: name.replace(/-db$/, ''),
      });
    }
  }
}

describe('addAuroraDatabase', () => {
  const config = bidopsConfig('dev');
  const stack = new TwoDatabases(Testing.app(), { config, state: DEFAULT_STATE, platform: PLATFORM, graph: new LayerGraph('bidops', { data: { reads: [] } }), upstreams: {} });
  const json = synthJson(stack);

  test('two clusters side by side, each named after its database', () => {
    expect(resourcesOf(json, 'aws_rds_cluster').map(([, c]) => [c.cluster_identifier, c.database_name])).toEqual([
      ['bidops-dev-portal-db', 'portal'],
      ['bidops-dev-writing-db', 'writing'],
    ]);
  });

  test('each publishes its own contract', () => {
    const names = stack.contract.map((o) => o.name);
    for (const prefix of ['portal_db', 'writing_db']) {
      expect(names).toEqual(expect.arrayContaining([`${prefix}_cluster_arn`, `${prefix}_cluster_endpoint`, `${prefix}_reader_endpoint`, `${prefix}_master_user_secret_arn`, `${prefix}_port`]));
    }
    expect(stack.contract.find((o) => o.name === 'writing_db_cluster_id')!.sample).toBe('bidops-dev-writing-db');
  });
});

describe('addAuroraDatabase statement logging and Enhanced Monitoring', () => {
  const synthFor = (env: 'dev' | 'staging' | 'prod') =>
    synthJson(new TwoDatabases(Testing.app(), { config: bidopsConfig(env), state: DEFAULT_STATE, platform: PLATFORM, graph: new LayerGraph('bidops', { data: { reads: [] } }), upstreams: {} }));

  test('DDL statements logged in every environment', () => {
    for (const env of ['dev', 'prod'] as const) {
      for (const [, group] of resourcesOf(synthFor(env), 'aws_rds_cluster_parameter_group')) expect(group.parameter).toContainEqual(expect.objectContaining({ name: 'log_statement', value: 'ddl' }));
    }
  });

  test('dev keeps the seed cost choice (no Enhanced Monitoring); staging and prod monitor every instance each 60 s with a role per cluster', () => {
    const dev = synthFor('dev');
    expect(resourcesOf(dev, 'aws_rds_cluster_instance').map(([, i]) => i.monitoring_interval)).toEqual(resourcesOf(dev, 'aws_rds_cluster_instance').map(() => undefined));
    expect(resourcesOf(dev, 'aws_iam_role')).toEqual([]);
    for (const env of ['staging', 'prod'] as const) {
      const json = synthFor(env);
      const instances = resourcesOf(json, 'aws_rds_cluster_instance');
      expect(instances.length).toBeGreaterThan(0);
      for (const [, instance] of instances) expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*monitoring-role.*\.arn\}$/) });
      expect(resourcesOf(json, 'aws_iam_role').map(([, r]) => r.name)).toEqual([`bidops-${env}-portal-db-monitoring`, `bidops-${env}-writing-db-monitoring`]);
    }
  });
});
