import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { TerraformStack, Testing } from 'cdktf';
import { GuardrailInterventionAlarm } from '../../../src/constructs/ai/guardrail-intervention-alarm';
import { AuroraAlarms } from '../../../src/constructs/database/aurora-alarms';
import { StaticSiteDistribution } from '../../../src/constructs/edge/static-site-distribution';
import { AlertTopics } from '../../../src/constructs/governance/alerting';
import { SignInFailureAlarm } from '../../../src/constructs/identity/sign-in-failure-alarm';
import { ApiErrorRateAlarm } from '../../../src/constructs/observability/api-error-rate-alarm';
import { ApiLatencyAlarm } from '../../../src/constructs/observability/api-latency-alarm';
import { ApplicationInsights } from '../../../src/constructs/observability/application-insights';
import { EcsTaskFailureAlarm } from '../../../src/constructs/observability/ecs-task-failure-alarm';
import { ServiceAlarms } from '../../../src/constructs/observability/service-alarms';
import { WafBlockSpikeAlarm } from '../../../src/constructs/observability/waf-block-spike-alarm';
import { denyInsecureTransport, policyJson } from '../../../src/core/iam/policy-document';
import { evaluate } from '../../../src/policy/engine';
import { doc } from '../../policy/harness';
import { Json, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '111122223333';
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const SITE = `lp-prod-frontend-${ACCOUNT}`;
const MEDIA = `lp-prod-media-${ACCOUNT}`;
const LB = 'app/lp-prod-public/0123456789abcdef';
const TG = 'targetgroup/lp-prod-api/fedcba9876543210';
const HTTP_API = 'a1b2c3d4e5';

/** The seed's monitoring list on one us-east-1 stack: every alarm of the seed, Application Insights and a distribution with a media origin. */
function monitoringStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'lang-portal-prod-edge');
  new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { Project: 'lang-portal', Environment: 'prod' } }] });
  const topics = new AlertTopics(stack, 'alerts', { namePrefix: 'lp-prod', accountId: ACCOUNT, region: 'us-east-1' });
  const critical = [topics.critical.arn];
  const warning = [topics.warning.arn];

  const site = new StaticSiteDistribution(stack, 'haiku', {
    name: 'lp-prod-haiku',
    accountId: ACCOUNT,
    siteBucket: { regionalDomainName: `${SITE}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${SITE}` },
    api: { domainName: `${HTTP_API}.execute-api.us-east-1.amazonaws.com` },
    extraS3Origins: [{ name: 'media', bucket: { regionalDomainName: `${MEDIA}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${MEDIA}` }, pathPattern: '/media/*' }],
    aliases: ['haiku.example.com'],
    certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
    webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/lp-prod-cdn/0a1b2c3d-1111-2222-3333-444455556666`,
    accessLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY },
    spaRouting: 'rewrite-function',
  });
  // The media bucket's policy (normally in the storage layer) grants this distribution.
  new S3BucketPolicy(stack, 'media-policy', { bucket: MEDIA, policy: policyJson({ Statement: [denyInsecureTransport('s3:*', [`arn:aws:s3:::${MEDIA}`, `arn:aws:s3:::${MEDIA}/*`]), site.readStatements.media] }) });

  new ApplicationInsights(stack, 'insights', { name: 'lp-prod', tagFilters: { Project: 'lang-portal', Environment: 'prod' } });
  // 1. Application health
  new ApiErrorRateAlarm(stack, 'api-5xx', { alarmName: 'lp-prod-api-5xx-rate', topicArns: critical, source: { kind: 'target-group', loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG } });
  new ApiErrorRateAlarm(stack, 'http-api-5xx', { alarmName: 'lp-prod-http-api-5xx-rate', topicArns: critical, source: { kind: 'http-api', apiId: HTTP_API } });
  new ApiLatencyAlarm(stack, 'api-latency', { alarmName: 'lp-prod-api-p95-latency', topicArns: warning, source: { kind: 'target-group', loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG } });
  new ApiLatencyAlarm(stack, 'http-api-latency', { alarmName: 'lp-prod-http-api-p95-latency', topicArns: warning, source: { kind: 'http-api', apiId: HTTP_API, stage: '$default' } });
  new EcsTaskFailureAlarm(stack, 'failed-tasks', { alarmName: 'lp-prod-failed-tasks', topicArns: critical, clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/lp-prod` });
  // 2. Security
  new WafBlockSpikeAlarm(stack, 'waf-spike', { alarmName: 'lp-prod-waf-block-spike', topicArns: warning, webAclMetricName: 'lp-prod-cdn', scope: 'CLOUDFRONT' });
  new SignInFailureAlarm(stack, 'sign-in', { alarmName: 'lp-prod-sign-in-failures', topicArns: critical, userPoolId: 'us-east-1_AbCdEf123', clientId: '1example23456789abcdefghij' });
  new GuardrailInterventionAlarm(stack, 'guardrail', { alarmName: 'lp-prod-guardrail-interventions', topicArns: critical, guardrailArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/abc123def456`, guardrailVersion: '1' });
  // 3. Infrastructure: ECS CPU/memory through ServiceAlarms (no load balancer alarms), the database through AuroraAlarms.
  new ServiceAlarms(stack, 'ecs', { namePrefix: 'lp-prod', loadBalancers: [], clusterName: 'lp-prod', serviceNames: ['lp-prod-api'], criticalTopicArn: topics.critical.arn, warningTopicArn: topics.warning.arn, cpuWarningPercent: 85, memoryWarningPercent: 85 });
  new AuroraAlarms(stack, 'db', {
    clusterIdentifier: 'lp-prod-db',
    criticalTopicArn: topics.critical.arn,
    warningTopicArn: topics.warning.arn,
    maxConnections: 1802,
    localStorage: { instanceIdentifiers: ['lp-prod-db-1'], bytesPerInstance: 32 * 2 ** 30 },
  });
  return stack;
}

describe("the seed's monitoring on one stack", () => {
  test('ECS CPU and memory above 85 % come from ServiceAlarms (no load balancers given: no load balancer alarms)', () => {
    const alarms = resourcesOf(synthJson(monitoringStack()), 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    const ecs = alarms.filter((a: Json) => a.namespace === 'AWS/ECS');
    expect(ecs.map((a: Json) => [a.metric_name, a.threshold, a.dimensions])).toEqual([
      ['CPUUtilization', 85, { ClusterName: 'lp-prod', ServiceName: 'lp-prod-api' }],
      ['MemoryUtilization', 85, { ClusterName: 'lp-prod', ServiceName: 'lp-prod-api' }],
    ]);
    expect(ecs[0].alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.\S+warning\S*\.arn\}$/)]);
    // Every alarm notifies on ALARM and on OK.
    for (const alarm of alarms) expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
    expect(alarms.map((a: Json) => a.alarm_name).sort()).toEqual([
      'lp-prod-api-5xx-rate',
      'lp-prod-api-cpu-high',
      'lp-prod-api-memory-high',
      'lp-prod-api-p95-latency',
      'lp-prod-db-1-free-local-storage-low',
      'lp-prod-db-connections-high',
      'lp-prod-db-read-latency-high',
      'lp-prod-failed-tasks',
      'lp-prod-guardrail-interventions',
      'lp-prod-http-api-5xx-rate',
      'lp-prod-http-api-p95-latency',
      'lp-prod-sign-in-failures',
      'lp-prod-waf-block-spike',
    ]);
  });

  test('no policy finding at all (nothing to suppress)', () => {
    const findings = evaluate([doc(monitoringStack())]).stacks.flatMap((s) => s.findings);
    expect(findings.map((f) => `${f.ruleId} ${f.address} ${f.attribute}`)).toEqual([]);
  });

  test('terraform validates and plans it offline against the real provider', () => {
    expectOfflinePlan(synthJson(monitoringStack()));
  });
});
