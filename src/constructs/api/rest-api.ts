import { createHash } from 'crypto';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayMethodSettings, ApiGatewayMethodSettingsSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Fn, ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { ApiGatewayAccount } from './api-gateway-account';

/** HTTP methods a route may use. OPTIONS is not one: CORS preflight methods are generated. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'ANY'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Retention values CloudWatch Logs accepts (days). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Cache cluster sizes (GB) API Gateway offers. */
export type CacheClusterSize = '0.5' | '1.6' | '6.1' | '13.5' | '28.4' | '58.2' | '118' | '237';

/**
 * Access log line (JSON, one per request). `integrationError` is the Lambda/integration error
 * message, `xrayTraceId` joins the line to its X-Ray trace.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationError: '$context.integration.error',
  xrayTraceId: '$context.xrayTraceId',
});

/** Request and burst limits (API Gateway token bucket). */
export interface ThrottleSettings {
  /** Steady-state requests per second (may be fractional; 0 or more). */
  readonly rateLimit: number;
  /** Bucket size: requests allowed at once (an integer, 0 or more; below the rate is allowed). */
  readonly burstLimit: number;
}

/** A request count allowed per day, week or month (per API key). */
export interface QuotaSettings {
  /** Requests allowed in one period (a positive integer). */
  readonly limit: number;
  readonly period: 'DAY' | 'WEEK' | 'MONTH';
  /**
   * Days the period starts after its natural start (WEEK: 0-6, MONTH: 0-27; DAY: 0 only).
   * @default 0
   */
  readonly offset?: number;
}

/** The Lambda function (version alias) a route invokes through a proxy integration. */
export interface LambdaTarget {
  /** `invoke_arn` of the alias (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<alias arn>/invocations`). */
  readonly invokeArn: string;
  /** Function name (or ARN) for the invoke permission. */
  readonly functionName: string;
  /**
   * Alias (or version) the invoke ARN points at; the permission is granted on it.
   * @default - the unqualified function
   */
  readonly qualifier?: string;
  /**
   * Integration timeout in milliseconds (50-29000).
   * @default 29000
   */
  readonly timeoutMilliseconds?: number;
}

/** A JSON schema (draft 4, what API Gateway models use) that a request body must match. */
export interface RequestModel {
  /** Model name: letters and digits only, unique in the API (routes may share a model by name). */
  readonly name: string;
  /** The JSON schema object; `$schema` is set to draft-04 when absent. */
  readonly schema: Readonly<Record<string, unknown>>;
}

/**
 * An HTTP backend a route proxies to (HTTP_PROXY integration): requests and responses pass through
 * unchanged, optionally over a VPC link to a private load balancer.
 */
export interface HttpProxyTarget {
  /**
   * Backend URL, `https://<host>/<path>`. Over a VPC link the host is not resolved: API Gateway
   * sends it as Host and TLS SNI and checks the backend's certificate against it, so name a host
   * the certificate covers. `{param}` path segments are filled from the route's path parameters.
   */
  readonly uri: string;
  /**
   * VPC link (`aws_api_gateway_vpc_link`, targeting an NLB) the integration connects through.
   * @default - none: the backend is reached over the internet
   */
  readonly vpcLinkId?: string;
  /**
   * Method sent to the backend.
   * @default - the route's method
   */
  readonly httpMethod?: RouteMethod;
  /**
   * Integration timeout in milliseconds (50-29000).
   * @default 29000
   */
  readonly timeoutMilliseconds?: number;
}

/** Who may call a route besides API-key holders: nobody else (`NONE`) or SigV4-signed IAM principals. */
export type RouteAuthorization = 'NONE' | 'AWS_IAM';

export interface RestApiRoute {
  /**
   * The function the route invokes (AWS_PROXY integration). Give exactly one of `lambda` and `http`.
   * @default - none (then `http`)
   */
  readonly lambda?: LambdaTarget;
  /**
   * The HTTP backend the route proxies to (HTTP_PROXY integration). Give exactly one of `lambda` and `http`.
   * @default - none (then `lambda`)
   */
  readonly http?: HttpProxyTarget;
  /**
   * Method authorization: `AWS_IAM` makes callers sign requests (SigV4) with credentials whose IAM
   * policy allows `execute-api:Invoke` on the route.
   * @default 'NONE' - API keys only (see apiKeyRequired)
   */
  readonly authorization?: RouteAuthorization;
  /**
   * Callers must send a key of the usage plan in `x-api-key`. A route without it and without
   * `authorization` has no authorization at all, which policy rule APIG-03 rejects and never lets
   * anyone suppress.
   * @default - true, or false with `authorization: 'AWS_IAM'`
   */
  readonly apiKeyRequired?: boolean;
  /**
   * JSON body model; the route then validates body and parameters (otherwise parameters only).
   * @default - no body validation
   */
  readonly requestModel?: RequestModel;
  /**
   * Query string parameters the request must carry (validated by API Gateway). Path parameters are
   * always required and need not be listed.
   * @default []
   */
  readonly requiredQueryParameters?: readonly string[];
  /**
   * Headers the request must carry (validated by API Gateway).
   * @default []
   */
  readonly requiredHeaders?: readonly string[];
  /**
   * Method-level throttling of this route on the stage (all callers together). Not for ANY routes.
   * @default - the stage throttle (`stageThrottle`)
   */
  readonly throttle?: ThrottleSettings;
  /**
   * JSON models of the method's responses by status code (`'200'`, `'400'`, ...): method responses
   * that document the contract (SDKs, exports). Proxy integrations pass the backend's answer
   * through unchanged; API Gateway does not validate responses.
   * @default - no method responses
   */
  readonly responseModels?: Readonly<Record<string, RequestModel>>;
}

export interface RestApiCors {
  /**
   * Origins allowed to call from a browser: `https://host[:port]` (or `http://localhost[:port]`),
   * no path or trailing slash; or `['*']` alone.
   */
  readonly allowOrigins: readonly string[];
  /**
   * Request headers allowed (`Access-Control-Allow-Headers`).
   * @default ['Content-Type', 'X-Api-Key', 'Authorization']
   */
  readonly allowHeaders?: readonly string[];
  /**
   * Methods allowed (`Access-Control-Allow-Methods`) on every resource.
   * @default - per resource, the methods of its routes plus OPTIONS
   */
  readonly allowMethods?: readonly string[];
  /**
   * How long browsers may cache a preflight answer (`Access-Control-Max-Age`), in seconds.
   * @default 600
   */
  readonly maxAgeSeconds?: number;
}

export interface RestApiKey {
  /**
   * Key description (who holds it).
   * @default - "<api name> API key <key name>"
   */
  readonly description?: string;
  /**
   * Whether the key is accepted.
   * @default true
   */
  readonly enabled?: boolean;
}

export interface RestApiUsagePlan {
  /** Per-key throttling (the usage plan's rate and burst). */
  readonly throttle: ThrottleSettings;
  /**
   * Per-key request quota.
   * @default - no quota
   */
  readonly quota?: QuotaSettings;
}

export interface RestApiCache {
  /** Cache cluster size in GB. */
  readonly sizeGb: CacheClusterSize;
  /**
   * Time to live of cached responses, in seconds (0-3600).
   * @default 300
   */
  readonly ttlSeconds?: number;
}

export interface RestApiProps extends ProviderScopedProps {
  /** API name, also the prefix of its usage plan, keys and log group: letters, digits, - and _ (1-128). */
  readonly name: string;
  readonly description: string;
  /**
   * Endpoint type. PRIVATE needs a VPC endpoint and a resource policy, which this construct does not build.
   * @default 'REGIONAL'
   */
  readonly endpointType?: 'REGIONAL' | 'EDGE';
  /** Name of the one stage (letters, digits, - and _), also the first path segment of the invoke URL. */
  readonly stageName: string;
  /**
   * Routes keyed by `"<METHOD> /path/{param}"`, for example `'POST /analyses'`,
   * `'GET /analyses/{jobId}'`, `'GET /health'`. Nested paths share their parent resources; a greedy
   * `{proxy+}` is allowed as the last segment.
   */
  readonly routes: Readonly<Record<string, RestApiRoute>>;
  /**
   * Browser access: OPTIONS preflight (MOCK) on every resource that has routes, and CORS headers on
   * API Gateway's own DEFAULT_4XX/DEFAULT_5XX responses. Lambda responses (proxy integration) must
   * set `Access-Control-Allow-Origin` themselves. Gateway responses cannot vary by origin: with
   * several origins they name the first, so browsers on the others see API Gateway's own errors
   * (403 missing key, 429 throttled, 400 invalid body) as CORS failures.
   * @default - no CORS
   */
  readonly cors?: RestApiCors;
  /**
   * API keys by name, all in the usage plan.
   * @default {}
   */
  readonly apiKeys?: Readonly<Record<string, RestApiKey>>;
  /**
   * The usage plan every key belongs to (per-key throttling and quota).
   * @default - no usage plan and no API keys (IAM-authorized APIs); `stageThrottle` is then required
   */
  readonly usagePlan?: RestApiUsagePlan;
  /**
   * Stage-wide method throttling (all callers together, `*\/*` method settings).
   * @default - the usage plan's throttle
   */
  readonly stageThrottle?: ThrottleSettings;
  /**
   * Stage variables (name -> value), readable by integrations as `$stageVariables.<name>`.
   * @default {}
   */
  readonly stageVariables?: Readonly<Record<string, string>>;
  /** Retention of the access and execution log groups, in days (a CloudWatch Logs value). */
  readonly logRetentionDays: number;
  /** KMS key of both log groups (the environment's logs key; its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
  /**
   * Name of the access log group.
   * @default '/aws/apigateway/<name>/<stageName>/access'
   */
  readonly accessLogGroupName?: string;
  /**
   * Execution log level of every method.
   * @default 'INFO'
   */
  readonly executionLoggingLevel?: 'INFO' | 'ERROR';
  /**
   * Stage cache cluster (encrypted, `*\/*`); it costs per hour while it exists.
   * @default - no cache cluster
   */
  readonly cache?: RestApiCache;
  /**
   * ARN of a REGIONAL WAFv2 web ACL to associate with the stage (APIG-02).
   * @default - no association (policy rule APIG-02 reports the stage)
   */
  readonly webAclArn?: string;
  /**
   * The account's API Gateway CloudWatch role, when the same stack creates it; the stage and its
   * method settings then wait for it. It is an account singleton: never create one for an API.
   * @default - created by the account baseline owner, deployed before this stack
   */
  readonly accountSettings?: ApiGatewayAccount;
}

interface ParsedRoute {
  readonly key: string;
  readonly method: RouteMethod;
  /** Normalized path (`/` for the root). */
  readonly path: string;
  readonly segments: readonly string[];
  readonly pathParameters: readonly string[];
  readonly spec: RestApiRoute;
}

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;
const LITERAL = /^[A-Za-z0-9._-]+$/;
const DEFAULT_ALLOW_HEADERS = ['Content-Type', 'X-Api-Key', 'Authorization'];
const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
/** API Gateway's default maximum integration timeout. */
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29000;

/** A path with every `/` written `~1`, as API Gateway method-setting keys do (`/a/{b}` -> `~1a~1{b}`). */
function escapePath(path: string): string {
  return path.replace(/\//g, '~1');
}

/** The part of construct IDs naming a path: `/a/{b}` -> `--a--{b}` (Terraform names keep `--a--b`). */
function pathId(path: string): string {
  return path.replace(/\//g, '--');
}

function isParam(segment: string): boolean {
  return PARAM.test(segment);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const quote = (value: string) => `'${value}'`;

/**
 * A REST API (API Gateway v1) of Lambda or HTTP proxy routes, secure by default:
 * - routes from `"<METHOD> /path"` keys: resources (shared parents, path parameters), methods that
 *   require an API key or IAM (SigV4) authorization, request validators (body + parameters with a
 *   JSON schema model, parameters otherwise), optional method responses with JSON models,
 *   AWS_PROXY integrations with a Lambda invoke permission per route scoped to this API's execution
 *   ARN, stage, method and path, or HTTP_PROXY integrations (over a VPC link to a private NLB);
 * - optional CORS: OPTIONS MOCK preflight per resource, CORS headers on DEFAULT_4XX/5XX;
 * - API keys by name in one usage plan (per-key throttle, optional quota), or no usage plan for an
 *   IAM-authorized API;
 * - one stage (optional stage variables) with X-Ray, JSON access logs to a KMS-encrypted log group with retention, the
 *   `API-Gateway-Execution-Logs_<api id>/<stage>` group created up front (retention + KMS, so
 *   execution logs never land in a group AWS creates unmanaged), method settings for every method
 *   (execution logging, metrics, no data trace, stage throttling; per-route throttling), cache off
 *   unless asked (then encrypted);
 * - a deployment whose trigger is a hash of the routes, models, validators, integrations and CORS
 *   configuration (create-before-destroy), so any change redeploys and nothing else does;
 * - optional WAFv2 association with the stage.
 *
 * Execution and access logging need the account's API Gateway CloudWatch role
 * (`aws_api_gateway_account`), an account singleton this construct never creates: see
 * `ApiGatewayAccount`. Its owner must be deployed first.
 */
export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly deployment: ApiGatewayDeployment;
  readonly stage: ApiGatewayStage;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly executionLogGroup: CloudwatchLogGroup;
  /** Only with `usagePlan`. */
  readonly usagePlan?: ApiGatewayUsagePlan;
  /** API keys by name. */
  readonly apiKeys: Readonly<Record<string, ApiGatewayApiKey>>;
  /** Methods by route key. */
  readonly methods: Readonly<Record<string, ApiGatewayMethod>>;
  /** Lambda invoke permissions by route key (Lambda routes only). */
  readonly permissions: Readonly<Record<string, LambdaPermission>>;
  /** Method responses by route key, then status code (routes with `responseModels`). */
  readonly methodResponses: Readonly<Record<string, Readonly<Record<string, ApiGatewayMethodResponse>>>>;
  /** Resources by path (`/analyses/{jobId}`); the root `/` is the API's own root resource. */
  readonly resources: Readonly<Record<string, ApiGatewayResource>>;
  /** The redeployment trigger: sha256 of the deployed configuration. */
  readonly deploymentHash: string;
  /** The stage name (the CloudFront origin path is `/<stageName>`). */
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const where = `RestApi ${props.name}`;
    const endpointType = props.endpointType ?? 'REGIONAL';
    const apiKeySpecs = props.apiKeys ?? {};
    const stageThrottle = props.stageThrottle ?? props.usagePlan?.throttle;
    const stageVariables = props.stageVariables ?? {};
    const loggingLevel = props.executionLoggingLevel ?? 'INFO';
    const accessLogGroupName = props.accessLogGroupName ?? `/aws/apigateway/${props.name}/${props.stageName}/access`;
    const cacheTtlSeconds = props.cache?.ttlSeconds ?? 300;
    const cors = props.cors
      ? {
          allowOrigins: [...props.cors.allowOrigins],
          allowHeaders: [...(props.cors.allowHeaders ?? DEFAULT_ALLOW_HEADERS)],
          allowMethods: props.cors.allowMethods ? [...props.cors.allowMethods] : undefined,
          maxAgeSeconds: props.cors.maxAgeSeconds ?? 600,
        }
      : undefined;

    // ---- Validation (programming errors) ----
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.name)) throw new Error(`RestApi "${props.name}": name must be 1-128 letters, digits, - or _`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.stageName)) throw new Error(`${where}: stageName "${props.stageName}" must be 1-128 letters, digits, - or _`);
    if (!LOG_RETENTION_DAYS.includes(props.logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${props.logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!props.logsKmsKeyArn) throw new Error(`${where}: logsKmsKeyArn is empty; every log group is KMS-encrypted (LOG-01), pass the environment's logs key`);
    if (!/^[A-Za-z0-9._\-/#]{1,512}$/.test(accessLogGroupName)) throw new Error(`${where}: accessLogGroupName "${accessLogGroupName}" is not a valid log group name`);
    if (accessLogGroupName.startsWith('API-Gateway-Execution-Logs_')) {
      throw new Error(`${where}: accessLogGroupName "${accessLogGroupName}" uses the prefix AWS reserves for execution logs; choose another name`);
    }
    if (!stageThrottle) throw new Error(`${where}: neither usagePlan nor stageThrottle is set; an API without a usage plan needs stageThrottle (its limit for all callers)`);
    if (!props.usagePlan && Object.keys(apiKeySpecs).length > 0) {
      throw new Error(`${where}: apiKeys [${Object.keys(apiKeySpecs).join(', ')}] need a usage plan to belong to; give usagePlan, or drop the keys`);
    }
    if (props.usagePlan) checkThrottle(where, 'usagePlan.throttle', props.usagePlan.throttle);
    checkThrottle(where, 'stageThrottle', stageThrottle);
    if (props.usagePlan?.quota) checkQuota(where, props.usagePlan.quota);
    checkStageVariables(where, stageVariables);
    if (props.cache && !(Number.isInteger(cacheTtlSeconds) && cacheTtlSeconds >= 0 && cacheTtlSeconds <= 3600)) {
      throw new Error(`${where}: cache.ttlSeconds ${cacheTtlSeconds} is outside 0-3600`);
    }
    if (props.webAclArn !== undefined && !Token.isUnresolved(props.webAclArn) && !/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+/.test(props.webAclArn)) {
      throw new Error(`${where}: webAclArn "${props.webAclArn}" is not a REGIONAL WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/...); a CLOUDFRONT-scope ACL cannot protect a stage`);
    }
    for (const keyName of Object.keys(apiKeySpecs)) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyName)) throw new Error(`${where}: API key name "${keyName}" must be 1-64 letters, digits, - or _`);
    }
    if (cors) checkCors(where, cors);
    const routes = parseRoutes(where, props.routes);
    const modelSpecs = new Map<string, RequestModel>();
    const useModel = (routeKey: string, model: RequestModel) => {
      if (!/^[A-Za-z0-9]{1,128}$/.test(model.name)) throw new Error(`${where}: route "${routeKey}" model name "${model.name}" must be letters and digits only`);
      const known = modelSpecs.get(model.name);
      if (known && JSON.stringify(known.schema) !== JSON.stringify(model.schema)) {
        throw new Error(`${where}: model "${model.name}" is given two different schemas (route "${routeKey}"); give each schema its own name`);
      }
      modelSpecs.set(model.name, model);
    };
    for (const route of routes) {
      const { spec } = route;
      if ((spec.lambda === undefined) === (spec.http === undefined)) {
        throw new Error(`${where}: route "${route.key}" gives ${spec.lambda ? 'both lambda and http' : 'neither lambda nor http'}; give exactly one integration`);
      }
      if (spec.lambda) checkLambdaTarget(where, route.key, spec.lambda);
      if (spec.http) checkHttpTarget(where, route.key, spec.http);
      const authorization = spec.authorization ?? 'NONE';
      if (authorization !== 'NONE' && authorization !== 'AWS_IAM') throw new Error(`${where}: route "${route.key}" authorization "${authorization}" is not NONE or AWS_IAM`);
      if (routeApiKeyRequired(spec) && !props.usagePlan) {
        throw new Error(`${where}: route "${route.key}" requires an API key, but the API has no usage plan to issue keys; give usagePlan, or authorize the route with AWS_IAM (apiKeyRequired then defaults to false)`);
      }
      for (const status of Object.keys(spec.responseModels ?? {})) {
        if (!/^[1-5]\d\d$/.test(status)) throw new Error(`${where}: route "${route.key}" response status "${status}" is not an HTTP status code (100-599)`);
        useModel(route.key, spec.responseModels![status]);
      }
      routeRequestParameters(where, route);
      if (spec.throttle) {
        if (route.method === 'ANY') throw new Error(`${where}: route "${route.key}" sets throttle on an ANY method; list the methods as separate routes to throttle them`);
        checkThrottle(where, `routes["${route.key}"].throttle`, spec.throttle);
      }
      if (spec.requestModel) useModel(route.key, spec.requestModel);
    }

    // ---- API, resources ----
    this.stageName = props.stageName;
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.name,
      description: props.description,
      endpointConfiguration: { types: [endpointType] },
      apiKeySource: 'HEADER',
    });
    const apiId = this.api.id;

    const resources: Record<string, ApiGatewayResource> = {};
    const resourceIdOf = (segments: readonly string[]): string => {
      if (segments.length === 0) return this.api.rootResourceId;
      const path = `/${segments.join('/')}`;
      let resource = resources[path];
      if (!resource) {
        const parentId = resourceIdOf(segments.slice(0, -1));
        resource = new ApiGatewayResource(this, `resource${pathId(path)}`, { restApiId: apiId, parentId, pathPart: segments[segments.length - 1] });
        resources[path] = resource;
      }
      return resource.id;
    };

    // ---- Models and validators ----
    const models = new Map<string, ApiGatewayModel>();
    for (const [name, model] of [...modelSpecs].sort(([a], [b]) => a.localeCompare(b))) {
      models.set(name, new ApiGatewayModel(this, `model-${name}`, {
        restApiId: apiId,
        name,
        description: modelDescription(props.name, name, routes),
        contentType: 'application/json',
        schema: JSON.stringify({ $schema: DRAFT_04, ...model.schema }),
      }));
    }
    const validatorNames = {
      body: `${props.name}-body-and-parameters`,
      parameters: `${props.name}-parameters`,
    };
    let bodyValidator: ApiGatewayRequestValidator | undefined;
    let parametersValidator: ApiGatewayRequestValidator | undefined;
    const validatorFor = (withBody: boolean): ApiGatewayRequestValidator => {
      if (withBody) {
        bodyValidator ??= new ApiGatewayRequestValidator(this, 'validator-body-and-parameters', { restApiId: apiId, name: validatorNames.body, validateRequestBody: true, validateRequestParameters: true });
        return bodyValidator;
      }
      parametersValidator ??= new ApiGatewayRequestValidator(this, 'validator-parameters', { restApiId: apiId, name: validatorNames.parameters, validateRequestBody: false, validateRequestParameters: true });
      return parametersValidator;
    };

    // ---- Routes ----
    const deployedParts: ITerraformDependable[] = [];
    const methods: Record<string, ApiGatewayMethod> = {};
    const permissions: Record<string, LambdaPermission> = {};
    const methodResponses: Record<string, Record<string, ApiGatewayMethodResponse>> = {};
    const routeThrottles: { route: ParsedRoute; throttle: ThrottleSettings }[] = [];
    const deployedRoutes: Record<string, unknown>[] = [];
    for (const route of routes) {
      const spec = route.spec;
      const routeId = `${route.method}${pathId(route.path)}`;
      const resourceId = resourceIdOf(route.segments);
      const requestParameters = routeRequestParameters(where, route);
      const model = spec.requestModel ? models.get(spec.requestModel.name)! : undefined;
      const validator = validatorFor(model !== undefined);
      const apiKeyRequired = routeApiKeyRequired(spec);
      const authorization = spec.authorization ?? 'NONE';
      const timeoutMilliseconds = (spec.lambda ?? spec.http)!.timeoutMilliseconds ?? DEFAULT_INTEGRATION_TIMEOUT_MS;

      const method = new ApiGatewayMethod(this, `method-${routeId}`, {
        restApiId: apiId,
        resourceId,
        httpMethod: route.method,
        authorization,
        apiKeyRequired,
        requestValidatorId: validator.id,
        ...(Object.keys(requestParameters).length ? { requestParameters } : {}),
        ...(model ? { requestModels: { 'application/json': model.name } } : {}),
      });
      const http = spec.http;
      const httpIntegration = http
        ? {
            type: 'HTTP_PROXY',
            httpMethod: http.httpMethod ?? route.method,
            connectionType: http.vpcLinkId !== undefined ? 'VPC_LINK' : 'INTERNET',
            ...(http.vpcLinkId !== undefined ? { connectionId: http.vpcLinkId } : {}),
            // Path parameters the backend URL names are passed on (`{jobId}` -> `{jobId}`).
            pathParameters: route.pathParameters.filter((p) => http.uri.includes(`{${p}}`) || http.uri.includes(`{${p}+}`)),
          }
        : undefined;
      const integration = new ApiGatewayIntegration(this, `integration-${routeId}`, {
        restApiId: apiId,
        resourceId,
        httpMethod: method.httpMethod,
        ...(spec.lambda
          ? { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: spec.lambda.invokeArn }
          : {
              type: 'HTTP_PROXY',
              integrationHttpMethod: httpIntegration!.httpMethod,
              uri: http!.uri,
              connectionType: httpIntegration!.connectionType,
              connectionId: http!.vpcLinkId,
              ...(httpIntegration!.pathParameters.length
                ? { requestParameters: Object.fromEntries(httpIntegration!.pathParameters.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`])) }
                : {}),
            }),
        timeoutMilliseconds,
      });
      methods[route.key] = method;
      deployedParts.push(method, integration);

      const responses = Object.keys(spec.responseModels ?? {}).sort();
      if (responses.length > 0) {
        methodResponses[route.key] = {};
        for (const status of responses) {
          const response = new ApiGatewayMethodResponse(this, `method-response-${routeId}-${status}`, {
            restApiId: apiId,
            resourceId,
            httpMethod: method.httpMethod,
            statusCode: status,
            responseModels: { 'application/json': models.get(spec.responseModels![status].name)!.name },
          });
          methodResponses[route.key][status] = response;
          deployedParts.push(response);
        }
      }

      if (spec.lambda) {
        const sourcePath = route.segments.map((s) => (isParam(s) ? '*' : s)).join('/');
        permissions[route.key] = new LambdaPermission(this, `permission-${routeId}`, {
          statementId: statementId(props.name, props.stageName, route),
          action: 'lambda:InvokeFunction',
          functionName: spec.lambda.functionName,
          ...(spec.lambda.qualifier !== undefined ? { qualifier: spec.lambda.qualifier } : {}),
          principal: 'apigateway.amazonaws.com',
          sourceArn: `${this.api.executionArn}/${props.stageName}/${route.method === 'ANY' ? '*' : route.method}/${sourcePath}`,
        });
      }

      if (spec.throttle) routeThrottles.push({ route, throttle: spec.throttle });
      deployedRoutes.push({
        route: route.key,
        apiKeyRequired,
        requestParameters,
        model: spec.requestModel?.name ?? null,
        validator: model ? validatorNames.body : validatorNames.parameters,
        integration: spec.lambda ? { type: 'AWS_PROXY', uri: spec.lambda.invokeArn, timeoutMilliseconds } : { ...httpIntegration, uri: http!.uri, timeoutMilliseconds },
        // Only what differs from a key-authorized Lambda route, so those hash as before.
        ...(authorization !== 'NONE' ? { authorization } : {}),
        ...(responses.length ? { responses: Object.fromEntries(responses.map((status) => [status, spec.responseModels![status].name])) } : {}),
      });
    }
    this.methods = methods;
    this.permissions = permissions;
    this.methodResponses = methodResponses;
    this.resources = resources;

    // ---- CORS ----
    const deployedCors: Record<string, unknown>[] = [];
    if (cors) {
      const byPath = new Map<string, ParsedRoute[]>();
      for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
      const multiOrigin = cors.allowOrigins.length > 1;
      for (const [path, onPath] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
        const corsId = `cors${pathId(path)}`;
        const resourceId = resourceIdOf(onPath[0].segments);
        const routeMethods = onPath.some((r) => r.method === 'ANY') ? ROUTE_METHODS.filter((m) => m !== 'ANY') : onPath.map((r) => r.method);
        const allowMethods = cors.allowMethods ?? [...new Set([...routeMethods, 'OPTIONS'])].sort();
        const headers: Record<string, string> = {
          'Access-Control-Allow-Headers': cors.allowHeaders.join(','),
          'Access-Control-Allow-Methods': allowMethods.join(','),
          'Access-Control-Allow-Origin': cors.allowOrigins[0],
          'Access-Control-Max-Age': String(cors.maxAgeSeconds),
          ...(multiOrigin ? { Vary: 'Origin' } : {}),
        };
        const method = new ApiGatewayMethod(this, `method-OPTIONS${pathId(path)}`, {
          restApiId: apiId,
          resourceId,
          httpMethod: 'OPTIONS',
          // Browsers send preflights without credentials or keys; the answer is static.
          authorization: 'NONE',
          apiKeyRequired: false,
        });
        const integration = new ApiGatewayIntegration(this, `integration-OPTIONS${pathId(path)}`, {
          restApiId: apiId,
          resourceId,
          httpMethod: method.httpMethod,
          type: 'MOCK',
          passthroughBehavior: 'WHEN_NO_MATCH',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
        });
        const methodResponse = new ApiGatewayMethodResponse(this, `${corsId}-method-response`, {
          restApiId: apiId,
          resourceId,
          httpMethod: method.httpMethod,
          statusCode: '200',
          responseModels: { 'application/json': 'Empty' },
          responseParameters: Object.fromEntries(Object.keys(headers).map((h) => [`method.response.header.${h}`, true])),
        });
        const integrationResponse = new ApiGatewayIntegrationResponse(this, `${corsId}-integration-response`, {
          restApiId: apiId,
          resourceId,
          httpMethod: method.httpMethod,
          statusCode: methodResponse.statusCode,
          responseParameters: Object.fromEntries(Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, quote(v)])),
          ...(multiOrigin ? { responseTemplates: { 'application/json': originOverrideTemplate(cors.allowOrigins) } } : {}),
          dependsOn: [integration],
        });
        deployedParts.push(method, integration, methodResponse, integrationResponse);
        deployedCors.push({ path, headers });
      }
      for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
        const responseParameters = {
          'gatewayresponse.header.Access-Control-Allow-Origin': quote(cors.allowOrigins[0]),
          'gatewayresponse.header.Access-Control-Allow-Headers': quote(cors.allowHeaders.join(',')),
        };
        deployedParts.push(new ApiGatewayGatewayResponse(this, `gateway-response-${type}`, { restApiId: apiId, responseType: type, responseParameters }));
        deployedCors.push({ gatewayResponse: type, responseParameters });
      }
    }

    // ---- Deployment (redeployed when what it deploys changes) ----
    const deployed = {
      routes: deployedRoutes,
      models: [...modelSpecs.keys()].sort().map((name) => ({ name, schema: modelSpecs.get(name)!.schema })),
      validators: [bodyValidator ? validatorNames.body : undefined, parametersValidator ? validatorNames.parameters : undefined].filter(Boolean),
      cors: cors ? { ...cors, resources: deployedCors } : null,
    };
    // Resolved at synth: an invoke ARN given as a reference hashes as its `${...}` expression.
    const hash = Lazy.stringValue({ produce: (context) => sha256(JSON.stringify(context.resolve(deployed))) });
    this.deploymentHash = hash;
    this.deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: apiId,
      description: `${props.name}: redeployed when routes, models, validators, integrations or CORS change`,
      triggers: { redeployment: hash },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: deployedParts,
    });

    // ---- Logs and stage ----
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-log-group', {
      name: accessLogGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    // The group API Gateway writes execution logs to; created here so it has retention and KMS.
    this.executionLogGroup = new CloudwatchLogGroup(this, 'execution-log-group', {
      name: `API-Gateway-Execution-Logs_${apiId}/${props.stageName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });
    const loggingPrerequisites: ITerraformDependable[] = [this.executionLogGroup, ...(props.accountSettings ? [props.accountSettings.settings] : [])];
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: apiId,
      stageName: props.stageName,
      description: `${props.name} ${props.stageName}`,
      deploymentId: this.deployment.id,
      xrayTracingEnabled: true,
      cacheClusterEnabled: props.cache !== undefined,
      ...(props.cache ? { cacheClusterSize: props.cache.sizeGb } : {}),
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
      ...(Object.keys(stageVariables).length ? { variables: { ...stageVariables } } : {}),
      dependsOn: loggingPrerequisites,
    });

    const baseSettings: ApiGatewayMethodSettingsSettings = {
      loggingLevel,
      metricsEnabled: true,
      dataTraceEnabled: false,
      ...(props.cache ? { cachingEnabled: true, cacheDataEncrypted: true, cacheTtlInSeconds: cacheTtlSeconds } : { cachingEnabled: false }),
    };
    new ApiGatewayMethodSettings(this, 'method-settings', {
      restApiId: apiId,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: { ...baseSettings, throttlingRateLimit: stageThrottle.rateLimit, throttlingBurstLimit: stageThrottle.burstLimit },
      dependsOn: loggingPrerequisites,
    });
    for (const { route, throttle } of routeThrottles) {
      // A method override replaces the stage defaults for that method: repeat logging and metrics.
      new ApiGatewayMethodSettings(this, `method-settings-${route.method}${pathId(route.path)}`, {
        restApiId: apiId,
        stageName: this.stage.stageName,
        methodPath: `${escapePath(route.path)}/${route.method}`,
        settings: { ...baseSettings, throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit },
        dependsOn: loggingPrerequisites,
      });
    }

    // ---- Usage plan and keys ----
    const plan = props.usagePlan;
    const quota = plan?.quota;
    const usagePlan = plan
      ? new ApiGatewayUsagePlan(this, 'usage-plan', {
          name: `${props.name}-${props.stageName}`,
          description: `${props.name} ${props.stageName}: per-key throttling${quota ? ' and quota' : ''}`,
          apiStages: [{ apiId, stage: this.stage.stageName }],
          throttleSettings: { rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit },
          ...(quota ? { quotaSettings: { limit: quota.limit, period: quota.period, offset: quota.offset ?? 0 } } : {}),
        })
      : undefined;
    this.usagePlan = usagePlan;
    const apiKeys: Record<string, ApiGatewayApiKey> = {};
    for (const [keyName, spec] of usagePlan ? Object.entries(apiKeySpecs) : []) {
      const key = new ApiGatewayApiKey(this, `api-key-${keyName}`, {
        name: `${props.name}-${keyName}`,
        description: spec.description ?? `${props.name} API key ${keyName}`,
        enabled: spec.enabled ?? true,
      });
      new ApiGatewayUsagePlanKey(this, `usage-plan-key-${keyName}`, { keyId: key.id, keyType: 'API_KEY', usagePlanId: usagePlan!.id });
      apiKeys[keyName] = key;
    }
    this.apiKeys = apiKeys;

    if (props.webAclArn !== undefined) {
      new Wafv2WebAclAssociation(this, 'web-acl-association', { resourceArn: this.stage.arn, webAclArn: props.webAclArn });
    }
    useProvider(this, props.provider);
  }

  /** `arn:aws:apigateway:<region>::/restapis/<id>/stages/<stage>` (WAF, tags). */
  get stageArn(): string {
    return this.stage.arn;
  }

  /** `https://<api id>.execute-api.<region>.amazonaws.com/<stage>`. */
  get invokeUrl(): string {
    return this.stage.invokeUrl;
  }

  /** `arn:aws:execute-api:<region>:<account>:<api id>` (IAM and Lambda permission source ARNs). */
  get executionArn(): string {
    return this.api.executionArn;
  }

  /** `<api id>.execute-api.<region>.amazonaws.com`: the CloudFront origin domain (origin path `/<stageName>`). */
  get domainName(): string {
    return Fn.element(Fn.split('/', this.stage.invokeUrl), 2);
  }
}

function checkThrottle(where: string, field: string, throttle: ThrottleSettings): void {
  if (!(Number.isFinite(throttle.rateLimit) && throttle.rateLimit >= 0)) {
    throw new Error(`${where}: ${field}.rateLimit ${throttle.rateLimit} must be a number of requests per second, 0 or more`);
  }
  if (!(Number.isInteger(throttle.burstLimit) && throttle.burstLimit >= 0)) {
    throw new Error(`${where}: ${field}.burstLimit ${throttle.burstLimit} must be a whole number of requests, 0 or more`);
  }
}

function checkQuota(where: string, quota: QuotaSettings): void {
  if (!(Number.isInteger(quota.limit) && quota.limit > 0)) throw new Error(`${where}: usagePlan.quota.limit ${quota.limit} must be a positive whole number of requests`);
  if (!['DAY', 'WEEK', 'MONTH'].includes(quota.period)) throw new Error(`${where}: usagePlan.quota.period "${quota.period}" must be DAY, WEEK or MONTH`);
  const maxOffset = { DAY: 0, WEEK: 6, MONTH: 27 }[quota.period];
  const offset = quota.offset ?? 0;
  if (!(Number.isInteger(offset) && offset >= 0 && offset <= maxOffset)) {
    throw new Error(`${where}: usagePlan.quota.offset ${offset} must be 0-${maxOffset} for period ${quota.period}`);
  }
}

function checkCors(where: string, cors: { allowOrigins: string[]; allowHeaders: string[]; allowMethods?: string[]; maxAgeSeconds: number }): void {
  if (cors.allowOrigins.length === 0) throw new Error(`${where}: cors.allowOrigins is empty; list the browser origins, or leave cors out`);
  if (cors.allowOrigins.includes('*') && cors.allowOrigins.length > 1) {
    throw new Error(`${where}: cors.allowOrigins [${cors.allowOrigins.join(', ')}] mixes "*" with origins; use ['*'] alone or only origins`);
  }
  for (const origin of cors.allowOrigins) {
    if (origin !== '*' && !/^(https:\/\/[a-z0-9.-]+|http:\/\/localhost)(:\d{1,5})?$/.test(origin)) {
      throw new Error(`${where}: cors origin "${origin}" must be https://<host>[:port] (or http://localhost[:port]), lower case, without path or trailing slash`);
    }
  }
  if (new Set(cors.allowOrigins).size !== cors.allowOrigins.length) throw new Error(`${where}: cors.allowOrigins [${cors.allowOrigins.join(', ')}] repeat`);
  for (const header of cors.allowHeaders) {
    if (!/^[A-Za-z0-9-]+$/.test(header)) throw new Error(`${where}: cors header "${header}" is not a header name (letters, digits and -)`);
  }
  for (const method of cors.allowMethods ?? []) {
    if (![...ROUTE_METHODS.filter((m) => m !== 'ANY'), 'OPTIONS'].includes(method)) throw new Error(`${where}: cors method "${method}" is not an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)`);
  }
  if (!(Number.isInteger(cors.maxAgeSeconds) && cors.maxAgeSeconds >= 0 && cors.maxAgeSeconds <= 86400)) {
    throw new Error(`${where}: cors.maxAgeSeconds ${cors.maxAgeSeconds} must be 0-86400`);
  }
}

/** A route's apiKeyRequired: as given, else true unless IAM authorizes it. */
function routeApiKeyRequired(spec: RestApiRoute): boolean {
  return spec.apiKeyRequired ?? (spec.authorization ?? 'NONE') === 'NONE';
}

/** `<api>: request body of <routes>` (and/or `response of <route> <status>`), as the model is used. */
function modelDescription(apiName: string, model: string, routes: readonly ParsedRoute[]): string {
  const requests = routes.filter((r) => r.spec.requestModel?.name === model).map((r) => r.key);
  const responses = routes.flatMap((r) =>
    Object.entries(r.spec.responseModels ?? {})
      .filter(([, m]) => m.name === model)
      .map(([status]) => `${r.key} ${status}`)
      .sort(),
  );
  const uses = [...(requests.length ? [`request body of ${requests.join(', ')}`] : []), ...(responses.length ? [`response of ${responses.join(', ')}`] : [])];
  return `${apiName}: ${uses.join('; ')}`;
}

function checkStageVariables(where: string, variables: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`${where}: stage variable name "${name}" must be 1-64 letters, digits or _`);
    if (!Token.isUnresolved(value) && !/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(value)) {
      throw new Error(`${where}: stage variable ${name} "${value}" has characters API Gateway refuses; use letters, digits and - . _ ~ : / ? # & = , (1-512)`);
    }
  }
}

function checkHttpTarget(where: string, key: string, target: HttpProxyTarget): void {
  const timeoutMilliseconds = target.timeoutMilliseconds ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
  if (!Token.isUnresolved(target.uri) && !/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/\S*)?$/.test(target.uri)) {
    throw new Error(`${where}: route "${key}" http.uri "${target.uri}" is not an https:// URL; the backend is called over TLS (https://<host>/<path>)`);
  }
  if (target.vpcLinkId !== undefined && target.vpcLinkId === '') throw new Error(`${where}: route "${key}" http.vpcLinkId is empty; give the VPC link's ID or leave it out`);
  if (target.httpMethod !== undefined && !(ROUTE_METHODS as readonly string[]).includes(target.httpMethod)) {
    throw new Error(`${where}: route "${key}" http.httpMethod "${target.httpMethod}" is not one of ${ROUTE_METHODS.join(', ')}`);
  }
  if (!(Number.isInteger(timeoutMilliseconds) && timeoutMilliseconds >= 50 && timeoutMilliseconds <= DEFAULT_INTEGRATION_TIMEOUT_MS)) {
    throw new Error(`${where}: route "${key}" http.timeoutMilliseconds ${timeoutMilliseconds} is outside 50-29000`);
  }
}

function checkLambdaTarget(where: string, key: string, target: LambdaTarget): void {
  const timeoutMilliseconds = target.timeoutMilliseconds ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
  if (!Token.isUnresolved(target.invokeArn) && !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[^/]+\/invocations$/.test(target.invokeArn)) {
    throw new Error(`${where}: route "${key}" lambda.invokeArn "${target.invokeArn}" is not a Lambda invoke ARN; pass the alias's invoke_arn (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations)`);
  }
  if (!target.functionName) throw new Error(`${where}: route "${key}" lambda.functionName is empty; pass the function's name for its invoke permission`);
  if (!(Number.isInteger(timeoutMilliseconds) && timeoutMilliseconds >= 50 && timeoutMilliseconds <= DEFAULT_INTEGRATION_TIMEOUT_MS)) {
    throw new Error(`${where}: route "${key}" lambda.timeoutMilliseconds ${timeoutMilliseconds} is outside 50-29000`);
  }
}

/** Parses and checks every route key; returns the routes sorted by path, then method. */
function parseRoutes(where: string, specs: Readonly<Record<string, RestApiRoute>>): ParsedRoute[] {
  const keys = Object.keys(specs);
  if (keys.length === 0) throw new Error(`${where}: routes is empty; an API needs at least one route ("GET /health")`);
  const routes = keys.map((key) => parseRoute(where, key, specs[key]));
  // The same method and path up to parameter names is the same route to API Gateway.
  const byShape = new Map<string, ParsedRoute>();
  for (const route of routes) {
    const shape = `${route.method} /${route.segments.map((s) => (isParam(s) ? '{}' : s)).join('/')}`;
    const other = byShape.get(shape);
    if (other) throw new Error(`${where}: routes "${other.key}" and "${route.key}" are the same route (duplicate); keep one`);
    byShape.set(shape, route);
  }
  // Construct IDs name paths with `--` for `/`: `/a--b` and `/a/b` would share Terraform addresses.
  const pathById = new Map<string, string>();
  for (const route of routes) {
    const other = pathById.get(pathId(route.path));
    if (other !== undefined && other !== route.path) throw new Error(`${where}: paths ${other} and ${route.path} both name their resources ${pathId(route.path)}; avoid "--" in a path segment`);
    pathById.set(pathId(route.path), route.path);
  }
  // One variable path part per parent: `/a/{id}` and `/a/{jobId}` cannot both exist.
  const variableChild = new Map<string, { segment: string; key: string }>();
  for (const route of routes) {
    route.segments.forEach((segment, i) => {
      if (!isParam(segment)) return;
      const parent = `/${route.segments.slice(0, i).join('/')}`;
      const known = variableChild.get(parent);
      if (known && known.segment !== segment) {
        throw new Error(`${where}: routes "${known.key}" and "${route.key}" put different path parameters ${known.segment} and ${segment} under ${parent}; API Gateway allows one per level, use one name`);
      }
      variableChild.set(parent, { segment, key: route.key });
    });
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function parseRoute(where: string, key: string, spec: RestApiRoute): ParsedRoute {
  const match = /^(\S+) (\/\S*)$/.exec(key);
  if (!match) throw new Error(`${where}: route key "${key}" is malformed; write "<METHOD> /path/{param}", for example "GET /analyses/{jobId}"`);
  const [, method, path] = match;
  if (method === 'OPTIONS') throw new Error(`${where}: route "${key}": OPTIONS is generated for CORS; configure cors instead of an OPTIONS route`);
  if (!(ROUTE_METHODS as readonly string[]).includes(method)) {
    throw new Error(`${where}: route "${key}" has unknown method "${method}"; use one of ${ROUTE_METHODS.join(', ')} (upper case)`);
  }
  if (path !== '/' && path.endsWith('/')) throw new Error(`${where}: route "${key}" path ends with /; drop the trailing slash`);
  const segments = path === '/' ? [] : path.slice(1).split('/');
  const pathParameters: string[] = [];
  segments.forEach((segment, i) => {
    const param = PARAM.exec(segment);
    if (param) {
      if (param[2] === '+' && i !== segments.length - 1) throw new Error(`${where}: route "${key}": greedy parameter ${segment} must be the last segment`);
      if (pathParameters.includes(param[1])) throw new Error(`${where}: route "${key}" repeats path parameter {${param[1]}}; give each its own name`);
      pathParameters.push(param[1]);
    } else if (!LITERAL.test(segment)) {
      throw new Error(`${where}: route "${key}" has path segment "${segment}"; use letters, digits, . _ - or a {param}`);
    }
  });
  return { key, method: method as RouteMethod, path, segments, pathParameters, spec };
}

function routeRequestParameters(where: string, route: ParsedRoute): Record<string, boolean> {
  const parameters: Record<string, boolean> = {};
  for (const name of route.pathParameters) parameters[`method.request.path.${name}`] = true;
  for (const name of route.spec.requiredQueryParameters ?? []) {
    if (!/^[A-Za-z0-9._~-]+$/.test(name)) throw new Error(`${where}: route "${route.key}" query parameter "${name}" is not a valid name`);
    parameters[`method.request.querystring.${name}`] = true;
  }
  for (const name of route.spec.requiredHeaders ?? []) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`${where}: route "${route.key}" header "${name}" is not a header name (letters, digits and -)`);
    parameters[`method.request.header.${name}`] = true;
  }
  return parameters;
}

/**
 * Lambda policy statement ID of a route, unique per API, stage and route (at most 100 of
 * [A-Za-z0-9_-]): readable, with a hash so different paths never share one.
 */
function statementId(apiName: string, stageName: string, route: ParsedRoute): string {
  const readable = `${apiName}-${stageName}-${route.method}-${route.segments.map((s) => s.replace(/[^A-Za-z0-9_-]/g, '')).join('_') || 'root'}`;
  return `${readable.slice(0, 90)}-${sha256(`${apiName} ${stageName} ${route.key}`).slice(0, 8)}`;
}

/** Preflight answer for several origins: echo the request's Origin when it is one of them. */
function originOverrideTemplate(origins: readonly string[]): string {
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${origins.map((o) => `"$!origin" == "${o}"`).join(' || ')})`,
    '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
    '#end',
  ].join('\n');
}
