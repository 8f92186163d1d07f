import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { TerraformStack } from 'cdktf';
import { add, expectCompliant, expectNotApplicable, expectViolation, ref, stackOf } from './harness';

const metrics = { cloudwatch_metrics_enabled: true, metric_name: 'm', sampled_requests_enabled: true };

function acl(stack: TerraformStack, rules: object[]) {
  return add(stack, Wafv2WebAcl, 'acl', { name: 'acl', scope: 'REGIONAL', default_action: { allow: {} }, visibility_config: metrics, rule: rules });
}

const knownBad = { name: 'bad-inputs', priority: 1, override_action: { none: {} }, statement: { managed_rule_group_statement: { name: 'AWSManagedRulesKnownBadInputsRuleSet', vendor_name: 'AWS' } }, visibility_config: metrics };

describe('WAF-01 web ACL rules', () => {
  it('passes with KnownBadInputs and metrics', () => {
    const stack = stackOf('bidops-dev-edge');
    acl(stack, [knownBad]);
    expectCompliant('WAF-01', stack, 'aws_wafv2_web_acl.acl');
  });
  it('fails without rules', () => {
    const stack = stackOf('bidops-dev-edge');
    acl(stack, []);
    expectViolation('WAF-01', stack, 'aws_wafv2_web_acl.acl', 'rule');
  });
});

describe('WAF-02 web ACL logging', () => {
  it('passes with a logging configuration to aws-waf-logs-*', () => {
    const stack = stackOf('bidops-dev-edge');
    const web = acl(stack, [knownBad]);
    const group = add(stack, CloudwatchLogGroup, 'lg', { name: 'aws-waf-logs-bidops-dev' });
    add(stack, Wafv2WebAclLoggingConfiguration, 'log', { resource_arn: ref(web, 'arn'), log_destination_configs: [ref(group, 'arn')] });
    expectCompliant('WAF-02', stack, 'aws_wafv2_web_acl.acl');
  });
  it('fails without logging, and with a wrongly named log group', () => {
    const stack = stackOf('bidops-dev-edge');
    acl(stack, [knownBad]);
    expectViolation('WAF-02', stack, 'aws_wafv2_web_acl.acl', 'aws_wafv2_web_acl_logging_configuration');
    const group = add(stack, CloudwatchLogGroup, 'lg', { name: '/waf/bidops' });
    add(stack, Wafv2WebAclLoggingConfiguration, 'log', { resource_arn: ref(stack.node.findChild('acl') as Wafv2WebAcl, 'arn'), log_destination_configs: [ref(group, 'arn')] });
    expectViolation('WAF-02', stack, 'aws_wafv2_web_acl.acl', 'aws_wafv2_web_acl_logging_configuration.log.log_destination_configs');
  });
});

function distribution(stack: TerraformStack, good: boolean) {
  const headers = add(stack, CloudfrontResponseHeadersPolicy, 'headers', { name: 'h', security_headers_config: good ? { strict_transport_security: { access_control_max_age_sec: 31536000, override: true } } : {} });
  return add(stack, CloudfrontDistribution, 'cdn', good
    ? {
        enabled: true, default_root_object: 'index.html', web_acl_id: 'arn:waf', logging_config: { bucket: 'logs.s3.amazonaws.com' },
        origin: [
          { origin_id: 's3', domain_name: 'site.s3.us-east-1.amazonaws.com', origin_access_control_id: 'oac' },
          { origin_id: 'alb', domain_name: 'alb.example.com', custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] } },
        ],
        default_cache_behavior: { target_origin_id: 's3', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: ref(headers) },
        viewer_certificate: { acm_certificate_arn: 'arn:acm', ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
      }
    : {
        enabled: true,
        origin: [
          { origin_id: 's3', domain_name: 'site.s3.us-east-1.amazonaws.com', s3_origin_config: { origin_access_identity: 'oai' } },
          { origin_id: 'alb', domain_name: 'alb.example.com', custom_origin_config: { origin_protocol_policy: 'match-viewer', origin_ssl_protocols: ['TLSv1', 'TLSv1.2'] } },
        ],
        default_cache_behavior: { target_origin_id: 's3', viewer_protocol_policy: 'allow-all', response_headers_policy_id: ref(headers) },
        viewer_certificate: { cloudfront_default_certificate: true },
      });
}

describe('CF-01..05 CloudFront', () => {
  for (const id of ['CF-01', 'CF-02', 'CF-03', 'CF-04', 'CF-05']) {
    it(`${id} passes for the hardened distribution`, () => {
      const stack = stackOf('bidops-dev-edge');
      distribution(stack, true);
      expectCompliant(id, stack, 'aws_cloudfront_distribution.cdn');
    });
  }
  const violations: Record<string, string[]> = {
    'CF-01': ['default_cache_behavior.viewer_protocol_policy', 'viewer_certificate.acm_certificate_arn', 'viewer_certificate.minimum_protocol_version'],
    'CF-02': ['web_acl_id'],
    'CF-03': ['logging_config'],
    'CF-04': ['origin[s3].origin_access_control_id', 'origin[alb].custom_origin_config.origin_protocol_policy', 'origin[alb].custom_origin_config.origin_ssl_protocols'],
    'CF-05': ['default_root_object', 'aws_cloudfront_response_headers_policy.headers.security_headers_config.strict_transport_security'],
  };
  for (const [id, attributes] of Object.entries(violations)) {
    it(`${id} fails for the default distribution`, () => {
      const stack = stackOf('bidops-dev-edge');
      distribution(stack, false);
      for (const attribute of attributes) expectViolation(id, stack, 'aws_cloudfront_distribution.cdn', attribute);
    });
  }
});

function stage(stack: TerraformStack, good: boolean) {
  const s = add(stack, ApiGatewayStage, 'prod', good
    ? { rest_api_id: 'api', stage_name: 'prod', deployment_id: 'd', xray_tracing_enabled: true, access_log_settings: { destination_arn: 'arn:lg', format: '{}' } }
    : { rest_api_id: 'api', stage_name: 'prod', deployment_id: 'd' });
  add(stack, ApiGatewayMethodSettings, 'all', {
    rest_api_id: 'api', stage_name: ref(s, 'stage_name'), method_path: '*/*',
    settings: good ? { logging_level: 'ERROR', metrics_enabled: true, caching_enabled: true, cache_data_encrypted: true } : { logging_level: 'OFF', data_trace_enabled: true, caching_enabled: true },
  });
  return s;
}

describe('APIG-01 stage logging', () => {
  it('passes with access logs, X-Ray and ERROR logging with metrics', () => {
    const stack = stackOf('bidops-dev-edge');
    stage(stack, true);
    expectCompliant('APIG-01', stack, 'aws_api_gateway_stage.prod');
  });
  it('fails with logging off and data trace on', () => {
    const stack = stackOf('bidops-dev-edge');
    stage(stack, false);
    for (const attribute of ['access_log_settings.destination_arn', 'xray_tracing_enabled', 'aws_api_gateway_method_settings.all.settings.logging_level', 'aws_api_gateway_method_settings.all.settings.data_trace_enabled']) {
      expectViolation('APIG-01', stack, 'aws_api_gateway_stage.prod', attribute);
    }
  });
});

describe('APIG-02 stage WAF', () => {
  it('passes with a web ACL association on the stage ARN', () => {
    const stack = stackOf('bidops-dev-edge');
    const s = stage(stack, true);
    add(stack, Wafv2WebAclAssociation, 'waf', { resource_arn: ref(s, 'arn'), web_acl_arn: 'arn:waf' });
    expectCompliant('APIG-02', stack, 'aws_api_gateway_stage.prod');
  });
  it('fails without', () => {
    const stack = stackOf('bidops-dev-edge');
    stage(stack, true);
    expectViolation('APIG-02', stack, 'aws_api_gateway_stage.prod', 'aws_wafv2_web_acl_association');
  });
});

describe('APIG-03 authorization', () => {
  it('passes for Cognito, IAM on HTTP APIs; OPTIONS is n/a', () => {
    const stack = stackOf('bidops-dev-edge');
    add(stack, ApiGatewayMethod, 'get', { rest_api_id: 'api', resource_id: 'r', http_method: 'GET', authorization: 'COGNITO_USER_POOLS', authorizer_id: 'a' });
    add(stack, ApiGatewayMethod, 'options', { rest_api_id: 'api', resource_id: 'r', http_method: 'OPTIONS', authorization: 'NONE' });
    add(stack, Apigatewayv2Route, 'route', { api_id: 'api', route_key: 'POST /items', authorization_type: 'AWS_IAM' });
    expectCompliant('APIG-03', stack, 'aws_api_gateway_method.get');
    expectNotApplicable('APIG-03', stack, 'aws_api_gateway_method.options');
    expectCompliant('APIG-03', stack, 'aws_apigatewayv2_route.route');
  });
  it('fails for NONE without an API key', () => {
    const stack = stackOf('bidops-dev-edge');
    add(stack, ApiGatewayMethod, 'get', { rest_api_id: 'api', resource_id: 'r', http_method: 'GET', authorization: 'NONE' });
    add(stack, Apigatewayv2Route, 'route', { api_id: 'api', route_key: 'GET /items' });
    expectViolation('APIG-03', stack, 'aws_api_gateway_method.get', 'authorization');
    expectViolation('APIG-03', stack, 'aws_apigatewayv2_route.route', 'authorization_type');
  });
});

describe('APIG-04 validation and cache encryption', () => {
  it('passes with a request validator and an encrypted cache', () => {
    const stack = stackOf('bidops-dev-edge');
    add(stack, ApiGatewayMethod, 'post', { http_method: 'POST', authorization: 'AWS_IAM', request_validator_id: 'v' });
    stage(stack, true);
    expectCompliant('APIG-04', stack, 'aws_api_gateway_method.post');
    expectCompliant('APIG-04', stack, 'aws_api_gateway_method_settings.all');
  });
  it('fails without validator and with an unencrypted cache', () => {
    const stack = stackOf('bidops-dev-edge');
    add(stack, ApiGatewayMethod, 'post', { http_method: 'POST', authorization: 'AWS_IAM' });
    stage(stack, false);
    expectViolation('APIG-04', stack, 'aws_api_gateway_method.post', 'request_validator_id');
    expectViolation('APIG-04', stack, 'aws_api_gateway_method_settings.all', 'settings.cache_data_encrypted');
  });
});
