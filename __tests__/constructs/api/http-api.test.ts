import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { DEFAULT_ACCOUNT_THROTTLE, HTTP_API_ACCESS_LOG_FORMAT, HttpApi, HttpApiProps, HttpApiRoute } from '../../../src/constructs/api/http-api';
import { AppUserPool } from '../../../src/constructs/identity/app-user-pool';
import { IdentityPool } from '../../../src/constructs/identity/identity-pool';
import { evaluate } from '../../../src/policy/engine';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';

const ACCOUNT = '123456789012';
const LISTENER_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:listener/app/portal-dev-api/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const CLOUD_MAP_ARN = `arn:aws:servicediscovery:us-east-1:${ACCOUNT}:service/srv-e4anhexample0004`;
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const POOL_ID = 'us-east-1_AbCdEf123';
const CLIENT_IDS = ['1example23456789abcdefghij', '2example23456789abcdefghij'];

function typicalProps(change: Partial<HttpApiProps> = {}): HttpApiProps {
  return {
    name: 'portal-dev-api',
    description: 'Portal backend (FastAPI on ECS)',
    vpcLinkSubnetIds: ['subnet-0a1', 'subnet-0b2'],
    vpcLinkSecurityGroupIds: ['sg-0vpclink'],
    integrations: { backend: { listenerArn: LISTENER_ARN, tlsServerName: 'api.internal.example.com' } },
    routes: { 'ANY /api/{proxy+}': { integration: 'backend' } },
    jwtAuthorizer: { region: 'us-east-1', userPoolId: POOL_ID, clientIds: CLIENT_IDS },
    throttle: { rateLimit: 100, burstLimit: 200 },
    logRetentionDays: 365,
    logsKmsKeyArn: LOGS_KEY,
    ...change,
  };
}

function apiStack(name = 'portal-dev-api'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

function synthApi(props: HttpApiProps = typicalProps()): { json: Json; api: HttpApi; stack: TerraformStack } {
  const stack = apiStack();
  const api = new HttpApi(stack, 'api', props);
  return { json: synthJson(stack), api, stack };
}

const nameOf = (json: Json, type: string) => resourcesOf(json, type)[0][0];
const refOf = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;
const routes = (json: Json) => resourcesOf(json, 'aws_apigatewayv2_route').map(([, r]) => r);
const withRoutes = (r: Record<string, HttpApiRoute>, change: Partial<HttpApiProps> = {}) => typicalProps({ routes: r, ...change });

describe('HttpApi', () => {
  const { json } = synthApi();
  const api = onlyResource(json, 'aws_apigatewayv2_api');
  const apiRef = refOf('aws_apigatewayv2_api', nameOf(json, 'aws_apigatewayv2_api'));

  test('an HTTP API, execute-api endpoint on, no CORS by default', () => {
    expect(api).toEqual({ name: 'portal-dev-api', description: 'Portal backend (FastAPI on ECS)', protocol_type: 'HTTP', disable_execute_api_endpoint: false });
  });

  test('a VPC link over the given private subnets and security group', () => {
    expect(onlyResource(json, 'aws_apigatewayv2_vpc_link')).toEqual({ name: 'portal-dev-api-vpc-link', subnet_ids: ['subnet-0a1', 'subnet-0b2'], security_group_ids: ['sg-0vpclink'] });
  });

  test('HTTP_PROXY to the listener over the VPC link, HTTPS verifying the certificate name', () => {
    expect(onlyResource(json, 'aws_apigatewayv2_integration')).toMatchObject({
      api_id: apiRef,
      integration_type: 'HTTP_PROXY',
      integration_method: 'ANY',
      integration_uri: LISTENER_ARN,
      connection_type: 'VPC_LINK',
      connection_id: refOf('aws_apigatewayv2_vpc_link', nameOf(json, 'aws_apigatewayv2_vpc_link')),
      payload_format_version: '1.0',
      timeout_milliseconds: 30000,
      tls_config: { server_name_to_verify: 'api.internal.example.com' },
    });
  });

  test('JWT authorizer: Cognito issuer, the client IDs as audience, bearer token header', () => {
    expect(onlyResource(json, 'aws_apigatewayv2_authorizer')).toEqual({
      api_id: apiRef,
      name: 'portal-dev-api-cognito',
      authorizer_type: 'JWT',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: { issuer: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`, audience: CLIENT_IDS },
    });
  });

  test('routes target their integration behind the authorizer by default', () => {
    expect(routes(json)).toEqual([
      {
        api_id: apiRef,
        route_key: 'ANY /api/{proxy+}',
        target: `integrations/${refOf('aws_apigatewayv2_integration', nameOf(json, 'aws_apigatewayv2_integration'))}`,
        authorization_type: 'JWT',
        authorizer_id: refOf('aws_apigatewayv2_authorizer', nameOf(json, 'aws_apigatewayv2_authorizer')),
      },
    ]);
  });

  test('$default stage: auto-deploy, throttling, detailed metrics, JSON access logs to a KMS log group with retention', () => {
    const logGroup = nameOf(json, 'aws_cloudwatch_log_group');
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/apigateway/portal-dev-api/access', retention_in_days: 365, kms_key_id: LOGS_KEY });
    expect(onlyResource(json, 'aws_apigatewayv2_stage')).toEqual({
      api_id: apiRef,
      name: '$default',
      description: 'portal-dev-api default stage',
      auto_deploy: true,
      access_log_settings: { destination_arn: refOf('aws_cloudwatch_log_group', logGroup, 'arn'), format: HTTP_API_ACCESS_LOG_FORMAT },
      default_route_settings: { detailed_metrics_enabled: true, throttling_rate_limit: 100, throttling_burst_limit: 200 },
    });
    expect(Object.keys(JSON.parse(HTTP_API_ACCESS_LOG_FORMAT))).toEqual(expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency', 'integrationError', 'authorizerError']));
  });

  test('outputs: endpoint, execute-api host, stage, VPC link', () => {
    const stack = apiStack();
    const httpApi = new HttpApi(stack, 'api', typicalProps());
    new TerraformOutput(stack, 'out', { value: { id: httpApi.apiId, endpoint: httpApi.apiEndpoint, host: httpApi.executeApiHost, link: httpApi.vpcLinkId, arn: httpApi.executionArn } });
    const out = synthJson(stack);
    const a = nameOf(out, 'aws_apigatewayv2_api');
    expect(out.output.out.value).toEqual({
      id: `\${aws_apigatewayv2_api.${a}.id}`,
      endpoint: `\${aws_apigatewayv2_api.${a}.api_endpoint}`,
      host: `\${element(split("/", aws_apigatewayv2_api.${a}.api_endpoint), 2)}`,
      link: `\${aws_apigatewayv2_vpc_link.${nameOf(out, 'aws_apigatewayv2_vpc_link')}.id}`,
      arn: `\${aws_apigatewayv2_api.${a}.execution_arn}`,
    });
    expect(httpApi.stageName).toBe('$default');
  });

  test('a Cloud Map target, plain HTTP and a custom timeout', () => {
    const { json: mapped } = synthApi(typicalProps({ integrations: { backend: { cloudMapServiceArn: CLOUD_MAP_ARN, timeoutMilliseconds: 10000 } } }));
    const integration = onlyResource(mapped, 'aws_apigatewayv2_integration');
    expect(integration).toMatchObject({ integration_uri: CLOUD_MAP_ARN, timeout_milliseconds: 10000 });
    expect(integration).not.toHaveProperty('tls_config');
  });

  test('several routes and integrations; scopes; an opted-out route has no authorizer', () => {
    const { json: many } = synthApi(
      withRoutes(
        {
          'ANY /api/{proxy+}': { integration: 'backend', authorizationScopes: ['openid'] },
          'GET /health': { integration: 'health', authorize: false },
          $default: { integration: 'backend' },
        },
        { integrations: { backend: { listenerArn: LISTENER_ARN }, health: { cloudMapServiceArn: CLOUD_MAP_ARN } } },
      ),
    );
    const byKey = Object.fromEntries(routes(many).map((r) => [r.route_key, r]));
    expect(byKey['ANY /api/{proxy+}']).toMatchObject({ authorization_type: 'JWT', authorization_scopes: ['openid'] });
    expect(byKey['GET /health'].authorization_type).toBe('NONE');
    expect(byKey['GET /health']).not.toHaveProperty('authorizer_id');
    expect(byKey.$default.authorization_type).toBe('JWT');
    const integrations = resourcesOf(many, 'aws_apigatewayv2_integration');
    expect(byKey['GET /health'].target).toBe(`integrations/${refOf('aws_apigatewayv2_integration', integrations.find(([, i]) => i.integration_uri === CLOUD_MAP_ARN)![0])}`);
  });

  test('per-route throttling becomes route settings keyed by the route', () => {
    const { json: throttled } = synthApi(withRoutes({ 'POST /api/generate': { integration: 'backend', throttle: { rateLimit: 2.5, burstLimit: 5 } }, 'ANY /api/{proxy+}': { integration: 'backend' } }));
    const routeName = resourcesOf(throttled, 'aws_apigatewayv2_route').find(([, r]) => r.route_key === 'POST /api/generate')![0];
    expect(onlyResource(throttled, 'aws_apigatewayv2_stage').route_settings).toEqual([
      { route_key: refOf('aws_apigatewayv2_route', routeName, 'route_key'), detailed_metrics_enabled: true, throttling_rate_limit: 2.5, throttling_burst_limit: 5 },
    ]);
  });

  test('CORS with defaults; the execute-api endpoint can be turned off', () => {
    const { json: browser } = synthApi(typicalProps({ cors: { allowOrigins: ['https://portal.example.com'] }, disableExecuteApiEndpoint: true }));
    expect(onlyResource(browser, 'aws_apigatewayv2_api')).toMatchObject({
      disable_execute_api_endpoint: true,
      cors_configuration: {
        allow_origins: ['https://portal.example.com'],
        allow_methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allow_headers: ['authorization', 'content-type'],
        expose_headers: [],
        allow_credentials: false,
        max_age: 600,
      },
    });
  });

  test('a raised account quota allows higher throttles', () => {
    const big = { rateLimit: 15000, burstLimit: 7000 };
    expect(() => synthApi(typicalProps({ throttle: big }))).toThrow(/throttle\.rateLimit 15000 exceeds the account's API Gateway quota of 10000/);
    expect(() => synthApi(typicalProps({ throttle: big, accountThrottle: { rateLimit: 20000, burstLimit: 10000 } }))).not.toThrow();
    expect(DEFAULT_ACCOUNT_THROTTLE).toEqual({ rateLimit: 10000, burstLimit: 5000 });
  });

  const rejects = (props: HttpApiProps, message: RegExp | string) => expect(() => synthApi(props)).toThrow(message);

  test.each<[string, HttpApiProps, RegExp | string]>([
    ['bad name', typicalProps({ name: 'portal api' }), 'HttpApi "portal api": name must be 1-128 letters'],
    ['no subnets', typicalProps({ vpcLinkSubnetIds: [] }), 'HttpApi portal-dev-api: vpcLinkSubnetIds is empty'],
    ['no security group', typicalProps({ vpcLinkSecurityGroupIds: [] }), 'vpcLinkSecurityGroupIds is empty'],
    ['retention', typicalProps({ logRetentionDays: 10 }), 'logRetentionDays 10 is not a CloudWatch Logs retention'],
    ['no key', typicalProps({ logsKmsKeyArn: '' }), 'logsKmsKeyArn is empty'],
    ['log group name', typicalProps({ accessLogGroupName: 'bad name' }), 'accessLogGroupName "bad name" is not a valid log group name'],
    ['rate 0', typicalProps({ throttle: { rateLimit: 0, burstLimit: 10 } }), 'throttle.rateLimit 0 must be a number of requests per second above 0'],
    ['fractional burst', typicalProps({ throttle: { rateLimit: 10, burstLimit: 1.5 } }), 'throttle.burstLimit 1.5 must be a whole number'],
    ['burst over quota', typicalProps({ throttle: { rateLimit: 10, burstLimit: 5001 } }), "throttle.burstLimit 5001 exceeds the account's API Gateway burst quota of 5000"],
    ['route rate over quota', withRoutes({ 'GET /a': { integration: 'backend', throttle: { rateLimit: 10001, burstLimit: 1 } } }), 'routes["GET /a"].throttle.rateLimit 10001 exceeds'],
    ['no integrations', typicalProps({ integrations: {}, routes: {} }), 'integrations is empty'],
    ['both targets', typicalProps({ integrations: { backend: { listenerArn: LISTENER_ARN, cloudMapServiceArn: CLOUD_MAP_ARN } as never } }), 'integration backend must give exactly one of listenerArn and cloudMapServiceArn'],
    ['target group ARN', typicalProps({ integrations: { backend: { listenerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/tg/abc` } } }), 'is not an ALB/NLB listener ARN'],
    ['Cloud Map namespace ARN', typicalProps({ integrations: { backend: { cloudMapServiceArn: `arn:aws:servicediscovery:us-east-1:${ACCOUNT}:namespace/ns-abc` } } }), 'is not a Cloud Map service ARN'],
    ['TLS name', typicalProps({ integrations: { backend: { listenerArn: LISTENER_ARN, tlsServerName: 'https://api.example.com' } } }), 'tlsServerName "https://api.example.com" is not a lower-case host name'],
    ['timeout', typicalProps({ integrations: { backend: { listenerArn: LISTENER_ARN, timeoutMilliseconds: 30001 } } }), "timeoutMilliseconds 30001 is outside HTTP API's 50-30000"],
    ['no routes', withRoutes({}), 'routes is empty'],
    ['route key', withRoutes({ '/api': { integration: 'backend' } }), 'route key "/api" is not "<METHOD> /path"'],
    ['method', withRoutes({ 'FETCH /api': { integration: 'backend' } }), 'has method FETCH'],
    ['segment', withRoutes({ 'GET /api/{a b}': { integration: 'backend' } }), 'has path segment "{a b}"'],
    ['greedy not last', withRoutes({ 'GET /{proxy+}/x': { integration: 'backend' } }), 'greedy {param+} that is not the last segment'],
    ['clashing ids', withRoutes({ 'GET /a/{b}': { integration: 'backend' }, 'GET /a/b': { integration: 'backend' } }), 'differ only in braces or +'],
    ['unknown integration', withRoutes({ 'GET /a': { integration: 'nope' } }), 'uses integration "nope", which is not one of backend'],
    ['auth without authorizer', typicalProps({ jwtAuthorizer: undefined }), 'wants authorization but there is no jwtAuthorizer'],
    ['scopes without auth', withRoutes({ 'GET /a': { integration: 'backend', authorize: false, authorizationScopes: ['openid'] } }), 'has authorizationScopes but authorize is false'],
    ['scope', withRoutes({ 'GET /a': { integration: 'backend', authorizationScopes: ['a b'] } }), 'scope "a b" is not an OAuth scope'],
    ['authorizer region', typicalProps({ jwtAuthorizer: { region: 'east', userPoolId: POOL_ID, clientIds: CLIENT_IDS } }), 'jwtAuthorizer.region "east"'],
    ['authorizer pool', typicalProps({ jwtAuthorizer: { region: 'us-east-1', userPoolId: 'pool', clientIds: CLIENT_IDS } }), 'jwtAuthorizer.userPoolId "pool" is not a user pool ID'],
    ['no audience', typicalProps({ jwtAuthorizer: { region: 'us-east-1', userPoolId: POOL_ID, clientIds: [] } }), 'jwtAuthorizer.clientIds is empty'],
    ['CORS mixed *', typicalProps({ cors: { allowOrigins: ['*', 'https://a.example.com'] } }), 'mixes "*" with origins'],
    ['CORS origin path', typicalProps({ cors: { allowOrigins: ['https://a.example.com/app'] } }), 'cors origin "https://a.example.com/app"'],
    ['CORS credentials with *', typicalProps({ cors: { allowOrigins: ['*'], allowCredentials: true } }), 'allowCredentials is true with "*" origins'],
    ['CORS method', typicalProps({ cors: { allowOrigins: ['*'], allowMethods: ['FETCH'] } }), 'cors method "FETCH"'],
    ['CORS max age', typicalProps({ cors: { allowOrigins: ['*'], maxAgeSeconds: 90000 } }), 'cors.maxAgeSeconds 90000 is outside 0-86400'],
  ])('rejects %s', (_, props, message) => rejects(props, message));
});

describe('HttpApi policy pack', () => {
  const findings = (props: HttpApiProps, name: string) => {
    const stack = apiStack(name);
    new HttpApi(stack, 'api', props);
    return evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).map((f) => `${f.ruleId} ${f.address.split('.')[0]} ${f.attribute}`);
  };

  test('no findings for the typical API in dev and prod (APIG-02 covers REST stages only: HTTP APIs take no WAF)', () => {
    for (const name of ['portal-dev-api', 'portal-prod-api']) expect({ name, open: findings(typicalProps(), name) }).toEqual({ name, open: [] });
  });

  test('an opted-out route is an APIG-03 finding (never suppressible)', () => {
    expect(findings(withRoutes({ 'GET /health': { integration: 'backend', authorize: false } }), 'portal-dev-api')).toEqual(['APIG-03 aws_apigatewayv2_route authorization_type']);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('a user pool (custom domain, 4 app clients), an identity pool and an HTTP API over a VPC link to an ALB listener with a JWT authorizer', () => {
    const stack = apiStack('portal-dev-edge');
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnets = ['a', 'b'].map((az, i) => new Subnet(stack, `private-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `us-east-1${az}` }));
    const linkSg = new SecurityGroup(stack, 'vpc-link-sg', { name: 'portal-dev-vpc-link', description: 'API Gateway VPC link to the internal ALB', vpcId: vpc.id });
    const albSg = new SecurityGroup(stack, 'alb-sg', { name: 'portal-dev-alb', description: 'Internal ALB', vpcId: vpc.id });
    const alb = new Lb(stack, 'alb', { name: 'portal-dev-api', internal: true, loadBalancerType: 'application', subnets: subnets.map((s) => s.id), securityGroups: [albSg.id], dropInvalidHeaderFields: true });
    const targets = new LbTargetGroup(stack, 'targets', { name: 'portal-dev-api', port: 8000, protocol: 'HTTP', targetType: 'ip', vpcId: vpc.id, healthCheck: { path: '/health' } });
    const listener = new LbListener(stack, 'https', {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/22222222-3333-4444-5555-666666666666`,
      defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
    });

    const app = (sub: string) => ({ callbackUrls: [`https://${sub}.example.com/auth/callback`], logoutUrls: [`https://${sub}.example.com/`] });
    const users = new AppUserPool(stack, 'users', {
      name: 'portal-dev-users',
      accountId: ACCOUNT,
      region: 'us-east-1',
      customDomain: { domainName: 'auth.example.com', certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555` },
      clients: { portal: { ...app('portal'), generateSecret: false }, haiku: app('haiku'), vocab: app('vocab'), writing: app('writing') },
      groups: [{ name: 'learners', description: 'Learners', precedence: 10 }],
      advancedSecurityMode: 'AUDIT',
      rememberDevices: true,
      accessTokenValidityMinutes: 60,
      idTokenValidityMinutes: 60,
      refreshTokenValidityDays: 30,
      protect: false,
    });
    const clientIds = Object.values(users.clients).map((c) => c.id);
    new IdentityPool(stack, 'identities', {
      name: 'portal-dev-identities',
      region: 'us-east-1',
      userPoolClients: clientIds.map((clientId) => ({ userPoolId: users.userPool.id, clientId })),
      allowUnauthenticatedIdentities: true,
      authenticatedPolicyStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::portal-dev-media/private/*' }],
    });
    new HttpApi(stack, 'api', typicalProps({
      vpcLinkSubnetIds: subnets.map((s) => s.id),
      vpcLinkSecurityGroupIds: [linkSg.id],
      integrations: { backend: { listenerArn: listener.arn, tlsServerName: 'api.internal.example.com' } },
      routes: { 'ANY /api/{proxy+}': { integration: 'backend', authorizationScopes: ['openid'] }, 'POST /api/generate': { integration: 'backend', throttle: { rateLimit: 5, burstLimit: 10 } } },
      jwtAuthorizer: { region: 'us-east-1', userPoolId: users.userPool.id, clientIds },
      cors: { allowOrigins: ['https://portal.example.com', 'https://haiku.example.com'] },
    }));
    expectOfflinePlan(synthJson(stack));
  });
});
