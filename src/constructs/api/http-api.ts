import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { Apigatewayv2VpcLink } from '@cdktf/provider-aws/lib/apigatewayv2-vpc-link';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** Retention values CloudWatch Logs accepts (days). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** API Gateway's default per-account, per-region throttle quota (requests per second, burst). */
export const DEFAULT_ACCOUNT_THROTTLE: HttpApiThrottle = { rateLimit: 10000, burstLimit: 5000 };

/** HTTP API integration timeout range (milliseconds); 30 s is also the default. */
const TIMEOUT_MS = { min: 50, max: 30000 };

/**
 * Access log line (JSON, one per request): who called which route, the answer and its latency, and
 * why it failed when it did (integration error, authorizer error, API Gateway's own error).
 */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  integrationErrorMessage: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  errorResponseType: '$context.error.responseType',
});

/** Request rate and burst (API Gateway token bucket). */
export interface HttpApiThrottle {
  /** Steady-state requests per second (more than 0; may be fractional). */
  readonly rateLimit: number;
  /** Bucket size: requests allowed at once (a whole number, more than 0). */
  readonly burstLimit: number;
}

/** An ALB or NLB listener the VPC link reaches (`integration_uri` is the listener ARN). */
export interface LoadBalancerListenerTarget {
  /** `arn:aws:elasticloadbalancing:<region>:<account>:listener/(app|net)/<lb>/<id>/<id>`. */
  readonly listenerArn: string;
  readonly cloudMapServiceArn?: never;
  /**
   * Host name on the listener's certificate. Set it when the listener is HTTPS (LB-01 wants HTTPS
   * listeners): API Gateway then speaks HTTPS to it, sends the name as SNI and verifies the
   * certificate against it.
   * @default - plain HTTP to the listener (only for an HTTP listener)
   */
  readonly tlsServerName?: string;
  /**
   * Integration timeout in milliseconds (50-30000).
   * @default 30000
   */
  readonly timeoutMilliseconds?: number;
}

/** A Cloud Map service the VPC link reaches (ECS service discovery; `integration_uri` is the service ARN). */
export interface CloudMapServiceTarget {
  /** `arn:aws:servicediscovery:<region>:<account>:service/srv-<id>`. */
  readonly cloudMapServiceArn: string;
  readonly listenerArn?: never;
  /**
   * Host name on the service's certificate when it serves HTTPS (API Gateway verifies it).
   * @default - plain HTTP to the registered instances
   */
  readonly tlsServerName?: string;
  /**
   * Integration timeout in milliseconds (50-30000).
   * @default 30000
   */
  readonly timeoutMilliseconds?: number;
}

/** A private HTTP_PROXY integration over the API's VPC link. */
export type HttpApiIntegrationTarget = LoadBalancerListenerTarget | CloudMapServiceTarget;

export interface HttpApiRoute {
  /** Name of the integration (a key of `integrations`) the route proxies to. */
  readonly integration: string;
  /**
   * Callers must send a valid JWT of the API's authorizer (`Authorization: Bearer <token>`). A
   * route without it has no authorization at all, which policy rule APIG-03 reports and never lets
   * anyone suppress.
   * @default true
   */
  readonly authorize?: boolean;
  /**
   * OAuth scopes the token must carry (any one of them), for example `['openid']`.
   * @default [] - any valid token of an allowed audience
   */
  readonly authorizationScopes?: readonly string[];
  /**
   * Throttling of this route on the stage (replaces the stage throttle for it).
   * @default - the stage throttle
   */
  readonly throttle?: HttpApiThrottle;
}

/** A JWT authorizer over Cognito user pool tokens. */
export interface HttpApiJwtAuthorizer {
  /** Region of the user pool. */
  readonly region: string;
  /** User pool ID; the issuer is `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly userPoolId: string;
  /** App client IDs whose tokens are accepted (the JWT `aud`, or `client_id` of access tokens). */
  readonly clientIds: readonly string[];
  /**
   * Authorizer name.
   * @default '<api name>-cognito'
   */
  readonly name?: string;
}

export interface HttpApiCors {
  /**
   * Origins allowed to call from a browser: `https://host[:port]` (or `http://localhost[:port]`),
   * no path or trailing slash; or `['*']` alone.
   */
  readonly allowOrigins: readonly string[];
  /**
   * Methods allowed.
   * @default ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
   */
  readonly allowMethods?: readonly string[];
  /**
   * Request headers allowed.
   * @default ['authorization', 'content-type']
   */
  readonly allowHeaders?: readonly string[];
  /**
   * Response headers the browser may read.
   * @default []
   */
  readonly exposeHeaders?: readonly string[];
  /**
   * Browsers send cookies/credentials (not with `*` origins).
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long browsers may cache a preflight answer, in seconds (0-86400).
   * @default 600
   */
  readonly maxAgeSeconds?: number;
}

export interface HttpApiProps extends ProviderScopedProps {
  /** API name, also the prefix of its VPC link, authorizer and log group: letters, digits, - and _ (1-128). */
  readonly name: string;
  /**
   * API description.
   * @default - none
   */
  readonly description?: string;
  /** Private subnets the VPC link's network interfaces live in (one per AZ the targets use). */
  readonly vpcLinkSubnetIds: readonly string[];
  /** Security groups of the VPC link (the caller owns their rules: egress to the targets only). */
  readonly vpcLinkSecurityGroupIds: readonly string[];
  /** Private integrations by name, each reached over the VPC link. */
  readonly integrations: Readonly<Record<string, HttpApiIntegrationTarget>>;
  /**
   * Routes keyed by route key: `"<METHOD> /path"` with `{param}` segments and a greedy `{proxy+}`
   * last (for example `'ANY /api/{proxy+}'`), or `'$default'` (every request no other route takes).
   */
  readonly routes: Readonly<Record<string, HttpApiRoute>>;
  /**
   * JWT authorizer over Cognito tokens; routes use it unless they set `authorize: false`.
   * @default - no authorizer (every route must then set `authorize: false`)
   */
  readonly jwtAuthorizer?: HttpApiJwtAuthorizer;
  /** Throttling of every route on the `$default` stage. */
  readonly throttle: HttpApiThrottle;
  /**
   * The account's API Gateway throttle quota in this region, which caps every stage and route
   * throttle; pass it only when the quota was raised.
   * @default DEFAULT_ACCOUNT_THROTTLE (10000 requests per second, burst 5000)
   */
  readonly accountThrottle?: HttpApiThrottle;
  /** Retention of the access log group, in days (a CloudWatch Logs value). */
  readonly logRetentionDays: number;
  /** KMS key of the access log group (the environment's logs key; its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
  /**
   * Name of the access log group.
   * @default '/aws/apigateway/<name>/access'
   */
  readonly accessLogGroupName?: string;
  /**
   * CORS: API Gateway answers preflight requests itself and adds the CORS headers (it then ignores
   * CORS headers from the backend).
   * @default - no CORS (same-origin, for example behind CloudFront on the app's domain)
   */
  readonly cors?: HttpApiCors;
  /**
   * Turn off the default `execute-api` endpoint, so only a custom domain name reaches the API. Keep
   * it on when CloudFront uses the execute-api host as its origin.
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
}

const NAME = /^[A-Za-z0-9_-]{1,128}$/;
const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
const SEGMENT = /^(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\+?\})$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[^/]+\/[0-9a-f]+\/[0-9a-f]+$/;
const CLOUD_MAP_ARN = /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-[a-z0-9]+$/;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ORIGIN = /^(https:\/\/[a-z0-9.-]+(:\d{1,5})?|http:\/\/localhost(:\d{1,5})?)$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const DEFAULT_CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const DEFAULT_CORS_HEADERS = ['authorization', 'content-type'];

/** The part of construct IDs naming a route key: `ANY /api/{proxy+}` -> `ANY--api--proxy`. */
function routeId(key: string): string {
  return key === '$default' ? 'default' : key.replace(/[{}+$]/g, '').replace(/[\s/]+/g, '--');
}

/**
 * An HTTP API (API Gateway v2) in front of private services, secure by default:
 * - a VPC link over the caller's private subnets and security groups;
 * - private HTTP_PROXY integrations over the link to an ALB/NLB listener or a Cloud Map service,
 *   HTTPS with certificate name verification when a TLS server name is given;
 * - routes by route key, each behind the JWT authorizer (Cognito issuer, the given app clients as
 *   audience) unless it opts out, with optional scopes and per-route throttling;
 * - the `$default` stage, auto-deployed, with stage-wide throttling checked against the account
 *   quota, detailed metrics, and JSON access logs to a KMS-encrypted log group with retention;
 * - optional CORS; the execute-api endpoint on unless turned off.
 *
 * HTTP API access logging needs no account-level CloudWatch role (it uses CloudWatch Logs
 * delivery); the deployer needs the logs delivery permissions. HTTP APIs cannot be associated with
 * WAF: put CloudFront (with its web ACL) in front when the API is public.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly vpcLink: Apigatewayv2VpcLink;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogGroup: CloudwatchLogGroup;
  /** Only when `jwtAuthorizer` is given. */
  readonly authorizer?: Apigatewayv2Authorizer;
  /** Integrations by name. */
  readonly integrations: Readonly<Record<string, Apigatewayv2Integration>>;
  /** Routes by route key. */
  readonly routes: Readonly<Record<string, Apigatewayv2Route>>;
  /** `$default`: the stage has no path segment in the invoke URL. */
  readonly stageName = '$default';

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const where = `HttpApi ${props.name}`;
    const accountThrottle = props.accountThrottle ?? DEFAULT_ACCOUNT_THROTTLE;
    const accessLogGroupName = props.accessLogGroupName ?? `/aws/apigateway/${props.name}/access`;
    const disableExecuteApiEndpoint = props.disableExecuteApiEndpoint ?? false;
    const authorizerName = props.jwtAuthorizer?.name ?? `${props.name}-cognito`;
    const cors = props.cors
      ? {
          allowOrigins: [...props.cors.allowOrigins],
          allowMethods: [...(props.cors.allowMethods ?? DEFAULT_CORS_METHODS)],
          allowHeaders: [...(props.cors.allowHeaders ?? DEFAULT_CORS_HEADERS)],
          exposeHeaders: [...(props.cors.exposeHeaders ?? [])],
          allowCredentials: props.cors.allowCredentials ?? false,
          maxAge: props.cors.maxAgeSeconds ?? 600,
        }
      : undefined;

    // ---- Validation ----
    if (!NAME.test(props.name)) throw new Error(`HttpApi "${props.name}": name must be 1-128 letters, digits, - or _`);
    if (props.vpcLinkSubnetIds.length === 0) throw new Error(`${where}: vpcLinkSubnetIds is empty; give the private subnets the VPC link should use (one per AZ of the targets)`);
    if (props.vpcLinkSecurityGroupIds.length === 0) throw new Error(`${where}: vpcLinkSecurityGroupIds is empty; give the VPC link's security group (egress to the targets only)`);
    if (!LOG_RETENTION_DAYS.includes(props.logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${props.logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!props.logsKmsKeyArn) throw new Error(`${where}: logsKmsKeyArn is empty; every log group is KMS-encrypted (LOG-01), pass the environment's logs key`);
    if (!/^[A-Za-z0-9._\-/#]{1,512}$/.test(accessLogGroupName)) throw new Error(`${where}: accessLogGroupName "${accessLogGroupName}" is not a valid log group name`);
    checkThrottle(where, 'accountThrottle', accountThrottle, undefined);
    checkThrottle(where, 'throttle', props.throttle, accountThrottle);
    if (props.jwtAuthorizer) checkAuthorizer(where, props.jwtAuthorizer, authorizerName);
    if (cors) checkCors(where, cors);
    const integrationNames = Object.keys(props.integrations);
    if (integrationNames.length === 0) throw new Error(`${where}: integrations is empty; give the private targets the routes proxy to`);
    for (const [name, target] of Object.entries(props.integrations)) checkTarget(where, name, target);
    const routeKeys = Object.keys(props.routes);
    if (routeKeys.length === 0) throw new Error(`${where}: routes is empty; give at least one route (for example 'ANY /api/{proxy+}')`);
    const routeIds = new Map<string, string>();
    for (const [key, route] of Object.entries(props.routes)) {
      checkRouteKey(where, key);
      const rid = routeId(key);
      const clash = routeIds.get(rid);
      if (clash !== undefined) throw new Error(`${where}: routes "${clash}" and "${key}" differ only in braces or + and would share a resource name; rename one`);
      routeIds.set(rid, key);
      if (!(route.integration in props.integrations)) {
        throw new Error(`${where}: route "${key}" uses integration "${route.integration}", which is not one of ${integrationNames.join(', ')}`);
      }
      const authorize = route.authorize ?? true;
      if (authorize && !props.jwtAuthorizer) {
        throw new Error(`${where}: route "${key}" wants authorization but there is no jwtAuthorizer; give one, or set authorize: false (an open route is an APIG-03 finding no one may suppress)`);
      }
      if (!authorize && (route.authorizationScopes ?? []).length > 0) throw new Error(`${where}: route "${key}" has authorizationScopes but authorize is false`);
      for (const scope of route.authorizationScopes ?? []) {
        if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)) throw new Error(`${where}: route "${key}" scope "${scope}" is not an OAuth scope`);
      }
      if (route.throttle) checkThrottle(where, `routes["${key}"].throttle`, route.throttle, accountThrottle);
    }

    // ---- API, VPC link, authorizer ----
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.name,
      ...(props.description !== undefined ? { description: props.description } : {}),
      protocolType: 'HTTP',
      disableExecuteApiEndpoint,
      ...(cors ? { corsConfiguration: cors } : {}),
    });
    const apiId = this.api.id;

    this.vpcLink = new Apigatewayv2VpcLink(this, 'vpc-link', {
      name: `${props.name}-vpc-link`,
      subnetIds: [...props.vpcLinkSubnetIds],
      securityGroupIds: [...props.vpcLinkSecurityGroupIds],
    });

    if (props.jwtAuthorizer) {
      const { region, userPoolId, clientIds } = props.jwtAuthorizer;
      this.authorizer = new Apigatewayv2Authorizer(this, 'authorizer', {
        apiId,
        name: authorizerName,
        authorizerType: 'JWT',
        identitySources: ['$request.header.Authorization'],
        jwtConfiguration: { issuer: `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`, audience: [...clientIds] },
      });
    }

    // ---- Integrations and routes ----
    const integrations: Record<string, Apigatewayv2Integration> = {};
    for (const [name, target] of Object.entries(props.integrations)) {
      integrations[name] = new Apigatewayv2Integration(this, `integration-${name}`, {
        apiId,
        description: `${props.name}: ${name} over the VPC link`,
        integrationType: 'HTTP_PROXY',
        integrationMethod: 'ANY',
        integrationUri: target.listenerArn ?? target.cloudMapServiceArn,
        connectionType: 'VPC_LINK',
        connectionId: this.vpcLink.id,
        // HTTP proxy integrations support payload format 1.0 only.
        payloadFormatVersion: '1.0',
        timeoutMilliseconds: target.timeoutMilliseconds ?? TIMEOUT_MS.max,
        ...(target.tlsServerName !== undefined ? { tlsConfig: { serverNameToVerify: target.tlsServerName } } : {}),
      });
    }
    this.integrations = integrations;

    const routes: Record<string, Apigatewayv2Route> = {};
    for (const [key, route] of Object.entries(props.routes)) {
      const authorize = route.authorize ?? true;
      const scopes = route.authorizationScopes ?? [];
      routes[key] = new Apigatewayv2Route(this, `route-${routeId(key)}`, {
        apiId,
        routeKey: key,
        target: `integrations/${integrations[route.integration].id}`,
        authorizationType: authorize ? 'JWT' : 'NONE',
        ...(authorize ? { authorizerId: this.authorizer!.id } : {}),
        ...(scopes.length > 0 ? { authorizationScopes: [...scopes] } : {}),
      });
    }
    this.routes = routes;

    // ---- Logs and stage ----
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-log-group', {
      name: accessLogGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    const routeThrottles = Object.entries(props.routes).filter(([, route]) => route.throttle !== undefined);
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId,
      name: this.stageName,
      description: `${props.name} default stage`,
      autoDeploy: true,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: HTTP_API_ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        detailedMetricsEnabled: true,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
      },
      ...(routeThrottles.length > 0
        ? {
            routeSettings: routeThrottles.map(([key, route]) => ({
              routeKey: routes[key].routeKey,
              detailedMetricsEnabled: true,
              throttlingRateLimit: route.throttle!.rateLimit,
              throttlingBurstLimit: route.throttle!.burstLimit,
            })),
          }
        : {}),
    });
    useProvider(this, props.provider);
  }

  get apiId(): string {
    return this.api.id;
  }

  /** `https://<api id>.execute-api.<region>.amazonaws.com` (the `$default` stage has no path). */
  get apiEndpoint(): string {
    return this.api.apiEndpoint;
  }

  /** `<api id>.execute-api.<region>.amazonaws.com`: the CloudFront origin domain (no origin path). */
  get executeApiHost(): string {
    return Fn.element(Fn.split('/', this.api.apiEndpoint), 2);
  }

  /** `arn:aws:execute-api:<region>:<account>:<api id>` (IAM and invoke permission source ARNs). */
  get executionArn(): string {
    return this.api.executionArn;
  }

  get vpcLinkId(): string {
    return this.vpcLink.id;
  }
}

function checkThrottle(where: string, field: string, throttle: HttpApiThrottle, account: HttpApiThrottle | undefined): void {
  if (!(Number.isFinite(throttle.rateLimit) && throttle.rateLimit > 0)) {
    throw new Error(`${where}: ${field}.rateLimit ${throttle.rateLimit} must be a number of requests per second above 0 (0 rejects every request)`);
  }
  if (!(Number.isInteger(throttle.burstLimit) && throttle.burstLimit > 0)) {
    throw new Error(`${where}: ${field}.burstLimit ${throttle.burstLimit} must be a whole number of requests above 0 (0 rejects every request)`);
  }
  if (!account) return;
  if (throttle.rateLimit > account.rateLimit) {
    throw new Error(`${where}: ${field}.rateLimit ${throttle.rateLimit} exceeds the account's API Gateway quota of ${account.rateLimit} requests per second, which caps it; lower it, or raise the quota and pass accountThrottle`);
  }
  if (throttle.burstLimit > account.burstLimit) {
    throw new Error(`${where}: ${field}.burstLimit ${throttle.burstLimit} exceeds the account's API Gateway burst quota of ${account.burstLimit}, which caps it; lower it, or raise the quota and pass accountThrottle`);
  }
}

function checkTarget(where: string, name: string, target: HttpApiIntegrationTarget): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`${where}: integration name "${name}" must be 1-64 letters, digits, - or _`);
  const listener = target.listenerArn;
  const service = target.cloudMapServiceArn;
  if ((listener === undefined) === (service === undefined)) {
    throw new Error(`${where}: integration ${name} must give exactly one of listenerArn and cloudMapServiceArn`);
  }
  if (listener !== undefined && !Token.isUnresolved(listener) && !LISTENER_ARN.test(listener)) {
    throw new Error(`${where}: integration ${name} listenerArn "${listener}" is not an ALB/NLB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app|net/...)`);
  }
  if (service !== undefined && !Token.isUnresolved(service) && !CLOUD_MAP_ARN.test(service)) {
    throw new Error(`${where}: integration ${name} cloudMapServiceArn "${service}" is not a Cloud Map service ARN (arn:aws:servicediscovery:<region>:<account>:service/srv-...)`);
  }
  if (target.tlsServerName !== undefined && !Token.isUnresolved(target.tlsServerName) && !HOST.test(target.tlsServerName)) {
    throw new Error(`${where}: integration ${name} tlsServerName "${target.tlsServerName}" is not a lower-case host name on the target's certificate`);
  }
  const timeout = target.timeoutMilliseconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= TIMEOUT_MS.min && timeout <= TIMEOUT_MS.max)) {
    throw new Error(`${where}: integration ${name} timeoutMilliseconds ${timeout} is outside HTTP API's ${TIMEOUT_MS.min}-${TIMEOUT_MS.max}`);
  }
}

function checkRouteKey(where: string, key: string): void {
  if (key === '$default') return;
  const match = /^([A-Z]+) (\/.*)$/.exec(key);
  const bad = (why: string) => new Error(`${where}: route key "${key}" ${why}; write "<METHOD> /path" (for example "ANY /api/{proxy+}") or "$default"`);
  if (!match) throw bad('is not "<METHOD> /path"');
  if (!ROUTE_METHODS.includes(match[1])) throw bad(`has method ${match[1]}, not one of ${ROUTE_METHODS.join(', ')}`);
  const path = match[2];
  if (path === '/') return;
  const segments = path.slice(1).split('/');
  segments.forEach((segment, i) => {
    if (!SEGMENT.test(segment)) throw bad(`has path segment "${segment}", which is neither a literal nor {param}`);
    if (segment.endsWith('+}') && i !== segments.length - 1) throw bad('has a greedy {param+} that is not the last segment');
  });
}

function checkAuthorizer(where: string, authorizer: HttpApiJwtAuthorizer, name: string): void {
  if (!REGION.test(authorizer.region)) throw new Error(`${where}: jwtAuthorizer.region "${authorizer.region}" is not a region code such as us-east-1`);
  if (!Token.isUnresolved(authorizer.userPoolId) && !/^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/.test(authorizer.userPoolId)) {
    throw new Error(`${where}: jwtAuthorizer.userPoolId "${authorizer.userPoolId}" is not a user pool ID (<region>_<id>)`);
  }
  if (authorizer.clientIds.length === 0) throw new Error(`${where}: jwtAuthorizer.clientIds is empty; give the app client IDs whose tokens the API accepts`);
  if (authorizer.clientIds.length > 50) throw new Error(`${where}: jwtAuthorizer.clientIds has ${authorizer.clientIds.length} entries; a JWT authorizer takes at most 50 audiences`);
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw new Error(`${where}: jwtAuthorizer.name "${name}" must be 1-128 letters, digits, - or _`);
}

function checkCors(where: string, cors: { allowOrigins: string[]; allowMethods: string[]; allowCredentials: boolean; maxAge: number }): void {
  if (cors.allowOrigins.length === 0) throw new Error(`${where}: cors.allowOrigins is empty; list the origins or drop cors`);
  const wildcard = cors.allowOrigins.includes('*');
  if (wildcard && cors.allowOrigins.length > 1) throw new Error(`${where}: cors.allowOrigins mixes "*" with origins; use "*" alone or list the origins`);
  if (!wildcard) {
    for (const origin of cors.allowOrigins) {
      if (!ORIGIN.test(origin)) throw new Error(`${where}: cors origin "${origin}" must be https://host[:port] (or http://localhost[:port]) without a path`);
    }
  }
  if (wildcard && cors.allowCredentials) throw new Error(`${where}: cors.allowCredentials is true with "*" origins, which browsers refuse; list the origins`);
  for (const method of cors.allowMethods) {
    if (method !== '*' && !ROUTE_METHODS.filter((m) => m !== 'ANY').includes(method)) throw new Error(`${where}: cors method "${method}" is not an HTTP method or "*"`);
  }
  if (!(Number.isInteger(cors.maxAge) && cors.maxAge >= 0 && cors.maxAge <= 86400)) throw new Error(`${where}: cors.maxAgeSeconds ${cors.maxAge} is outside 0-86400`);
}
