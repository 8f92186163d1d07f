import { LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';
import type { RegionalServices } from './compute-services';
import { SERVICE_NAMES, TARGET_GROUPS } from './compute-service-spec';

/** Route 53 zone IDs of API Gateway's regional endpoints (alias targets of custom domains). */
const API_GATEWAY_REGIONAL_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MOQ3B5U1XBQE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
};
/** Route 53 zone IDs of ELB in the regions above (internal ALBs' alias target). */
const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
};

const underscored = (name: string) => name.replace(/-/g, '_');

/**
 * The compute layer's service outputs (the edge layer's WAF, DNS, alarms and dashboards read
 * them). The standby's carry the `dr_` prefix.
 */
export function publishServiceOutputs(stack: LayerStack, built: RegionalServices, label: '' | 'dr'): void {
  const { accountId } = stack.config;
  const standby = label === 'dr';
  const region = standby ? stack.config.secondaryRegion! : stack.config.region;
  const envPrefix = stack.prefix;
  const prefix = standby ? `${envPrefix}-dr` : envPrefix;
  const seed = `${stack.node.id}:${label}`;
  const out = (name: string) => (standby ? `dr_${name}` : name);
  const publish = (name: string, value: string, description: string, sample: string) => stack.publish(out(name), value, { description: `${description}${standby ? ` (standby in ${region})` : ''}`, sample });
  const arn = (service: string, resource: string) => sampleArn({ service, region, account: accountId, resource });
  const hex = (label2: string) => sampleUuid(`${seed}:${label2}`).replace(/-/g, '').slice(0, 16);
  const clusterName = `${envPrefix}-cluster`;
  const albSuffix = `app/${prefix}-alb/${hex('alb')}`;
  // Target groups behind the tls-proxy are named -tls (compute-services.ts).
  const tgSuffix = stack.section('compute').targetTls ? 'tls' : 'tg';

  publish('ecs_cluster_name', built.cluster.name, 'Name of the ECS cluster', clusterName);
  publish('ecs_cluster_arn', built.cluster.arn, 'ARN of the ECS cluster', arn('ecs', `cluster/${clusterName}`));
  publish('ecs_log_group_name', built.logGroup.name, 'Log group of every container of the cluster', `/aws/ecs/${clusterName}`);
  for (const name of SERVICE_NAMES) {
    const u = underscored(name);
    publish(`${u}_service_name`, built.services[name].name, `Name of the ${name} ECS service`, `${envPrefix}-${name}`);
    publish(`${u}_target_group_arn_suffix`, built.targetGroups[name].arnSuffix, `ARN suffix of the ${name} target group (CloudWatch TargetGroup dimension)`, `targetgroup/${prefix}-${TARGET_GROUPS[name].shortName}-${tgSuffix}/${hex(`${name}-tg`)}`);
    publish(`${u}_repository_url`, built.repositories[name].url, `ECR repository of the ${name} images (the first task definition runs the bootstrap tag)`, `${accountId}.dkr.ecr.${region}.amazonaws.com/${envPrefix}/${name}`);
  }
  publish('ecs_task_role_arn', built.roles.task.arn, 'BirdAgentECSTaskRole: the services\' application role', `arn:aws:iam::${accountId}:role/${prefix}-BirdAgentECSTaskRole`);
  publish('ecs_task_execution_role_arn', built.roles.execution.arn, 'BirdAgentECSTaskExecutionRole: the ECS agent\'s role', `arn:aws:iam::${accountId}:role/${prefix}-BirdAgentECSTaskExecutionRole`);
  publish('alb_arn', built.alb.arn, 'ARN of the internal ALB', arn('elasticloadbalancing', `loadbalancer/${albSuffix}`));
  publish('alb_arn_suffix', built.alb.arnSuffix, 'ARN suffix of the internal ALB (CloudWatch LoadBalancer dimension)', albSuffix);
  publish('alb_dns_name', built.alb.dnsName, 'DNS name of the internal ALB', `internal-${prefix}-alb-1234567890.${region}.elb.amazonaws.com`);
  publish('alb_zone_id', built.alb.zoneId, 'Route 53 zone ID of the internal ALB', ALB_ZONE_IDS[region] ?? 'Z35SXDOTRQ7X7K');

  const { api, link, domainName, customDomainName } = built.api;
  const apiId = sampleToken(`${seed}:api`, 10);
  const stage = api.stageName;
  publish('rest_api_id', api.api.id, 'ID of the REST API (CloudWatch ApiName is its name)', apiId);
  publish('rest_api_name', api.api.name, 'Name of the REST API (CloudWatch ApiName dimension)', `${prefix}-api`);
  publish('rest_api_stage_name', api.stage.stageName, 'Stage of the REST API (one per environment)', stage);
  publish('rest_api_stage_arn', api.stageArn, 'ARN of the REST API stage (WAF association)', `arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`);
  publish('rest_api_execution_arn', api.executionArn, 'Execution ARN of the REST API (execute-api:Invoke policies of callers)', `arn:aws:execute-api:${region}:${accountId}:${apiId}`);
  publish('rest_api_invoke_url', api.invokeUrl, 'Invoke URL of the stage (execute-api host)', `https://${apiId}.execute-api.${region}.amazonaws.com/${stage}`);
  publish('vpc_link_nlb_arn_suffix', link.nlb.arnSuffix, 'ARN suffix of the VPC link NLB (CloudWatch LoadBalancer dimension)', `net/${prefix}-api-link/${hex('nlb')}`);
  if (domainName && customDomainName) {
    publish('rest_api_custom_domain_name', domainName.domainName, 'Custom domain of the REST API', customDomainName);
    publish('rest_api_regional_domain_name', domainName.regionalDomainName, 'Regional domain name of the custom domain (alias target of its Route 53 record)', `d-${sampleToken(`${seed}:domain`, 10)}.execute-api.${region}.amazonaws.com`);
    publish('rest_api_regional_zone_id', domainName.regionalZoneId, 'Route 53 zone ID of the custom domain\'s regional endpoint', API_GATEWAY_REGIONAL_ZONE_IDS[region] ?? 'Z1UJRXOUMOOFQ8');
  }
}
