import { Construct } from 'constructs';
import { AppDnsRecords } from '../../src/constructs/edge/app-dns-records';
import { RegionalWebAcl, WebAclRuleSpec } from '../../src/constructs/edge/regional-web-acl';
import { ShieldAdvancedProtection } from '../../src/constructs/edge/shield-advanced-protection';
import { Dashboards } from '../../src/constructs/observability/dashboards';
import { EdgeAlarms } from '../../src/constructs/observability/edge-alarms';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleUuid } from '../../src/core/samples';
import { BIDOPS_METRICS_NAMESPACE } from './ai';

/** The seed's WAF rules ("AWS WAF Configuration (Detailed)"), in its priority order 1-8. */
export function bidopsWafRules(rateLimit: number, blockedCountries: readonly string[]): WebAclRuleSpec[] {
  return [
    { kind: 'managed', name: 'AWSManagedRulesCommonRuleSet' },
    { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
    { kind: 'managed', name: 'AWSManagedRulesSQLiRuleSet' },
    { kind: 'managed', name: 'AWSManagedRulesLinuxRuleSet' },
    { kind: 'rate-limit', name: 'RateLimitRule', limit: rateLimit },
    { kind: 'geo-block', name: 'GeoBlockingRule', countryCodes: blockedCountries },
    { kind: 'managed', name: 'AWSManagedRulesAmazonIpReputationList' },
    {
      kind: 'managed',
      name: 'AWSManagedRulesBotControlRuleSet',
      // Seed: "SignalNonBrowserUserAgent: COUNT" (monitor). Its "CategoryBot: ALLOW" names no Bot Control
      // rule; verified good bots already pass the category rules (docs/DEVIATIONS.md).
      overrides: { SignalNonBrowserUserAgent: 'count' },
      botControlInspectionLevel: 'COMMON',
    },
  ];
}

/**
 * BidOps edge layer: public DNS names of the application (aliases to the external ALB, www CNAME, health
 * check), the regional WAF web ACL on the external ALB with logging, optional Shield Advanced, the
 * edge alarms and the operations/business/security dashboards.
 */
export class BidopsEdgeStack extends LayerStack {
  readonly webAcl: RegionalWebAcl;
  readonly dns: AppDnsRecords;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'edge', context);
    const { config } = this;
    const edge = this.section('edge');
    const network = this.upstream('network');
    const compute = this.upstream('compute');
    const { region, accountId } = config;
    const prefix = this.prefix;
    const domain = edge.domainName;
    const logsKey = network.string('logs_kms_key_arn');
    const criticalTopic = network.string('critical_alerts_topic_arn');
    const warningTopic = network.string('warning_alerts_topic_arn');
    const albArn = compute.string('external_alb_arn');

    this.dns = new AppDnsRecords(this, 'dns', {
      hostedZoneId: network.string('hosted_zone_id'),
      domainName: domain,
      aliasTarget: { dnsName: compute.string('external_alb_dns_name'), zoneId: compute.string('external_alb_zone_id') },
      aliasNames: ['app', 'api'],
      cnameName: 'www',
      healthCheckPath: '/health',
      healthCheckIntervalSeconds: 30,
      healthCheckFailureThreshold: 3,
    });

    const webAclName = `${prefix}-web-acl`;
    this.webAcl = new RegionalWebAcl(this, 'waf', {
      name: webAclName,
      rules: bidopsWafRules(edge.wafRateLimit ?? 2000, edge.wafBlockedCountries ?? ['CN', 'RU', 'KP']),
      associateWith: [albArn],
      logGroupName: `aws-waf-logs-${prefix}`,
      logRetentionDays: edge.wafLogRetentionDays ?? 30,
      logsKmsKeyArn: logsKey,
    });

    if (edge.enableShieldAdvanced) {
      new ShieldAdvancedProtection(this, 'shield', { name: `${prefix}-external-alb`, resourceArn: albArn });
    }

    new EdgeAlarms(this, 'alarms', {
      namePrefix: prefix,
      region,
      webAclName,
      watchedRules: ['GeoBlockingRule', 'RateLimitRule'],
      warningTopicArn: warningTopic,
      criticalTopicArn: criticalTopic,
      blockedPerMinuteThreshold: 100,
      healthCheckId: this.dns.healthCheck.id,
    });

    new Dashboards(this, 'dashboards', {
      namePrefix: prefix,
      region,
      externalAlbArnSuffix: compute.string('external_alb_arn_suffix'),
      frontendTargetGroupArnSuffix: compute.string('frontend_target_group_arn_suffix'),
      backendTargetGroupArnSuffix: compute.string('backend_target_group_arn_suffix'),
      clusterName: compute.string('ecs_cluster_name'),
      serviceNames: [compute.string('frontend_service_name'), compute.string('backend_service_name')],
      webAclName,
      wafRuleMetricNames: this.webAcl.ruleMetricNames,
      healthCheckId: region === 'us-east-1' ? this.dns.healthCheck.id : undefined,
      customNamespace: BIDOPS_METRICS_NAMESPACE,
      businessNote: `Custom metrics the application publishes in namespace \`${BIDOPS_METRICS_NAMESPACE}\` (seed "Custom Metrics").`,
    });

    const aclSampleId = sampleUuid(`${this.node.id}:web-acl`);
    this.publish('web_acl_arn', this.webAcl.arn, { description: 'ARN of the regional WAF web ACL on the external ALB', sample: sampleArn({ service: 'wafv2', region, account: accountId, resource: `regional/webacl/${webAclName}/${aclSampleId}` }) });
    this.publish('web_acl_id', this.webAcl.id, { description: 'ID of the regional WAF web ACL', sample: aclSampleId });
    this.publish('app_fqdn', this.dns.appFqdn, { description: 'Public name of the application (frontend)', sample: `app.${domain}` });
    this.publish('api_fqdn', `api.${domain}`, { description: 'Public name of the GraphQL API (served through the frontend BFF)', sample: `api.${domain}` });
    this.publish('health_check_id', this.dns.healthCheck.id, { description: `Route 53 health check of https://app.${domain}/health`, sample: sampleUuid(`${this.node.id}:health-check`) });
  }
}
