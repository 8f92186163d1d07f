import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Fn, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { securityGroupOutputName } from '../../src/components/network-foundation';
import { PARTNER_FUNCTIONS, PARTNER_FUNCTION_NAMES, PartnerFunctionName } from '../../src/config/systems/partner-mgmt/functions';
import { ApiGatewayAccount } from '../../src/constructs/api/api-gateway-account';
import { RestApi } from '../../src/constructs/api/rest-api';
import { LambdaFunction } from '../../src/constructs/compute/lambda-function';
import { LambdaLayer } from '../../src/constructs/compute/lambda-layer';
import { RegionalWebAcl } from '../../src/constructs/edge/regional-web-acl';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { denyInsecureTransport, policyJson, serviceTrustPolicy } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { sampleArn, sampleToken } from '../../src/core/samples';
import { outputName } from './data';
import { FunctionEnvironment, functionAccess } from './function-access';
import { ANALYSIS_REQUEST_SCHEMA, PARTNER_METRICS_NAMESPACE, agentParameterPath, modelArns } from './shared';

/** One region's copy of the compute layer: the primary, or the warm standby in the DR region. */
interface Placement {
  readonly region: string;
  readonly provider?: TerraformProvider;
  /** '' for the primary; 'dr' for the standby (construct IDs `dr-...`, outputs `dr_...`). */
  readonly label: string;
  /** Network outputs of this region's VPC (`dr_` prefixed for the standby). */
  readonly networkPrefix: string;
  readonly dataKeyArn: string;
  readonly logsKeyArn: string;
}

/** What one region's copy built. */
interface RegionalUnit {
  readonly functions: Readonly<Record<PartnerFunctionName, LambdaFunction>>;
  readonly api: RestApi;
}

/**
 * Partner management compute layer: the seven functions (own roles, log groups, X-Ray, arm64,
 * Node.js 22, `live` aliases, DLQs, reserved and provisioned concurrency) on the shared-utilities
 * layer, CodeDeploy canary releases with alarm rollback, the REST API with the asynchronous
 * analysis pattern (accept, 202 + job id, poll), its regional WAF, the analysis event bus with its
 * rules and DLQs, and the stream processor on the tables' streams. In prod the same functions and
 * API run as a warm standby in the DR region.
 */
export class PartnerComputeStack extends LayerStack {
  readonly primary: RegionalUnit;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'compute', context);
    const compute = this.section('compute');
    const network = this.upstream('network');
    const data = this.upstream('data');
    const { region } = this.config;

    this.primary = this.regionalUnit({ region, label: '', networkPrefix: '', dataKeyArn: data.string('data_kms_key_arn'), logsKeyArn: network.string('logs_kms_key_arn') }, network, data);
    if (compute.standbyInSecondaryRegion) {
      this.regionalUnit(
        { region: this.config.secondaryRegion!, provider: this.secondaryProvider, label: 'dr', networkPrefix: 'dr_', dataKeyArn: data.string('dr_data_kms_key_arn'), logsKeyArn: network.string('dr_logs_kms_key_arn') },
        network,
        data,
      );
    }
  }

  private regionalUnit(at: Placement, network: RemoteLayer, data: RemoteLayer): RegionalUnit {
    const { config } = this;
    const compute = this.section('compute');
    const dataConfig = this.section('data');
    const ai = this.section('ai');
    const primary = at.label === '';
    const id = (name: string) => (primary ? name : `${at.label}-${name}`);
    const out = (name: string) => (primary ? name : `${at.label}_${name}`);
    const prefix = primary ? this.prefix : `${this.prefix}-${at.label}`;
    const account = config.accountId;
    const provider = at.provider;
    const retention = compute.logRetentionDays ?? 30;
    // Alarms and event rules notify the alert topics of their own region (the network layer builds
    // them in the standby's region too).
    const critical = network.string(out('critical_alerts_topic_arn'));
    const info = network.string(out('info_alerts_topic_arn'));

    // --- Event bus (customer-managed key, account-only policy, 30-day archive for replay).
    const busName = `${prefix}-analysis`;
    const busArn = `arn:aws:events:${at.region}:${account}:event-bus/${busName}`;
    const eventsKey = new EncryptionKey(this, id('events-key'), {
      alias: `${prefix}-events`,
      description: `${prefix} analysis event bus and its dead-letter queue`,
      accountId: account,
      services: [
        { servicePrincipal: 'events.amazonaws.com', conditions: { StringEquals: { 'aws:SourceAccount': account } } },
        { servicePrincipal: 'sqs.amazonaws.com', conditions: { StringEquals: { 'aws:SourceAccount': account } } },
      ],
      provider,
    });
    const bus = new CloudwatchEventBus(this, id('event-bus'), { name: busName, kmsKeyIdentifier: eventsKey.arn, provider });
    new CloudwatchEventBusPolicy(this, id('event-bus-policy'), {
      eventBusName: bus.name,
      policy: policyJson({
        Statement: [{ Sid: 'AccountPrincipalsOnly', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'events:PutEvents', Resource: busArn }],
      }),
      provider,
    });
    new CloudwatchEventArchive(this, id('event-archive'), { name: `${prefix}-analysis`, eventSourceArn: bus.arn, retentionDays: 30, description: `${prefix}: replay of analysis workflow events`, provider });
    const eventsDlq = new SqsQueue(this, id('events-dlq'), { name: `${prefix}-events-dlq`, kmsMasterKeyId: eventsKey.arn, messageRetentionSeconds: 1209600, provider });
    new SqsQueuePolicy(this, id('events-dlq-policy'), {
      queueUrl: eventsDlq.url,
      policy: policyJson({
        Statement: [
          denyInsecureTransport('sqs:*', [eventsDlq.arn]),
          { Sid: 'EventBridgeDeadLetters', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: eventsDlq.arn, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:events:${at.region}:${account}:rule/*` } } },
        ],
      }),
      provider,
    });

    // --- Functions on the shared-utilities layer.
    const layer = new LambdaLayer(this, id('shared-utilities-layer'), {
      layerName: `${prefix}-shared-utilities`,
      description: 'AWS SDK clients, date conversion and validation, retry with backoff, response formatting',
      code: 'assets/lambda/shared-utilities',
      provider,
    });
    const tableKeys = Object.keys(dataConfig.tables ?? {});
    const env: FunctionEnvironment = {
      system: config.system,
      env: config.env,
      region: at.region,
      account,
      tables: Object.fromEntries(
        tableKeys.map((key) => {
          const name = data.string(`${outputName(key)}_table_name`);
          return [key, { name, arn: `arn:aws:dynamodb:${at.region}:${account}:table/${this.prefix}-${key}`, streamArn: primary && dataConfig.tables![key].stream ? data.string(`${outputName(key)}_table_stream_arn`) : undefined }];
        }),
      ),
      ttlHours: Object.fromEntries(tableKeys.map((key) => [key, dataConfig.tables![key].ttlHours ?? 0])),
      // The standby queries the replicated lake through the DR region's workgroup and catalog.
      lakeBucket: primary ? { name: data.string('data_lake_bucket_name'), arn: data.string('data_lake_bucket_arn') } : { name: data.string('data_lake_bucket_replica_name'), arn: data.string('data_lake_bucket_replica_arn') },
      resultsBucket: primary
        ? { name: data.string('athena_results_bucket_name'), arn: data.string('athena_results_bucket_arn') }
        : { name: data.string('athena_results_bucket_replica_name'), arn: data.string('athena_results_bucket_replica_arn') },
      athenaWorkgroup: { name: data.string(out('athena_workgroup_name')), arn: data.string(out('athena_workgroup_arn')) },
      glueDatabase: data.string(out('glue_database_name')),
      // The standby reads the secret's replica in its own region (same name and suffix).
      integrationSecretArn: primary ? data.string('integration_credentials_secret_arn') : Fn.replace(data.string('integration_credentials_secret_arn'), `:${config.region}:`, `:${at.region}:`),
      dataKeyArn: at.dataKeyArn,
      eventBus: { name: bus.name, arn: bus.arn },
      modelArns: modelArns(config, at.region),
      modelIds: { standard: ai.modelIds[0], enhanced: ai.inferenceProfileIds?.[0] ?? ai.modelIds[0] },
      agentParameterPath: agentParameterPath(config.system, config.env),
      metricsNamespace: PARTNER_METRICS_NAMESPACE,
    };
    const subnets = network.list(`${at.networkPrefix}private_app_subnet_ids`);
    const functions = {} as Record<PartnerFunctionName, LambdaFunction>;
    for (const name of PARTNER_FUNCTION_NAMES) {
      const sizing = compute.functions![name]; // validation: one entry per function
      const access = functionAccess(name, env);
      functions[name] = new LambdaFunction(this, id(`fn-${name}`), {
        functionName: `${prefix}-${name}`,
        description: PARTNER_FUNCTIONS[name].description,
        accountId: account,
        region: at.region,
        kmsKeyArn: at.dataKeyArn,
        logKmsKeyArn: at.logsKeyArn,
        timeoutSeconds: sizing.timeoutSeconds,
        memorySize: sizing.memoryMb,
        environment: access.environment,
        statements: access.statements,
        logRetentionDays: retention,
        vpc: { subnetIds: subnets, securityGroupIds: [network.string(`${at.networkPrefix}${securityGroupOutputName(name)}`)] },
        layers: [layer.arn],
        // The health check ships real code (its metric drives DNS failover); the others start on the bootstrap handler.
        code: name === 'health-check' ? 'assets/lambda/health-check' : undefined,
        reservedConcurrency: sizing.reservedConcurrency,
        provisionedConcurrency: sizing.provisionedConcurrency,
        // The application's pipeline publishes versions and shifts `live` through CodeDeploy.
        ignoreCodeChanges: true,
        provider,
      });
    }

    // --- Canary releases: CodeDeploy shifts `live`, rolling back when the function's alarm fires.
    const codedeployRole = new IamRole(this, id('codedeploy-role'), {
      name: `${prefix}-codedeploy`,
      assumeRolePolicy: serviceTrustPolicy('codedeploy.amazonaws.com', account),
      provider,
    });
    new IamRolePolicyAttachment(this, id('codedeploy-role-policy'), { role: codedeployRole.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited', provider });
    const app = new CodedeployApp(this, id('codedeploy-app'), { name: `${prefix}-functions`, computePlatform: 'Lambda', provider });
    for (const name of PARTNER_FUNCTION_NAMES) {
      const fn = functions[name];
      const errors = new CloudwatchMetricAlarm(this, id(`alarm-${name}-errors`), {
        alarmName: `${prefix}-${name}-errors`,
        alarmDescription: `${prefix}-${name}:live raised errors: pages, and rolls back a deployment in progress`,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: fn.name, Resource: `${fn.name}:live` },
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 2,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [critical],
        okActions: [critical],
        provider,
      });
      new CodedeployDeploymentGroup(this, id(`deployment-group-${name}`), {
        appName: app.name,
        deploymentGroupName: name,
        serviceRoleArn: codedeployRole.arn,
        deploymentConfigName: compute.lambdaDeploymentConfig ?? 'CodeDeployDefault.LambdaAllAtOnce',
        deploymentStyle: { deploymentOption: 'WITH_TRAFFIC_CONTROL', deploymentType: 'BLUE_GREEN' },
        autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
        alarmConfiguration: { enabled: true, alarms: [errors.alarmName] },
        provider,
      });
    }

    // --- Workflow events: an analysis request runs the orchestrator asynchronously; completions
    // and failures the stream processor reports go to the info topic; a 1-minute health probe.
    const orchestrator = functions['opportunity-analysis'];
    const rule = (name: string, spec: { description: string; eventPattern?: object; scheduleExpression?: string; onDefaultBus?: boolean }) =>
      new CloudwatchEventRule(this, id(`rule-${name}`), {
        name: `${prefix}-${name}`,
        description: spec.description,
        eventBusName: spec.onDefaultBus ? undefined : bus.name,
        eventPattern: spec.eventPattern ? JSON.stringify(spec.eventPattern) : undefined,
        scheduleExpression: spec.scheduleExpression,
        provider,
      });
    const invokeFromRule = (name: string, ruleArn: string, fn: LambdaFunction) =>
      new LambdaPermission(this, id(`permission-${name}`), {
        statementId: `events-${name}`,
        action: 'lambda:InvokeFunction',
        functionName: fn.name,
        qualifier: 'live',
        principal: 'events.amazonaws.com',
        sourceArn: ruleArn,
        provider,
      });
    const deadLetters = { deadLetterConfig: { arn: eventsDlq.arn }, retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3 } };
    const requested = rule('analysis-requested', { description: 'AnalysisRequested from the API: run the analysis', eventPattern: { source: [`${config.system}.api`], 'detail-type': ['AnalysisRequested'] } });
    new CloudwatchEventTarget(this, id('target-analysis-requested'), { rule: requested.name, eventBusName: bus.name, arn: orchestrator.aliasArn, ...deadLetters, provider });
    invokeFromRule('analysis-requested', requested.arn, orchestrator);
    const notifications = rule('analysis-notifications', { description: 'AnalysisCompleted / AnalysisFailed from the stream processor: notify', eventPattern: { source: [`${config.system}.stream`], 'detail-type': ['AnalysisCompleted', 'AnalysisFailed'] } });
    new CloudwatchEventTarget(this, id('target-analysis-notifications'), { rule: notifications.name, eventBusName: bus.name, arn: info, ...deadLetters, provider });
    const probe = rule('health-probe', { description: 'Runs the health check every minute (its metric drives the Route 53 failover)', scheduleExpression: 'rate(1 minute)', onDefaultBus: true });
    new CloudwatchEventTarget(this, id('target-health-probe'), { rule: probe.name, arn: functions['health-check'].aliasArn, ...deadLetters, provider });
    invokeFromRule('health-probe', probe.arn, functions['health-check']);

    // --- The stream processor reads the tables' streams in the active region only (the standby's
    // replicas stream the same writes; processing them twice would notify twice).
    if (primary) {
      const streamDlq = new SqsQueue(this, 'stream-dlq', { name: `${prefix}-stream-dlq`, kmsMasterKeyId: at.dataKeyArn, messageRetentionSeconds: 1209600 });
      this.publish('stream_dlq_name', streamDlq.name, { description: 'Dead-letter queue of stream batches the processor could not handle', sample: `${prefix}-stream-dlq` });
      new SqsQueuePolicy(this, 'stream-dlq-policy', { queueUrl: streamDlq.url, policy: policyJson({ Statement: [denyInsecureTransport('sqs:*', [streamDlq.arn])] }) });
      for (const key of tableKeys.filter((k) => dataConfig.tables![k].stream)) {
        new LambdaEventSourceMapping(this, `stream-${key}`, {
          eventSourceArn: env.tables[key].streamArn!,
          functionName: functions['stream-processor'].aliasArn,
          startingPosition: 'LATEST',
          batchSize: 100,
          maximumBatchingWindowInSeconds: 5,
          bisectBatchOnFunctionError: true,
          maximumRetryAttempts: 3,
          maximumRecordAgeInSeconds: 3600,
          functionResponseTypes: ['ReportBatchItemFailures'],
          destinationConfig: { onFailure: { destinationArn: streamDlq.arn } },
        });
      }
    }

    // --- The REST API: keys and a usage plan (the seed's API keys and rate limiting), validated
    // requests, CORS for the dashboard, access and execution logs, X-Ray, a regional WAF.
    const apiConfig = compute.restApi!;
    const accountSettings = this.baseline.owns('api-gateway-account', at.region)
      ? new ApiGatewayAccount(this, id('api-gateway-account'), { roleName: `${prefix}-apigateway-cloudwatch`, accountId: account, provider })
      : undefined;
    const target = (fn: LambdaFunction) => ({ invokeArn: fn.invokeArn, functionName: fn.name, qualifier: 'live' });
    const api = new RestApi(this, id('api'), {
      name: `${prefix}-api`,
      description: `${prefix}: opportunity analysis API (asynchronous: POST returns a job id, GET polls it)`,
      stageName: apiConfig.stageName,
      routes: {
        'POST /analyses': { lambda: target(orchestrator), requestModel: { name: 'AnalysisRequest', schema: ANALYSIS_REQUEST_SCHEMA } },
        'GET /analyses/{jobId}': { lambda: target(orchestrator) },
        'GET /health': { lambda: target(functions['health-check']) },
      },
      cors: apiConfig.corsOrigins?.length ? { allowOrigins: apiConfig.corsOrigins } : undefined,
      apiKeys: Object.fromEntries(apiConfig.apiKeys.map((key) => [key, { description: `${prefix}: ${key}` }])),
      usagePlan: { throttle: apiConfig.throttle, quota: apiConfig.quota },
      logRetentionDays: retention,
      logsKmsKeyArn: at.logsKeyArn,
      accountSettings,
      provider,
    });
    const waf = new RegionalWebAcl(this, id('api-waf'), {
      name: `${prefix}-api-waf`,
      rules: [
        { kind: 'managed', name: 'AWSManagedRulesCommonRuleSet' },
        { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
        { kind: 'managed', name: 'AWSManagedRulesAmazonIpReputationList' },
        { kind: 'rate-limit', name: 'RateLimitPerIp', limit: apiConfig.throttle.rateLimit * 300 },
      ],
      associateWith: [api.stageArn],
      logGroupName: `aws-waf-logs-${prefix}-api`,
      logRetentionDays: retention,
      logsKmsKeyArn: at.logsKeyArn,
      provider,
    });

    // --- Outputs (the standby's carry the `dr_` prefix).
    const r = at.region;
    for (const name of PARTNER_FUNCTION_NAMES) {
      const fn = functions[name];
      const o = out(`${outputName(name)}_function`);
      const fnName = `${prefix}-${name}`;
      this.publish(`${o}_name`, fn.name, { description: `Name of the ${name} function`, sample: fnName });
      this.publish(`${o}_alias_arn`, fn.aliasArn, { description: `ARN of the ${name} function's live alias (invoke this)`, sample: `arn:aws:lambda:${r}:${account}:function:${fnName}:live` });
      this.publish(`${o}_role_name`, fn.role.name, { description: `Execution role of the ${name} function`, sample: `${fnName}-role` });
      this.publish(`${o}_dlq_name`, fn.deadLetterQueue.name, { description: `Dead-letter queue of the ${name} function's failed asynchronous events`, sample: `${fnName}-dlq` });
    }
    const apiId = sampleToken(`${this.node.id}:${at.label}:api`, 10);
    this.publish(out('api_id'), api.api.id, { description: 'ID of the REST API', sample: apiId });
    this.publish(out('api_stage_name'), apiConfig.stageName, { description: 'Stage of the REST API', sample: apiConfig.stageName });
    this.publish(out('api_domain_name'), api.domainName, { description: 'Regional execute-api host of the API (CloudFront origin, DNS failover target)', sample: `${apiId}.execute-api.${r}.amazonaws.com` });
    this.publish(out('api_invoke_url'), api.invokeUrl, { description: 'Invoke URL of the stage', sample: `https://${apiId}.execute-api.${r}.amazonaws.com/${apiConfig.stageName}` });
    this.publish(out('api_web_acl_arn'), waf.webAcl.arn, { description: 'Regional WAF web ACL on the API stage', sample: sampleArn({ service: 'wafv2', region: r, account, resource: `regional/webacl/${prefix}-api-waf/${sampleToken(`${this.node.id}:${at.label}:waf`, 36)}` }) });
    this.publish(out('event_bus_name'), bus.name, { description: 'Custom EventBridge bus of the analysis workflow', sample: busName });
    this.publish(out('event_bus_arn'), bus.arn, { description: 'ARN of the analysis event bus', sample: busArn });
    this.publish(out('events_dlq_name'), eventsDlq.name, { description: 'Dead-letter queue of the event rules', sample: `${prefix}-events-dlq` });
    if (primary) {
      // The dashboard's key: CloudFront injects it as x-api-key, so browsers never hold it.
      this.publish('dashboard_api_key_value', api.apiKeys.dashboard.value, {
        description: 'Value of the dashboard API key (sensitive: CloudFront sends it to the API as x-api-key)',
        sample: sampleToken(`${this.node.id}:dashboard-key`, 40, true),
        sensitive: true,
      });
    }
    return { functions, api };
  }
}
