/**
 * A small hand-written policy report for the format tests: three rules, two stacks (dev and prod),
 * open, blocking and suppressed findings and one unmatched prod suppression. Independent of the real
 * rules, so every expected value can be worked out from this file.
 */
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import * as fs from 'fs';
import * as path from 'path';
import { COMPLIANT } from '../../../src/policy/helpers';
import { Finding, PolicyReport, PolicyRule } from '../../../src/policy/types';

export const RULES: PolicyRule[] = [
  {
    id: 'T-01',
    title: 'Buckets are encrypted with KMS',
    severity: 'high',
    pack: 'storage',
    mappings: { checkov: ['CKV_AWS_145', 'CKV_AWS_19'], trivy: ['AVD-AWS-0132'], cdkNag: ['AwsSolutions-S1'], fsbp: ['S3.17'] },
    appliesTo: ['aws_s3_bucket'],
    check: () => COMPLIANT,
  },
  {
    id: 'T-02',
    title: 'Queues redrive to a DLQ',
    severity: 'medium',
    pack: 'messaging',
    mappings: {},
    appliesTo: ['aws_sqs_queue'],
    check: () => COMPLIANT,
  },
  {
    id: 'T-03',
    title: 'Log groups: retention & a "KMS" <key>',
    severity: 'low',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_158'] },
    appliesTo: ['aws_cloudwatch_log_group'],
    check: () => COMPLIANT,
  },
];

/** Text that needs escaping in XML: markup characters, quotes, a newline, a bell (not allowed in XML 1.0), `]]>`. */
export const AWKWARD = 'a < b && c > d "q" \'s\'\nline two \u0007 end ]]>';

function finding(stack: string, ruleId: string, address: string, extra: Partial<Finding> = {}): Finding {
  const rule = RULES.find((r) => r.id === ruleId)!;
  return { ruleId, title: rule.title, severity: rule.severity, stack, address, attribute: 'x', message: `${address}: ${ruleId} problem`, ...extra };
}

// app-dev-data (dev):
//   T-01 high   aws_s3_bucket.data                 open        -> blocking (high anywhere)
//   T-02 medium aws_sqs_queue.jobs                 open        -> not blocking (medium outside prod)
//   T-03 low    aws_cloudwatch_log_group.audit     suppressed on the resource (reason with XML specials)
// app-prod-data (prod):
//   T-02 medium aws_sqs_queue.jobs                 open        -> blocking (prod)
//   T-01 high   aws_s3_bucket.logs                 suppressed for the stack (environment config)
//   unmatched T-03 resource suppression on aws_cloudwatch_log_group.old -> fails the gate (prod)
export const DEV_BUCKET = finding('app-dev-data', 'T-01', 'aws_s3_bucket.data', { message: `aws_s3_bucket.data: ${AWKWARD}` });
export const DEV_QUEUE = finding('app-dev-data', 'T-02', 'aws_sqs_queue.jobs');
export const DEV_LOGS = finding('app-dev-data', 'T-03', 'aws_cloudwatch_log_group.audit', { suppressed: { reason: `kept by the SIEM: ${AWKWARD}`, scope: 'resource' } });
export const PROD_QUEUE = finding('app-prod-data', 'T-02', 'aws_sqs_queue.jobs');
export const PROD_LOGS_BUCKET = finding('app-prod-data', 'T-01', 'aws_s3_bucket.logs', { suppressed: { reason: 'log bucket: SSE-S3 is what log delivery supports', scope: 'stack' } });

export function fixtureReport(): PolicyReport {
  return {
    stacks: [
      // Findings deliberately out of order: the formats sort them.
      {
        stack: 'app-dev-data',
        env: 'dev',
        isProd: false,
        findings: [DEV_LOGS, DEV_QUEUE, DEV_BUCKET],
        suppressions: [{ ruleId: 'T-03', stack: 'app-dev-data', address: 'aws_cloudwatch_log_group.audit', reason: DEV_LOGS.suppressed!.reason, scope: 'resource', matched: 1 }],
        evaluated: 7,
      },
      {
        stack: 'app-prod-data',
        env: 'prod',
        isProd: true,
        findings: [PROD_QUEUE, PROD_LOGS_BUCKET],
        suppressions: [
          { ruleId: 'T-01', stack: 'app-prod-data', address: '*', reason: PROD_LOGS_BUCKET.suppressed!.reason, scope: 'stack', matched: 1 },
          { ruleId: 'T-03', stack: 'app-prod-data', address: 'aws_cloudwatch_log_group.old', reason: 'the old group keeps logs forever', scope: 'resource', matched: 0 },
        ],
        evaluated: 5,
      },
    ],
    rules: RULES.length,
    blocking: [DEV_BUCKET, PROD_QUEUE],
    unmatched: [
      { ruleId: 'T-03', stack: 'app-prod-data', address: 'aws_cloudwatch_log_group.old', reason: 'the old group keeps logs forever', scope: 'resource', matched: 0, stacks: ['app-prod-data'], isProd: true },
    ],
    passed: false,
  };
}

/**
 * The official SARIF 2.1.0 JSON schema (OASIS, errata 01, draft-04), vendored byte for byte: no npm
 * package ships it (@microsoft/jest-sarif@1.0.0-beta.0 ships the older 2.1.0-rtm.5 copy, which the
 * errata only made stricter). Source: github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/
 * sarif-schema-2.1.0.json at commit e0583813964ec43cea53b6b531b402866095ed1f (the file last changed in
 * a560296ca8c921f3bdb8d4a8db57ab83dae968a7), $id https://docs.oasis-open.org/sarif/sarif/v2.1.0/
 * errata01/os/schemas/sarif-schema-2.1.0.json, sha256
 * c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e.
 */
export const SARIF_SCHEMA_FILE = path.join(__dirname, 'sarif-schema-2.1.0.json');
export const SARIF_SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';

/** A validator of the vendored schema (ajv 6: draft-04 and the uri/date-time formats built in). */
export function sarifValidator(): (data: unknown) => { valid: boolean; errors: string } {
  const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true, format: 'full' });
  ajv.addMetaSchema(draft04);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
  return (data) => {
    const valid = validate(data) as boolean;
    return { valid, errors: ajv.errorsText(validate.errors, { separator: '\n' }) };
  };
}
