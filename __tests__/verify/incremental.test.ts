import * as fs from 'fs';
import * as path from 'path';
import { CONTRACTS_FILE, synthesize } from '../../src/app/synthesize';
import { VerifySummary, verify } from '../../src/verify/verify';
import { realOutput } from './real-output';

/**
 * The verify on a real three-stack output (bidops dev network, data reading network, bootstrap):
 * cold, unchanged, one stack changed, an upstream's published outputs changed, a failing plan.
 */
describe('incremental verify', () => {
  const { root, outdir, lines, options, stackFile, editJson: edit } = realOutput('verify-incremental-');
  const via = (summary: VerifySummary) => Object.fromEntries(summary.results.map((r) => [r.stack, r.ok ? r.via : `FAIL ${r.failure}`]));

  beforeAll(() => synthesize({ SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'data' }, outdir));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  let coldCounts: number[] = [];

  // bootstrap configures two regions (the state bucket's replica): it starts its own provider.
  test('cold: every stack planned, single-configuration stacks through the shared provider', async () => {
    const summary = await verify(options);
    coldCounts = summary.results.map((r) => r.toAdd);
    expect(summary.passed).toBe(true);
    expect(via(summary)).toEqual({ bootstrap: 'own provider', 'bidops-dev-network': 'shared provider', 'bidops-dev-data': 'shared provider' });
    expect(summary.results.find((r) => r.stack === 'bidops-dev-network')!.toAdd).toBeGreaterThan(20);
  });

  test('nothing changed: nothing planned, the counts come from the last green plan', async () => {
    const summary = await verify(options);
    expect(Object.values(via(summary))).toEqual(['cached', 'cached', 'cached']);
    expect(summary.results.map((r) => r.toAdd)).toEqual(coldCounts);
    expect(lines.filter((l) => l.startsWith('verified ')).pop()).toMatch(/0 planned \(0 in 0 batches, 0 alone through a shared provider process\), 3 unchanged since their last green plan/);
  });

  test('one stack changed: only that stack is planned', async () => {
    edit(stackFile('bidops-dev-data'), (json) => {
      json.resource.aws_ssm_parameter = { ...json.resource.aws_ssm_parameter, incremental_probe: { name: '/probe', type: 'String', value: 'x' } };
    });
    const summary = await verify(options);
    expect(via(summary)).toEqual({ bootstrap: 'cached', 'bidops-dev-network': 'cached', 'bidops-dev-data': 'shared provider' });
  });

  test('an upstream publishes something new: the stacks that read it are planned again', async () => {
    edit(path.join(outdir, CONTRACTS_FILE), (contracts) => {
      contracts['bidops-dev-network'].outputs.push({ name: 'probe_id', description: 'probe', sample: 'probe-0' });
    });
    const summary = await verify(options);
    expect(via(summary)).toEqual({ bootstrap: 'cached', 'bidops-dev-network': 'cached', 'bidops-dev-data': 'shared provider' });
  });

  test('--force plans every stack', async () => {
    const summary = await verify({ ...options, force: true, jobs: 3 });
    expect(Object.values(via(summary))).toEqual(['shared provider', 'shared provider', 'own provider']);
  });

  test('a failing plan is reported, never cached, and planned again next time', async () => {
    edit(stackFile('bidops-dev-data'), (json) => {
      json.resource.aws_ssm_parameter.incremental_probe.type = 'NotAType';
    });
    for (let run = 0; run < 2; run++) {
      const summary = await verify(options);
      expect(summary.passed).toBe(false);
      const data = summary.results.find((r) => r.stack === 'bidops-dev-data')!;
      expect(data).toMatchObject({ ok: false, via: 'own provider' });
      expect(data.failure).toMatch(/plan failed[\s\S]*NotAType/);
    }
  });
});
