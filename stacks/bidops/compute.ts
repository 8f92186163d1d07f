import { Fn } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { EcsTaskRole } from '../../src/constructs/compute/ecs-task-role';
import { FargateCluster } from '../../src/constructs/compute/fargate-cluster';
import { FargateService } from '../../src/constructs/compute/fargate-service';
import { GITHUB_OIDC_HOST, GithubDeployRole } from '../../src/constructs/compute/github-deploy-role';
import { ServiceAutoScaling } from '../../src/constructs/compute/service-autoscaling';
import { ApplicationLoadBalancer } from '../../src/constructs/loadbalancing/application-load-balancer';
import { HttpsRedirectListener } from '../../src/constructs/loadbalancing/https-redirect-listener';
import { RoutedListener, TLS13_SSL_POLICY } from '../../src/constructs/loadbalancing/routed-listener';
import { ServiceTargetGroup } from '../../src/constructs/loadbalancing/service-target-group';
import { ServiceAlarms } from '../../src/constructs/observability/service-alarms';
import { TracingSamplingRule } from '../../src/constructs/observability/tracing-sampling-rule';
import { PolicyStatement } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { suppressRule } from '../../src/policy/suppressions';
import { sampleArn } from '../../src/core/samples';
import { ServiceConfig, targetTlsImage } from '../../src/config/layers/compute';

/** The seed's two services: ports and health check paths ("Load Balancer Configuration"). */
export const FRONTEND = { name: 'frontend', port: 3000, healthCheckPath: '/api/health' } as const;
export const BACKEND = { name: 'backend', port: 4000, healthCheckPath: '/health' } as const;

/** X-Ray write permissions; X-Ray supports no resource-level permissions for them. */
const XRAY_WRITE: PolicyStatement = {
  Sid: 'XRayWrite',
  Effect: 'Allow',
  Action: ['xray:GetSamplingRules', 'xray:GetSamplingStatisticSummaries', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  Resource: '*',
};

/**
 * BidOps compute layer: the ECS Fargate cluster, the Next.js frontend and GraphQL backend services with their
 * roles, log groups, X-Ray sidecars and autoscaling, the internet-facing ALB (HTTPS, redirect) and the
 * internal ALB (backend), the compute alarms, an X-Ray sampling rule and the GitHub Actions deploy role.
 */
export class BidopsComputeStack extends LayerStack {
  readonly cluster: FargateCluster;
  readonly frontend: FargateService;
  readonly backend: FargateService;
  readonly externalAlb: ApplicationLoadBalancer;
  readonly internalAlb: ApplicationLoadBalancer;
  /** The internal ALB's listener: HTTPS with compute.internalLoadBalancerTls, else HTTP (LB-01 suppressed with a reason). */
  readonly internalListener: RoutedListener;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'compute', context);
    const { config } = this;
    const compute = this.section('compute');
    const github = compute.github!; // required by stacks/bidops/validate.ts
    // Validation (stacks/bidops/validate.ts) requires both services.
    const services: Record<string, ServiceConfig | undefined> = compute.services ?? {};
    const frontendConfig = services[FRONTEND.name]!;
    const backendConfig = services[BACKEND.name]!;
    const network = this.upstream('network');
    const data = this.upstream('data');
    const ai = this.upstream('ai');
    const { accountId, region } = config;
    const domain = this.section('edge').domainName;
    const prefix = this.prefix;
    const logRetentionDays = compute.logRetentionDays ?? 30;
    const capacity = compute.capacity ?? { onDemandBase: 0, onDemandWeight: 1, spotWeight: 1 };
    const logsKey = network.string('logs_kms_key_arn');
    const privateSubnets = network.list('private_app_subnet_ids');
    const criticalTopic = network.string('critical_alerts_topic_arn');
    const warningTopic = network.string('warning_alerts_topic_arn');
    const logsBucket = data.string('logs_bucket_name');
    const vpcId = network.string('vpc_id');

    // --- Cluster --------------------------------------------------------------------------------
    this.cluster = new FargateCluster(this, 'cluster', { clusterName: prefix, capacity });

    // --- Load balancers and target groups -------------------------------------------------------
    this.externalAlb = new ApplicationLoadBalancer(this, 'external-alb', {
      name: `${prefix}-ext-alb`,
      internal: false,
      subnetIds: network.list('public_subnet_ids'),
      securityGroupIds: [network.string('external_alb_security_group_id')],
      accessLogs: { bucket: logsBucket, prefix: 'external-alb' },
      deletionProtection: config.protectStatefulResources,
    });
    this.internalAlb = new ApplicationLoadBalancer(this, 'internal-alb', {
      name: `${prefix}-int-alb`,
      internal: true,
      subnetIds: privateSubnets,
      securityGroupIds: [network.string('internal_alb_security_group_id')],
      accessLogs: { bucket: logsBucket, prefix: 'internal-alb' },
      deletionProtection: config.protectStatefulResources,
    });
    // compute.targetTls: both ALBs reach the tasks over HTTPS through the tls-proxy sidecar (LB-07);
    // dev keeps the seed's HTTP to the application ports.
    const targetTls = compute.targetTls && targetTlsImage(compute.targetTls, accountId, region);
    const targetGroup = (id: string, svc: { name: string; port: number; healthCheckPath: string }) =>
      new ServiceTargetGroup(this, id, {
        // A new name with TLS: the HTTPS group replaces the HTTP one create-before-destroy.
        name: `${prefix}-${svc.name}-${targetTls ? 'tls' : 'tg'}`,
        vpcId,
        port: targetTls?.port ?? svc.port,
        healthCheckPath: svc.healthCheckPath,
        ...(targetTls ? { protocol: 'HTTPS' as const } : {}),
      });
    const frontendTg = targetGroup('frontend-tg', FRONTEND);
    const backendTg = targetGroup('backend-tg', BACKEND);

    new HttpsRedirectListener(this, 'external-http', { loadBalancerArn: this.externalAlb.arn });
    const healthy = { fixedResponse: { statusCode: '200', body: 'OK' } } as const;
    const https = new RoutedListener(this, 'external-https', {
      loadBalancerArn: this.externalAlb.arn,
      protocol: 'HTTPS',
      port: 443,
      certificateArn: network.string('certificate_arn'),
      sslPolicy: TLS13_SSL_POLICY,
      routes: [
        { priority: 100, hostHeaders: [`app.${domain}`], action: { forwardTo: frontendTg.arn } },
        // api.<domain> reaches the BFF, which proxies /graphql to the internal ALB (the backend is never public).
        { priority: 110, hostHeaders: [`api.${domain}`], action: { forwardTo: frontendTg.arn } },
        { priority: 200, pathPatterns: ['/health'], action: healthy },
      ],
    });
    // The internal ALB admits only the frontend SG. Staging and prod serve it over HTTPS under a name
    // of the zone (the *.<domain> certificate covers it); dev keeps the seed's HTTP (recorded deviation).
    const internalTls = compute.internalLoadBalancerTls ?? false;
    const internalName = `internal-api.${domain}`;
    const internalRoutes = [
      { priority: 100, pathPatterns: ['/graphql', '/graphql/*'], action: { forwardTo: backendTg.arn } },
      { priority: 200, pathPatterns: ['/health'], action: healthy },
    ];
    const internalListener = internalTls
      ? new RoutedListener(this, 'internal-https', {
          loadBalancerArn: this.internalAlb.arn,
          protocol: 'HTTPS',
          port: 443,
          certificateArn: network.string('certificate_arn'),
          sslPolicy: TLS13_SSL_POLICY,
          routes: internalRoutes,
        })
      : new RoutedListener(this, 'internal-http', { loadBalancerArn: this.internalAlb.arn, protocol: 'HTTP', port: 80, routes: internalRoutes });
    this.internalListener = internalListener;
    if (internalTls) {
      // A public record of the internal ALB: it resolves to private addresses only the VPC can reach.
      new Route53Record(this, 'internal-api-record', {
        zoneId: network.string('hosted_zone_id'),
        name: internalName,
        type: 'A',
        alias: { name: this.internalAlb.dnsName, zoneId: this.internalAlb.zoneId, evaluateTargetHealth: true },
      });
    } else {
      suppressRule(
        internalListener.listener,
        'LB-01',
        'dev keeps the seed\'s port 80 inside the VPC (compute.internalLoadBalancerTls turns on HTTPS with the zone\'s certificate, as staging and prod do); only the frontend security group can reach this ALB and the backend SG admits only the ALB',
      );
    }
    const backendUrl = internalTls ? `https://${internalName}/graphql` : `http://${this.internalAlb.dnsName}/graphql`;

    // --- Roles: one execution role and one task role per service --------------------------------
    const logGroupName = (service: string) => `/aws/ecs/${prefix}-${service}`;
    const logGroupArn = (service: string) => `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName(service)}`;
    const dataKey = data.string('data_kms_key_arn');
    const dbSecret = data.string('aurora_master_user_secret_arn');
    const jwtSecret = data.string('jwt_secret_arn');
    const externalApisSecret = data.string('external_apis_secret_arn');

    const executionStatements = (service: string, repositoryArn: string, secretArns: string[]): PolicyStatement[] => [
      { Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: targetTls ? [repositoryArn, targetTls.repositoryArn] : repositoryArn },
      { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn(service)}:log-stream:*` },
      ...(secretArns.length
        ? [
            { Sid: 'InjectSecrets', Effect: 'Allow' as const, Action: 'secretsmanager:GetSecretValue', Resource: secretArns },
            {
              Sid: 'DecryptSecrets',
              Effect: 'Allow' as const,
              Action: 'kms:Decrypt',
              Resource: dataKey,
              Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
            },
          ]
        : []),
    ];
    const frontendExecution = new EcsTaskRole(this, 'frontend-execution-role', {
      roleName: `${prefix}-frontend-execution`,
      description: `${prefix} frontend: ECS agent (image pull, logs)`,
      accountId,
      region,
      statements: executionStatements(FRONTEND.name, data.string('ecr_frontend_repository_arn'), []),
    });
    const backendExecution = new EcsTaskRole(this, 'backend-execution-role', {
      roleName: `${prefix}-backend-execution`,
      description: `${prefix} backend: ECS agent (image pull, logs, secrets injection)`,
      accountId,
      region,
      statements: executionStatements(BACKEND.name, data.string('ecr_backend_repository_arn'), [dbSecret, jwtSecret, externalApisSecret]),
    });

    const runtimeArn = ai.string('agentcore_runtime_arn');
    const frontendTask = new EcsTaskRole(this, 'frontend-task-role', {
      roleName: `${prefix}-frontend-task`,
      description: `${prefix} frontend application: invoke the AgentCore runtime, write traces`,
      accountId,
      region,
      statements: [
        { Sid: 'InvokeAgentCoreRuntime', Effect: 'Allow', Action: ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeAgentRuntimeForUser'], Resource: [runtimeArn, `${runtimeArn}/*`] },
        XRAY_WRITE,
      ],
    });

    // Validation requires at least one model: the backend task role scopes bedrock:InvokeModel to them.
    const models = this.section('ai').modelIds.map((id) => `arn:aws:bedrock:${region}::foundation-model/${id}`);
    const documentsArn = data.string('documents_bucket_arn');
    // The data layer's path ends with '/', so `<path>*` covers the path itself (GetParametersByPath) and its parameters.
    const ssmPath = data.string('ssm_parameter_path');
    const backendTask = new EcsTaskRole(this, 'backend-task-role', {
      roleName: `${prefix}-backend-task`,
      description: `${prefix} backend application: the seed's backend task policy scoped to this environment`,
      accountId,
      region,
      statements: [
        { Sid: 'InvokeModels', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: models },
        // ListFoundationModels supports no resource-level permissions.
        { Sid: 'ListModels', Effect: 'Allow', Action: 'bedrock:ListFoundationModels', Resource: '*' },
        { Sid: 'KnowledgeBase', Effect: 'Allow', Action: ['bedrock:GetKnowledgeBase', 'bedrock:Retrieve', 'bedrock:RetrieveAndGenerate'], Resource: ai.string('knowledge_base_arn') },
        { Sid: 'Guardrail', Effect: 'Allow', Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'], Resource: ai.string('guardrail_arn') },
        {
          Sid: 'DataAutomation',
          Effect: 'Allow',
          Action: ['bedrock:InvokeDataAutomationAsync', 'bedrock:GetDataAutomationStatus'],
          Resource: [
            ai.string('bda_project_arn'),
            `arn:aws:bedrock:${region}:${accountId}:data-automation-profile/*`,
            `arn:aws:bedrock:${region}:${accountId}:data-automation-invocation/*`,
          ],
        },
        { Sid: 'Documents', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: `${documentsArn}/*` },
        {
          Sid: 'DocumentsKey',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: dataKey,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        },
        { Sid: 'Secrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [dbSecret, jwtSecret, externalApisSecret] },
        {
          Sid: 'SecretsKey',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: dataKey,
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
        },
        {
          Sid: 'Parameters',
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          Resource: `arn:aws:ssm:${region}:${accountId}:parameter${ssmPath}*`,
        },
        {
          Sid: 'OpenSearch',
          Effect: 'Allow',
          Action: ['es:ESHttpDelete', 'es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut'],
          Resource: `${data.string('opensearch_domain_arn')}/*`,
        },
        XRAY_WRITE,
      ],
    });

    // --- Services --------------------------------------------------------------------------------
    const image = (repositoryUrl: string, svc: ServiceConfig) => `${repositoryUrl}:${svc.imageTag ?? 'bootstrap'}`;
    const common = {
      clusterArn: this.cluster.arn,
      region,
      logRetentionDays,
      logsKmsKeyArn: logsKey,
      subnetIds: privateSubnets,
      capacity,
      healthCheckGracePeriodSeconds: 60,
      minimumHealthyPercent: 50,
      maximumPercent: 200,
      ...(targetTls ? { tlsProxy: { image: targetTls.image, port: targetTls.port } } : {}),
    };
    const userPoolId = data.string('cognito_user_pool_id');
    const userPoolClientId = data.string('cognito_user_pool_client_id');
    this.backend = new FargateService(this, 'backend-service', {
      ...common,
      serviceName: `${prefix}-${BACKEND.name}`,
      cpu: backendConfig.cpu,
      memory: backendConfig.memory,
      desiredCount: backendConfig.desiredTasks,
      executionRoleArn: backendExecution.arn,
      taskRoleArn: backendTask.arn,
      logGroupName: logGroupName(BACKEND.name),
      securityGroupIds: [network.string('backend_security_group_id')],
      targetGroupArn: backendTg.arn,
      dependsOn: [internalListener.listener, ...internalListener.rules, this.cluster.capacityProviders],
      container: {
        name: BACKEND.name,
        image: image(data.string('ecr_backend_repository_url'), backendConfig),
        port: BACKEND.port,
        environment: {
          NODE_ENV: 'production',
          PORT: String(BACKEND.port),
          SERVICE_NAME: `${prefix}-${BACKEND.name}`,
          AWS_REGION: region,
          AURORA_ENDPOINT: data.string('aurora_cluster_endpoint'),
          DB_PORT: Fn.tostring(data.number('aurora_port')),
          DB_NAME: data.string('aurora_database_name'),
          OPENSEARCH_ENDPOINT: data.string('opensearch_domain_endpoint'),
          DOCUMENTS_BUCKET: data.string('documents_bucket_name'),
          COGNITO_USER_POOL_ID: userPoolId,
          COGNITO_CLIENT_ID: userPoolClientId,
          KNOWLEDGE_BASE_ID: ai.string('knowledge_base_id'),
          GUARDRAIL_ID: ai.string('guardrail_id'),
          GUARDRAIL_VERSION: ai.string('guardrail_version'),
          BDA_PROJECT_ARN: ai.string('bda_project_arn'),
          SSM_PARAMETER_PATH: data.string('ssm_parameter_path'),
        },
        secrets: {
          DB_USERNAME: `${dbSecret}:username::`,
          DB_PASSWORD: `${dbSecret}:password::`,
          JWT_SECRET: jwtSecret,
          EXTERNAL_API_KEYS: externalApisSecret,
        },
        writablePaths: ['/tmp'],
      },
    });
    this.frontend = new FargateService(this, 'frontend-service', {
      ...common,
      serviceName: `${prefix}-${FRONTEND.name}`,
      cpu: frontendConfig.cpu,
      memory: frontendConfig.memory,
      desiredCount: frontendConfig.desiredTasks,
      executionRoleArn: frontendExecution.arn,
      taskRoleArn: frontendTask.arn,
      logGroupName: logGroupName(FRONTEND.name),
      securityGroupIds: [network.string('frontend_security_group_id')],
      targetGroupArn: frontendTg.arn,
      dependsOn: [https.listener, ...https.rules, this.cluster.capacityProviders],
      container: {
        name: FRONTEND.name,
        image: image(data.string('ecr_frontend_repository_url'), frontendConfig),
        port: FRONTEND.port,
        environment: {
          NODE_ENV: 'production',
          PORT: String(FRONTEND.port),
          HOSTNAME: '0.0.0.0',
          SERVICE_NAME: `${prefix}-${FRONTEND.name}`,
          NEXT_PUBLIC_API_URL: `https://api.${domain}/graphql`,
          NEXT_PUBLIC_COGNITO_USER_POOL_ID: userPoolId,
          NEXT_PUBLIC_COGNITO_CLIENT_ID: userPoolClientId,
          NEXT_PUBLIC_REGION: region,
          BACKEND_GRAPHQL_URL: backendUrl,
          AGENTCORE_RUNTIME_ARN: runtimeArn,
          AGENTCORE_ENDPOINT: `https://bedrock-agentcore.${region}.amazonaws.com`,
        },
        // Next.js writes its image/fetch cache under .next/cache.
        writablePaths: ['/tmp', '/app/.next/cache'],
      },
    });

    // --- Autoscaling -----------------------------------------------------------------------------
    const scale = (id: string, service: FargateService, svc: ServiceConfig, albSuffix: string, tgSuffix: string) =>
      new ServiceAutoScaling(this, id, {
        clusterName: this.cluster.name,
        serviceName: service.name,
        minTasks: svc.minTasks,
        maxTasks: svc.maxTasks,
        cpuTarget: 70,
        memoryTarget: 80,
        scaleOutCooldownSeconds: 300,
        scaleInCooldownSeconds: 600,
        burstCpuThreshold: 90,
        burstTasks: 2,
        requestCount: { resourceLabel: `${albSuffix}/${tgSuffix}`, requestsPerTarget: svc.requestsPerTarget ?? 1000 },
        burstAlarmNotify: [criticalTopic],
        offHours: compute.offHours,
      });
    scale('frontend-scaling', this.frontend, frontendConfig, this.externalAlb.arnSuffix, frontendTg.arnSuffix);
    scale('backend-scaling', this.backend, backendConfig, this.internalAlb.arnSuffix, backendTg.arnSuffix);

    // --- Observability ---------------------------------------------------------------------------
    new ServiceAlarms(this, 'alarms', {
      namePrefix: prefix,
      loadBalancers: [
        { label: 'external-alb', arnSuffix: this.externalAlb.arnSuffix, targetGroupArnSuffixes: [frontendTg.arnSuffix] },
        { label: 'internal-alb', arnSuffix: this.internalAlb.arnSuffix, targetGroupArnSuffixes: [backendTg.arnSuffix] },
      ],
      clusterName: this.cluster.name,
      serviceNames: [this.frontend.name, this.backend.name],
      criticalTopicArn: criticalTopic,
      warningTopicArn: warningTopic,
    });
    new TracingSamplingRule(this, 'xray-sampling', { ruleName: prefix, serviceName: `${prefix}-*` });

    // --- CI/CD identity --------------------------------------------------------------------------
    const deploy = new GithubDeployRole(this, 'github-deploy', {
      roleName: `${prefix}-github-deploy`,
      accountId,
      region,
      repository: github.repository,
      branch: github.branch,
      // The account has one GitHub OIDC provider (an account singleton): created here only by its owner.
      oidcProviderArn: github.oidcProviderArn ?? (this.baseline.owns('github-oidc-provider') ? undefined : `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`),
      ecrRepositoryArns: [data.string('ecr_frontend_repository_arn'), data.string('ecr_backend_repository_arn')],
      clusterName: prefix,
      serviceNames: [`${prefix}-${FRONTEND.name}`, `${prefix}-${BACKEND.name}`],
      passRoleArns: [frontendExecution.arn, frontendTask.arn, backendExecution.arn, backendTask.arn],
    });

    this.publishOutputs({ frontendTg, backendTg, deploy });
  }

  private publishOutputs(parts: { frontendTg: ServiceTargetGroup; backendTg: ServiceTargetGroup; deploy: GithubDeployRole }): void {
    const { accountId, region } = this.config;
    const prefix = this.prefix;
    const tg = this.section('compute').targetTls ? 'tls' : 'tg';
    const lbSample = (name: string) => `app/${name}/50dc6c495c0c9188`;
    const tgSample = (name: string) => `targetgroup/${name}/6d0ecf831eec9f09`;
    const arn = (service: string, resource: string) => sampleArn({ service, region, account: accountId, resource });
    this.publish('ecs_cluster_name', this.cluster.name, { description: 'Name of the ECS cluster', sample: prefix });
    this.publish('ecs_cluster_arn', this.cluster.arn, { description: 'ARN of the ECS cluster', sample: arn('ecs', `cluster/${prefix}`) });
    this.publish('external_alb_arn', this.externalAlb.arn, { description: 'ARN of the internet-facing ALB (WAF association, Shield)', sample: arn('elasticloadbalancing', `loadbalancer/${lbSample(`${prefix}-ext-alb`)}`) });
    this.publish('external_alb_arn_suffix', this.externalAlb.arnSuffix, { description: 'ARN suffix of the internet-facing ALB (CloudWatch LoadBalancer dimension)', sample: lbSample(`${prefix}-ext-alb`) });
    this.publish('external_alb_dns_name', this.externalAlb.dnsName, { description: 'DNS name of the internet-facing ALB (alias target)', sample: `${prefix}-ext-alb-1234567890.${region}.elb.amazonaws.com` });
    this.publish('external_alb_zone_id', this.externalAlb.zoneId, { description: 'Route 53 zone ID of the internet-facing ALB (alias records)', sample: 'Z35SXDOTRQ7X7K' });
    this.publish('internal_alb_arn', this.internalAlb.arn, { description: 'ARN of the internal ALB in front of the backend', sample: arn('elasticloadbalancing', `loadbalancer/${lbSample(`${prefix}-int-alb`)}`) });
    this.publish('internal_alb_dns_name', this.internalAlb.dnsName, { description: 'DNS name of the internal ALB (the frontend reaches the backend here)', sample: `internal-${prefix}-int-alb-1234567890.${region}.elb.amazonaws.com` });
    this.publish('frontend_service_name', this.frontend.name, { description: 'Name of the frontend ECS service', sample: `${prefix}-frontend` });
    this.publish('backend_service_name', this.backend.name, { description: 'Name of the backend ECS service', sample: `${prefix}-backend` });
    this.publish('frontend_target_group_arn_suffix', parts.frontendTg.arnSuffix, { description: 'ARN suffix of the frontend target group (CloudWatch TargetGroup dimension)', sample: tgSample(`${prefix}-frontend-${tg}`) });
    this.publish('backend_target_group_arn_suffix', parts.backendTg.arnSuffix, { description: 'ARN suffix of the backend target group (CloudWatch TargetGroup dimension)', sample: tgSample(`${prefix}-backend-${tg}`) });
    this.publish('github_deploy_role_arn', parts.deploy.arn, { description: 'IAM role GitHub Actions assumes (OIDC) to push images and deploy the services', sample: `arn:aws:iam::${accountId}:role/${prefix}-github-deploy` });
  }
}
