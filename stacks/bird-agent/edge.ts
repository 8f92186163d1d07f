import { Construct } from 'constructs';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../src/core/samples';
import { BIRD_AGENT_FUNCTION_NAMES } from '../../src/config/systems/bird-agent/functions';
import { addAlarms } from './edge-alarms';
import { addDashboards, BIRD_AGENT_METRICS_NAMESPACE } from './edge-dashboards';
import { addApiDns, regionalApiOutputs } from './edge-dns';
import { addWebAcls } from './edge-waf';

/** The seed's two ECS services (output names use underscores). */
const SERVICES = ['conversation-manager', 'multimodal-processor'] as const;
/** The seed's three queues, by output name. */
const QUEUES = ['message_processing', 'multimodal_processing', 'high_priority'] as const;
const snake = (name: string) => name.replace(/-/g, '_');

/**
 * bird-agent edge layer (the seed's WAF, Route 53 and monitoring): the web ACL `<prefix>-waf` on
 * the REST API stage (and on the standby's stage in us-west-2 in prod) with the seed's rules and
 * the Bird.com allowlist, the API's names in Route 53 with the failover of `api.<domain>` between
 * `api-east` and `api-west` in prod, the seed's three dashboards and its six alarms to the
 * network layer's alert topics, with the database reboot of DatabaseConnectionFailure.
 */
export class BirdAgentEdgeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'edge', context);
    const { config, prefix } = this;
    const seed = this.node.id;
    const edge = this.section('edge');
    const network = this.upstream('network');
    const data = this.upstream('data');
    const compute = this.upstream('compute');
    const domain = edge.domainName;
    const standby = this.section('compute').standbyInSecondaryRegion === true && config.secondaryRegion !== undefined;
    // The regional endpoints are the compute layer's custom domains (its validation keeps them equal to these).
    const names = edge.apiFailover;
    if (!names || !this.section('compute').restApi?.customDomain) {
      throw new Error(`${seed}: edge.apiFailover and compute.restApi.customDomain are missing; the edge layer's records name the API's regional custom domains (for example api, api-east, api-west)`);
    }
    const databaseClass = config.data?.databases?.aurora?.instanceClass;
    if (!databaseClass) throw new Error(`${seed}: config.data.databases.aurora.instanceClass is missing; DiskSpaceUsage measures the local storage of that class`);

    // --- WAF on the stage(s).
    const webAcls = addWebAcls(this, {
      stageArn: compute.string('rest_api_stage_arn'),
      logsKmsKeyArn: network.string('logs_kms_key_arn'),
      dr: standby ? { stageArn: compute.string('dr_rest_api_stage_arn'), logsKmsKeyArn: network.string('dr_logs_kms_key_arn'), provider: this.secondaryProvider, region: config.secondaryRegion! } : undefined,
    });

    // --- Route 53: the regional names, the public name and its failover.
    const apiName = `${names.subdomain}.${domain}`;
    const dns = addApiDns(this, {
      hostedZoneId: network.string('hosted_zone_id'),
      apiName,
      primary: regionalApiOutputs(this, compute, network, '', `${names.primarySubdomain}.${domain}`),
      secondary: standby ? regionalApiOutputs(this, compute, network, 'dr', `${names.secondarySubdomain}.${domain}`) : undefined,
      criticalTopicArn: network.string('critical_alerts_topic_arn'),
      standbyWarningTopicArn: standby ? network.string('dr_warning_alerts_topic_arn') : undefined,
    });

    // --- The seed's alarms and dashboards (primary region).
    const services = Object.fromEntries(SERVICES.map((s) => [s, compute.string(`${snake(s)}_service_name`)]));
    const restApiName = compute.string('rest_api_name');
    const stageName = compute.string('rest_api_stage_name');
    const clusterName = compute.string('ecs_cluster_name');
    const auroraClusterIdentifier = data.string('aurora_cluster_identifier');
    const alarms = addAlarms(this, {
      criticalTopicArn: network.string('critical_alerts_topic_arn'),
      warningTopicArn: network.string('warning_alerts_topic_arn'),
      apiName: restApiName,
      stageName,
      clusterName,
      services,
      auroraClusterIdentifier,
      auroraWriterInstanceIdentifier: data.string('aurora_writer_instance_identifier'),
      auroraInstanceClass: databaseClass,
    });
    const dashboards = addDashboards(this, {
      apiName: restApiName,
      stageName,
      clusterName,
      services,
      functions: Object.fromEntries(BIRD_AGENT_FUNCTION_NAMES.map((f) => [f, compute.string(`${snake(f)}_function_name`)])),
      auroraClusterIdentifier,
      albArnSuffix: compute.string('alb_arn_suffix'),
      targetGroups: Object.fromEntries(SERVICES.map((s) => [s, compute.string(`${snake(s)}_target_group_arn_suffix`)])),
      queues: Object.fromEntries(QUEUES.map((q) => [q.replace(/_/g, '-'), compute.string(`${q}_queue_url`)])),
      stateMachineArn: compute.string('state_machine_arn'),
      analyticsStreamArn: compute.string('analytics_stream_arn'),
      configurationsTableName: data.string('configurations_table_name'),
      flowLogGroupName: network.string('flow_log_group_name'),
    });

    // --- Outputs.
    const account = config.accountId;
    const aclSample = (region: string, label: string) => sampleArn({ service: 'wafv2', region, account, resource: `regional/webacl/${prefix}-waf/${sampleUuid(`${seed}:${label}`)}` });
    this.publish('web_acl_arn', webAcls[0].acl.arn, { description: `ARN of the REGIONAL web ACL ${prefix}-waf on the REST API stage`, sample: aclSample(config.region, 'waf') });
    this.publish('web_acl_name', webAcls[0].acl.webAcl.name, { description: 'Name of the web ACL (the WebACL dimension of its AWS/WAFV2 metrics)', sample: `${prefix}-waf` });
    const wafLogGroup = webAcls[0].acl.logGroup;
    if (wafLogGroup) this.publish('waf_log_group_name', wafLogGroup.name, { description: 'Log group of the web ACL\'s request logs', sample: `aws-waf-logs-${prefix}` });
    if (webAcls[1]) this.publish('dr_web_acl_arn', webAcls[1].acl.arn, { description: `ARN of the web ACL on the standby stage in ${webAcls[1].region}`, sample: aclSample(webAcls[1].region, 'dr-waf') });
    this.publish('api_url', `https://${apiName}`, { description: `Base URL of the API (POST /api/v1/agents/process, SigV4-signed for ${apiName})${standby ? '; fails over between the regions' : ''}`, sample: `https://${apiName}` });
    this.publish('api_domain_name', apiName, { description: 'The API\'s public name', sample: apiName });
    for (const [i, check] of (dns.failover ? [dns.failover.healthChecks.primary, dns.failover.healthChecks.secondary] : []).entries()) {
      const role = i === 0 ? 'primary' : 'secondary';
      this.publish(`${role}_health_check_id`, check.id, { description: `Route 53 health check of the ${role} region (reads the alarm ${dns.healthAlarmNames[i]})`, sample: sampleUuid(`${seed}:${role}-health-check`) });
    }
    for (const [name, dashboard] of Object.entries(dashboards)) {
      this.publish(`${snake(name.replace('BirdAgent-', '')).toLowerCase()}_dashboard_name`, dashboard.dashboardName, { description: `CloudWatch dashboard ${name}`, sample: `${prefix}-${name}` });
    }
    this.publish('custom_metrics_namespace', BIRD_AGENT_METRICS_NAMESPACE, { description: 'CloudWatch namespace of the agent\'s own metrics', sample: BIRD_AGENT_METRICS_NAMESPACE });
    for (const name of ['HighErrorRate', 'HighLatency', 'DatabaseConnectionFailure'] as const) {
      this.publish(`${snake(name.replace(/([a-z])([A-Z])/g, '$1-$2')).toLowerCase()}_alarm_arn`, alarms.alarms[name].arn, {
        description: `ARN of the critical alarm ${prefix}-${name}`,
        sample: sampleArn({ service: 'cloudwatch', region: config.region, account, resource: `alarm:${prefix}-${name}` }),
      });
    }
    this.publish('database_reboot_rule_arn', alarms.databaseReboot.ruleArn, {
      description: 'EventBridge rule that reboots the Aurora writer when DatabaseConnectionFailure fires (disable it for maintenance)',
      sample: sampleArn({ service: 'events', region: config.region, account, resource: `rule/${prefix}-db-reboot` }),
    });
  }
}
