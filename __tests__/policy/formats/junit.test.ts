import { escapeXmlAttribute, escapeXmlText, toJunit } from '../../../src/policy/formats/junit';
import { AWKWARD, DEV_BUCKET, DEV_LOGS, PROD_LOGS_BUCKET, fixtureReport } from './fixture-report';
import { XmlElement, childrenNamed, parseXml } from './xml';

/** [suite, classname, name, outcome element, its type] of every testcase. */
function cases(root: XmlElement): string[][] {
  return childrenNamed(root, 'testsuite').flatMap((suite) =>
    childrenNamed(suite, 'testcase').map((c) => {
      const outcome = c.children[0];
      return [suite.attributes.name, c.attributes.classname, c.attributes.name, outcome?.name ?? 'passed', outcome?.attributes.type ?? ''];
    }),
  );
}

describe('XML escaping', () => {
  test('text: &, <, > escaped; characters XML 1.0 forbids replaced', () => {
    // '&' first, so the entities it produces are not escaped twice.
    expect(escapeXmlText('a < b && c > d ]]> \u0007\u0000 "q" \'s\'\n')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; \uFFFD\uFFFD "q" \'s\'\n');
    expect(escapeXmlText('lone \uD800 surrogate, pair \uD83D\uDE00 kept')).toBe('lone \uFFFD surrogate, pair \uD83D\uDE00 kept');
  });

  test('attributes: also quotes, and tab/newline/CR as character references (a parser would turn them into spaces)', () => {
    expect(escapeXmlAttribute('say "hi" & \'bye\'\n\tx\r')).toBe('say &quot;hi&quot; &amp; &apos;bye&apos;&#10;&#9;x&#13;');
  });

  test('the test reader rejects what is not well-formed (so passing it means something)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/closes <b>/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/without ";"/);
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a b="1" b="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a b=1/>')).toThrow(/quoted/);
    expect(() => parseXml('<a>\u0007</a>')).toThrow(/not allowed/);
    expect(() => parseXml('<a>x ]]> y</a>')).toThrow(/]]>/);
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(parseXml('<a t="&lt;&#10;&#x41;">x &amp; y<b/></a>')).toEqual({ name: 'a', attributes: { t: '<\nA' }, text: 'x & y', children: [{ name: 'b', attributes: {}, children: [], text: '' }] });
  });
});

describe('JUnit XML', () => {
  const xml = toJunit(fixtureReport());
  const root = parseXml(xml);

  test('is well-formed, with an XML declaration and a testsuites root', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(xml).not.toContain('\u0007');
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });

  test('totals: 6 cases = 5 findings + 1 unmatched suppression; 4 failures (open), 2 skipped (suppressed)', () => {
    expect(root.attributes).toEqual({ name: 'policy', tests: '6', failures: '4', errors: '0', skipped: '2' });
    expect(childrenNamed(root, 'testsuite').map((s) => s.attributes)).toEqual([
      { name: 'app-dev-data', tests: '3', failures: '2', errors: '0', skipped: '1' },
      { name: 'app-prod-data', tests: '3', failures: '2', errors: '0', skipped: '1' },
    ]);
  });

  test('a testsuite per stack with its env; a testcase per rule x resource, sorted by rule then address', () => {
    const [dev] = childrenNamed(root, 'testsuite');
    expect(childrenNamed(childrenNamed(dev, 'properties')[0], 'property').map((p) => [p.attributes.name, p.attributes.value])).toEqual([
      ['env', 'dev'],
      ['prod', 'false'],
      ['evaluated', '7'],
    ]);
    expect(cases(root)).toEqual([
      ['app-dev-data', 'app-dev-data.T-01', 'T-01 aws_s3_bucket.data', 'failure', 'blocking'], // high, open
      ['app-dev-data', 'app-dev-data.T-02', 'T-02 aws_sqs_queue.jobs', 'failure', 'non-blocking'], // medium in dev
      ['app-dev-data', 'app-dev-data.T-03', 'T-03 aws_cloudwatch_log_group.audit', 'skipped', ''],
      ['app-prod-data', 'app-prod-data.T-01', 'T-01 aws_s3_bucket.logs', 'skipped', ''],
      ['app-prod-data', 'app-prod-data.T-02', 'T-02 aws_sqs_queue.jobs', 'failure', 'blocking'], // prod
      ['app-prod-data', 'app-prod-data.T-03', 'T-03 unmatched suppression aws_cloudwatch_log_group.old', 'failure', 'blocking'], // unmatched in prod
    ]);
  });

  test('messages and reasons survive escaping exactly (except the forbidden bell, replaced)', () => {
    const [dev, prod] = childrenNamed(root, 'testsuite');
    const [bucket, , logs] = childrenNamed(dev, 'testcase');
    const failure = bucket.children[0];
    expect(failure.attributes.message).toBe(DEV_BUCKET.message.replace('\u0007', '\uFFFD'));
    expect(failure.text).toBe(
      [
        'T-01 (high): Buckets are encrypted with KMS',
        'stack: app-dev-data',
        'resource: aws_s3_bucket.data',
        'attribute: x',
        'status: blocking: open high finding',
        `aws_s3_bucket.data: ${AWKWARD}`.replace('\u0007', '\uFFFD'),
      ].join('\n'),
    );
    expect(logs.children[0].attributes.message).toBe(`suppressed (resource): ${DEV_LOGS.suppressed!.reason}`.replace('\u0007', '\uFFFD'));
    expect(childrenNamed(prod, 'testcase')[0].children[0].attributes.message).toBe(`suppressed (stack): ${PROD_LOGS_BUCKET.suppressed!.reason}`);
    expect(childrenNamed(prod, 'testcase')[1].children[0].text).toContain('status: blocking: open in a prod stack');
  });

  test('with a baseline, a known open finding is a non-blocking failure that says so', () => {
    const known = (f: { stack: string; ruleId: string }) => f.stack === 'app-prod-data' && f.ruleId === 'T-02';
    const parsed = parseXml(toJunit(fixtureReport(), { inBaseline: known, isBlocking: (f) => (f.ruleId === 'T-01' || f.stack === 'app-prod-data') && !known(f) }));
    const prodQueue = childrenNamed(childrenNamed(parsed, 'testsuite')[1], 'testcase')[1].children[0];
    expect(prodQueue.attributes.type).toBe('non-blocking');
    expect(prodQueue.text).toContain('status: not blocking: in the baseline');
  });

  test('a stack without findings is an empty testsuite; the output is deterministic', () => {
    const report = fixtureReport();
    const quiet = { ...report, stacks: [{ ...report.stacks[0], stack: 'app-dev-network', findings: [], suppressions: [] }, ...report.stacks] };
    const parsed = parseXml(toJunit(quiet));
    expect(childrenNamed(parsed, 'testsuite')[0].attributes).toEqual({ name: 'app-dev-network', tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(toJunit(fixtureReport())).toBe(xml);
  });
});
