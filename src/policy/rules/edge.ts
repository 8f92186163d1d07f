import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, flag, isRef, isSet, list, literal, verdict } from '../helpers';
import { PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const ACL = 'aws_wafv2_web_acl';
const CF = 'aws_cloudfront_distribution';

/** Every managed rule group name inside a WAFv2 statement tree. */
function managedGroups(statement: unknown, out: string[] = []): string[] {
  for (const s of blocks(statement)) {
    for (const m of blocks(s.managed_rule_group_statement)) if (typeof m.name === 'string') out.push(m.name);
    for (const key of ['and_statement', 'or_statement', 'not_statement']) for (const inner of blocks(s[key])) managedGroups(inner.statement, out);
    for (const r of blocks(s.rate_based_statement)) managedGroups(r.scope_down_statement, out);
  }
  return out;
}

function behaviors(distribution: PolicyResource): { behavior: Record<string, any>; attribute: string }[] {
  return [
    ...blocks(distribution.body.default_cache_behavior).map((behavior) => ({ behavior, attribute: 'default_cache_behavior' })),
    ...blocks(distribution.body.ordered_cache_behavior).map((behavior, i) => ({ behavior, attribute: `ordered_cache_behavior[${i}]` })),
  ];
}

export const EDGE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'WAF-01',
    title: 'Web ACL has rules including KnownBadInputs, metrics enabled',
    severity: 'medium',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_175', 'CKV_AWS_342', 'CKV_AWS_192'], fsbp: ['WAF.10', 'WAF.12'] },
    appliesTo: [ACL],
    check(acl) {
      const c = collector();
      const rules = blocks(acl.body.rule);
      c.expect(rules.length > 0, 'rule', 'is empty; add managed rule groups (Common, KnownBadInputs, IP reputation) and a rate limit');
      const groups = rules.flatMap((r) => managedGroups(r.statement));
      c.expect(groups.includes('AWSManagedRulesKnownBadInputsRuleSet'), 'rule', 'does not include AWSManagedRulesKnownBadInputsRuleSet (Log4j and other known-bad inputs)');
      c.expect(flag(block(acl.body.visibility_config)?.cloudwatch_metrics_enabled, false), 'visibility_config.cloudwatch_metrics_enabled', 'is not true; enable metrics');
      rules.forEach((r, i) => c.expect(flag(block(r.visibility_config)?.cloudwatch_metrics_enabled, false), `rule[${r.name ?? i}].visibility_config.cloudwatch_metrics_enabled`, 'is not true; enable metrics on every rule'));
      return verdict(acl, c.problems);
    },
  }),
  defineRule({
    id: 'WAF-02',
    title: 'Web ACL has a logging configuration to an aws-waf-logs- destination',
    severity: 'medium',
    pack: 'edge',
    mappings: { checkov: ['CKV2_AWS_31'], fsbp: ['WAF.11'] },
    appliesTo: [ACL],
    check(acl, context) {
      const configs = context.referrers(acl, 'aws_wafv2_web_acl_logging_configuration', 'resource_arn').map((r) => r.resource);
      if (configs.length === 0) return fail(acl, 'aws_wafv2_web_acl_logging_configuration', 'is missing; log the web ACL to a log group named aws-waf-logs-*');
      const c = collector();
      for (const config of configs) {
        for (const destination of list(config.body.log_destination_configs)) {
          const groups = context.resolve(destination);
          for (const target of groups) {
            const name = literal(target.body.name);
            if (name !== undefined) c.expect(name.startsWith('aws-waf-logs-'), `${config.address}.log_destination_configs`, `points to ${target.address} named ${name}; WAF requires a name starting aws-waf-logs-`);
          }
          if (groups.length === 0 && !isRef(destination)) {
            c.expect(/[:/]aws-waf-logs-/.test(destination), `${config.address}.log_destination_configs`, `is ${destination}; WAF requires a destination named aws-waf-logs-*`);
          }
        }
      }
      return verdict(acl, c.problems);
    },
  }),
  defineRule({
    id: 'CF-01',
    title: 'CloudFront redirects viewers to HTTPS; ACM certificate with TLSv1.2_2021',
    severity: 'high',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_34', 'CKV_AWS_174', 'CKV2_AWS_42'], trivy: ['AVD-AWS-0012', 'AVD-AWS-0013'], cdkNag: ['AwsSolutions-CFR4'], fsbp: ['CloudFront.3', 'CloudFront.7'] },
    appliesTo: [CF],
    check(distribution) {
      const c = collector();
      for (const { behavior, attribute } of behaviors(distribution)) {
        c.expect(['redirect-to-https', 'https-only'].includes(behavior.viewer_protocol_policy), `${attribute}.viewer_protocol_policy`, `is ${behavior.viewer_protocol_policy ?? 'absent'}; use redirect-to-https`);
      }
      const cert = block(distribution.body.viewer_certificate);
      c.expect(isSet(cert?.acm_certificate_arn) && !flag(cert?.cloudfront_default_certificate, false), 'viewer_certificate.acm_certificate_arn', 'is not set; serve your own ACM certificate');
      const version = cert?.minimum_protocol_version;
      c.expect(['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'].includes(version) || (isRef(version)), 'viewer_certificate.minimum_protocol_version', `is ${version ?? 'absent (TLSv1)'}; use TLSv1.2_2021`);
      return verdict(distribution, c.problems);
    },
  }),
  defineRule({
    id: 'CF-02',
    title: 'CloudFront has a web ACL',
    severity: 'high',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_68'], trivy: ['AVD-AWS-0011'], cdkNag: ['AwsSolutions-CFR2'], fsbp: ['CloudFront.6'] },
    appliesTo: [CF],
    check(distribution) {
      return isSet(distribution.body.web_acl_id) ? COMPLIANT : fail(distribution, 'web_acl_id', 'is not set; attach a CLOUDFRONT-scope WAFv2 web ACL');
    },
  }),
  defineRule({
    id: 'CF-03',
    title: 'CloudFront access logging',
    severity: 'medium',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_86'], trivy: ['AVD-AWS-0010'], cdkNag: ['AwsSolutions-CFR3'], fsbp: ['CloudFront.5'] },
    appliesTo: [CF],
    check(distribution, context) {
      if (isSet(block(distribution.body.logging_config)?.bucket)) return COMPLIANT;
      if (context.referrers(distribution, 'aws_cloudwatch_log_delivery_source', 'resource_arn').length > 0) return COMPLIANT;
      return fail(distribution, 'logging_config', 'is not set; log requests to the log bucket (or a v2 log delivery source)');
    },
  }),
  defineRule({
    id: 'CF-04',
    title: 'S3 origins use OAC; custom origins https-only with TLSv1.2',
    severity: 'high',
    pack: 'edge',
    mappings: { checkov: ['CKV2_AWS_46', 'CKV2_AWS_72'], cdkNag: ['AwsSolutions-CFR7', 'AwsSolutions-CFR5'], fsbp: ['CloudFront.13', 'CloudFront.9', 'CloudFront.10'] },
    appliesTo: [CF],
    check(distribution, context) {
      const origins = blocks(distribution.body.origin);
      if (origins.length === 0) return NOT_APPLICABLE;
      const c = collector();
      origins.forEach((origin, i) => {
        const where = `origin[${origin.origin_id ?? i}]`;
        const custom = block(origin.custom_origin_config);
        const s3 = !custom && (block(origin.s3_origin_config) !== undefined || /\.s3[.-]/.test(String(origin.domain_name)) || context.resolve(origin.domain_name).some((r) => r.type === 'aws_s3_bucket'));
        if (s3) {
          c.expect(isSet(origin.origin_access_control_id), `${where}.origin_access_control_id`, 'is not set; use origin access control (not OAI or a public bucket)');
        } else if (custom) {
          c.expect(custom.origin_protocol_policy === 'https-only', `${where}.custom_origin_config.origin_protocol_policy`, `is ${custom.origin_protocol_policy}; use https-only`);
          const protocols = list(custom.origin_ssl_protocols);
          c.expect(protocols.length > 0 && protocols.every((p) => p === 'TLSv1.2'), `${where}.custom_origin_config.origin_ssl_protocols`, `is ${protocols.join(', ') || 'absent'}; use only TLSv1.2`);
        }
      });
      return verdict(distribution, c.problems);
    },
  }),
  defineRule({
    id: 'CF-05',
    title: 'CloudFront default root object; security headers policy with HSTS',
    severity: 'low',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_305', 'CKV2_AWS_32'], fsbp: ['CloudFront.1'] },
    appliesTo: [CF],
    check(distribution, context) {
      const c = collector();
      c.expect(isSet(distribution.body.default_root_object), 'default_root_object', 'is not set; set one (e.g. index.html) so the origin listing is never served');
      const policyId = block(distribution.body.default_cache_behavior)?.response_headers_policy_id;
      if (!isSet(policyId)) {
        c.expect(false, 'default_cache_behavior.response_headers_policy_id', 'is not set; attach a response headers policy with HSTS');
      } else {
        for (const policy of context.resolve(policyId).filter((r) => r.type === 'aws_cloudfront_response_headers_policy')) {
          const hsts = block(block(policy.body.security_headers_config)?.strict_transport_security);
          c.expect(hsts !== undefined, `${policy.address}.security_headers_config.strict_transport_security`, 'is not set; send HSTS');
        }
      }
      return verdict(distribution, c.problems);
    },
  }),
];
