import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs, runCost } from '../../src/cost/cli';
import { SHOP_DEV, SHOP_PROD, stack, writeOutput } from './fixtures';

describe('npm run cost (runCost)', () => {
  let root: string;
  const run = (argv: string[], outdir = 'head') => runCost(argv, { CDKTF_OUTDIR: outdir }, root);

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-cli-'));
    writeOutput(path.join(root, 'head'), [...SHOP_DEV, ...SHOP_PROD]);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints a table per environment, the totals, the budget comparison and the gaps', () => {
    const result = run([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toContain('Monthly cost estimate of 4 stacks in head (USD)');
    expect(out).toContain('== shop/dev (3 stacks, us-east-1) ==');
    expect(out).toMatch(/^shop-dev-compute {2}Fargate tasks +1 +\$82\.88 +\$0\.00$/m);
    expect(out).toContain('Total shop/dev: $383.31 fixed + $66.65 traffic = $449.96/month');
    expect(out).toContain('Budget: $300.00/month (shop-dev-monthly): estimate is 150% of it, OVER BUDGET by $149.96');
    expect(out).toContain('Budget: no budget');
    expect(out).toContain(
      'WARNING: shop/dev estimate $449.96/month is over its $300.00 budget by $149.96; biggest items: Aurora Serverless v2 instance x2 in shop-dev-data $140.16; RDS Proxy in shop-dev-data $87.60; Fargate tasks in shop-dev-compute $82.88',
    );
    expect(out).toMatch(/^Aurora Serverless v2 instance +2 +\$52\.56 {2}1 ACU above the floor for 219 busy h$/m);
    expect(out).toMatch(/^shop\/prod +1 +\$384\.25 +\$2\.30 +\$386\.55 +no budget +-$/m);
    expect(out).toMatch(/^all +4 +\$767\.56 +\$68\.95 +\$836\.51$/m);
    expect(out).toContain('WARNING: 1 resource type(s) not classified (not in the estimate); add them to src/cost (priced, usage or free):\n  aws_made_up_thing (shop-prod-network)');
    // Deterministic and portable: no absolute paths.
    expect(out).not.toContain(root);
    expect(run([]).stdout).toBe(out);
  });

  it('shows every resource with its arithmetic and the free types with --detail', () => {
    const out = run(['--detail']).stdout;
    expect(out).toContain('  shop-dev-data aws_db_proxy.db [RDS Proxy, us-east-1]\n    fixed       $87.60  8 ACU (minimum 8) x 730 h x $0.015/h');
    expect(out).toMatch(/^aws_vpc_endpoint +1 +gateway endpoints \(S3, DynamoDB\) have no hourly or data charge$/m);
  });

  it('writes machine-readable JSON with --json', () => {
    const json = JSON.parse(run(['--json']).stdout);
    expect(json.outdir).toBe('head');
    expect(json.total).toEqual({ fixed: 767.56, traffic: 68.95, total: 836.51 });
    const dev = json.environments.find((e: any) => e.environment === 'shop/dev');
    expect(dev).toMatchObject({ system: 'shop', env: 'dev', fixed: 383.31, traffic: 66.65, total: 449.96, overBudgetBy: 149.96, budget: { amount: 300 } });
    expect(json.unclassified).toEqual([{ type: 'aws_made_up_thing', stacks: ['shop-prod-network'] }]);
    expect(json.items.find((i: any) => i.address === 'aws_nat_gateway.nat')).toMatchObject({ stack: 'shop-dev-network', fixed: 32.85, fixedDetail: '1 gateway x 730 h x $0.045/h', traffic: 2.25 });
  });

  it('exits 1 when a system x environment estimate exceeds --max-monthly, naming it', () => {
    // shop/dev 449.96 > 400; shop/prod 386.55 is not
    const over = run(['--max-monthly', '400']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('cost: shop/dev estimate $449.96/month exceeds --max-monthly $400.00\n');
    expect(run(['--max-monthly=449.96']).code).toBe(0);
    expect(run(['--max-monthly', '500', '--json']).code).toBe(0);
  });

  it('reports the change against a baseline output with --diff', () => {
    // Baseline: shop/dev as in fixtures. After: a second NAT gateway with its IP (+32.85 + 3.65 fixed,
    // +2.25 traffic) and a new edge stack with one dashboard (+3.00): +39.50 fixed, +2.25 traffic, +41.75.
    const [network, ...rest] = SHOP_DEV;
    const resources = JSON.parse(JSON.stringify(network.json.resource));
    resources.aws_nat_gateway.nat_b = { allocation_id: '${aws_eip.nat_b.allocation_id}' };
    resources.aws_eip.nat_b = { domain: 'vpc' };
    writeOutput(path.join(root, 'base'), SHOP_DEV);
    writeOutput(path.join(root, 'after'), [{ name: network.name, json: { ...network.json, resource: resources } }, ...rest, stack('shop-dev-edge', { aws_cloudwatch_dashboard: { ops: {} } })]);
    const result = run(['--diff', 'base'], 'after');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Monthly cost change from base (before) to after (after), USD');
    expect(result.stdout).toMatch(/^shop\/dev +\$449\.96 +\$491\.71 +\+\$41\.75$/m);
    expect(result.stdout).toMatch(/^shop-dev-edge +\$0\.00 +\$3\.00 +\+\$3\.00 +added$/m);
    expect(result.stdout).toMatch(/^shop-dev-network +NAT gateway +1 -> 2 +\$35\.10 +\$70\.20 +\+\$35\.10$/m);
    expect(result.stdout).toContain('This change adds $41.75/month (configured capacity +$39.50, traffic at the assumptions +$2.25): $449.96 -> $491.71 per month.');
    const json = JSON.parse(run(['--diff=base', '--json'], 'after').stdout);
    expect(json).toMatchObject({ baseline: 'base', current: 'after', delta: 41.75, fixedDelta: 39.5, usageDelta: 2.25 });
    // The other way round it saves the same.
    expect(run(['--diff', 'after'], 'base').stdout).toContain('This change saves $41.75/month (configured capacity -$39.50, traffic at the assumptions -$2.25)');
  });

  it.each([
    [['--bogus'], 'cost: unknown argument "--bogus" (use --json, --detail, --max-monthly <USD>, --diff <dir>, --help)'],
    [['--max-monthly', 'lots'], 'cost: --max-monthly needs an amount in USD (e.g. 500 or 499.99), got "lots"'],
    [['--max-monthly=-5'], 'cost: --max-monthly needs an amount in USD (e.g. 500 or 499.99), got "-5"'],
    [['--max-monthly'], 'cost: --max-monthly needs a value'],
    [['--diff', '--json'], 'cost: --diff needs a value'],
    [['--json=yes'], 'cost: unknown argument "--json=yes" (use --json, --detail, --max-monthly <USD>, --diff <dir>, --help)'],
  ])('rejects bad arguments %j with one line and exit 2', (argv, message) => {
    const result = run(argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('rejects a missing or broken output directory with one line and exit 2', () => {
    expect(run([], 'nowhere')).toEqual({ code: 2, stdout: '', stderr: 'cost: no synthesized output in nowhere (manifest.json missing); run npm run synth, or set CDKTF_OUTDIR\n' });
    expect(run(['--diff', 'nowhere']).stderr).toBe('cost: no synthesized output in nowhere (manifest.json missing); run npm run synth, or set CDKTF_OUTDIR\n');
    const broken = writeOutput(path.join(root, 'broken'), [stack('x-dev-data', {})]);
    fs.writeFileSync(path.join(broken, 'stacks', 'x-dev-data', 'cdk.tf.json'), '{ not json');
    const result = run([], 'broken');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cost: cannot read stacks\/x-dev-data\/cdk\.tf\.json in broken: [^\n]+\n$/);
  });

  it('prints usage with --help', () => {
    expect(run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: npm run cost --') });
    expect(parseArgs(['--detail', '--diff=x', '--max-monthly', '10.5'])).toEqual({ json: false, detail: true, help: false, diff: 'x', maxMonthly: 10.5 });
  });
});
