import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { securityGroupOutputName } from '../../src/components/network-foundation';
import { ServiceConfig, targetTlsPort } from '../../src/config/layers/compute';
import { ApiGatewayAccount } from '../../src/constructs/api/api-gateway-account';
import { FargateCluster } from '../../src/constructs/compute/fargate-cluster';
import { FargateService } from '../../src/constructs/compute/fargate-service';
import { ServiceAutoScaling } from '../../src/constructs/compute/service-autoscaling';
import { ApplicationLoadBalancer } from '../../src/constructs/loadbalancing/application-load-balancer';
import { RoutedListener, TLS13_SSL_POLICY } from '../../src/constructs/loadbalancing/routed-listener';
import { centralBucketFor, centralLogPrefix } from '../../src/components/central-logging';
import { ContainerRepository } from '../../src/constructs/registry/container-repository';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { useProvider } from '../../src/core/provider-scope';
import { suppressRule } from '../../src/policy/suppressions';
import { AgentApi, agentApi } from './compute-api';
import { eventProcessingNames } from './compute-events';
import { computeReads } from './compute-events-reads';
import { addGpuCapacity, placeOnGpu } from './compute-gpu';
import { publishServiceOutputs } from './compute-service-outputs';
import { DATABASE_IAM_USER, METRICS_NAMESPACE, ServiceRoles, serviceRoles } from './compute-service-roles';
import { APP_PORT, HEALTH_PORT, LISTENER_RULES, SERVICE_NAMES, ServiceName, TARGET_GROUPS, clusterLogGroupName } from './compute-service-spec';

export * from './compute-service-spec';

/** Secrets injected into both services: variable -> data layer secret ID (`<id>_secret_arn`). */
const SECRETS: Readonly<Record<string, string>> = { BIRD_COM_API_CREDENTIALS: 'bird_com_api_credentials', BEDROCK_API_KEYS: 'bedrock_api_keys', REDIS_AUTH_TOKEN: 'redis_auth_token' };
/** The standby region has no Redis. */
const STANDBY_SECRETS: Readonly<Record<string, string>> = { BIRD_COM_API_CREDENTIALS: 'bird_com_api_credentials', BEDROCK_API_KEYS: 'bedrock_api_keys' };

/** One region's copy: the primary, or the standby in the secondary region (prod). */
interface Placement {
  readonly region: string;
  readonly provider?: TerraformProvider;
  /** '' for the primary; 'dr' for the standby (its resources live under a `dr` scope, outputs `dr_...`). */
  readonly label: '' | 'dr';
  readonly scope: Construct;
}

/** What one region's copy built. */
export interface RegionalServices {
  readonly cluster: FargateCluster;
  readonly logGroup: CloudwatchLogGroup;
  readonly repositories: Readonly<Record<ServiceName, ContainerRepository>>;
  readonly roles: ServiceRoles;
  readonly targetGroups: Readonly<Record<ServiceName, LbTargetGroup>>;
  readonly alb: ApplicationLoadBalancer;
  readonly listener: RoutedListener;
  readonly services: Readonly<Record<ServiceName, FargateService>>;
  readonly scaling: Readonly<Record<ServiceName, ServiceAutoScaling>>;
  readonly queuePolicy?: AppautoscalingPolicy;
  readonly api: AgentApi;
}

/**
 * The container half of the bird-agent compute layer (issue 10: ECS cluster, services, internal
 * ALB, IAM roles, REST API): the cluster `<prefix>-cluster` (Container Insights, FARGATE 70 /
 * FARGATE_SPOT 30) with its log group, the two services behind the internal ALB (HTTPS 443,
 * TLS 1.3/1.2, the seed's path rules and health checks on 8081) with autoscaling on CPU, memory
 * and, for the multimodal processor, the depth of its queue; the roles; the REST API through a VPC
 * link with its custom domain. With `compute.standbyInSecondaryRegion` (prod) the same stack runs
 * warm in the secondary region (one task per service) with its own API and `dr_` outputs. The GPU
 * option moves the configured services to an EC2 GPU capacity provider (primary region).
 */
export function addServices(stack: LayerStack): void {
  const { config } = stack;
  const compute = stack.section('compute');
  const primary = regionalServices(stack, { region: config.region, label: '', scope: stack });
  publishServiceOutputs(stack, primary, '');
  if (compute.standbyInSecondaryRegion) {
    const scope = new Construct(stack, 'dr');
    const standby = regionalServices(stack, { region: config.secondaryRegion!, provider: stack.secondaryProvider, label: 'dr', scope });
    // The constructs without a provider prop (cluster, services, ALB, ...) move with their scope.
    useProvider(scope, stack.secondaryProvider);
    publishServiceOutputs(stack, standby, 'dr');
  }
}

/** An output of `layer` if it publishes it (the data layer's optional `dr_` outputs). */
function optionalOutput(stack: LayerStack, layer: string, remote: RemoteLayer, name: string): string | undefined {
  const source = stack.dependencies.find((d): d is LayerStack => d instanceof LayerStack && d.layer === layer);
  return source?.contract.some((o) => o.name === name) ? remote.string(name) : undefined;
}

function regionalServices(stack: LayerStack, at: Placement): RegionalServices {
  const { config } = stack;
  const { accountId } = config;
  const { region, scope, provider } = at;
  const standby = at.label === 'dr';
  const compute = stack.section('compute');
  const domain = stack.section('edge').domainName;
  const { network, data } = computeReads(stack);
  const n = (name: string) => network.string(`${standby ? 'dr_' : ''}${name}`);
  const sg = (group: string) => n(securityGroupOutputName(group));
  const envPrefix = stack.prefix;
  const prefix = standby ? `${envPrefix}-dr` : envPrefix;
  const logsKey = n('logs_kms_key_arn');
  const subnets = network.list(`${standby ? 'dr_' : ''}private_app_subnet_ids`);
  const vpcId = n('vpc_id');
  const retention = compute.logRetentionDays ?? 30;
  const serviceConfig = (name: ServiceName): ServiceConfig => {
    const found = compute.services?.[name];
    if (!found) throw new Error(`${stack.node.id}: config.compute.services.${name} is missing; the seed's services each need their size and task counts`);
    return found;
  };
  const restApi = compute.restApi;
  if (!restApi) throw new Error(`${stack.node.id}: config.compute.restApi is missing; the seed's REST API needs its stage and throttle`);
  const capacity = compute.capacity ?? { onDemandBase: 0, onDemandWeight: 70, spotWeight: 30 };

  // --- Data the services use: in the standby region the replicas (same names, that region's ARNs).
  const optional = (name: string) => optionalOutput(stack, 'data', data, name);
  const tableName = (table: string) => data.string(`${table}_table_name`);
  const tableArn = (table: string) => `arn:aws:dynamodb:${region}:${accountId}:table/${tableName(table)}`;
  const secretsKey = data.string(`${standby ? 'dr_' : ''}secrets_kms_key_arn`);
  // The secrets the containers get (the standby has no Redis). In the standby region ECS injects the
  // replica by name (a replica keeps the secret's name; ECS accepts a name in the task's region) and
  // IAM names it by ARN with the six-character suffix Secrets Manager appends.
  const secretIds = standby ? STANDBY_SECRETS : SECRETS;
  const secretName = (id: string) => {
    const spec = stack.section('data').secrets?.find((candidate) => candidate.id === id);
    if (!spec) throw new Error(`${stack.node.id}: config.data.secrets has no ${id}; the services inject it`);
    return `${config.system}/${config.env}/${spec.name}`;
  };
  const secrets = Object.fromEntries(Object.entries(secretIds).map(([variable, id]) => [variable, standby ? secretName(id) : data.string(`${id}_secret_arn`)]));
  const secretResources = Object.values(secretIds).map((id) => (standby ? `arn:aws:secretsmanager:${region}:${accountId}:secret:${secretName(id)}-??????` : data.string(`${id}_secret_arn`)));
  // The standby uses the media bucket's replica in its region (replicated from the primary).
  const media = standby && optional('media_bucket_replica_name') ? { name: data.string('media_bucket_replica_name'), arn: data.string('media_bucket_replica_arn') } : { name: data.string('media_bucket_name'), arn: data.string('media_bucket_arn') };
  // Load balancer logs go to a bucket in their own region: the data layer's `-west` logs bucket for the standby.
  // ... or the logging account's bucket of that region (governance.centralLogging), under <system>/<env>/.
  const centralLogs = centralBucketFor(config, region);
  const logsBucket = centralLogs ?? data.string(standby ? 'dr_logs_bucket_name' : 'logs_bucket_name');
  const logsPrefix = centralLogs ? `${centralLogPrefix(config)}/` : '';
  // The queue and the bus compute-events.ts builds (primary region only), by their literal names.
  const events = eventProcessingNames(envPrefix);
  const queueName = events.queues.multimodalProcessing;
  const queueArn = standby ? undefined : `arn:aws:sqs:${region}:${accountId}:${queueName}`;
  const busArn = standby ? undefined : `arn:aws:events:${region}:${accountId}:event-bus/${events.bus}`;
  const modelArns = (compute.bedrockModelIds ?? []).map((id) => `arn:aws:bedrock:${region}::foundation-model/${id}`);

  // --- Cluster, its log group, the repositories -------------------------------------------------
  const clusterName = `${envPrefix}-cluster`;
  const logGroup = new CloudwatchLogGroup(scope, 'cluster-log-group', { name: clusterLogGroupName(envPrefix), retentionInDays: retention, kmsKeyId: logsKey });
  // The GPU AMI in config is the primary region's; the standby's multimodal processor stays on Fargate.
  const gpu = compute.gpuCapacity && !standby ? compute.gpuCapacity : undefined;
  const gpuProvider = gpu ? addGpuCapacity(scope, { prefix, accountId, clusterName, config: gpu, subnetIds: subnets, securityGroupIds: [sg('ecs')] }) : undefined;
  const cluster = new FargateCluster(scope, 'cluster', {
    clusterName,
    capacity,
    containerInsights: 'enabled',
    extraCapacityProviders: gpuProvider ? [gpuProvider.capacityProviderName] : [],
  });
  const ecrKey = new EncryptionKey(scope, 'ecr-key', { alias: `${prefix}/ecr`, description: `${prefix}: image layers of the service repositories`, accountId, provider });
  const repositories = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, new ContainerRepository(scope, `${name}-repository`, { name: `${envPrefix}/${name}`, kmsKeyArn: ecrKey.arn, forceDelete: !config.protectStatefulResources })]),
  ) as Record<ServiceName, ContainerRepository>;
  // compute.targetTls: the internal ALB reaches the tasks over HTTPS through the tls-proxy sidecar
  // (LB-07), whose image lives next to the service images (push images/tls-proxy to each region's).
  const targetTls = compute.targetTls;
  const tlsProxyRepository = targetTls
    ? new ContainerRepository(scope, 'tls-proxy-repository', { name: targetTls.repository ?? `${envPrefix}/tls-proxy`, kmsKeyArn: ecrKey.arn, forceDelete: !config.protectStatefulResources })
    : undefined;
  const tlsProxyPort = targetTls ? targetTlsPort(targetTls) : undefined;

  // --- Roles ----------------------------------------------------------------------------------------
  const roles = serviceRoles(scope, '', {
    rolePrefix: prefix,
    accountId,
    region,
    logGroupName: clusterLogGroupName(envPrefix),
    repositoryArns: [...SERVICE_NAMES.map((name) => repositories[name].arn), ...(tlsProxyRepository ? [tlsProxyRepository.arn] : [])],
    secretArns: secretResources,
    secretsKeyArn: secretsKey,
    tablesKeyArn: data.string(`${standby ? 'dr_' : ''}rds_kms_key_arn`),
    modelArns,
    mediaBucketArn: media.arn,
    tables: { sessions: tableArn('sessions'), events: tableArn('events'), configurations: tableArn('configurations') },
    // The standby's secondary cluster publishes no resource ID; its user ARN names the user in any cluster of the region.
    databaseUserArn: `arn:aws:rds-db:${region}:${accountId}:dbuser:${standby ? '*' : data.string('aurora_cluster_resource_id')}/${DATABASE_IAM_USER}`,
    multimodalQueueArn: queueArn,
    eventBusArn: busArn,
  });

  // --- Target groups and the internal ALB ----------------------------------------------------------
  const targetGroups = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const tg = TARGET_GROUPS[name];
      return [
        name,
        new LbTargetGroup(scope, `${name}-tg`, {
          // HTTPS replaces a running HTTP group: a new name, created before the old one goes.
          name: `${prefix}-${tg.shortName}-${tlsProxyPort ? 'tls' : 'tg'}`,
          vpcId,
          port: tlsProxyPort ?? APP_PORT,
          protocol: tlsProxyPort ? 'HTTPS' : 'HTTP',
          protocolVersion: 'HTTP1',
          targetType: 'ip',
          deregistrationDelay: String(tg.deregistrationDelay),
          stickiness: { enabled: false, type: 'lb_cookie' },
          // The seed's health check, on the health port its ECS group admits from the ALB (plain HTTP
          // to the app's own health port also with targetTls: it carries no data, and the ECS health
          // check of the tls-proxy covers the proxy).
          healthCheck: { enabled: true, protocol: 'HTTP', port: String(HEALTH_PORT), path: '/health', interval: 30, timeout: tg.timeout, healthyThreshold: tg.healthy, unhealthyThreshold: tg.unhealthy, matcher: '200' },
          ...(tlsProxyPort ? { lifecycle: { createBeforeDestroy: true } } : {}),
        }),
      ];
    }),
  ) as Record<ServiceName, LbTargetGroup>;
  const alb = new ApplicationLoadBalancer(scope, 'alb', {
    name: `${prefix}-alb`,
    internal: true,
    subnetIds: subnets,
    securityGroupIds: [sg('alb')],
    accessLogs: { bucket: logsBucket, prefix: `${logsPrefix}alb` },
    deletionProtection: config.protectStatefulResources,
  });
  const listener = new RoutedListener(scope, 'https', {
    loadBalancerArn: alb.arn,
    protocol: 'HTTPS',
    port: 443,
    certificateArn: n('certificate_arn'),
    sslPolicy: TLS13_SSL_POLICY,
    routes: LISTENER_RULES.map((rule) => ({
      priority: rule.priority,
      pathPatterns: [rule.path],
      action: rule.target === 'forbidden' ? { fixedResponse: { statusCode: '403', body: 'Forbidden' } } : { forwardTo: targetGroups[rule.target].arn },
    })),
  });
  // The seed's default: everything else (the REST API's /api/v1/agents/process) to conversation-manager.
  listener.listener.putDefaultAction([{ type: 'forward', targetGroupArn: targetGroups['conversation-manager'].arn }]);

  // --- Services and their scaling -------------------------------------------------------------------
  const environment: Record<string, string> = {
    ENVIRONMENT: config.env,
    AWS_REGION: region,
    PORT: String(APP_PORT),
    HEALTH_PORT: String(HEALTH_PORT),
    SESSIONS_TABLE: tableName('sessions'),
    EVENTS_TABLE: tableName('events'),
    CONFIGURATIONS_TABLE: tableName('configurations'),
    MEDIA_BUCKET: media.name,
    DB_NAME: data.string('aurora_database_name'),
    DB_USER: DATABASE_IAM_USER,
    DB_READER_HOST: data.string(`${standby ? 'dr_' : ''}aurora_reader_endpoint`),
    BEDROCK_REGION: region,
    BEDROCK_MODEL_IDS: (compute.bedrockModelIds ?? []).join(','),
    METRICS_NAMESPACE,
    // The standby has no writer until the global database fails over, no cache and no queue (docs/bird-agent.md).
    ...(standby
      ? {}
      : {
          DB_HOST: data.string('aurora_writer_endpoint'),
          REDIS_HOST: data.string('redis_primary_endpoint'),
          REDIS_READER_HOST: data.string('redis_reader_endpoint'),
          REDIS_PORT: Token.asString(data.number('redis_port')),
          MULTIMODAL_QUEUE_URL: `https://sqs.${region}.amazonaws.com/${accountId}/${queueName}`,
          EVENT_BUS_NAME: events.bus,
        }),
  };
  const services = {} as Record<ServiceName, FargateService>;
  const scaling = {} as Record<ServiceName, ServiceAutoScaling>;
  for (const name of SERVICE_NAMES) {
    const svc = serviceConfig(name);
    const service = new FargateService(scope, `${name}-service`, {
      serviceName: `${envPrefix}-${name}`,
      clusterArn: cluster.arn,
      region,
      cpu: svc.cpu,
      memory: svc.memory,
      desiredCount: standby ? 1 : svc.desiredTasks,
      executionRoleArn: roles.execution.arn,
      taskRoleArn: roles.task.arn,
      createLogGroup: false,
      logGroupName: logGroup.name,
      logStreamPrefix: name,
      subnetIds: subnets,
      securityGroupIds: [sg('ecs')],
      targetGroupArn: targetGroups[name].arn,
      ...(tlsProxyRepository && targetTls ? { tlsProxy: { image: `${tlsProxyRepository.url}:${targetTls.imageTag}`, port: tlsProxyPort } } : {}),
      capacity,
      healthCheckGracePeriodSeconds: name === 'multimodal-processor' ? 120 : 60,
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      dependsOn: [listener.listener, ...listener.rules, cluster.capacityProviders],
      container: {
        name,
        image: `${repositories[name].url}:${svc.imageTag ?? 'bootstrap'}`,
        port: APP_PORT,
        environment: { ...environment, SERVICE_NAME: name },
        secrets,
        readonlyRootFilesystem: true,
        writablePaths: ['/tmp'],
      },
    });
    if (gpu?.services.includes(name)) placeOnGpu(service, gpuProvider!.capacityProviderName, name, gpu.gpusPerTask ?? 1);
    if (standby) {
      suppressRule(
        service.service,
        'ECS-05',
        `Warm standby in ${region}: one task per service keeps the DR path serving and tested at the least cost (docs/bird-agent.md); after a failover target tracking scales it up to the primary's maximum`,
      );
    }
    services[name] = service;
    const targets = svc.scaling ?? {};
    scaling[name] = new ServiceAutoScaling(scope, `${name}-scaling`, {
      clusterName: cluster.name,
      serviceName: service.name,
      // The standby keeps one task per service and may grow to the primary's maximum after a failover.
      minTasks: standby ? 1 : svc.minTasks,
      maxTasks: svc.maxTasks,
      cpuTarget: targets.cpuTarget,
      memoryTarget: targets.memoryTarget,
      scaleOutCooldownSeconds: targets.scaleOutCooldownSeconds,
      scaleInCooldownSeconds: targets.scaleInCooldownSeconds,
    });
  }

  // --- The seed's "custom metric: queue depth": visible messages per running task -----------------
  const backlog = serviceConfig('multimodal-processor').scaling?.queueBacklogPerTask;
  let queuePolicy: AppautoscalingPolicy | undefined;
  if (backlog !== undefined && !standby) {
    const target = scaling['multimodal-processor'].target;
    const mm = serviceConfig('multimodal-processor').scaling ?? {};
    queuePolicy = new AppautoscalingPolicy(scope, 'multimodal-processor-queue-depth', {
      name: `${envPrefix}-multimodal-processor-queue-backlog`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: backlog,
        scaleOutCooldown: mm.scaleOutCooldownSeconds ?? 300,
        scaleInCooldown: mm.scaleInCooldownSeconds ?? 600,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'visible',
              label: `Visible messages in ${queueName}`,
              returnData: false,
              metricStat: { metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queueName }] }, stat: 'Sum' },
            },
            {
              id: 'tasks',
              label: 'Running multimodal-processor tasks',
              returnData: false,
              metricStat: {
                metric: { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions: [{ name: 'ClusterName', value: clusterName }, { name: 'ServiceName', value: `${envPrefix}-multimodal-processor` }] },
                stat: 'Average',
              },
            },
            // The service never runs fewer than minTasks (validated 1 or more for this service).
            { id: 'backlog', label: 'Visible messages per running task', expression: 'visible / tasks', returnData: true },
          ],
        },
      },
    });
  }

  // --- The REST API through the VPC link ----------------------------------------------------------
  const accountSettings = stack.baseline.owns('api-gateway-account', region)
    ? new ApiGatewayAccount(scope, 'api-gateway-account', { roleName: `${prefix}-BirdAgentAPIGatewayExecutionRole`, accountId, provider })
    : undefined;
  const subdomain = standby ? restApi.customDomain?.secondarySubdomain : restApi.customDomain?.subdomain;
  const api = agentApi(scope, (name) => name, {
    namePrefix: prefix,
    envPrefix,
    config: restApi,
    domain,
    subdomain,
    certificateArn: n('certificate_arn'),
    vpcId,
    subnetIds: subnets,
    linkSecurityGroupId: sg('api-link'),
    albArn: alb.arn,
    albDependencies: [listener.listener, ...listener.rules],
    accessLogsBucket: logsBucket,
    accessLogsPrefix: `${logsPrefix}api-link-nlb`,
    deletionProtection: config.protectStatefulResources,
    logRetentionDays: retention,
    logsKmsKeyArn: logsKey,
    accountSettings,
    provider,
  });

  return { cluster, logGroup, repositories, roles, targetGroups, alb, listener, services, scaling, queuePolicy, api };
}
