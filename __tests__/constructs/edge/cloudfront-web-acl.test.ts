import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CLOUDFRONT_WEB_ACL_PRIORITIES, CloudFrontWebAcl, CloudFrontWebAclProps } from '../../../src/constructs/edge/cloudfront-web-acl';
import { Json, onlyResource, parsed, synthJson } from '../../helpers';

const ACCOUNT = '601000000003';
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

function edgeStack(region = 'us-east-1'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'partner-mgmt-prod-edge');
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

function props(change: Partial<CloudFrontWebAclProps> = {}): CloudFrontWebAclProps {
  return { name: 'partner-mgmt-prod-cloudfront', accountId: ACCOUNT, rateLimit: 1000, logRetentionDays: 365, logsKmsKeyArn: LOGS_KEY, ...change };
}

function synth(change: Partial<CloudFrontWebAclProps> = {}): { json: Json; acl: Json; waf: CloudFrontWebAcl } {
  const stack = edgeStack();
  const waf = new CloudFrontWebAcl(stack, 'waf', props(change));
  const json = synthJson(stack);
  return { json, acl: onlyResource(json, 'aws_wafv2_web_acl'), waf };
}

const metrics = (name: string) => ({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: name });

describe('CloudFrontWebAcl', () => {
  test('CLOUDFRONT scope, default allow, metrics and sampled requests on the ACL', () => {
    const { acl } = synth();
    expect(acl).toMatchObject({ name: 'partner-mgmt-prod-cloudfront', scope: 'CLOUDFRONT', default_action: { allow: {} }, visibility_config: metrics('partner-mgmt-prod-cloudfront') });
  });

  test('rules and fixed priorities: IP reputation 10, rate limit 30, Common 40, KnownBadInputs 50; anonymous IPs off by default', () => {
    const { acl, waf } = synth();
    expect(acl.rule.map((r: Json) => [r.name, r.priority])).toEqual([
      ['AWSManagedRulesAmazonIpReputationList', 10],
      ['rate-limit', 30],
      ['AWSManagedRulesCommonRuleSet', 40],
      ['AWSManagedRulesKnownBadInputsRuleSet', 50],
    ]);
    for (const rule of acl.rule) expect(rule.visibility_config).toEqual(metrics(rule.name));
    expect(waf.ruleMetricNames).toEqual(acl.rule.map((r: Json) => r.name));
    const managed = acl.rule.filter((r: Json) => r.name !== 'rate-limit');
    for (const rule of managed) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.statement).toEqual({ managed_rule_group_statement: [{ name: rule.name, vendor_name: 'AWS' }] });
    }
  });

  test('the anonymous IP list takes priority 20 when on, without renumbering the others', () => {
    const { acl } = synth({ blockAnonymousIps: true });
    expect(acl.rule.map((r: Json) => [r.name, r.priority])).toEqual([
      ['AWSManagedRulesAmazonIpReputationList', 10],
      ['AWSManagedRulesAnonymousIpList', 20],
      ['rate-limit', 30],
      ['AWSManagedRulesCommonRuleSet', 40],
      ['AWSManagedRulesKnownBadInputsRuleSet', 50],
    ]);
    expect(CLOUDFRONT_WEB_ACL_PRIORITIES.AWSManagedRulesAnonymousIpList).toBe(20);
  });

  test('rate limit per IP over 5 minutes, answering 429; every request counts by default', () => {
    const { acl } = synth();
    const rate = acl.rule.find((r: Json) => r.name === 'rate-limit');
    expect(rate.action).toEqual({ block: { custom_response: { response_code: 429 } } });
    expect(rate.statement).toEqual({ rate_based_statement: [{ limit: 1000, aggregate_key_type: 'IP', evaluation_window_sec: 300 }] });
  });

  test('rate limit scoped to /api/ URIs', () => {
    const { acl } = synth({ rateLimitPathPrefix: '/api/' });
    const rate = acl.rule.find((r: Json) => r.name === 'rate-limit');
    expect(rate.statement.rate_based_statement[0].scope_down_statement).toEqual([
      { byte_match_statement: [{ search_string: '/api/', positional_constraint: 'STARTS_WITH', field_to_match: [{ uri_path: [{}] }], text_transformation: [{ priority: 0, type: 'NONE' }] }] },
    ]);
  });

  test('Common rule set overrides', () => {
    const { acl } = synth({ commonRuleOverrides: { SizeRestrictions_BODY: 'count' } });
    const common = acl.rule.find((r: Json) => r.name === 'AWSManagedRulesCommonRuleSet');
    expect(common.statement.managed_rule_group_statement[0].rule_action_override).toEqual([{ name: 'SizeRestrictions_BODY', action_to_use: [{ count: [{}] }] }]);
  });

  test('logs to an encrypted aws-waf-logs- group with retention, redacting authorization, x-api-key and cookie', () => {
    const { json } = synth();
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: 'aws-waf-logs-partner-mgmt-prod-cloudfront', retention_in_days: 365, kms_key_id: LOGS_KEY });
    const logging = onlyResource(json, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging.resource_arn).toMatch(/^\$\{aws_wafv2_web_acl\.\S+\.arn\}$/);
    expect(logging.log_destination_configs).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\S+\.arn\}$/)]);
    expect(logging.redacted_fields).toEqual([{ single_header: { name: 'authorization' } }, { single_header: { name: 'x-api-key' } }, { single_header: { name: 'cookie' } }]);
    expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\./)]);
    const policy = parsed(onlyResource(json, 'aws_cloudwatch_log_resource_policy').policy_document);
    expect(policy.Statement[0]).toMatchObject({
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${ACCOUNT}:*` } },
    });
  });

  test('custom log group name and redacted headers', () => {
    const { json } = synth({ logGroupName: 'aws-waf-logs-dashboard', redactedHeaders: ['authorization'] });
    expect(onlyResource(json, 'aws_cloudwatch_log_group').name).toBe('aws-waf-logs-dashboard');
    expect(onlyResource(json, 'aws_wafv2_web_acl_logging_configuration').redacted_fields).toEqual([{ single_header: { name: 'authorization' } }]);
  });

  test('on a us-east-1 provider from a stack in another region', () => {
    const stack = edgeStack('us-west-2');
    const east = new AwsProvider(stack, 'aws-us-east-1', { region: 'us-east-1', alias: 'us_east_1' });
    new CloudFrontWebAcl(stack, 'waf', props({ provider: east }));
    const json = synthJson(stack);
    const providers = Object.values<Json>(json.resource).flatMap((byName) => Object.values<Json>(byName).map((r) => r.provider));
    expect(providers).toHaveLength(4);
    expect(new Set(providers)).toEqual(new Set(['aws.us_east_1']));
  });

  test('rejects a provider outside us-east-1', () => {
    expect(() => new CloudFrontWebAcl(edgeStack('us-west-2'), 'waf', props())).toThrow(
      "CloudFrontWebAcl partner-mgmt-prod-cloudfront: its provider is in us-west-2, but a CLOUDFRONT-scope web ACL and its log group must be created in us-east-1; pass provider: stack.providerFor('us-east-1')",
    );
    const stack = edgeStack();
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    expect(() => new CloudFrontWebAcl(stack, 'waf', props({ provider: west }))).toThrow(/its provider is in us-west-2/);
  });

  test('rejects bad props with the value and the fix', () => {
    const reject = (change: Partial<CloudFrontWebAclProps>, message: RegExp) => expect(() => new CloudFrontWebAcl(edgeStack(), 'waf', props(change))).toThrow(message);
    reject({ logsKmsKeyArn: LOGS_KEY.replace('us-east-1', 'eu-west-1') }, /logsKmsKeyArn "\S+" is in eu-west-1; the log group of a CLOUDFRONT-scope web ACL is in us-east-1, so pass a us-east-1 key/);
    reject({ logsKmsKeyArn: '' }, /logsKmsKeyArn is empty/);
    reject({ logGroupName: '/aws/waf/dashboard' }, /logGroupName "\/aws\/waf\/dashboard" must start with aws-waf-logs-/);
    reject({ rateLimit: 5 }, /rateLimit 5 is outside 10-2000000000/);
    reject({ rateLimitPathPrefix: 'api/' }, /rateLimitPathPrefix "api\/" must be a URI path starting with \//);
    reject({ logRetentionDays: 100 }, /logRetentionDays 100 is not a CloudWatch Logs retention/);
    reject({ redactedHeaders: ['Authorization'] }, /redactedHeaders entry "Authorization" is not a lower-case header name/);
    reject({ redactedHeaders: ['cookie', 'cookie'] }, /redactedHeaders \[cookie, cookie\] repeat/);
    reject({ name: 'has space' }, /name must be 1-128 letters/);
    reject({ accountId: 'x' }, /accountId "x" is not a 12-digit account ID/);
  });
});
