import { APPS, SITES } from '../../src/config/systems/lang-portal/apps';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';
import type { LangPortalComputeStack } from './compute';
import { APP_LOG_GROUP, underscored } from './compute-roles';

/**
 * The compute layer's contract (the edge layer reads it: alarms, dashboards, pipelines, CloudFront
 * origins, DNS). One HTTP API per site: `<site_>_http_api_id`, `_endpoint` and `_host`.
 */
export function publishComputeOutputs(stack: LangPortalComputeStack): void {
  const { accountId, region } = stack.config;
  const { prefix } = stack;
  const seed = stack.node.id;
  const arn = (service: string, resource: string) => sampleArn({ service, region, account: accountId, resource });
  const hexId = (label: string) => sampleUuid(`${seed}:${label}`).replace(/-/g, '').slice(0, 16);
  const albSuffix = `app/${prefix}-alb/${hexId('alb')}`;

  stack.publish('ecs_cluster_name', stack.cluster.name, { description: 'Name of the ECS cluster', sample: prefix });
  stack.publish('ecs_cluster_arn', stack.cluster.arn, { description: 'ARN of the ECS cluster', sample: arn('ecs', `cluster/${prefix}`) });
  for (const app of APPS) {
    const a = underscored(app.name);
    stack.publish(`${a}_service_name`, stack.services[app.name].name, { description: `Name of the ${app.name} ECS service (container ${app.containerName})`, sample: `${prefix}-${app.name}` });
    stack.publish(`${a}_task_role_arn`, stack.roles[app.name].task.arn, { description: `Task role of ${app.name} (the application's permissions)`, sample: `arn:aws:iam::${accountId}:role/${prefix}-${app.name}-task` });
    stack.publish(`${a}_execution_role_arn`, stack.roles[app.name].execution.arn, { description: `Execution role of ${app.name} (image pull, logs, secrets)`, sample: `arn:aws:iam::${accountId}:role/${prefix}-${app.name}-execution` });
  }
  stack.publish('alb_arn', stack.alb.arn, { description: 'ARN of the public ALB (WAF association)', sample: arn('elasticloadbalancing', `loadbalancer/${albSuffix}`) });
  stack.publish('alb_arn_suffix', stack.alb.arnSuffix, { description: 'ARN suffix of the public ALB (CloudWatch LoadBalancer dimension)', sample: albSuffix });
  stack.publish('alb_dns_name', stack.alb.dnsName, { description: 'DNS name of the public ALB (alias target of vocab and writing)', sample: `${prefix}-alb-1234567890.${region}.elb.amazonaws.com` });
  stack.publish('alb_zone_id', stack.alb.zoneId, { description: 'Route 53 zone ID of the public ALB (alias records)', sample: 'Z35SXDOTRQ7X7K' });
  for (const [name, targetGroup] of Object.entries(stack.targetGroups)) {
    const app = APPS.find((a) => a.name === name)!;
    const subdomain = app.ingress.via === 'alb' ? app.ingress.subdomain : name;
    stack.publish(`${underscored(name)}_target_group_arn_suffix`, targetGroup.arnSuffix, {
      description: `ARN suffix of the ${name} target group (CloudWatch TargetGroup dimension)`,
      sample: `targetgroup/${prefix}-${subdomain}-${stack.section('compute').targetTls ? 'tls' : 'tg'}/${hexId(`${name}-tg`)}`,
    });
  }
  for (const site of SITES) {
    const s = underscored(site.name);
    const api = stack.httpApis[site.name];
    const id = sampleToken(`${seed}:${site.name}-http-api`, 10);
    stack.publish(`${s}_http_api_id`, api.apiId, { description: `ID of the ${site.name} HTTP API (CloudWatch ApiId dimension)`, sample: id });
    stack.publish(`${s}_http_api_endpoint`, api.apiEndpoint, { description: `Invoke URL of the ${site.name} HTTP API ($default stage)`, sample: `https://${id}.execute-api.${region}.amazonaws.com` });
    stack.publish(`${s}_http_api_host`, api.executeApiHost, { description: `execute-api host of the ${site.name} HTTP API (CloudFront origin of ${site.subdomain}'s /api/*)`, sample: `${id}.execute-api.${region}.amazonaws.com` });
  }
  stack.publish('cloud_map_namespace_id', stack.namespace.namespaceId, { description: `ID of the Cloud Map namespace ${stack.namespace.namespaceName}`, sample: `ns-${sampleToken(`${seed}:namespace`, 16)}` });
  stack.publish('app_log_group_name', stack.appLogGroup.name, { description: 'Log group of every container of every service (stream prefix ecs)', sample: APP_LOG_GROUP });
}
