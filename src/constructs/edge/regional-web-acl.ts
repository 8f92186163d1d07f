import { isIPv4, isIPv6 } from 'net';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2IpSet } from '@cdktf/provider-aws/lib/wafv2-ip-set';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** What every rule spec may set besides its kind. */
export interface WebAclRuleCommon {
  /**
   * WAF priority (a whole number, 0 or more; lower runs first). Priorities must increase along
   * `rules`, so the list stays the evaluation order; gaps (1, 2, 10, 20) are allowed.
   * @default - its position in `rules` plus 1
   */
  readonly priority?: number;
}

/** An AWS managed rule group in the web ACL, optionally overriding actions of rules inside it. */
export interface ManagedRuleGroupRule extends WebAclRuleCommon {
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
export interface RateLimitRule extends WebAclRuleCommon {
  readonly kind: 'rate-limit';
  readonly name: string;
  /** Requests per 5 minutes from one IP. */
  readonly limit: number;
}

/** Blocks requests from the given countries. */
export interface GeoBlockRule extends WebAclRuleCommon {
  readonly kind: 'geo-block';
  readonly name: string;
  /** ISO 3166 alpha-2 codes. */
  readonly countryCodes: readonly string[];
}

/**
 * Allows requests from the given addresses outright: WAF stops evaluating, so rules after it never
 * see them (put it after the rules that must still apply to those addresses).
 */
export interface IpAllowRule extends WebAclRuleCommon {
  readonly kind: 'ip-allow';
  readonly name: string;
  /**
   * CIDR blocks, IPv4 (`192.0.2.0/24`) and/or IPv6 (`2001:db8::/32`), prefix /1 or longer. One IP
   * set per address family in use is created, named `<web ACL name>-<rule name>-ipv4|ipv6`.
   */
  readonly addresses: readonly string[];
}

export type WebAclRuleSpec = ManagedRuleGroupRule | RateLimitRule | GeoBlockRule | IpAllowRule;

/** Most addresses one WAF IP set holds. */
const MAX_IP_SET_ADDRESSES = 10000;

/** The address family of a CIDR block WAF accepts (prefix /1 or longer), or undefined. */
function cidrFamily(cidr: string): 'IPV4' | 'IPV6' | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!match) return undefined;
  const prefix = Number(match[2]);
  if (isIPv4(match[1]) && prefix >= 1 && prefix <= 32) {
    // WAF wants the network address: no host bits set below the prefix.
    const value = match[1].split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    return value % 2 ** (32 - prefix) === 0 ? 'IPV4' : undefined;
  }
  if (isIPv6(match[1]) && prefix >= 1 && prefix <= 128) return 'IPV6';
  return undefined;
}

export interface RegionalWebAclProps extends ProviderScopedProps {
  /** Web ACL name and metric prefix, for example `<system>-prod-web-acl`. */
  readonly name: string;
  /** Rules in evaluation order: priorities are 1, 2, ... in this order unless rules set their own. */
  readonly rules: readonly WebAclRuleSpec[];
  /** Resources to associate: ALB ARNs, REST API stage ARNs (`arn:aws:apigateway:<region>::/restapis/<id>/stages/<stage>`). */
  readonly associateWith: string[];
  /** Log group name; WAF requires the `aws-waf-logs-` prefix. */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** KMS key of the log group (its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
  /**
   * Deliver the request logs to this S3 bucket instead (`arn:aws:s3:::aws-waf-logs-...`, for example
   * a central logging account's, whose policy admits `delivery.logs.amazonaws.com`); no log group.
   * @default - the log group
   */
  readonly logBucketArn?: string;
}

/**
 * A REGIONAL WAFv2 web ACL (default allow) whose rules run in the given order with CloudWatch metrics
 * and sampled requests on (managed rule groups, per-IP rate limits, geo blocks, allowlists from IP
 * sets it creates), logging to an encrypted `aws-waf-logs-*` log group (authorization and cookie
 * headers redacted) and associated with the given resources (load balancers, REST API stages).
 */
export class RegionalWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;
  /** IP sets of the `ip-allow` rules, in rule order (IPv4 before IPv6). */
  readonly ipSets: readonly Wafv2IpSet[];
  /** The log group of the request logs; undefined when they go to `logBucketArn`. */
  readonly logGroup?: CloudwatchLogGroup;
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
      if (rule.kind === 'ip-allow') checkAddresses(`${where}: ${rule.name}`, rule.addresses);
    }
    const priorities = props.rules.map((rule, i) => rule.priority ?? i + 1);
    priorities.forEach((priority, i) => {
      if (!(Number.isInteger(priority) && priority >= 0)) throw new Error(`${where}: priority ${priority} of ${names[i]} must be a whole number, 0 or more`);
      if (i > 0 && priority <= priorities[i - 1]) {
        throw new Error(`${where}: priority ${priority} of ${names[i]} is not above ${priorities[i - 1]} of ${names[i - 1]}; list rules in evaluation order with increasing priorities`);
      }
    });

    // One IP set per address family of each allowlist rule.
    const ipSets: Wafv2IpSet[] = [];
    const ipSetArns = new Map<string, string[]>();
    for (const rule of props.rules) {
      if (rule.kind !== 'ip-allow') continue;
      const arns: string[] = [];
      for (const family of ['IPV4', 'IPV6'] as const) {
        const addresses = rule.addresses.filter((a) => cidrFamily(a) === family);
        if (addresses.length === 0) continue;
        const suffix = family.toLowerCase();
        const set = new Wafv2IpSet(this, `${rule.name}-${suffix}`, {
          name: `${props.name}-${rule.name}-${suffix}`,
          description: `${props.name}: addresses ${rule.name} allows`,
          scope: 'REGIONAL',
          ipAddressVersion: family,
          addresses,
        });
        ipSets.push(set);
        arns.push(set.arn);
      }
      ipSetArns.set(rule.name, arns);
    }
    this.ipSets = ipSets;

    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const rules: Wafv2WebAclRule[] = props.rules.map((rule, i) => {
      const priority = priorities[i];
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
      if (rule.kind === 'ip-allow') {
        const references = ipSetArns.get(rule.name)!.map((arn) => ({ ip_set_reference_statement: [{ arn }] }));
        return {
          name: rule.name,
          priority,
          action: { allow: {} },
          statement: references.length === 1 ? references[0] : { or_statement: [{ statement: references }] },
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
      description: ipSets.length > 0 ? `${props.name}: managed rule groups, IP allowlist, rate limit and geo blocking` : `${props.name}: managed rule groups, rate limit and geo blocking`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });

    if (props.logBucketArn !== undefined && !/^arn:aws[a-z-]*:s3:::aws-waf-logs-[a-z0-9.-]{1,50}$/.test(props.logBucketArn)) {
      throw new Error(`${where}: logBucketArn "${props.logBucketArn}" is not the ARN of a bucket named aws-waf-logs-* (a WAF requirement); use arn:aws:s3:::aws-waf-logs-<name>`);
    }
    this.logGroup = props.logBucketArn
      ? undefined
      : new CloudwatchLogGroup(this, 'log-group', {
          name: props.logGroupName,
          retentionInDays: props.logRetentionDays,
          kmsKeyId: props.logsKmsKeyArn,
        });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [props.logBucketArn ?? this.logGroup!.arn],
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

/** Rejects an allowlist that is empty, too long, repeats an address or holds a non-CIDR. */
function checkAddresses(where: string, addresses: readonly string[]): void {
  if (addresses.length === 0) throw new Error(`${where}: addresses is empty; an allowlist without addresses allows nobody, drop the rule instead`);
  for (const address of addresses) {
    if (!cidrFamily(address)) throw new Error(`${where}: address "${address}" is not an IPv4 or IPv6 CIDR block with a /1 or longer prefix and no host bits (for example 192.0.2.0/24 or 2001:db8::/32)`);
  }
  if (new Set(addresses).size !== addresses.length) throw new Error(`${where}: addresses [${addresses.join(', ')}] repeat an entry; list each block once`);
  for (const family of ['IPV4', 'IPV6'] as const) {
    const count = addresses.filter((a) => cidrFamily(a) === family).length;
    if (count > MAX_IP_SET_ADDRESSES) throw new Error(`${where}: ${count} ${family} addresses exceed the ${MAX_IP_SET_ADDRESSES} a WAF IP set holds; merge them into wider blocks`);
  }
}
