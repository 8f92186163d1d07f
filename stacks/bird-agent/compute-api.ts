import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { RestApiConfig } from '../../src/config/layers/compute';
import { ApiGatewayAccount } from '../../src/constructs/api/api-gateway-account';
import { RequestModel, RestApi } from '../../src/constructs/api/rest-api';
import { RestApiAlbLink } from '../../src/constructs/api/rest-api-vpc-link';

/** The seed's one method. */
export const PROCESS_ROUTE = 'POST /api/v1/agents/process';
/** The path the ALB receives it on (the default rule: conversation-manager). */
export const PROCESS_PATH = '/api/v1/agents/process';
/** Host the integration names: API Gateway sends it as Host and TLS SNI to the ALB, whose `*.<domain>` certificate covers it. */
export const backendHost = (domain: string): string => `agent-alb.${domain}`;

/** BirdAgentRequest: a Bird.com conversation message for the agent (JSON schema draft-04). */
export const BIRD_AGENT_REQUEST: RequestModel = {
  name: 'BirdAgentRequest',
  schema: {
    title: 'BirdAgentRequest',
    type: 'object',
    additionalProperties: false,
    required: ['conversationId', 'message'],
    properties: {
      conversationId: { type: 'string', minLength: 1, maxLength: 128 },
      contactId: { type: 'string', maxLength: 128 },
      channelId: { type: 'string', maxLength: 128 },
      message: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { type: 'string', enum: ['text', 'image', 'audio', 'video', 'document'] },
          text: { type: 'string', maxLength: 10000 },
          mediaUrl: { type: 'string', maxLength: 2048 },
          mimeType: { type: 'string', maxLength: 128 },
        },
      },
      context: { type: 'object' },
    },
  },
};

/** BirdAgentResponse: the agent's answer. */
export const BIRD_AGENT_RESPONSE: RequestModel = {
  name: 'BirdAgentResponse',
  schema: {
    title: 'BirdAgentResponse',
    type: 'object',
    required: ['conversationId', 'responseId', 'messages'],
    properties: {
      conversationId: { type: 'string' },
      responseId: { type: 'string' },
      messages: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string', enum: ['text', 'image', 'audio', 'video', 'document'] }, text: { type: 'string' }, mediaUrl: { type: 'string' } },
        },
      },
      actions: { type: 'array', items: { type: 'object' } },
      processingTimeMs: { type: 'number', minimum: 0 },
    },
  },
};

/** ErrorResponse: 400 (validation) and 500 (processing) answers. */
export const ERROR_RESPONSE: RequestModel = {
  name: 'ErrorResponse',
  schema: {
    title: 'ErrorResponse',
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' } },
      },
    },
  },
};

export interface AgentApiProps {
  /** `<prefix>` or `<prefix>-dr`: names of the API, the VPC link, the NLB. */
  readonly namePrefix: string;
  /** The environment's prefix: the access log group is the seed's `/aws/apigateway/<prefix>-api` in each region. */
  readonly envPrefix: string;
  readonly config: RestApiConfig;
  readonly domain: string;
  /** The custom domain's subdomain (`api-east`, `api-west`), or none. */
  readonly subdomain?: string;
  readonly certificateArn: string;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly linkSecurityGroupId: string;
  readonly albArn: string;
  /** The ALB's listener and rules: the NLB registers the ALB once it listens. */
  readonly albDependencies: readonly ITerraformDependable[];
  readonly accessLogsBucket: string;
  /** Key prefix of the NLB's access logs in that bucket. */
  readonly accessLogsPrefix: string;
  readonly deletionProtection: boolean;
  readonly logRetentionDays: number;
  readonly logsKmsKeyArn: string;
  /** The account's API Gateway CloudWatch role in this region, when this environment owns it. */
  readonly accountSettings?: ApiGatewayAccount;
  readonly provider?: TerraformProvider;
}

export interface AgentApi {
  readonly link: RestApiAlbLink;
  readonly api: RestApi;
  readonly domainName?: ApiGatewayDomainName;
  /** `<subdomain>.<domain>`, when there is a custom domain. */
  readonly customDomainName?: string;
}

/**
 * The seed's REST API: `POST /api/v1/agents/process` with AWS_IAM authorization, the body validated
 * against BirdAgentRequest (and parameters), response models for 200/400/500, an HTTP_PROXY
 * integration through a VPC link (NLB -> internal ALB, TLS end to end) with a 29 s timeout, one
 * stage per environment with the seed's variables, X-Ray, access logs in
 * `/aws/apigateway/<prefix>-api`, stage throttling, and the regional custom domain with its base
 * path mapping. No Lambda integration, so the seed's "Lambda invoke" policy has nothing to allow.
 */
export function agentApi(scope: Construct, id: (name: string) => string, p: AgentApiProps): AgentApi {
  const link = new RestApiAlbLink(scope, id('api-link'), {
    name: `${p.namePrefix}-api-link`,
    vpcId: p.vpcId,
    subnetIds: p.subnetIds,
    securityGroupIds: [p.linkSecurityGroupId],
    albArn: p.albArn,
    accessLogs: { bucket: p.accessLogsBucket, prefix: p.accessLogsPrefix },
    deletionProtection: p.deletionProtection,
    // Answered by the ALB's /health rule (conversation-manager): the link is healthy when the ALB and its default service are.
    healthCheckPath: '/health',
    albDependencies: p.albDependencies,
    description: `${p.namePrefix}-api: private integration through the NLB to ${p.namePrefix}-alb`,
    provider: p.provider,
  });
  const api = new RestApi(scope, id('api'), {
    name: `${p.namePrefix}-api`,
    description: `${p.namePrefix}: Bird.com external agent (IAM-signed POST ${PROCESS_PATH} to the internal ALB over a VPC link)`,
    endpointType: 'REGIONAL',
    stageName: p.config.stageName,
    routes: {
      [PROCESS_ROUTE]: {
        http: { uri: `https://${backendHost(p.domain)}${PROCESS_PATH}`, vpcLinkId: link.vpcLinkId, timeoutMilliseconds: 29000 },
        authorization: 'AWS_IAM',
        requestModel: BIRD_AGENT_REQUEST,
        responseModels: { '200': BIRD_AGENT_RESPONSE, '400': ERROR_RESPONSE, '500': ERROR_RESPONSE },
      },
    },
    // AWS_IAM: no keys, no usage plan; the seed's limits hold for all callers together.
    stageThrottle: p.config.throttle,
    stageVariables: p.config.stageVariables,
    logRetentionDays: p.logRetentionDays,
    logsKmsKeyArn: p.logsKmsKeyArn,
    accessLogGroupName: `/aws/apigateway/${p.envPrefix}-api`,
    accountSettings: p.accountSettings,
    provider: p.provider,
  });
  if (!p.subdomain) return { link, api };
  const customDomainName = `${p.subdomain}.${p.domain}`;
  const domainName = new ApiGatewayDomainName(scope, id('api-domain'), {
    domainName: customDomainName,
    regionalCertificateArn: p.certificateArn,
    endpointConfiguration: { types: ['REGIONAL'] },
    securityPolicy: 'TLS_1_2',
    provider: p.provider,
  });
  new ApiGatewayBasePathMapping(scope, id('api-base-path'), {
    apiId: api.api.id,
    stageName: api.stage.stageName,
    domainName: domainName.domainName,
    provider: p.provider,
  });
  return { link, api, domainName, customDomainName };
}
