import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { CLOUDFRONT_REGION, arnRegion, requireCloudFrontRegion } from './global-region';

/** Fixed priorities, so turning the optional rule on or off never renumbers the others. */
export const CLOUDFRONT_WEB_ACL_PRIORITIES = {
  AWSManagedRulesAmazonIpReputationList: 10,
  AWSManagedRulesAnonymousIpList: 20,
  'rate-limit': 30,
  AWSManagedRulesCommonRuleSet: 40,
  AWSManagedRulesKnownBadInputsRuleSet: 50,
} as const;

/** Headers whose values never reach the WAF log by default. */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = ['authorization', 'x-api-key', 'cookie'];

export interface CloudFrontWebAclProps extends ProviderScopedProps {
  /** Web ACL name and metric prefix, for example `<system>-<env>-cloudfront`. */
  readonly name: string;
  /** Account of the web ACL (the log resource policy's `aws:SourceAccount`). */
  readonly accountId: string;
  /** Requests one IP may send in 5 minutes before the rate rule answers 429 (10-2000000000). */
  readonly rateLimit: number;
  /**
   * Count only requests whose URI path starts with this prefix against the rate limit, for example
   * `/api/` (static assets then never count).
   * @default - every request counts
   */
  readonly rateLimitPathPrefix?: string;
  /**
   * Add AWSManagedRulesAnonymousIpList (VPNs, Tor, hosting providers). Off by default: partners
   * behind corporate VPNs or cloud desktops would be blocked.
   * @default false
   */
  readonly blockAnonymousIps?: boolean;
  /**
   * Per-rule action overrides inside AWSManagedRulesCommonRuleSet (rule name -> action), for example
   * `{ SizeRestrictions_BODY: 'count' }` when the API takes bodies over 8 KB.
   * @default {}
   */
  readonly commonRuleOverrides?: Readonly<Record<string, 'allow' | 'count' | 'block'>>;
  /**
   * Log group name; WAF requires the `aws-waf-logs-` prefix.
   * @default `aws-waf-logs-<name>`
   */
  readonly logGroupName?: string;
  /** Retention of the log group in days (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** KMS key of the log group: a us-east-1 key whose policy admits CloudWatch Logs there. */
  readonly logsKmsKeyArn: string;
  /**
   * Request headers (lower case) whose values are redacted from the logs.
   * @default ['authorization', 'x-api-key', 'cookie']
   */
  readonly redactedHeaders?: readonly string[];
}

/**
 * A CLOUDFRONT-scope WAFv2 web ACL (default allow): AWS IP reputation list, optional anonymous IP
 * list, a per-IP rate limit (optionally only over a path prefix; answers 429), the Common and
 * KnownBadInputs rule groups; CloudWatch metrics and sampled requests on every rule; logs to an
 * encrypted `aws-waf-logs-*` group in us-east-1 with credentials redacted. CloudFront-scope web ACLs
 * and their log groups live in us-east-1: pass `provider: stack.providerFor('us-east-1')` from a
 * stack in another region. Attach it with the distribution's `web_acl_id` (`arn`).
 */
export class CloudFrontWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;
  readonly logging: Wafv2WebAclLoggingConfiguration;
  /** Metric names of the rules, in priority order (the `Rule` dimension of AWS/WAFV2 metrics). */
  readonly ruleMetricNames: readonly string[];

  constructor(scope: Construct, id: string, props: CloudFrontWebAclProps) {
    super(scope, id);
    const where = `CloudFrontWebAcl ${props.name}`;
    const blockAnonymous = props.blockAnonymousIps ?? false;
    const overrides = props.commonRuleOverrides ?? {};
    const logGroupName = props.logGroupName ?? `aws-waf-logs-${props.name}`;
    const redacted = props.redactedHeaders ?? DEFAULT_REDACTED_HEADERS;
    const prefix = props.rateLimitPathPrefix;

    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.name)) throw new Error(`${where}: name must be 1-128 letters, digits, - or _`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID`);
    if (!(Number.isInteger(props.rateLimit) && props.rateLimit >= 10 && props.rateLimit <= 2000000000)) {
      throw new Error(`${where}: rateLimit ${props.rateLimit} is outside 10-2000000000 requests per 5 minutes`);
    }
    if (prefix !== undefined && !/^\/[A-Za-z0-9._~\-/]*$/.test(prefix)) {
      throw new Error(`${where}: rateLimitPathPrefix "${prefix}" must be a URI path starting with / (for example /api/)`);
    }
    if (!logGroupName.startsWith('aws-waf-logs-')) throw new Error(`${where}: logGroupName "${logGroupName}" must start with aws-waf-logs- (a WAF requirement)`);
    if (!LOG_RETENTION_DAYS.includes(props.logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${props.logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!props.logsKmsKeyArn) throw new Error(`${where}: logsKmsKeyArn is empty; the WAF log group is KMS-encrypted (LOG-01), pass a ${CLOUDFRONT_REGION} logs key`);
    const keyRegion = arnRegion(props.logsKmsKeyArn);
    if (keyRegion !== undefined && keyRegion !== CLOUDFRONT_REGION) {
      throw new Error(`${where}: logsKmsKeyArn "${props.logsKmsKeyArn}" is in ${keyRegion}; the log group of a CLOUDFRONT-scope web ACL is in ${CLOUDFRONT_REGION}, so pass a ${CLOUDFRONT_REGION} key`);
    }
    for (const header of redacted) {
      if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) throw new Error(`${where}: redactedHeaders entry "${header}" is not a lower-case header name`);
    }
    if (new Set(redacted).size !== redacted.length) throw new Error(`${where}: redactedHeaders [${redacted.join(', ')}] repeat`);
    requireCloudFrontRegion(this, props.provider, where, 'a CLOUDFRONT-scope web ACL and its log group');

    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managed = (name: keyof typeof CLOUDFRONT_WEB_ACL_PRIORITIES, ruleOverrides: Readonly<Record<string, string>> = {}): Wafv2WebAclRule => {
      const actionOverrides = Object.entries(ruleOverrides).map(([rule, action]) => ({ name: rule, action_to_use: [{ [action]: [{}] }] }));
      return {
        name,
        priority: CLOUDFRONT_WEB_ACL_PRIORITIES[name],
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: [{ name, vendor_name: 'AWS', ...(actionOverrides.length ? { rule_action_override: actionOverrides } : {}) }] },
        visibilityConfig: visibility(name),
      };
    };
    const rateLimit: Wafv2WebAclRule = {
      name: 'rate-limit',
      priority: CLOUDFRONT_WEB_ACL_PRIORITIES['rate-limit'],
      // 429, not the default 403: the distribution may turn 403s into the SPA's index.html.
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: {
        rate_based_statement: [
          {
            limit: props.rateLimit,
            aggregate_key_type: 'IP',
            evaluation_window_sec: 300,
            ...(prefix !== undefined
              ? {
                  scope_down_statement: [
                    {
                      byte_match_statement: [
                        {
                          search_string: prefix,
                          positional_constraint: 'STARTS_WITH',
                          field_to_match: [{ uri_path: [{}] }],
                          text_transformation: [{ priority: 0, type: 'NONE' }],
                        },
                      ],
                    },
                  ],
                }
              : {}),
          },
        ],
      },
      visibilityConfig: visibility('rate-limit'),
    };
    const rules: Wafv2WebAclRule[] = [
      managed('AWSManagedRulesAmazonIpReputationList'),
      ...(blockAnonymous ? [managed('AWSManagedRulesAnonymousIpList')] : []),
      rateLimit,
      managed('AWSManagedRulesCommonRuleSet', overrides),
      managed('AWSManagedRulesKnownBadInputsRuleSet'),
    ];
    this.ruleMetricNames = rules.map((r) => r.visibilityConfig.metricName);

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `${props.name}: IP reputation, rate limit, Common and KnownBadInputs managed rules (CloudFront)`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    // Written here rather than left to WAF's implicit AWSLogDeliveryWrite policy, so it is visible,
    // scoped to this group and removed with it.
    const logsPolicy = new CloudwatchLogResourcePolicy(this, 'log-policy', {
      policyName: `${props.name}-waf-logs`,
      policyDocument: policyJson({
        Statement: [
          {
            Sid: 'WafLogDelivery',
            Effect: 'Allow',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${this.logGroup.arn}:log-stream:*`,
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:logs:${CLOUDFRONT_REGION}:${props.accountId}:*` },
            },
          },
        ],
      }),
    });
    this.logging = new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: redacted.map((name) => ({ singleHeader: { name } })),
      dependsOn: [logsPolicy],
    });
    useProvider(this, props.provider);
  }

  /** `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`: the distribution's `web_acl_id`. */
  get arn(): string {
    return this.webAcl.arn;
  }

  get id(): string {
    return this.webAcl.id;
  }
}
