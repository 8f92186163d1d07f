import * as fs from 'fs';
import { synthesize } from '../../src/app/synthesize';
import { VerifySummary, verify } from '../../src/verify/verify';
import { realOutput } from './real-output';

/**
 * Batched plans on a real output (bidops dev, five layers, and bootstrap: six stacks): the same
 * verdicts and counts as stack-by-stack plans, and a failing batch falls back to single plans, so
 * a broken stack fails alone and a root-module check (a sensitive value in an unmarked output)
 * still fails its stack.
 */
// Real plans (a batch, then its six stacks one by one): slow on a loaded 2-core runner.
const PLANS_TIMEOUT_MS = 360_000;

describe('batched verify', () => {
  const { root, outdir, lines, options, stackFile, editJson } = realOutput('verify-batched-');
  const counts = (summary: VerifySummary) => Object.fromEntries(summary.results.map((r) => [r.stack, r.toAdd]));
  const via = (summary: VerifySummary) => Object.fromEntries(summary.results.map((r) => [r.stack, r.ok ? r.via : 'FAIL']));
  const edit = (stack: string, change: (json: any) => void) => editJson(stackFile(stack), change);

  beforeAll(() => synthesize({ SYSTEMS: 'bidops', ENVS: 'dev' }, outdir));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('cold: stacks planned in batches, with the counts of stack-by-stack plans', async () => {
    const batched = await verify(options);
    expect(batched.passed).toBe(true);
    expect(batched.results).toHaveLength(6);
    expect(batched.results.filter((r) => r.via === 'batched').length).toBeGreaterThanOrEqual(4);
    expect(lines.filter((l) => l.startsWith('verified ')).pop()).toMatch(/6 planned \(\d+ in \d+ batches/);

    const alone = await verify({ ...options, batch: false, force: true });
    expect(alone.passed).toBe(true);
    expect(Object.values(via(alone)).every((v) => v !== 'batched')).toBe(true);
    expect(counts(batched)).toEqual(counts(alone));
  }, PLANS_TIMEOUT_MS);

  test('a failing batch is planned stack by stack: only the broken stacks fail, each with its own error', async () => {
    edit('bidops-dev-edge', (json) => {
      json.resource.aws_ssm_parameter = { batch_probe: { name: '/probe', type: 'NotAType', value: 'x' } };
    });
    // Root-module check: a sensitive attribute in an output not marked sensitive.
    edit('bidops-dev-ai', (json) => {
      json.resource.aws_iam_user = { batch_probe: { name: 'batch-probe' } };
      json.resource.aws_iam_access_key = { batch_probe: { user: '${aws_iam_user.batch_probe.name}' } };
      json.output = { ...json.output, batch_probe_secret: { value: '${aws_iam_access_key.batch_probe.secret}' } };
    });
    lines.length = 0;
    const summary = await verify({ ...options, force: true, jobs: 1 }); // one batch of all six
    expect(summary.passed).toBe(false);
    const failed = summary.results.filter((r) => !r.ok);
    expect(failed.map((r) => r.stack).sort()).toEqual(['bidops-dev-ai', 'bidops-dev-edge']);
    expect(failed.find((r) => r.stack === 'bidops-dev-edge')!.failure).toMatch(/NotAType/);
    expect(failed.find((r) => r.stack === 'bidops-dev-ai')!.failure).toMatch(/Output refers to sensitive values/);
    expect(summary.results.filter((r) => r.ok).map((r) => r.via)).not.toContain('batched');
    expect(lines.some((l) => /batch batch-\d-\d \(\d+ stacks\) did not pass/.test(l))).toBe(true);
  }, PLANS_TIMEOUT_MS);
});
