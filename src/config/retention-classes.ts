/**
 * Log retention classes, in one place for the policy rule (LOG-04) and the configuration checks, so the
 * rule and the builders cannot disagree. A log group's class follows from what writes it:
 * - audit: who did what (CloudTrail, Bedrock model invocations, OpenSearch audit logs);
 * - security: traffic evidence (VPC flow logs, WAF logs, API Gateway and CloudFront access logs);
 * - application: everything else (service, function, build, database engine logs).
 * checkov CKV_AWS_338 asks a year for every group; we ask it where the logs are evidence.
 */

import type { Fail } from './layers/fail';
import type { EnvironmentConfig } from './types';

export type RetentionClass = 'application' | 'security' | 'audit';

/** Minimum days per class: prod, and every other environment. 0 = no minimum beyond LOG-01's "set". */
export const RETENTION_CLASS_MINIMUM_DAYS: Readonly<Record<RetentionClass, { readonly prod: number; readonly nonProd: number }>> = {
  application: { prod: 0, nonProd: 0 },
  security: { prod: 365, nonProd: 0 },
  audit: { prod: 365, nonProd: 0 },
};

/** Terraform resource types that write a log group, and the class their logs belong to. */
export const LOG_WRITER_CLASSES: Readonly<Record<string, RetentionClass>> = {
  aws_cloudtrail: 'audit',
  aws_bedrock_model_invocation_logging_configuration: 'audit',
  aws_flow_log: 'security',
  aws_wafv2_web_acl_logging_configuration: 'security',
  aws_api_gateway_stage: 'security',
  aws_apigatewayv2_stage: 'security',
};

/** Log group name patterns of the same writers (the name is all a group says about itself). */
const NAME_CLASSES: readonly (readonly [RegExp, RetentionClass])[] = [
  [/^\/aws\/cloudtrail\//, 'audit'],
  [/^\/aws\/bedrock\/model-invocations\//, 'audit'],
  [/^\/aws\/opensearch\/.+\/audit$/, 'audit'],
  [/^\/aws\/vpc\/flowlogs\//, 'security'],
  // AWS requires this prefix for WAF logging destinations.
  [/^aws-waf-logs-/, 'security'],
  // Access logs; execution logs (API-Gateway-Execution-Logs_...) stay application.
  [/^\/aws\/apigateway\//, 'security'],
  [/^\/aws\/cloudfront\/.+\/access$/, 'security'],
];

const RANK: Readonly<Record<RetentionClass, number>> = { application: 0, security: 1, audit: 2 };

/**
 * The class of a log group from its name (a literal; undefined for a reference) and the resource types
 * that write to it. The strictest match wins.
 */
export function logGroupRetentionClass(name: string | undefined, writerTypes: readonly string[] = []): RetentionClass {
  const classes: RetentionClass[] = ['application'];
  for (const type of writerTypes) {
    const cls = LOG_WRITER_CLASSES[type];
    if (cls) classes.push(cls);
  }
  if (name) for (const [pattern, cls] of NAME_CLASSES) if (pattern.test(name)) classes.push(cls);
  return classes.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

/** The minimum retention in days of a class in an environment (0: none). */
export function minimumRetentionDays(cls: RetentionClass, isProd: boolean): number {
  const min = RETENTION_CLASS_MINIMUM_DAYS[cls];
  return isProd ? min.prod : min.nonProd;
}

/** Whether a retention meets the class minimum; 0 (never expire) always does. */
export function meetsRetentionClass(days: number, cls: RetentionClass, isProd: boolean): boolean {
  return days === 0 || days >= minimumRetentionDays(cls, isProd);
}

/** Config fields whose value becomes the retention of a security/audit log group, checked in prod. */
export function validateRetentionClasses(config: EnvironmentConfig, fail: Fail): void {
  const prod = config.env === 'prod';
  const check = (field: string, days: number | undefined, cls: RetentionClass, what: string) => {
    if (days === undefined || meetsRetentionClass(days, cls, prod)) return;
    fail(field, days, `is below the ${cls} retention class minimum of ${minimumRetentionDays(cls, prod)} days in ${config.env} (${what})`, `use ${minimumRetentionDays(cls, prod)} or more (src/config/retention-classes.ts)`);
  };
  check('network.flowLogRetentionDays', config.network?.flowLogRetentionDays, 'security', 'VPC flow logs');
  check('network.secondary.flowLogRetentionDays', config.network?.secondary?.flowLogRetentionDays, 'security', 'VPC flow logs');
  check('edge.wafLogRetentionDays', config.edge?.wafLogRetentionDays, 'security', 'WAF logs');
  check('ai.logRetentionDays', config.ai?.logRetentionDays, 'audit', 'Bedrock model invocation logs');
  // The API access log groups take the compute layer's retention.
  if (config.compute?.restApi || config.compute?.httpApi) check('compute.logRetentionDays', config.compute.logRetentionDays, 'security', 'API Gateway access logs');
  check('governance.auditLogRetentionDays', config.governance?.auditLogRetentionDays, 'audit', 'CloudTrail');
}
