import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** An AWS managed rule group in the web ACL, optionally overriding actions of rules inside it. */
export interface ManagedRuleGroupRule {
  readonly kind: 'managed';
  /** Rule group name, for example `AWSManagedRulesCommonRuleSet`. */
  readonly name: string;
  /**
   * Per-rule action overrides inside the group (rule name -> action).
   * @default {}
   */
  readonly overrides?: Readonly<Record<string, 'allow' | 'count' | 'block'>>;
  /**
   * Bot Control inspection level (only for AWSManagedRulesBotControlRuleSet).
   * @default 'COMMON'
   */
  readonly botControlInspectionLevel?: 'COMMON' | 'TARGETED';
}

/** A per-IP rate limit over a 5-minute window. */
export interface RateLimitRule {
  readonly kind: 'rate-limit';
  readonly name: string;
  /** Requests per 5 minutes from one IP. */
  readonly limit: number;
}

/** Blocks requests from the given countries. */
export interface GeoBlockRule {
  readonly kind: 'geo-block';
  readonly name: string;
  /** ISO 3166 alpha-2 codes. */
  readonly countryCodes: readonly string[];
}

export type WebAclRuleSpec = ManagedRuleGroupRule | RateLimitRule | GeoBlockRule;

export interface RegionalWebAclProps extends ProviderScopedProps {
  /** Web ACL name and metric prefix, for example `<system>-prod-web-acl`. */
  readonly name: string;
  /** Rules in evaluation order: priorities are 1, 2, ... in this order. */
  readonly rules: readonly WebAclRuleSpec[];
  /** Resources (ALB ARNs) to associate. */
  readonly associateWith: string[];
  /** Log group name; WAF requires the `aws-waf-logs-` prefix. */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** KMS key of the log group (its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
}

/**
 * A REGIONAL WAFv2 web ACL (default allow) whose rules run in the given order with CloudWatch metrics
 * and sampled requests on, logging to an encrypted `aws-waf-logs-*` log group (authorization and
 * cookie headers redacted) and associated with the given load balancers.
 */
export class RegionalWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;
  /** Metric names of the rules, in order (the `Rule` dimension of AWS/WAFV2 metrics). */
  readonly ruleMetricNames: readonly string[];

  constructor(scope: Construct, id: string, props: RegionalWebAclProps) {
    super(scope, id);
    const where = `RegionalWebAcl ${props.name}`;
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.name)) throw new Error(`${where}: name must be 1-128 letters, digits, - or _`);
    if (props.rules.length === 0) throw new Error(`${where}: rules is empty; a web ACL without rules protects nothing (WAF-01)`);
    if (!props.logGroupName.startsWith('aws-waf-logs-')) throw new Error(`${where}: logGroupName "${props.logGroupName}" must start with aws-waf-logs- (a WAF requirement)`);
    const names = props.rules.map((r) => r.name);
    if (new Set(names).size !== names.length) throw new Error(`${where}: rule names [${names.join(', ')}] repeat`);
    for (const rule of props.rules) {
      if (rule.kind === 'rate-limit' && !(Number.isInteger(rule.limit) && rule.limit >= 10 && rule.limit <= 2000000000)) {
        throw new Error(`${where}: rate limit ${rule.limit} of ${rule.name} is outside 10-2000000000`);
      }
      if (rule.kind === 'geo-block' && (rule.countryCodes.length === 0 || rule.countryCodes.some((c) => !/^[A-Z]{2}$/.test(c)))) {
        throw new Error(`${where}: ${rule.name} needs ISO alpha-2 country codes (got [${rule.countryCodes.join(', ')}])`);
      }
    }

    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const rules: Wafv2WebAclRule[] = props.rules.map((rule, i) => {
      const priority = i + 1;
      if (rule.kind === 'managed') {
        const overrides = Object.entries(rule.overrides ?? {}).map(([name, action]) => ({ name, action_to_use: [{ [action]: [{}] }] }));
        const isBotControl = rule.name === 'AWSManagedRulesBotControlRuleSet';
        return {
          name: rule.name,
          priority,
          overrideAction: { none: {} },
          statement: {
            managed_rule_group_statement: [
              {
                name: rule.name,
                vendor_name: 'AWS',
                ...(overrides.length ? { rule_action_override: overrides } : {}),
                ...(isBotControl
                  ? { managed_rule_group_configs: [{ aws_managed_rules_bot_control_rule_set: [{ inspection_level: rule.botControlInspectionLevel ?? 'COMMON' }] }] }
                  : {}),
              },
            ],
          },
          visibilityConfig: visibility(rule.name),
        };
      }
      if (rule.kind === 'rate-limit') {
        return {
          name: rule.name,
          priority,
          action: { block: {} },
          statement: { rate_based_statement: [{ limit: rule.limit, aggregate_key_type: 'IP', evaluation_window_sec: 300 }] },
          visibilityConfig: visibility(rule.name),
        };
      }
      return {
        name: rule.name,
        priority,
        action: { block: {} },
        statement: { geo_match_statement: [{ country_codes: [...rule.countryCodes] }] },
        visibilityConfig: visibility(rule.name),
      };
    });
    this.ruleMetricNames = names;

    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `${props.name}: managed rule groups, rate limit and geo blocking`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: [{ singleHeader: { name: 'authorization' } }, { singleHeader: { name: 'cookie' } }],
    });
    props.associateWith.forEach((resourceArn, i) => {
      new Wafv2WebAclAssociation(this, `association-${i}`, { resourceArn, webAclArn: this.webAcl.arn });
    });
    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.webAcl.arn;
  }

  get id(): string {
    return this.webAcl.id;
  }
}
