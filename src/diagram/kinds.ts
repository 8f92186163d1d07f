/**
 * What the diagram draws, and how references are followed.
 * - A resource of a main kind (load balancer, service, function, database, queue, bucket, AI, edge,
 *   ...) is a node. The network context (VPC, subnets, NAT and internet gateways, endpoints) is drawn
 *   as the VPC box (src/diagram/network.ts). Everything else is plumbing, left out unless `--all`.
 * - An edge follows a reference: `A` refers to `B` draws `A --> B` ("A uses B"), except for the
 *   attributes in FLIPPED, where the traffic runs the other way (a listener names its load balancer,
 *   but the load balancer sends to the listener). Paths through CONNECTORS (listener, target group,
 *   event rule and target, subscription, IAM role and its policy, task definition...) collapse to
 *   one edge between the kept resources at both ends: service <- target group <- listener <- ALB is
 *   drawn ALB --> service. Other plumbing (KMS keys, log groups, security groups, alarms) ends a
 *   path: everything refers to a key, and an edge through it would join everything to everything.
 */
import { Json } from './terraform';

export type Shape = 'box' | 'round' | 'cylinder' | 'queue' | 'hexagon' | 'stadium';

export interface Kind {
  /** Stable id: grouping key and part of group node ids. */
  readonly id: string;
  readonly singular: string;
  readonly plural: string;
  readonly shape: Shape;
}

const kind = (id: string, singular: string, plural: string, shape: Shape): Kind => ({ id, singular, plural, shape });

const LAMBDA = kind('lambda', 'Lambda function', 'Lambda functions', 'round');
const KINDS_BY_TYPE: Readonly<Record<string, Kind>> = {
  aws_ecs_service: kind('ecs-service', 'ECS service', 'ECS services', 'round'),
  aws_lambda_function: LAMBDA,
  aws_sfn_state_machine: kind('sfn', 'Step Functions state machine', 'Step Functions state machines', 'round'),
  aws_rds_cluster: kind('aurora', 'Aurora cluster', 'Aurora clusters', 'cylinder'),
  aws_rds_global_cluster: kind('aurora-global', 'Aurora global database', 'Aurora global databases', 'cylinder'),
  aws_db_instance: kind('rds', 'RDS instance', 'RDS instances', 'cylinder'),
  aws_db_proxy: kind('rds-proxy', 'RDS Proxy', 'RDS Proxies', 'box'),
  aws_elasticache_replication_group: kind('elasticache', 'ElastiCache', 'ElastiCache groups', 'cylinder'),
  aws_elasticache_cluster: kind('elasticache', 'ElastiCache', 'ElastiCache groups', 'cylinder'),
  aws_elasticache_serverless_cache: kind('elasticache', 'ElastiCache', 'ElastiCache groups', 'cylinder'),
  aws_dynamodb_table: kind('dynamodb', 'DynamoDB table', 'DynamoDB tables', 'cylinder'),
  aws_opensearch_domain: kind('opensearch', 'OpenSearch domain', 'OpenSearch domains', 'cylinder'),
  aws_opensearchserverless_collection: kind('aoss', 'OpenSearch Serverless collection', 'OpenSearch Serverless collections', 'cylinder'),
  aws_s3_bucket: kind('s3', 'S3 bucket', 'S3 buckets', 'cylinder'),
  aws_sqs_queue: kind('sqs', 'SQS queue', 'SQS queues', 'queue'),
  aws_sns_topic: kind('sns', 'SNS topic', 'SNS topics', 'queue'),
  aws_cloudwatch_event_bus: kind('eventbridge', 'EventBridge bus', 'EventBridge buses', 'queue'),
  aws_kinesis_stream: kind('kinesis', 'Kinesis stream', 'Kinesis streams', 'queue'),
  aws_kinesis_firehose_delivery_stream: kind('firehose', 'Firehose stream', 'Firehose streams', 'queue'),
  aws_bedrockagent_agent: kind('bedrock-agent', 'Bedrock agent', 'Bedrock agents', 'hexagon'),
  aws_bedrockagent_knowledge_base: kind('bedrock-kb', 'Bedrock knowledge base', 'Bedrock knowledge bases', 'hexagon'),
  aws_bedrock_guardrail: kind('bedrock-guardrail', 'Bedrock guardrail', 'Bedrock guardrails', 'hexagon'),
  aws_bedrockagent_prompt: kind('bedrock-prompt', 'Bedrock prompt', 'Bedrock prompts', 'hexagon'),
  aws_sagemaker_endpoint: kind('sagemaker', 'SageMaker endpoint', 'SageMaker endpoints', 'hexagon'),
  aws_cloudfront_distribution: kind('cloudfront', 'CloudFront distribution', 'CloudFront distributions', 'stadium'),
  aws_wafv2_web_acl: kind('waf', 'WAF web ACL', 'WAF web ACLs', 'stadium'),
  aws_route53_zone: kind('route53', 'Route 53 zone', 'Route 53 zones', 'stadium'),
  aws_api_gateway_rest_api: kind('apigw-rest', 'API Gateway REST API', 'API Gateway REST APIs', 'stadium'),
  aws_apigatewayv2_api: kind('apigw-http', 'API Gateway HTTP API', 'API Gateway HTTP APIs', 'stadium'),
  aws_cognito_user_pool: kind('cognito', 'Cognito user pool', 'Cognito user pools', 'stadium'),
  aws_cognito_identity_pool: kind('cognito-identity', 'Cognito identity pool', 'Cognito identity pools', 'stadium'),
  aws_codepipeline: kind('codepipeline', 'CodePipeline', 'CodePipelines', 'box'),
  aws_athena_workgroup: kind('athena', 'Athena workgroup', 'Athena workgroups', 'box'),
  aws_glue_catalog_database: kind('glue', 'Glue database', 'Glue databases', 'cylinder'),
};

/** Cloud Control resources, by CloudFormation type name. */
const KINDS_BY_CFN_TYPE: Readonly<Record<string, Kind>> = {
  'AWS::BedrockAgentCore::Runtime': kind('agentcore-runtime', 'AgentCore runtime', 'AgentCore runtimes', 'hexagon'),
  'AWS::BedrockAgentCore::Memory': kind('agentcore-memory', 'AgentCore memory', 'AgentCore memories', 'hexagon'),
  'AWS::BedrockAgentCore::Gateway': kind('agentcore-gateway', 'AgentCore gateway', 'AgentCore gateways', 'hexagon'),
  'AWS::Bedrock::DataAutomationProject': kind('bda', 'Bedrock Data Automation project', 'Bedrock Data Automation projects', 'hexagon'),
};

const ALB = kind('alb', 'ALB', 'ALBs', 'box');
const NLB = kind('nlb', 'NLB', 'NLBs', 'box');
const GWLB = kind('gwlb', 'Gateway LB', 'Gateway LBs', 'box');

/** The network context drawn inside the VPC box rather than as nodes. */
export const NETWORK_TYPES: ReadonlySet<string> = new Set(['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_internet_gateway', 'aws_vpc_endpoint']);

/** The main kind of a resource, or undefined for plumbing (and for the network context). */
export function mainKind(type: string, body: Json): Kind | undefined {
  if (type === 'aws_lb' || type === 'aws_alb') {
    if (body.load_balancer_type === 'network') return NLB;
    if (body.load_balancer_type === 'gateway') return GWLB;
    return ALB;
  }
  if (type === 'aws_cloudcontrolapi_resource') return KINDS_BY_CFN_TYPE[String(body.type_name)];
  return KINDS_BY_TYPE[type];
}

/** A made-up kind for a plumbing resource drawn with `--all`: its Terraform type. */
export function plumbingKind(type: string): Kind {
  const label = type.replace(/^aws_/, '');
  return kind(`t-${label}`, label, label, 'box');
}

/** A dead-letter queue: drawn as plumbing (it only catches what failed elsewhere). */
export const DLQ_KIND: Kind = kind('sqs-dlq', 'SQS dead-letter queue', 'SQS dead-letter queues', 'queue');

/** Attributes whose references are a dead-letter target: the queue they name is a DLQ. */
export const DLQ_ATTRIBUTES: ReadonlySet<string> = new Set(['dead_letter_config', 'redrive_policy', 'destination_config']);

/**
 * Attributes never followed: where logs and failures go, trust policies, descriptions, triggers, tags. They name
 * shared sinks (the logs bucket, a DLQ), not the resource's work.
 */
export const IGNORED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'access_logs',
  'logging_config',
  'logging_configuration',
  'logging',
  'log_publishing_options',
  'log_delivery_configuration',
  'dead_letter_config',
  'redrive_policy',
  'redrive_allow_policy',
  'destination_config',
  'assume_role_policy',
  // Free text and redeployment triggers (a hash over the agent's action groups is not a call).
  'description',
  'triggers',
  'tags',
  'tags_all',
]);

/**
 * Plumbing that a path may pass through, with the attributes (first segment of the attribute path)
 * whose reference points upstream: `aws_lb_listener.load_balancer_arn` means load balancer -> listener.
 */
export const CONNECTORS: Readonly<Record<string, readonly string[]>> = {
  aws_lb_listener: ['load_balancer_arn'],
  aws_lb_listener_rule: ['listener_arn'],
  aws_lb_target_group: [],
  aws_lb_target_group_attachment: ['target_group_arn'],
  aws_lambda_alias: [],
  aws_lambda_event_source_mapping: ['event_source_arn'],
  aws_lambda_permission: ['source_arn'],
  aws_cloudwatch_event_rule: ['event_bus_name'],
  aws_cloudwatch_event_target: ['rule', 'event_bus_name'],
  aws_pipes_pipe: ['source'],
  aws_sns_topic_subscription: ['topic_arn'],
  aws_api_gateway_integration: ['rest_api_id'],
  aws_api_gateway_vpc_link: [],
  aws_api_gateway_stage: [],
  // A distribution that sends an API key reaches the API through the key's usage plan.
  aws_api_gateway_api_key: [],
  aws_api_gateway_usage_plan_key: ['key_id'],
  aws_api_gateway_usage_plan: [],
  aws_apigatewayv2_integration: ['api_id'],
  aws_apigatewayv2_route: ['api_id'],
  aws_wafv2_web_acl_association: ['web_acl_arn'],
  aws_route53_record: ['zone_id'],
  aws_iam_role: [],
  aws_iam_role_policy: ['role'],
  aws_iam_role_policy_attachment: ['role'],
  aws_iam_policy: [],
  aws_ecs_task_definition: [],
  aws_service_discovery_service: [],
  // A service reads a secret or parameter whose value names the resource (a database URL -> proxy).
  aws_secretsmanager_secret: [],
  aws_secretsmanager_secret_version: ['secret_id'],
  aws_ssm_parameter: [],
  aws_db_proxy_target: ['db_proxy_name'],
  aws_bedrockagent_agent_action_group: ['agent_id'],
  aws_bedrockagent_agent_knowledge_base_association: ['agent_id'],
  aws_bedrockagent_agent_alias: [],
  aws_bedrockagent_data_source: ['knowledge_base_id'],
  aws_bedrock_guardrail_version: [],
  aws_s3_bucket_replication_configuration: ['bucket'],
  aws_cognito_identity_pool_roles_attachment: ['identity_pool_id'],
};

/** Cloud Control resources that connect (a prompt version stands for its prompt). */
const CONNECTOR_CFN_TYPES: ReadonlySet<string> = new Set(['AWS::Bedrock::PromptVersion']);

/** Attributes of main resources whose reference points upstream (a WAF protects the distribution). */
const FLIPPED_MAIN: Readonly<Record<string, readonly string[]>> = {
  aws_ecs_service: ['load_balancer', 'service_registries'],
  aws_cloudfront_distribution: ['web_acl_id'],
};

export function isConnector(type: string, body: Json): boolean {
  if (type === 'aws_cloudcontrolapi_resource') return CONNECTOR_CFN_TYPES.has(String(body.type_name));
  return type in CONNECTORS;
}

/** True when a reference under `path` of a `type` resource points upstream (drawn target -> resource). */
export function isFlipped(type: string, path: string): boolean {
  const first = path.split('.')[0];
  return (CONNECTORS[type] ?? FLIPPED_MAIN[type] ?? []).includes(first);
}

export function isIgnored(path: string): boolean {
  return path.split('.').some((segment) => IGNORED_ATTRIBUTES.has(segment));
}
