import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/app/synthesize';
import { readBudgets } from '../../src/cost/budget';
import { readOutput } from '../../src/cost/cli';
import { estimate } from '../../src/cost/estimate';
import { budgetLine } from '../../src/cost/report';
import { summarize } from '../../src/cost/summary';

describe('cost estimate of a real synth', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-synth-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('classifies every resource type and finds every price of all systems (dev and prod hold every type built)', () => {
    // dev has the scheduled scaling, prod the second region, global tables/databases and backups;
    // staging builds no type of its own, and synthesizing it too would double the test time.
    const outdir = path.join(dir, 'out');
    synthesize({ ENVS: 'dev,prod' }, outdir);
    const result = estimate(readOutput(outdir, 'out'));
    expect(result.unclassified).toEqual([]);
    expect(result.missingPrices).toEqual([]);

    const summary = summarize(result, readBudgets(result.index));
    const bidopsDev = summary.environments.find((e) => e.group === 'bidops/dev')!;
    // BidOps dev: the seed's $500 budget, read from its synthesized aws_budgets_budget, and its single NAT gateway.
    expect(bidopsDev.budget).toEqual({ amount: 500, name: 'bidops-dev-monthly-cost', source: 'bidops-dev-network:aws_budgets_budget.cost-guardrails_monthly_B6AF947A' });
    expect(budgetLine(bidopsDev)).toMatch(/^Budget: \$500\.00\/month \(bidops-dev-monthly-cost\): estimate is \d+% of it, /);
    const nat = bidopsDev.stacks.find((s) => s.stack === 'bidops-dev-network')!.kinds.find((k) => k.kind === 'NAT gateway')!;
    expect([nat.count, nat.fixed]).toEqual([1, 32.85]);
    for (const env of summary.environments) expect([env.group, env.total > 0]).toEqual([env.group, true]);
    expect(summary.environments.find((e) => e.group === 'bootstrap')!.budget).toBeUndefined();
  });
});
