import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { resourceRegions, stackArtifacts } from '../../../src/policy/formats/locations';
import { FINGERPRINT_NAME, SARIF_SCHEMA_URI, StackArtifact, ruleName, toSarif } from '../../../src/policy/formats/sarif';
import { ALL_RULES } from '../../../src/policy/rules';
import { PolicyReport } from '../../../src/policy/types';
import { DEV_BUCKET, DEV_LOGS, PROD_LOGS_BUCKET, RULES, SARIF_SCHEMA_FILE, SARIF_SCHEMA_SHA256, fixtureReport, sarifValidator } from './fixture-report';

// A pretty-printed cdk.tf.json (two-space indentation, as cdktf writes it), line numbers by hand:
// a data source and an output share names with resources and must not be taken for them.
const STACK_TEXT = [
  '{', //                                            1
  '  "data": {', //                                  2
  '    "aws_s3_bucket": {', //                       3
  '      "data": {', //                              4  (a data source, not the resource)
  '        "bucket": "x"', //                        5
  '      }', //                                      6
  '    }', //                                        7
  '  },', //                                         8
  '  "resource": {', //                              9
  '    "aws_cloudwatch_log_group": {', //            10
  '      "audit": {', //                             11 <- aws_cloudwatch_log_group.audit starts
  '        "name": "audit",', //                     12
  '        "tags": {', //                            13 (nested block at depth 4: not a resource)
  '          "a": "b"', //                           14
  '        }', //                                    15
  '      },', //                                     16 <- ends
  '      "empty": {}', //                            17 <- aws_cloudwatch_log_group.empty, one line
  '    },', //                                       18
  '    "aws_s3_bucket": {', //                       19
  '      "data": {', //                              20 <- aws_s3_bucket.data starts
  '        "bucket": "data"', //                     21
  '      }', //                                      22 <- ends
  '    }', //                                        23
  '  },', //                                         24
  '  "terraform": {', //                             25
  '    "required_providers": {', //                  26 (after "resource": never a resource type)
  '      "aws": {', //                               27
  '        "source": "aws"', //                      28
  '      }', //                                      29
  '    }', //                                        30
  '  }', //                                          31
  '}', //                                            32
  '',
].join('\n');

const DEV_ARTIFACT: StackArtifact = { uri: 'cdktf.out/stacks/app-dev-data/cdk.tf.json', uriBaseId: '%SRCROOT%', regions: resourceRegions(STACK_TEXT) };

function sarifOf(report: PolicyReport = fixtureReport(), extra: Partial<Parameters<typeof toSarif>[1]> = {}): any {
  return toSarif(report, { rules: RULES, artifact: (stack) => (stack === 'app-dev-data' ? DEV_ARTIFACT : undefined), ...extra });
}

describe('resource regions in cdk.tf.json', () => {
  test('finds each resource block under "resource", ignoring data sources and nested blocks', () => {
    expect(JSON.parse(STACK_TEXT)).toBeTruthy(); // the fixture is real JSON
    expect(Object.fromEntries(resourceRegions(STACK_TEXT))).toEqual({
      'aws_cloudwatch_log_group.audit': { startLine: 11, endLine: 16 },
      'aws_cloudwatch_log_group.empty': { startLine: 17, endLine: 17 },
      'aws_s3_bucket.data': { startLine: 20, endLine: 22 },
    });
  });

  test('reads a name that JSON escapes, and CRLF line ends', () => {
    const text = JSON.stringify({ resource: { aws_sqs_queue: { 'q"1': { name: 'q' } } } }, null, 2).replace(/\n/g, '\r\n');
    // 1 {  2 "resource": {  3 "aws_sqs_queue": {  4 "q\"1": {  5 "name"  6 }
    expect(resourceRegions(text).get('aws_sqs_queue.q"1')).toEqual({ startLine: 4, endLine: 6 });
  });

  test('a file that is not pretty-printed yields no regions (the file is still named)', () => {
    expect(resourceRegions(JSON.stringify({ resource: { aws_sqs_queue: { q: { name: 'q' } } } })).size).toBe(0);
  });

  test('stackArtifacts: a path relative to the repository inside it, a file URI outside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-sarif-'));
    try {
      const out = path.join(dir, 'repo', 'cdktf.out');
      fs.mkdirSync(path.join(out, 'stacks', 'app-dev-data'), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', 'app-dev-data', 'cdk.tf.json'), STACK_TEXT);
      const inside = stackArtifacts(out, ['app-dev-data', 'app-missing'], path.join(dir, 'repo'));
      expect([...inside.keys()]).toEqual(['app-dev-data']); // no file, no artifact
      expect(inside.get('app-dev-data')).toMatchObject({ uri: 'cdktf.out/stacks/app-dev-data/cdk.tf.json', uriBaseId: '%SRCROOT%' });
      expect(inside.get('app-dev-data')!.regions.get('aws_s3_bucket.data')).toEqual({ startLine: 20, endLine: 22 });
      const outside = stackArtifacts(out, ['app-dev-data'], path.join(dir, 'elsewhere'));
      expect(outside.get('app-dev-data')!.uri).toBe(pathToFileURL(path.join(out, 'stacks', 'app-dev-data', 'cdk.tf.json')).href);
      expect(outside.get('app-dev-data')!.uriBaseId).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SARIF 2.1.0', () => {
  const validate = sarifValidator();

  test('the vendored schema is the official OASIS errata01 file, unchanged', () => {
    expect(createHash('sha256').update(fs.readFileSync(SARIF_SCHEMA_FILE)).digest('hex')).toBe(SARIF_SCHEMA_SHA256);
    expect(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')).id).toBe(SARIF_SCHEMA_URI);
  });

  test('the fixture report is valid by the schema, and the validator does reject a broken log', () => {
    const log = sarifOf();
    expect(validate(log)).toEqual({ valid: true, errors: 'No errors' });
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[2].suppressions[0].kind = 'ignored'; // results[2] is the suppressed T-03
    const verdict = validate(broken);
    expect(verdict.valid).toBe(false);
    expect(verdict.errors).toMatch(/level/);
    expect(verdict.errors).toMatch(/kind/);
  });

  test('tool.driver describes every rule: id, name, descriptions, help, level by severity, IDs as tags', () => {
    const rules = sarifOf().runs[0].tool.driver.rules;
    expect(rules.map((r: any) => [r.id, r.name, r.shortDescription.text, r.defaultConfiguration.level, r.properties['security-severity']])).toEqual([
      ['T-01', 'BucketsAreEncryptedWithKMS', 'Buckets are encrypted with KMS', 'error', '8.0'], // high
      ['T-02', 'QueuesRedriveToADLQ', 'Queues redrive to a DLQ', 'warning', '5.5'], // medium
      ['T-03', 'LogGroupsRetentionAKMSKey', 'Log groups: retention & a "KMS" <key>', 'note', '3.0'], // low
    ]);
    expect(rules[0].properties.tags).toEqual(['security', 'storage', 'CKV_AWS_145', 'CKV_AWS_19', 'AVD-AWS-0132', 'AwsSolutions-S1', 'FSBP S3.17']);
    expect(rules[1].properties.tags).toEqual(['security', 'messaging']); // no mappings
    expect(rules[0].help.text).toContain('checkov: CKV_AWS_145, CKV_AWS_19; trivy: AVD-AWS-0132; cdk-nag: AwsSolutions-S1; Security Hub FSBP: S3.17');
    expect(rules[0].help.markdown).toContain('- Security Hub FSBP: S3.17');
  });

  test('results: sorted by stack, rule, address; level is error when the finding blocks, else by severity', () => {
    const results = sarifOf().runs[0].results;
    expect(results.map((r: any) => [r.properties.stack, r.ruleId, r.ruleIndex, r.level, r.properties.blocking])).toEqual([
      ['app-dev-data', 'T-01', 0, 'error', true], // high, open: blocks anywhere
      ['app-dev-data', 'T-02', 1, 'warning', false], // medium, open in dev: reported only
      ['app-dev-data', 'T-03', 2, 'note', false], // low, suppressed
      ['app-prod-data', 'T-01', 0, 'error', false], // high, suppressed: severity level, not blocking
      ['app-prod-data', 'T-02', 1, 'error', true], // medium, open in prod: blocks
    ]);
    expect(results[0].message.text).toBe(DEV_BUCKET.message);
  });

  test('locations: the stack file with the resource lines, and the Terraform address as logical location', () => {
    const [devBucket, , devLogs, prodBucket] = sarifOf().runs[0].results;
    expect(devBucket.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'cdktf.out/stacks/app-dev-data/cdk.tf.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 20, endLine: 22 } },
        logicalLocations: [{ name: 'aws_s3_bucket.data', fullyQualifiedName: 'app-dev-data/aws_s3_bucket.data', kind: 'resource' }],
      },
    ]);
    expect(devLogs.locations[0].physicalLocation.region).toEqual({ startLine: 11, endLine: 16 });
    // No file for the prod stack here: only the logical location.
    expect(prodBucket.locations).toEqual([{ logicalLocations: [{ name: 'aws_s3_bucket.logs', fullyQualifiedName: 'app-prod-data/aws_s3_bucket.logs', kind: 'resource' }] }]);
  });

  test('suppressed findings carry a SARIF suppression with the reason: inSource per resource, external per stack', () => {
    const byAddress = (log: any, stack: string, address: string) => log.runs[0].results.find((r: any) => r.properties.stack === stack && r.locations[0].logicalLocations[0].name === address);
    const log = sarifOf();
    expect(byAddress(log, 'app-dev-data', DEV_LOGS.address).suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: DEV_LOGS.suppressed!.reason }]);
    expect(byAddress(log, 'app-prod-data', PROD_LOGS_BUCKET.address).suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: PROD_LOGS_BUCKET.suppressed!.reason }]);
    expect(byAddress(log, 'app-dev-data', DEV_BUCKET.address).suppressions).toBeUndefined();
  });

  test('partialFingerprints depend only on stack, rule and address (stable across runs, messages and lines)', () => {
    const first = sarifOf().runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_NAME]);
    const moved: StackArtifact = { ...DEV_ARTIFACT, regions: new Map([['aws_s3_bucket.data', { startLine: 99, endLine: 120 }]]) };
    const report = fixtureReport();
    const reworded = { ...report, stacks: report.stacks.map((s) => ({ ...s, findings: s.findings.map((f) => ({ ...f, message: 'reworded' })) })) };
    const second = toSarif(reworded, { rules: RULES, artifact: () => moved }).runs as any;
    expect(second[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_NAME])).toEqual(first);
    expect(new Set(first).size).toBe(5);
    for (const f of first) expect(f).toMatch(/^[0-9a-f]{32}$/);
    // sha256("app-dev-data\0T-01\0aws_s3_bucket.data"), first 32 hex digits
    expect(first[0]).toBe(createHash('sha256').update('app-dev-data\u0000T-01\u0000aws_s3_bucket.data').digest('hex').slice(0, 32));
  });

  test('deterministic: the same log whatever order the findings come in', () => {
    const report = fixtureReport();
    const shuffled = { ...report, stacks: report.stacks.map((s) => ({ ...s, findings: [...s.findings].reverse() })) };
    expect(JSON.stringify(sarifOf(shuffled))).toBe(JSON.stringify(sarifOf(report)));
  });

  test('an unmatched suppression is a tool notification (error in prod), tied to its rule', () => {
    const invocation = sarifOf().runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: expect.stringContaining('The resource suppression of T-03 on aws_cloudwatch_log_group.old in app-prod-data covers no finding; remove it (it fails the gate in prod)') },
        associatedRule: { id: 'T-03', index: 2 },
      },
    ]);
  });

  test('with a baseline: open results get baselineState new/unchanged, and a known finding no longer blocks', () => {
    const known = (f: { stack: string; ruleId: string }) => f.stack === 'app-prod-data' && f.ruleId === 'T-02';
    const log = sarifOf(fixtureReport(), { inBaseline: known, isBlocking: (f) => (f.ruleId === 'T-01' || f.stack === 'app-prod-data') && !known(f) });
    expect(validate(log).valid).toBe(true);
    expect(log.runs[0].results.map((r: any) => [r.properties.stack, r.ruleId, r.baselineState, r.level])).toEqual([
      ['app-dev-data', 'T-01', 'new', 'error'],
      ['app-dev-data', 'T-02', 'new', 'warning'],
      ['app-dev-data', 'T-03', undefined, 'note'], // suppressed: no baseline state
      ['app-prod-data', 'T-01', undefined, 'error'],
      ['app-prod-data', 'T-02', 'unchanged', 'warning'], // in the baseline: medium level, not error
    ]);
  });

  test('the real catalogue: every rule is described with all its checkov, trivy, cdk-nag and FSBP IDs, and the log is valid', () => {
    const empty: PolicyReport = { stacks: [], rules: ALL_RULES.length, blocking: [], unmatched: [], passed: true };
    const log: any = toSarif(empty, { rules: ALL_RULES });
    expect(validate(log)).toEqual({ valid: true, errors: 'No errors' });
    const described = log.runs[0].tool.driver.rules;
    expect(described.map((r: any) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    for (const [i, rule] of ALL_RULES.entries()) {
      const m = rule.mappings;
      expect(described[i].properties.tags).toEqual(expect.arrayContaining([...(m.checkov ?? []), ...(m.trivy ?? []), ...(m.cdkNag ?? []), ...(m.fsbp ?? []).map((id) => `FSBP ${id}`)]));
      expect(described[i].name).toBe(ruleName(rule.title));
      expect(described[i].name).toMatch(/^[A-Za-z0-9]+$/);
    }
    expect(log.runs[0].results).toEqual([]);
  });
});
