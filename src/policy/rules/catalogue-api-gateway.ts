import { COMPLIANT, block, fail, literal } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/**
 * Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): custom
 * domains. (Route authorization, CKV_AWS_309, is APIG-03's, which reads HTTP and WebSocket routes.)
 */

/** TLS 1.2+ policies of API Gateway custom domains (TLS_1_0 is the legacy one). */
const MODERN_DOMAIN_POLICY = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;

export const CATALOGUE_API_GATEWAY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'APIG-05',
    title: 'Custom domain names require TLS 1.2 or later',
    severity: 'high',
    pack: 'api-gateway',
    mappings: { checkov: ['CKV_AWS_206'], trivy: ['AVD-AWS-0005'] },
    appliesTo: ['aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name'],
    check(domain) {
      const value = domain.type === 'aws_api_gateway_domain_name' ? domain.body.security_policy : block(domain.body.domain_name_configuration)?.security_policy;
      const attribute = domain.type === 'aws_api_gateway_domain_name' ? 'security_policy' : 'domain_name_configuration.security_policy';
      if (value !== undefined && literal(value) === undefined) return COMPLIANT;
      const policy = literal(value);
      // Unset, the REST API default depends on the account's history (TLS_1_0 for older ones): say it.
      if (policy === undefined) return fail(domain, attribute, 'is not set; set TLS_1_2 (or a SecurityPolicy_TLS13_* policy) explicitly');
      return MODERN_DOMAIN_POLICY.test(policy) ? COMPLIANT : fail(domain, attribute, `is ${policy}; use TLS_1_2 or a SecurityPolicy_TLS13_* policy`);
    },
  }),
];
