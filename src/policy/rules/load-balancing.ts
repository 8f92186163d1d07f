import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, flag, isRef, isSet, list, literal, verdict } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';
import { subnetAzCount } from './topology';

const LBS = ['aws_lb', 'aws_alb'];
const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];
const TARGET_GROUPS = ['aws_lb_target_group', 'aws_alb_target_group'];
const TLS12_POLICY = /TLS13|TLS-1-2|FS-1-2/;

function lbType(lb: PolicyResource): string {
  return String(lb.body.load_balancer_type ?? 'application');
}

function listenerProtocol(listener: PolicyResource, context: PolicyContext): string {
  const explicit = literal(listener.body.protocol);
  if (explicit) return explicit.toUpperCase();
  const lb = context.resolve(listener.body.load_balancer_arn).find((r) => LBS.includes(r.type));
  return lb && lbType(lb) === 'network' ? 'TCP' : 'HTTP';
}

/** Whether a WAFv2 (or WAF Classic regional) association in the system/env targets `resource`. */
export function hasWafAssociation(resource: PolicyResource, context: PolicyContext): boolean {
  return (
    context.referrers(resource, 'aws_wafv2_web_acl_association', 'resource_arn').length > 0 ||
    context.referrers(resource, 'aws_wafregional_web_acl_association', 'resource_arn').length > 0
  );
}

/**
 * LB-07: the hop from an ALB to its targets is encrypted in prod (CKV_AWS_378). ALBs do not validate
 * target certificates, so a self-signed certificate in the task is enough (FargateService
 * `tlsProxy`). Lambda and ALB targets and NLB groups (TCP/TLS/UDP: pass-through or the NLB's own
 * TLS) are not applicable; an absent protocol is HTTP (the provider default for ip/instance targets).
 */
export const LB_07_TARGET_TLS: PolicyRule = defineRule({
  id: 'LB-07',
  title: 'prod: target groups of application load balancers use HTTPS',
  severity: 'medium',
  pack: 'load-balancing',
  mappings: { checkov: ['CKV_AWS_378'] },
  appliesTo: TARGET_GROUPS,
  check(tg, context) {
    if (!context.stack.isProd) return NOT_APPLICABLE;
    const targetType = String(literal(tg.body.target_type) ?? 'instance');
    if (targetType !== 'ip' && targetType !== 'instance') return NOT_APPLICABLE;
    const protocol = String(literal(tg.body.protocol) ?? 'HTTP').toUpperCase();
    if (protocol === 'HTTPS') return COMPLIANT;
    if (protocol !== 'HTTP') return NOT_APPLICABLE;
    return fail(tg, 'protocol', 'is HTTP: the load balancer talks to the targets in plain text; use protocol HTTPS with a TLS endpoint in the target (a self-signed certificate works: FargateService tlsProxy)');
  },
});

export const LOAD_BALANCING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'LB-01',
    title: 'HTTPS listeners; HTTP only as a redirect to HTTPS',
    severity: 'high',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], trivy: ['AVD-AWS-0054'], fsbp: ['ELB.1'] },
    appliesTo: LISTENERS,
    check(listener, context) {
      const protocol = listenerProtocol(listener, context);
      if (protocol === 'HTTPS' || protocol === 'TLS') return COMPLIANT;
      if (protocol !== 'HTTP') return NOT_APPLICABLE;
      const actions = blocks(listener.body.default_action);
      const redirects = actions.length > 0 && actions.every((a) => a.type === 'redirect' && String(block(a.redirect)?.protocol ?? '').toUpperCase() === 'HTTPS');
      if (redirects) return COMPLIANT;
      return fail(listener, 'default_action', 'serves plain HTTP; use protocol HTTPS, or make the HTTP listener a redirect to HTTPS (type redirect, protocol HTTPS, HTTP_301)');
    },
  }),
  defineRule({
    id: 'LB-02',
    title: 'TLS listeners use a TLS 1.2+ policy',
    severity: 'high',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV_AWS_103', 'CKV2_AWS_74'], trivy: ['AVD-AWS-0047'], fsbp: ['ELB.17'] },
    appliesTo: LISTENERS,
    check(listener, context) {
      const protocol = listenerProtocol(listener, context);
      if (protocol !== 'HTTPS' && protocol !== 'TLS') return NOT_APPLICABLE;
      const policy = listener.body.ssl_policy;
      if (policy === undefined) return fail(listener, 'ssl_policy', 'is absent (provider default ELBSecurityPolicy-2016-08 allows TLS 1.0); set ELBSecurityPolicy-TLS13-1-2-2021-06');
      const name = literal(policy);
      if (name === undefined || TLS12_POLICY.test(name)) return COMPLIANT;
      return fail(listener, 'ssl_policy', `is ${name}, which allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06`);
    },
  }),
  defineRule({
    id: 'LB-03',
    title: 'ALBs drop invalid headers; desync mitigation is not monitor',
    severity: 'medium',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV_AWS_131', 'CKV_AWS_328'], trivy: ['AVD-AWS-0052'], fsbp: ['ELB.4', 'ELB.12'] },
    appliesTo: LBS,
    check(lb) {
      if (lbType(lb) !== 'application') return NOT_APPLICABLE;
      const c = collector();
      c.expect(flag(lb.body.drop_invalid_header_fields, false), 'drop_invalid_header_fields', 'is not true; set it to true');
      c.expect(lb.body.desync_mitigation_mode !== 'monitor', 'desync_mitigation_mode', 'is monitor; use defensive (the default) or strictest');
      return verdict(lb, c.problems);
    },
  }),
  defineRule({
    id: 'LB-04',
    title: 'Load balancer access logs are enabled',
    severity: 'medium',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV_AWS_91'], cdkNag: ['AwsSolutions-ELB2'], fsbp: ['ELB.5'] },
    appliesTo: LBS,
    check(lb) {
      if (lbType(lb) === 'gateway') return NOT_APPLICABLE;
      const logs = block(lb.body.access_logs);
      if (logs && flag(logs.enabled, false) && isSet(logs.bucket)) return COMPLIANT;
      return fail(lb, 'access_logs.enabled', 'is not true (the provider default is off even with a bucket); set access_logs { bucket, enabled = true }');
    },
  }),
  defineRule({
    id: 'LB-05',
    title: 'Internet-facing ALBs have a WAF association; other load balancers are internal',
    severity: 'high',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV2_AWS_28'], trivy: ['AVD-AWS-0053'], fsbp: ['ELB.16'] },
    appliesTo: LBS,
    check(lb, context) {
      if (flag(lb.body.internal, false)) return COMPLIANT;
      if (lbType(lb) !== 'application') return fail(lb, 'internal', `is false on a ${lbType(lb)} load balancer; only ALBs (behind WAF) may face the internet`);
      if (hasWafAssociation(lb, context)) return COMPLIANT;
      return fail(lb, 'aws_wafv2_web_acl_association.resource_arn', `is internet-facing with no web ACL association in ${context.stack.system ?? context.stack.name}-${context.stack.env ?? ''} (searched every synthesized layer); associate a WAFv2 web ACL`);
    },
  }),
  defineRule({
    id: 'LB-06',
    title: 'prod: deletion protection, subnets in 2+ AZs, target group health check path',
    severity: 'medium',
    pack: 'load-balancing',
    mappings: { checkov: ['CKV_AWS_150', 'CKV_AWS_261'], fsbp: ['ELB.6', 'ELB.13'] },
    appliesTo: [...LBS, ...TARGET_GROUPS],
    check(resource, context) {
      if (!context.stack.isProd) return NOT_APPLICABLE;
      const c = collector();
      if (TARGET_GROUPS.includes(resource.type)) {
        const protocol = String(resource.body.protocol ?? 'HTTP').toUpperCase();
        if (resource.body.target_type === 'lambda' || !['HTTP', 'HTTPS'].includes(protocol)) return NOT_APPLICABLE;
        c.expect(isSet(block(resource.body.health_check)?.path), 'health_check.path', 'is not set; give the target group an explicit health check path');
        return verdict(resource, c.problems);
      }
      c.expect(flag(resource.body.enable_deletion_protection, false), 'enable_deletion_protection', 'is not true; protect prod load balancers from deletion');
      const subnetRefs = [resource.body.subnets, ...blocks(resource.body.subnet_mapping).map((m) => m.subnet_id)];
      const azs = subnetAzCount(subnetRefs, context);
      const count = azs ?? list(resource.body.subnets).length + blocks(resource.body.subnet_mapping).length;
      // A single `${...}` list reference that does not resolve (its layer is not in the run) is unknown.
      const unresolvedSingleRef = azs === undefined && count === 1 && isRef(resource.body.subnets);
      c.expect(unresolvedSingleRef || count >= 2, 'subnets', `span ${count} AZ; place the load balancer in subnets of 2+ AZs`);
      return verdict(resource, c.problems);
    },
  }),
  LB_07_TARGET_TLS,
];
