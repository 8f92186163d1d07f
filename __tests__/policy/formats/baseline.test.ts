import { BaselineEntry, baselineJson, baselineOf, compareWithBaseline, formatBaseline, formatBaselineComparison, parseBaseline } from '../../../src/policy/formats/baseline';
import { Finding, PolicyReport } from '../../../src/policy/types';
import { DEV_BUCKET, DEV_QUEUE, PROD_QUEUE, fixtureReport } from './fixture-report';

const entry = (f: Finding): BaselineEntry => ({ stack: f.stack, rule: f.ruleId, address: f.address });

/** The fixture without its unmatched prod suppression, so only findings decide the gate. */
function findingsOnly(report: PolicyReport = fixtureReport()): PolicyReport {
  return { ...report, unmatched: [] };
}

/** A report with one extra open finding in a stack (blocking when `blocking`). */
function withFinding(report: PolicyReport, finding: Finding, blocking: boolean): PolicyReport {
  return {
    ...report,
    stacks: report.stacks.map((s) => (s.stack === finding.stack ? { ...s, findings: [...s.findings, finding] } : s)),
    blocking: blocking ? [...report.blocking, finding] : report.blocking,
  };
}

describe('writing a baseline', () => {
  test('records the open findings only (stack, rule, address), sorted', () => {
    // Open: DEV_BUCKET, DEV_QUEUE, PROD_QUEUE; the two suppressed findings are left out.
    expect(baselineOf(fixtureReport())).toEqual([
      { stack: 'app-dev-data', rule: 'T-01', address: 'aws_s3_bucket.data' },
      { stack: 'app-dev-data', rule: 'T-02', address: 'aws_sqs_queue.jobs' },
      { stack: 'app-prod-data', rule: 'T-02', address: 'aws_sqs_queue.jobs' },
    ]);
  });

  test('the file is deterministic JSON that reads back to the same entries', () => {
    const text = formatBaseline(baselineOf(fixtureReport()));
    expect(formatBaseline([...baselineOf(fixtureReport())].reverse())).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['about', 'version', 'findings']);
    expect(json.findings[0]).toEqual({ stack: 'app-dev-data', rule: 'T-01', address: 'aws_s3_bucket.data' });
    expect(parseBaseline(text, 'b.json')).toEqual(baselineOf(fixtureReport()));
  });
});

describe('reading a baseline', () => {
  test.each([
    ['{', /^policy-baseline\.json: is not valid JSON \(.*\); write it with --write-baseline$/],
    ['[]', /^policy-baseline\.json: must be an object with "version" and "findings"/],
    ['{"version": 2, "findings": []}', /^policy-baseline\.json: version 2 is not supported \(expected 1\)/],
    ['{"version": 1}', /^policy-baseline\.json: "findings" must be a list of \{ stack, rule, address \}$/],
    ['{"version": 1, "findings": [{"stack": "s", "rule": "R"}]}', /^policy-baseline\.json: findings\[0\]\.address must be a non-empty string/],
    ['{"version": 1, "findings": [null]}', /^policy-baseline\.json: findings\[0\]\.stack must be a non-empty string/],
  ])('rejects %s with one line naming the file and the fix', (text, message) => {
    expect(() => parseBaseline(text, 'policy-baseline.json')).toThrow(message);
    try {
      parseBaseline(text, 'policy-baseline.json');
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  test('ignores extra fields a reviewer added to an entry', () => {
    expect(parseBaseline('{"version": 1, "findings": [{"stack": "s", "rule": "R", "address": "a.b", "note": "ticket 12"}]}', 'b')).toEqual([{ stack: 's', rule: 'R', address: 'a.b' }]);
  });
});

describe('judging a report against a baseline', () => {
  test('a finding in the baseline passes: the blocking DEV_BUCKET and PROD_QUEUE are known', () => {
    const report = findingsOnly();
    expect(report.blocking).toHaveLength(2); // without a baseline the gate fails
    const c = compareWithBaseline(report, baselineOf(report));
    expect([c.known.length, c.added.length, c.addedBlocking.length, c.noLongerFound.length, c.passed]).toEqual([3, 0, 0, 0, true]);
  });

  test('a new blocking finding fails; a new non-blocking one is listed but passes', () => {
    const base = baselineOf(findingsOnly());
    const newHigh: Finding = { ...DEV_BUCKET, address: 'aws_s3_bucket.new' };
    const failing = compareWithBaseline(withFinding(findingsOnly(), newHigh, true), base);
    expect(failing.addedBlocking.map(entry)).toEqual([entry(newHigh)]);
    expect(failing.passed).toBe(false);
    const newMedium: Finding = { ...DEV_QUEUE, address: 'aws_sqs_queue.other' };
    const passing = compareWithBaseline(withFinding(findingsOnly(), newMedium, false), base);
    expect([passing.added.map(entry), passing.addedBlocking.length, passing.passed]).toEqual([[entry(newMedium)], 0, true]);
  });

  test('a fixed finding is reported as no longer found; entries of stacks not in the run are only counted', () => {
    const base = [...baselineOf(findingsOnly()), { stack: 'app-dev-data', rule: 'T-09', address: 'aws_sqs_queue.gone' }, { stack: 'other-dev-data', rule: 'T-01', address: 'aws_s3_bucket.x' }];
    const c = compareWithBaseline(findingsOnly(), base);
    expect(c.noLongerFound).toEqual([{ stack: 'app-dev-data', rule: 'T-09', address: 'aws_sqs_queue.gone' }]);
    expect(c.notChecked).toBe(1);
    expect(c.passed).toBe(true);
  });

  test('a finding that is now suppressed counts as no longer found (the entry can go)', () => {
    const report = findingsOnly();
    const suppressed = { ...report, stacks: report.stacks.map((s) => ({ ...s, findings: s.findings.map((f) => (f === PROD_QUEUE ? { ...f, suppressed: { reason: 'accepted in review', scope: 'resource' as const } } : f)) })), blocking: [DEV_BUCKET] };
    expect(compareWithBaseline(suppressed, baselineOf(report)).noLongerFound).toEqual([entry(PROD_QUEUE)]);
  });

  test('an unmatched suppression in prod still fails the gate: the baseline covers findings only', () => {
    const report = fixtureReport();
    expect(compareWithBaseline(report, baselineOf(report)).passed).toBe(false);
  });

  test('text and JSON summaries', () => {
    const base = [...baselineOf(findingsOnly()), { stack: 'app-dev-data', rule: 'T-09', address: 'aws_sqs_queue.gone' }];
    const newHigh: Finding = { ...DEV_BUCKET, address: 'aws_s3_bucket.new' };
    const c = compareWithBaseline(withFinding(findingsOnly(), newHigh, true), base);
    expect(formatBaselineComparison(c, 'b.json').split('\n')).toEqual([
      '',
      '== Baseline b.json: 3 known open findings (not failing), 1 new (1 blocking), 1 no longer found',
      '   NEW, BLOCKING  app-dev-data  T-01  aws_s3_bucket.new',
      '   no longer found  app-dev-data  T-09  aws_sqs_queue.gone  (fixed or suppressed: remove it, or rewrite with --write-baseline)',
      'policy with baseline: 1 new blocking findings -> FAIL',
    ]);
    expect(baselineJson(c, 'b.json')).toMatchObject({ file: 'b.json', new: [entry(newHigh)], newBlocking: [entry(newHigh)], noLongerFound: [{ stack: 'app-dev-data', rule: 'T-09', address: 'aws_sqs_queue.gone' }], notChecked: 0, passed: false });
  });
});
