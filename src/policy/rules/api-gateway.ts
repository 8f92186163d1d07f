import { COMPLIANT, NOT_APPLICABLE, block, collector, fail, flag, isSet, literal, verdict } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';
import { hasWafAssociation } from './load-balancing';

const STAGE = 'aws_api_gateway_stage';
const STAGE_V2 = 'aws_apigatewayv2_stage';
const SETTINGS = 'aws_api_gateway_method_settings';

/** Method settings of a REST stage: referring to it, or naming it and its API literally. */
function methodSettings(stage: PolicyResource, context: PolicyContext): PolicyResource[] {
  const byRef = context.referrers(stage, SETTINGS).map((r) => r.resource);
  const name = literal(stage.body.stage_name);
  const byName = name
    ? context.groupResources(SETTINGS).filter((s) => s.body.stage_name === name && s.body.rest_api_id === stage.body.rest_api_id)
    : [];
  return [...new Set([...byRef, ...byName])];
}

function isOptions(method: string): boolean {
  return method.toUpperCase() === 'OPTIONS';
}

export const API_GATEWAY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'APIG-01',
    title: 'Stage access logs, X-Ray; method logging ERROR/INFO, metrics on, no data trace',
    severity: 'medium',
    pack: 'api-gateway',
    mappings: { checkov: ['CKV_AWS_76', 'CKV_AWS_73', 'CKV2_AWS_4', 'CKV_AWS_276'], trivy: ['AVD-AWS-0001', 'AVD-AWS-0003'], cdkNag: ['AwsSolutions-APIG1', 'AwsSolutions-APIG6'], fsbp: ['APIGateway.1', 'APIGateway.3'] },
    appliesTo: [STAGE, STAGE_V2],
    check(stage, context) {
      const c = collector();
      c.expect(isSet(block(stage.body.access_log_settings)?.destination_arn), 'access_log_settings.destination_arn', 'is not set; send access logs to a log group');
      if (stage.type === STAGE_V2) {
        const route = block(stage.body.default_route_settings);
        c.expect(flag(route?.detailed_metrics_enabled, false), 'default_route_settings.detailed_metrics_enabled', 'is not true; enable detailed metrics');
        c.expect(!flag(route?.data_trace_enabled, false), 'default_route_settings.data_trace_enabled', 'is true; data trace logs request bodies, turn it off');
        return verdict(stage, c.problems);
      }
      c.expect(flag(stage.body.xray_tracing_enabled, false), 'xray_tracing_enabled', 'is not true; enable X-Ray tracing');
      const settings = methodSettings(stage, context).map((s) => ({ s, v: block(s.body.settings) }));
      c.expect(settings.length > 0, SETTINGS, 'is missing; add method settings (*/*) with logging_level ERROR or INFO and metrics_enabled');
      for (const { s, v } of settings) {
        c.expect(['ERROR', 'INFO'].includes(String(v?.logging_level)), `${s.address}.settings.logging_level`, `is ${v?.logging_level ?? 'OFF'}; use ERROR or INFO`);
        c.expect(flag(v?.metrics_enabled, false), `${s.address}.settings.metrics_enabled`, 'is not true; enable metrics');
        c.expect(!flag(v?.data_trace_enabled, false), `${s.address}.settings.data_trace_enabled`, 'is true; turn off full request/response logging');
      }
      return verdict(stage, c.problems);
    },
  }),
  defineRule({
    id: 'APIG-02',
    title: 'REST API stage associated with WAF',
    severity: 'medium',
    pack: 'api-gateway',
    mappings: { checkov: ['CKV2_AWS_29'], cdkNag: ['AwsSolutions-APIG3'], fsbp: ['APIGateway.4'] },
    appliesTo: [STAGE],
    check(stage, context) {
      if (hasWafAssociation(stage, context)) return COMPLIANT;
      return fail(stage, 'aws_wafv2_web_acl_association.resource_arn', 'has no web ACL association in any synthesized layer; associate a REGIONAL WAFv2 web ACL with the stage ARN');
    },
  }),
  defineRule({
    id: 'APIG-03',
    title: 'Every non-OPTIONS method authorized or API-key-required',
    severity: 'high',
    pack: 'api-gateway',
    mappings: { checkov: ['CKV_AWS_59', 'CKV2_AWS_70', 'CKV_AWS_309'], trivy: ['AVD-AWS-0004'], cdkNag: ['AwsSolutions-APIG4', 'AwsSolutions-COG4'] },
    appliesTo: ['aws_api_gateway_method', 'aws_apigatewayv2_route'],
    check(method, context) {
      if (method.type === 'aws_api_gateway_method') {
        if (isOptions(String(method.body.http_method ?? ''))) return NOT_APPLICABLE;
        const auth = String(method.body.authorization ?? 'NONE').toUpperCase();
        if (auth !== 'NONE' || flag(method.body.api_key_required, false)) return COMPLIANT;
        return fail(method, 'authorization', 'is NONE without api_key_required; use COGNITO_USER_POOLS, AWS_IAM or CUSTOM');
      }
      const key = String(method.body.route_key ?? '');
      if (isOptions(key.split(' ')[0])) return NOT_APPLICABLE;
      // A WebSocket API authorizes the connection once, on $connect; its other routes cannot carry an authorizer.
      const api = context.resolve(method.body.api_id).find((r) => r.type === 'aws_apigatewayv2_api');
      if (api?.body.protocol_type === 'WEBSOCKET' && key !== '$connect') return NOT_APPLICABLE;
      const auth = String(method.body.authorization_type ?? 'NONE').toUpperCase();
      if (auth !== 'NONE' || flag(method.body.api_key_required, false)) return COMPLIANT;
      return fail(method, 'authorization_type', 'is NONE; use JWT, AWS_IAM or CUSTOM');
    },
  }),
  defineRule({
    id: 'APIG-04',
    title: 'Request validators on methods; encrypted cache when caching',
    severity: 'low',
    pack: 'api-gateway',
    mappings: { checkov: ['CKV2_AWS_53', 'CKV_AWS_308'], trivy: ['AVD-AWS-0002'], cdkNag: ['AwsSolutions-APIG2'], fsbp: ['APIGateway.5'] },
    appliesTo: ['aws_api_gateway_method', SETTINGS],
    check(resource) {
      if (resource.type === 'aws_api_gateway_method') {
        if (isOptions(String(resource.body.http_method ?? ''))) return NOT_APPLICABLE;
        return isSet(resource.body.request_validator_id) ? COMPLIANT : fail(resource, 'request_validator_id', 'is not set; validate requests (aws_api_gateway_request_validator)');
      }
      const settings = block(resource.body.settings);
      if (!flag(settings?.caching_enabled, false)) return NOT_APPLICABLE;
      return flag(settings?.cache_data_encrypted, false) ? COMPLIANT : fail(resource, 'settings.cache_data_encrypted', 'is not true; encrypt the cache');
    },
  }),
];
