import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { add, expectCompliant, expectNotApplicable, expectViolation, ref, stackOf } from './harness';

describe('APIG-05 custom domain TLS', () => {
  it('passes for TLS_1_2 (REST and v2) and a TLS 1.3 policy', () => {
    const stack = stackOf('partner-mgmt-prod-edge');
    add(stack, ApiGatewayDomainName, 'rest', { domain_name: 'api.example.com', security_policy: 'TLS_1_2' });
    add(stack, ApiGatewayDomainName, 'tls13', { domain_name: 'api2.example.com', security_policy: 'SecurityPolicy_TLS13_1_2_2021_06' });
    add(stack, Apigatewayv2DomainName, 'http', { domain_name: 'h.example.com', domain_name_configuration: { certificate_arn: 'arn:acm', endpoint_type: 'REGIONAL', security_policy: 'TLS_1_2' } });
    expectCompliant('APIG-05', stack, 'aws_api_gateway_domain_name.rest');
    expectCompliant('APIG-05', stack, 'aws_api_gateway_domain_name.tls13');
    expectCompliant('APIG-05', stack, 'aws_apigatewayv2_domain_name.http');
  });
  it('fails for TLS_1_0 and when unset', () => {
    const stack = stackOf('partner-mgmt-prod-edge');
    add(stack, ApiGatewayDomainName, 'old', { domain_name: 'api.example.com', security_policy: 'TLS_1_0' });
    add(stack, ApiGatewayDomainName, 'unset', { domain_name: 'api2.example.com' });
    expectViolation('APIG-05', stack, 'aws_api_gateway_domain_name.old', 'security_policy');
    expectViolation('APIG-05', stack, 'aws_api_gateway_domain_name.unset', 'security_policy');
  });
});

describe('APIG-03 on HTTP and WebSocket routes (CKV_AWS_309)', () => {
  it('passes for a JWT route; OPTIONS and WebSocket $disconnect do not apply', () => {
    const stack = stackOf('lang-portal-prod-compute');
    const http = add(stack, Apigatewayv2Api, 'http', { name: 'h', protocol_type: 'HTTP' });
    const ws = add(stack, Apigatewayv2Api, 'ws', { name: 'w', protocol_type: 'WEBSOCKET', route_selection_expression: '$request.body.action' });
    add(stack, Apigatewayv2Route, 'proxy', { api_id: ref(http), route_key: 'ANY /api/{proxy+}', authorization_type: 'JWT', authorizer_id: 'a' });
    add(stack, Apigatewayv2Route, 'preflight', { api_id: ref(http), route_key: 'OPTIONS /api/{proxy+}' });
    add(stack, Apigatewayv2Route, 'bye', { api_id: ref(ws), route_key: '$disconnect' });
    expectCompliant('APIG-03', stack, 'aws_apigatewayv2_route.proxy');
    expectNotApplicable('APIG-03', stack, 'aws_apigatewayv2_route.preflight');
    expectNotApplicable('APIG-03', stack, 'aws_apigatewayv2_route.bye');
  });
  it('fails for an open HTTP route and an open WebSocket $connect', () => {
    const stack = stackOf('lang-portal-prod-compute');
    const http = add(stack, Apigatewayv2Api, 'http', { name: 'h', protocol_type: 'HTTP' });
    const ws = add(stack, Apigatewayv2Api, 'ws', { name: 'w', protocol_type: 'WEBSOCKET', route_selection_expression: '$request.body.action' });
    add(stack, Apigatewayv2Route, 'open', { api_id: ref(http), route_key: 'GET /admin' });
    add(stack, Apigatewayv2Route, 'connect', { api_id: ref(ws), route_key: '$connect', authorization_type: 'NONE' });
    expectViolation('APIG-03', stack, 'aws_apigatewayv2_route.open', 'authorization_type');
    expectViolation('APIG-03', stack, 'aws_apigatewayv2_route.connect', 'authorization_type');
  });
});
