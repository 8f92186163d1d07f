import { readBudgets } from '../../src/cost/budget';
import { Estimate, estimate } from '../../src/cost/estimate';
import { summarize } from '../../src/cost/summary';
import { SHOP_DEV, SHOP_PROD, stack } from './fixtures';

function item(result: Estimate, stackName: string, address: string) {
  const found = result.items.find((i) => i.stack === stackName && i.address === address);
  if (!found) throw new Error(`no item ${stackName}:${address}`);
  return found;
}

describe('cost estimate of hand-priced fixtures', () => {
  const result = estimate([...SHOP_DEV, ...SHOP_PROD]);
  const summary = summarize(result, readBudgets(result.index));
  const dev = summary.environments.find((e) => e.group === 'shop/dev')!;
  const prod = summary.environments.find((e) => e.group === 'shop/prod')!;

  it('prices each resource as computed by hand in fixtures.ts', () => {
    const fixed = (s: string, a: string) => item(result, s, a).fixed;
    const usage = (s: string, a: string) => item(result, s, a).usage;
    expect([fixed('shop-dev-network', 'aws_nat_gateway.nat'), usage('shop-dev-network', 'aws_nat_gateway.nat')]).toEqual([32.85, 2.25]);
    expect(fixed('shop-dev-network', 'aws_eip.nat')).toBe(3.65);
    expect([fixed('shop-dev-network', 'aws_vpc_endpoint.logs'), usage('shop-dev-network', 'aws_vpc_endpoint.logs')]).toEqual([21.9, 0.1]);
    expect(item(result, 'shop-dev-network', 'aws_vpc_endpoint.s3')).toMatchObject({ class: 'free', kind: 'Gateway endpoint', fixed: 0 });
    // 730 x 0.0225 + 3 public IPv4 (subnets read through the network stack's output) x 730 x 0.005
    expect([fixed('shop-dev-compute', 'aws_lb.web'), usage('shop-dev-compute', 'aws_lb.web')]).toEqual([27.38, 5.84]);
    expect(fixed('shop-dev-compute', 'aws_ecs_service.api')).toBe(82.88);
    expect(item(result, 'shop-dev-compute', 'aws_ecs_service.api').fixedDetail).toBe(
      '2 on-demand tasks x 730 h x (1 vCPU x $0.04048 + 2 GB x $0.004445) + 1 Spot tasks x 730 h x (1 vCPU x $0.01214 + 2 GB x $0.00133)',
    );
    expect(fixed('shop-dev-compute', 'aws_lambda_provisioned_concurrency_config.worker')).toBe(27.38);
    expect(usage('shop-dev-compute', 'aws_lambda_function.worker')).toBe(1.17);
    expect(fixed('shop-dev-compute', 'aws_cloudwatch_metric_alarm.cpu')).toBe(0.1);
    expect(fixed('shop-dev-compute', 'aws_cloudwatch_metric_alarm.errors_rate')).toBe(0.2);
    expect(fixed('shop-dev-compute', 'aws_cloudwatch_metric_alarm.latency_anomaly')).toBe(0.3);
    expect([fixed('shop-dev-data', 'aws_rds_cluster_instance.db_1'), usage('shop-dev-data', 'aws_rds_cluster_instance.db_1')]).toEqual([43.8, 26.28]);
    expect(usage('shop-dev-data', 'aws_rds_cluster.db')).toBe(4);
    expect(fixed('shop-dev-data', 'aws_db_proxy.db')).toBe(87.6);
    expect([fixed('shop-dev-data', 'aws_dynamodb_table.orders'), usage('shop-dev-data', 'aws_dynamodb_table.orders')]).toEqual([6.17, 0.25]);
    expect([fixed('shop-dev-data', 'aws_secretsmanager_secret.api'), usage('shop-dev-data', 'aws_secretsmanager_secret.api')]).toEqual([0.8, 0.05]);
    expect(item(result, 'shop-dev-data', 'aws_ssm_parameter.flag').class).toBe('free');
  });

  it('totals per stack and per system x environment, and compares with the budget', () => {
    expect(dev.stacks.map((s) => [s.stack, s.fixed, s.usage])).toEqual([
      ['shop-dev-compute', 141.24, 7.01],
      ['shop-dev-data', 183.17, 56.89],
      ['shop-dev-network', 58.9, 2.75],
    ]);
    expect([dev.fixed, dev.usage, dev.total]).toEqual([383.31, 66.65, 449.96]);
    expect(dev.budget).toEqual({ amount: 300, name: 'shop-dev-monthly', source: 'shop-dev-network:aws_budgets_budget.monthly' });
    expect(dev.overBudgetBy).toBe(149.96);
    // Biggest stack/kind rows: Aurora instances 87.60 + 52.56, the proxy, the Fargate service.
    expect(dev.biggest.map((r) => [r.stack, r.kind, r.count, r.total])).toEqual([
      ['shop-dev-data', 'Aurora Serverless v2 instance', 2, 140.16],
      ['shop-dev-data', 'RDS Proxy', 1, 87.6],
      ['shop-dev-compute', 'Fargate tasks', 1, 82.88],
    ]);
  });

  it('prices resources of other providers in their region, and regions outside the table as us-east-1', () => {
    expect(item(result, 'shop-prod-network', 'aws_nat_gateway.west')).toMatchObject({ region: 'us-west-2', fixed: 32.85, usage: 2.25 });
    expect(item(result, 'shop-prod-network', 'aws_kms_key.eu')).toMatchObject({ region: 'eu-west-1', fixed: 1 });
    expect(item(result, 'shop-prod-network', 'aws_kms_key.eu').notes).toContain('eu-west-1 is not in the price table; priced as us-east-1');
    expect(item(result, 'shop-prod-network', 'aws_opensearchserverless_collection.kb')).toMatchObject({ fixed: 350.4, usage: 0.02 });
    expect([prod.fixed, prod.usage, prod.total, prod.budget, prod.overBudgetBy]).toEqual([384.25, 2.3, 386.55, undefined, undefined]);
    expect(prod.regions).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
  });

  it('reports unclassified types and leaves them out of the totals', () => {
    expect(result.unclassified).toEqual([{ type: 'aws_made_up_thing', stacks: ['shop-prod-network'] }]);
    expect(result.items.some((i) => i.type === 'aws_made_up_thing')).toBe(false);
  });

  it('reports a price the table lacks, naming the resource, and counts it $0', () => {
    const missing = estimate([stack('x-dev-data', { aws_rds_cluster_instance: { big: { instance_class: 'db.x2g.16xlarge' } } })]);
    expect(missing.missingPrices).toEqual([{ priceId: 'aurora.instance.db.x2g.16xlarge.hour', addresses: ['x-dev-data:aws_rds_cluster_instance.big'] }]);
    expect(missing.items[0].fixed).toBe(0);
  });

  it('keeps stacks outside a system (bootstrap) as their own group with no budget', () => {
    const boot = estimate([stack('bootstrap', { aws_kms_key: { state: {} } })]);
    const s = summarize(boot, readBudgets(boot.index));
    expect(s.environments.map((e) => [e.group, e.system, e.total, e.budget])).toEqual([['bootstrap', undefined, 1.03, undefined]]);
  });
});
