import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { APPS, CLOUD_MAP_NAMESPACE, ContainerApp, SITES } from '../../src/config/systems/lang-portal/apps';
import { ServiceConfig, targetTlsImage } from '../../src/config/layers/compute';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyJson } from '../../src/core/iam/policy-document';
import { HttpApi } from '../../src/constructs/api/http-api';
import { FargateCluster } from '../../src/constructs/compute/fargate-cluster';
import { ADOT_EMF_LOG_GROUP_NAME, FargateService } from '../../src/constructs/compute/fargate-service';
import { ServiceAutoScaling } from '../../src/constructs/compute/service-autoscaling';
import { PrivateDnsNamespace } from '../../src/constructs/discovery/private-dns-namespace';
import { ApplicationLoadBalancer } from '../../src/constructs/loadbalancing/application-load-balancer';
import { HttpsRedirectListener } from '../../src/constructs/loadbalancing/https-redirect-listener';
import { RoutedListener, TLS13_SSL_POLICY } from '../../src/constructs/loadbalancing/routed-listener';
import { ServiceTargetGroup } from '../../src/constructs/loadbalancing/service-target-group';
import { EcsTaskFailureAlarm } from '../../src/constructs/observability/ecs-task-failure-alarm';
import { ServiceAlarms } from '../../src/constructs/observability/service-alarms';
import { LayerContext, LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { APP_LOG_GROUP, APP_LOG_STREAM_PREFIX, AppRoles, appRoles, underscored } from './compute-roles';
import { publishComputeOutputs } from './compute-outputs';

export { APP_LOG_GROUP, APP_LOG_STREAM_PREFIX } from './compute-roles';
/** The seed's container health check: `curl -f http://localhost:<port><path> || exit 1`, 30/5/3/60. */
export const containerHealthCheck = (app: ContainerApp) => ({
  command: ['CMD-SHELL', `curl -f http://localhost:${app.port}${app.healthPath} || exit 1`],
  intervalSeconds: 30,
  timeoutSeconds: 5,
  retries: 3,
  startPeriodSeconds: 60,
});
/** The route each site's HTTP API serves (CloudFront sends the site's `/api/*` there, unchanged). */
export const API_ROUTE = 'ANY /api/{proxy+}';

type AlbApp = ContainerApp & { readonly ingress: Extract<ContainerApp['ingress'], { via: 'alb' }> };
const isAlbApp = (app: ContainerApp): app is AlbApp => app.ingress.via === 'alb';

/**
 * lang-portal compute layer (the seed's Backend stacks): the ECS cluster (Container Insights,
 * FARGATE_SPOT with prod's on-demand base), the shared `/ecs/app-dw` and ADOT metrics log groups,
 * the Cloud Map namespace `app-dw.internal`, per app an execution and a task role and a Fargate
 * service (an `app` container with the seed's health check plus the ADOT collector, rolling
 * 200/100 with circuit-breaker rollback, registered in Cloud Map; the two API apps with SRV records
 * so API Gateway can reach them) with CPU/memory target tracking; the public ALB for vocab and
 * writing (HTTPS with host rules, HTTP redirect); one HTTP API per site (lang-portal, haiku) with a
 * VPC link to its API app, the Cognito JWT authorizer of the site's app client, throttling and
 * access logs; and the ECS CPU/memory and failed-task alarms.
 */
export class LangPortalComputeStack extends LayerStack {
  readonly cluster: FargateCluster;
  readonly namespace: PrivateDnsNamespace;
  readonly appLogGroup: CloudwatchLogGroup;
  /** Services, roles and target groups by app name. */
  readonly services: Readonly<Record<string, FargateService>>;
  readonly roles: Readonly<Record<string, AppRoles>>;
  readonly targetGroups: Readonly<Record<string, ServiceTargetGroup>>;
  readonly alb: ApplicationLoadBalancer;
  readonly httpsListener: RoutedListener;
  /** HTTP APIs by site name. */
  readonly httpApis: Readonly<Record<string, HttpApi>>;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'compute', context);
    const { config, prefix } = this;
    const { accountId, region } = config;
    const compute = this.section('compute');
    const domain = this.section('edge').domainName;
    const network = this.upstream('network');
    const data = this.upstream('data');
    const ai = this.upstream('ai');
    const serviceConfigs: Record<string, ServiceConfig | undefined> = compute.services ?? {};
    const configOf = (app: ContainerApp): ServiceConfig => {
      const found = serviceConfigs[app.name];
      if (!found) throw new Error(`${this.node.id}: config.compute.services.${app.name} is missing; every app of apps.ts needs its size and task counts`);
      return found;
    };
    const throttle = compute.httpApi?.throttle;
    if (!throttle) throw new Error(`${this.node.id}: config.compute.httpApi is missing; the HTTP APIs need their throttle`);
    const logRetentionDays = compute.logRetentionDays ?? 30;
    const capacity = compute.capacity ?? { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 };
    const logsKey = network.string('logs_kms_key_arn');
    const privateSubnets = network.list('private_app_subnet_ids');
    const vpcId = network.string('vpc_id');
    const securityGroup = (group: string) => network.string(`${underscored(group)}_security_group_id`);

    // --- Cluster, log groups, service discovery -------------------------------------------------
    this.cluster = new FargateCluster(this, 'cluster', { clusterName: prefix, capacity, containerInsights: 'enabled' });
    this.appLogGroup = new CloudwatchLogGroup(this, 'app-log-group', { name: APP_LOG_GROUP, retentionInDays: logRetentionDays, kmsKeyId: logsKey });
    // The ADOT collectors' EMF metrics; their task roles may not create it (it would lack retention and KMS).
    new CloudwatchLogGroup(this, 'adot-metrics-log-group', { name: ADOT_EMF_LOG_GROUP_NAME, retentionInDays: logRetentionDays, kmsKeyId: logsKey });
    const apiApps = new Set<string>(SITES.map((site) => site.api));
    this.namespace = new PrivateDnsNamespace(this, 'discovery', {
      namespaceName: CLOUD_MAP_NAMESPACE,
      vpcId,
      services: APPS.map((app) => app.name),
      dnsTtlSeconds: 60,
      // API Gateway's Cloud Map integration needs each task's port: SRV records (A stays for VPC clients).
      recordTypes: Object.fromEntries([...apiApps].map((name) => [name, ['A', 'SRV'] as const])),
    });

    // --- Public ALB: vocab and writing on their subdomains --------------------------------------
    this.alb = new ApplicationLoadBalancer(this, 'alb', {
      name: `${prefix}-alb`,
      internal: false,
      subnetIds: network.list('public_subnet_ids'),
      securityGroupIds: [securityGroup('alb')],
      accessLogs: { bucket: data.string('logs_bucket_name'), prefix: 'alb' },
      deletionProtection: config.protectStatefulResources,
    });
    // compute.targetTls: the ALB reaches vocab and writing over HTTPS through the tls-proxy sidecar
    // (LB-07); dev keeps the seed's HTTP to the app ports.
    const targetTls = compute.targetTls && targetTlsImage(compute.targetTls, accountId, region);
    const targetGroups: Record<string, ServiceTargetGroup> = {};
    for (const app of APPS.filter(isAlbApp)) {
      targetGroups[app.name] = new ServiceTargetGroup(this, `${app.name}-tg`, {
        // A new name with TLS: the HTTPS group replaces the HTTP one create-before-destroy.
        name: `${prefix}-${app.ingress.subdomain}-${targetTls ? 'tls' : 'tg'}`,
        vpcId,
        port: targetTls?.port ?? app.port,
        ...(targetTls ? { protocol: 'HTTPS' as const } : {}),
        healthCheckPath: app.ingress.targetHealthPath,
        healthCheckIntervalSeconds: 30,
        healthCheckTimeoutSeconds: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
        matcher: app.ingress.matcher,
        deregistrationDelaySeconds: 30,
      });
    }
    this.targetGroups = targetGroups;
    new HttpsRedirectListener(this, 'http', { loadBalancerArn: this.alb.arn });
    this.httpsListener = new RoutedListener(this, 'https', {
      loadBalancerArn: this.alb.arn,
      protocol: 'HTTPS',
      port: 443,
      certificateArn: network.string('certificate_arn'),
      sslPolicy: TLS13_SSL_POLICY,
      routes: APPS.filter(isAlbApp).map((app) => ({ priority: app.ingress.priority, hostHeaders: [`${app.ingress.subdomain}.${domain}`], action: { forwardTo: targetGroups[app.name].arn } })),
    });

    // --- Roles and services ----------------------------------------------------------------------
    const roles: Record<string, AppRoles> = {};
    const services: Record<string, FargateService> = {};
    for (const app of APPS) {
      const svc = configOf(app);
      const appRoleSet = appRoles(this, { app, prefix, accountId, region, logGroupName: APP_LOG_GROUP, logStreamPrefix: APP_LOG_STREAM_PREFIX, data, ai });
      roles[app.name] = appRoleSet;
      const targetGroup = targetGroups[app.name];
      if (targetGroup && targetTls) {
        // The ECS agent pulls the proxy image too (its repository only).
        new IamRolePolicy(this, `${app.name}-execution-tls-proxy-pull`, {
          name: 'tls-proxy-pull',
          role: appRoleSet.execution.name,
          policy: policyJson({
            Statement: [{ Sid: 'TlsProxyPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: targetTls.repositoryArn }],
          }),
        });
      }
      services[app.name] = new FargateService(this, `${app.name}-service`, {
        serviceName: `${prefix}-${app.name}`,
        clusterArn: this.cluster.arn,
        region,
        cpu: svc.cpu,
        memory: svc.memory,
        desiredCount: svc.desiredTasks,
        executionRoleArn: appRoleSet.execution.arn,
        taskRoleArn: appRoleSet.task.arn,
        createLogGroup: false,
        logGroupName: this.appLogGroup.name,
        logStreamPrefix: APP_LOG_STREAM_PREFIX,
        subnetIds: privateSubnets,
        securityGroupIds: [securityGroup(app.securityGroup)],
        targetGroupArn: targetGroup?.arn,
        serviceRegistryArn: this.namespace.serviceArns[app.name],
        registerContainerPort: this.namespace.recordTypes[app.name].includes('SRV'),
        capacity,
        healthCheckGracePeriodSeconds: 60,
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        tracingSidecar: 'adot',
        ...(targetGroup && targetTls ? { tlsProxy: { image: targetTls.image, port: targetTls.port } } : {}),
        dependsOn: targetGroup ? [this.httpsListener.listener, ...this.httpsListener.rules, this.cluster.capacityProviders] : [this.cluster.capacityProviders],
        container: {
          name: app.containerName,
          image: `${data.string(`ecr_${underscored(app.name)}_repository_url`)}:${svc.imageTag ?? 'bootstrap'}`,
          port: app.port,
          environment: this.environmentOf(app, data, ai),
          secrets: appRoleSet.secrets,
          readonlyRootFilesystem: true,
          writablePaths: ['/tmp'],
          healthCheck: containerHealthCheck(app),
        },
      });
      new ServiceAutoScaling(this, `${app.name}-scaling`, {
        clusterName: this.cluster.name,
        serviceName: services[app.name].name,
        minTasks: svc.minTasks,
        maxTasks: svc.maxTasks,
        cpuTarget: 70,
        memoryTarget: 70,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
        offHours: compute.offHours,
      });
    }
    this.roles = roles;
    this.services = services;

    // --- HTTP APIs: one per site, so each CloudFront keeps the seed's /api/* path -----------------
    const httpApis: Record<string, HttpApi> = {};
    for (const site of SITES) {
      httpApis[site.name] = new HttpApi(this, `${site.name}-http-api`, {
        name: `${prefix}-${site.name}-api`,
        description: `${site.name}.${domain} /api/* (CloudFront) -> ${site.api} over the VPC link (Cloud Map ${site.api}.${CLOUD_MAP_NAMESPACE})`,
        vpcLinkSubnetIds: privateSubnets,
        vpcLinkSecurityGroupIds: [securityGroup('api-vpc-link')],
        integrations: { [site.api]: { cloudMapServiceArn: this.namespace.serviceArns[site.api] } },
        routes: { [API_ROUTE]: { integration: site.api } },
        jwtAuthorizer: { region, userPoolId: data.string('cognito_user_pool_id'), clientIds: [data.string(`cognito_${underscored(site.name)}_client_id`)] },
        throttle,
        logRetentionDays,
        logsKmsKeyArn: logsKey,
      });
    }
    this.httpApis = httpApis;

    // --- Alarms: ECS CPU/memory above 85 % (warning) and failed tasks (critical) ------------------
    // The ALB, API, WAF, sign-in, guardrail and database alarms live in the edge layer.
    new ServiceAlarms(this, 'alarms', {
      namePrefix: prefix,
      loadBalancers: [],
      clusterName: this.cluster.name,
      serviceNames: APPS.map((app) => services[app.name].name),
      criticalTopicArn: network.string('critical_alerts_topic_arn'),
      warningTopicArn: network.string('warning_alerts_topic_arn'),
      cpuWarningPercent: 85,
      memoryWarningPercent: 85,
    });
    new EcsTaskFailureAlarm(this, 'failed-tasks', {
      alarmName: `${prefix}-ecs-failed-tasks`,
      topicArns: [network.string('critical_alerts_topic_arn')],
      clusterArn: this.cluster.arn,
      serviceNames: APPS.map((app) => `${prefix}-${app.name}`),
    });

    publishComputeOutputs(this);
  }

  /**
   * The seed's AWS_DEFAULT_REGION, the Cloud Map URL of each app it calls, its service name for
   * traces, its media bucket and the guardrail it applies to model calls.
   */
  private environmentOf(app: ContainerApp, data: RemoteLayer, ai: RemoteLayer): Record<string, string> {
    const env: Record<string, string> = { AWS_DEFAULT_REGION: this.config.region, OTEL_SERVICE_NAME: app.name };
    for (const callee of app.calls) {
      const target = APPS.find((a) => a.name === callee);
      if (!target) throw new Error(`${this.node.id}: ${app.name} calls ${callee}, which is not an app of apps.ts`);
      env[`${underscored(callee).toUpperCase()}_URL`] = `http://${this.namespace.fqdn(callee)}:${target.port}`;
    }
    if (app.mediaBucket) env.MEDIA_BUCKET = data.string(`${underscored(app.mediaBucket)}_bucket_name`);
    if (app.capabilities.includes('bedrock-text')) {
      env.GUARDRAIL_ID = ai.string('guardrail_id');
      env.GUARDRAIL_VERSION = ai.string('guardrail_version');
    }
    return env;
  }
}
