import { estimate } from '../../src/cost/estimate';
import { RULES, ruleFor } from '../../src/cost/registry';
import { splitTasks } from '../../src/cost/rules-compute';
import { dbInstanceVcpus } from '../../src/cost/rules-data';
import { stack } from './fixtures';

type Resources = Parameters<typeof stack>[1];

/** The one item of a single-resource stack (region us-east-1). */
function priced(resources: Resources, address: string) {
  const result = estimate([stack('t-dev-data', resources)]);
  const found = result.items.find((i) => i.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

describe('cost rules (hand-computed, us-east-1, 730 h)', () => {
  it('OpenSearch domain: 2 x t3.small.search x 730 x 0.036 = 52.56 + 2 x 20 GB gp3 x 0.122 = 4.88 -> 57.44', () => {
    const domain = priced({ aws_opensearch_domain: { d: { cluster_config: { instance_type: 't3.small.search', instance_count: 2 }, ebs_options: { ebs_enabled: true, volume_size: 20, volume_type: 'gp3' } } } }, 'aws_opensearch_domain.d');
    expect(domain.fixed).toBe(57.44);
  });

  it('OpenSearch domain with dedicated masters: 2 x r6g.large 0.167 + 3 x m6g.large 0.128 = (0.334 + 0.384) x 730 = 524.14', () => {
    const domain = priced(
      { aws_opensearch_domain: { d: { cluster_config: { instance_type: 'r6g.large.search', instance_count: 2, dedicated_master_enabled: true, dedicated_master_type: 'm6g.large.search', dedicated_master_count: 3 } } } },
      'aws_opensearch_domain.d',
    );
    expect(domain.fixed).toBe(524.14);
  });

  it('OpenSearch Serverless without standby: 1 OCU x 730 x 0.24 = 175.20', () => {
    expect(priced({ aws_opensearchserverless_collection: { c: { standby_replicas: 'DISABLED' } } }, 'aws_opensearchserverless_collection.c').fixed).toBe(175.2);
  });

  it('ElastiCache: Redis 3 x cache.r6g.large x 730 x 0.206 = 451.14; Valkey 2 x cache.t4g.medium x 730 x 0.065 x 0.8 = 75.92', () => {
    expect(priced({ aws_elasticache_replication_group: { r: { engine: 'redis', node_type: 'cache.r6g.large', num_cache_clusters: 3 } } }, 'aws_elasticache_replication_group.r').fixed).toBe(451.14);
    expect(priced({ aws_elasticache_replication_group: { v: { engine: 'valkey', node_type: 'cache.t4g.medium', num_node_groups: 1, replicas_per_node_group: 1 } } }, 'aws_elasticache_replication_group.v').fixed).toBe(75.92);
  });

  it('Aurora provisioned: db.r6g.large 730 x 0.26 = 189.80; I/O-Optimized x 1.3 = 246.74; proxy over 1 instance bills the 2 vCPU minimum: 2 x 730 x 0.015 = 21.90', () => {
    const resources: Resources = {
      aws_rds_cluster: { std: { engine: 'aurora-postgresql' }, iopt: { engine: 'aurora-postgresql', storage_type: 'aurora-iopt1' } },
      aws_rds_cluster_instance: {
        std_1: { cluster_identifier: '${aws_rds_cluster.std.id}', instance_class: 'db.r6g.large' },
        iopt_1: { cluster_identifier: '${aws_rds_cluster.iopt.id}', instance_class: 'db.r6g.large' },
      },
      aws_db_proxy: { p: { name: 'p' } },
      aws_db_proxy_target: { p: { db_proxy_name: '${aws_db_proxy.p.name}', db_cluster_identifier: '${aws_rds_cluster.std.id}' } },
    };
    const result = estimate([stack('t-dev-data', resources)]);
    const of = (a: string) => result.items.find((i) => i.address === a)!;
    expect(of('aws_rds_cluster_instance.std_1').fixed).toBe(189.8);
    expect(of('aws_rds_cluster_instance.iopt_1').fixed).toBe(246.74);
    expect(of('aws_db_proxy.p').fixed).toBe(21.9);
    // I/O-Optimized storage: 20 GB x 0.225 = 4.50, no I/O charge; Standard: 20 x 0.10 + 10M x 0.20/1M = 4.00
    expect([of('aws_rds_cluster.iopt').usage, of('aws_rds_cluster.std').usage]).toEqual([4.5, 4]);
  });

  it('Aurora Serverless v2 scaled to zero costs nothing fixed, 1 ACU x 219 h x 0.12 = 26.28 of traffic', () => {
    const result = estimate([
      stack('t-dev-data', {
        aws_rds_cluster: { c: { serverlessv2_scaling_configuration: { min_capacity: 0, max_capacity: 16, seconds_until_auto_pause: 300 } } },
        aws_rds_cluster_instance: { i: { cluster_identifier: '${aws_rds_cluster.c.id}', instance_class: 'db.serverless' } },
      }),
    ]);
    const instance = result.items.find((i) => i.address === 'aws_rds_cluster_instance.i')!;
    expect([instance.fixed, instance.usage]).toEqual([0, 26.28]);
    // Ceiling note: 16 ACU x 730 x 0.12 = 1,401.60
    expect(instance.notes).toEqual(['serverless v2 range 0-16 ACU: at most $1,401.60/month per instance at 16 ACU', 'auto-pauses after 300 s idle']);
  });

  it('WAF: web ACL 5 + 3 rules x 1 + Bot Control 10 = 18; traffic 1M x 0.60 + 1M x 1.00 = 1.60', () => {
    const acl = priced(
      {
        aws_wafv2_web_acl: {
          w: {
            scope: 'REGIONAL',
            rule: [
              { name: 'common', statement: { managed_rule_group_statement: { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' } } },
              { name: 'bots', statement: { managed_rule_group_statement: { name: 'AWSManagedRulesBotControlRuleSet', vendor_name: 'AWS' } } },
              { name: 'rate', statement: { rate_based_statement: { limit: 1000 } } },
            ],
          },
        },
      },
      'aws_wafv2_web_acl.w',
    );
    expect([acl.fixed, acl.usage]).toEqual([18, 1.6]);
  });

  it('Route 53 health checks: HTTPS + latency on an AWS endpoint 0.50 + 2 x 1.00 = 2.50; CloudWatch-alarm check 0.50', () => {
    const result = estimate([
      stack('t-dev-edge', {
        aws_route53_health_check: { web: { type: 'HTTPS', measure_latency: true, request_interval: 30, fqdn: 'app.example' }, alarm: { type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_name: 'x' } },
      }),
    ]);
    expect(result.items.map((i) => [i.address, i.fixed])).toEqual([
      ['aws_route53_health_check.alarm', 0.5],
      ['aws_route53_health_check.web', 2.5],
    ]);
  });

  it('Kinesis on-demand: 730 x 0.04 = 29.20 fixed, 10 GB x 0.08 = 0.80 traffic; provisioned 2 shards x 730 x 0.015 = 21.90', () => {
    expect(priced({ aws_kinesis_stream: { s: { stream_mode_details: { stream_mode: 'ON_DEMAND' } } } }, 'aws_kinesis_stream.s')).toMatchObject({ fixed: 29.2, usage: 0.8 });
    expect(priced({ aws_kinesis_stream: { s: { shard_count: 2, stream_mode_details: { stream_mode: 'PROVISIONED' } } } }, 'aws_kinesis_stream.s').fixed).toBe(21.9);
  });

  it('Fargate ARM with 50 GB ephemeral storage: 1 task x 730 x (0.5 x 0.03238 + 1 x 0.00356 + 30 x 0.000111) = 16.85', () => {
    const result = estimate([
      stack('t-dev-compute', {
        aws_ecs_task_definition: { td: { cpu: '512', memory: '1024', runtime_platform: { cpu_architecture: 'ARM64' }, ephemeral_storage: { size_in_gib: 50 } } },
        aws_ecs_service: { s: { desired_count: 1, launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.td.arn}' } },
      }),
    ]);
    // 0.01619 + 0.00356 + 0.00333 = 0.02308 per task-hour x 730 = 16.8484 -> 16.85
    expect(result.items.find((i) => i.address === 'aws_ecs_service.s')!.fixed).toBe(16.85);
  });

  it('Fargate service with off-hours schedule: 65 of 168 weekly hours at 1 task of 0.25 vCPU / 0.5 GB -> 3.49', () => {
    // (65 / 168) x 730 h x (0.25 x 0.04048 + 0.5 x 0.004445) = 282.4405 x 0.0123425 = 3.486 -> 3.49
    const result = estimate([
      stack('t-dev-compute', {
        aws_ecs_cluster: { c: { name: 'c' } },
        aws_ecs_task_definition: { td: { cpu: '256', memory: '512' } },
        aws_ecs_service: { s: { name: 's', desired_count: 1, cluster: '${aws_ecs_cluster.c.id}', task_definition: '${aws_ecs_task_definition.td.arn}' } },
        aws_appautoscaling_target: { t: { min_capacity: 1, max_capacity: 2, resource_id: 'service/${aws_ecs_cluster.c.name}/${aws_ecs_service.s.name}' } },
        aws_appautoscaling_scheduled_action: {
          start: { resource_id: '${aws_appautoscaling_target.t.resource_id}', schedule: 'cron(0 7 ? * MON-FRI *)', scalable_target_action: { min_capacity: '1', max_capacity: '2' } },
          stop: { resource_id: '${aws_appautoscaling_target.t.resource_id}', schedule: 'cron(0 20 ? * MON-FRI *)', scalable_target_action: { min_capacity: '0', max_capacity: '0' } },
        },
      }),
    ]);
    const service = result.items.find((i) => i.address === 'aws_ecs_service.s')!;
    expect(service.fixed).toBe(3.49);
    expect(service.notes).toContain('scheduled scaling: 0.3869 tasks on average over the week (1 when running)');
  });

  it('Shield Advanced: the first protection of an environment carries the $3,000 subscription, the others are covered', () => {
    const result = estimate([
      stack('t-prod-edge', { aws_shield_protection: { alb: { name: 'alb', resource_arn: 'arn' }, cdn: { name: 'cdn', resource_arn: 'arn2' } } }),
      stack('t-prod-compute', { aws_shield_protection: { api: { name: 'api', resource_arn: 'arn3' } } }),
    ]);
    expect(result.items.map((i) => [i.stack, i.address, i.class, i.fixed])).toEqual([
      ['t-prod-compute', 'aws_shield_protection.api', 'priced', 3000],
      ['t-prod-edge', 'aws_shield_protection.alb', 'free', 0],
      ['t-prod-edge', 'aws_shield_protection.cdn', 'free', 0],
    ]);
    expect(result.items[1].notes).toEqual(['covered by the subscription priced on t-prod-compute:aws_shield_protection.api']);
    const declared = estimate([stack('t-prod-edge', { aws_shield_subscription: { org: { auto_renew: 'ENABLED' } }, aws_shield_protection: { alb: { name: 'alb', resource_arn: 'arn' } } })]);
    expect(declared.items.map((i) => [i.address, i.fixed])).toEqual([
      ['aws_shield_protection.alb', 0],
      ['aws_shield_subscription.org', 3000],
    ]);
  });

  it('Fargate tasks with a public IP add 730 x 0.005 per task: 2 x 730 x (0.25 x 0.04048 + 0.5 x 0.004445 + 0.005) = 25.32', () => {
    // 0.0123425 + 0.005 = 0.0173425 x 1,460 task-hours = 25.32005
    const result = estimate([
      stack('t-dev-compute', {
        aws_ecs_task_definition: { td: { cpu: '256', memory: '512' } },
        aws_ecs_service: { s: { desired_count: 2, launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: { assign_public_ip: true, subnets: ['a'] } } },
      }),
    ]);
    expect(result.items.find((i) => i.address === 'aws_ecs_service.s')!.fixed).toBe(25.32);
  });

  it('reads a resource with a null body as empty instead of failing', () => {
    // Defaults: internet-facing ALB, subnets unknown -> 2 assumed: 730 x 0.0225 + 2 x 730 x 0.005 = 23.725
    const lb = estimate([{ name: 't-dev-edge', json: { resource: { aws_lb: { x: null } } } }]).items[0];
    expect(lb).toMatchObject({ address: 'aws_lb.x', fixed: 23.73, notes: ['subnets not resolvable from the synthesized files; 2 assumed'] });
  });

  it('Cognito: 100 MAU on Plus x 0.02 = 2.00; on Essentials within the 10,000 free MAU = 0', () => {
    expect(priced({ aws_cognito_user_pool: { p: { user_pool_tier: 'PLUS' } } }, 'aws_cognito_user_pool.p').usage).toBe(2);
    expect(priced({ aws_cognito_user_pool: { p: { user_pool_tier: 'ESSENTIALS' } } }, 'aws_cognito_user_pool.p').usage).toBe(0);
  });

  it('usage-only AI resources are listed as not estimated, with what they are billed per', () => {
    const agent = priced({ aws_bedrockagent_agent: { a: { foundation_model: 'x' } } }, 'aws_bedrockagent_agent.a');
    expect(agent).toMatchObject({ class: 'usage', usage: 0, usageDetail: 'not estimated (billed per input/output token of the foundation model)' });
  });

  it('classifies Cloud Control resources by their CloudFormation type', () => {
    expect(ruleFor('aws_cloudcontrolapi_resource', { type_name: 'AWS::Bedrock::PromptVersion' })).toMatchObject({ key: 'aws_cloudcontrolapi_resource(AWS::Bedrock::PromptVersion)', rule: { class: 'free' } });
    expect(ruleFor('aws_cloudcontrolapi_resource', { type_name: 'AWS::Foo::Bar' })).toEqual({ key: 'aws_cloudcontrolapi_resource(AWS::Foo::Bar)', rule: undefined });
  });

  it('has a kind for every rule, and a reason for every free type', () => {
    for (const [type, rule] of Object.entries(RULES)) {
      expect([type, rule.kind.length > 0]).toEqual([type, true]);
      if (rule.class === 'free') expect([type, (rule.why ?? '').length > 0]).toEqual([type, true]);
      else expect([type, typeof rule.estimate]).toEqual([type, 'function']);
    }
  });

  it('splits tasks over capacity providers: base first, the rest by weight', () => {
    const fargate = { provider: 'FARGATE', base: 1, weight: 1 };
    const spot = { provider: 'FARGATE_SPOT', base: 0, weight: 3 };
    // 5 tasks: 1 base on FARGATE, 4 by weight 1:3 -> 1 + 1 = 2 FARGATE, 3 Spot
    expect([...splitTasks(5, [fargate, spot])]).toEqual([
      ['FARGATE', 2],
      ['FARGATE_SPOT', 3],
    ]);
    expect([...splitTasks(2, [])]).toEqual([['FARGATE', 2]]);
  });

  it('counts vCPUs of RDS instance classes for RDS Proxy', () => {
    expect(['db.t4g.medium', 'db.r6g.large', 'db.r6g.xlarge', 'db.r6g.4xlarge'].map(dbInstanceVcpus)).toEqual([2, 2, 4, 16]);
  });
});
