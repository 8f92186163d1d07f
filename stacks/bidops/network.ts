import { Construct } from 'constructs';
import { SecurityGroupGraph } from '../../src/constructs/network/security-group-graph';
import { TieredVpc } from '../../src/constructs/network/tiered-vpc';
import { VpcEndpoints } from '../../src/constructs/network/vpc-endpoints';
import { VpcFlowLog } from '../../src/constructs/network/flow-log';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { DnsValidatedCertificate } from '../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../src/constructs/edge/public-hosted-zone';
import { AlertTopics } from '../../src/constructs/governance/alerting';
import { AuditTrail } from '../../src/constructs/governance/audit-trail';
import { CostGuardrails } from '../../src/constructs/governance/cost-guardrails';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleId, sampleIds, sampleUuid } from '../../src/core/samples';

/** Output name of a security group's ID: `frontend` -> `frontend_security_group_id`. */
export function securityGroupOutputName(group: string): string {
  return `${group.replace(/-/g, '_')}_security_group_id`;
}

/**
 * BidOps network layer: the tiered VPC, NAT, endpoints, flow logs and every security group of the system
 * (they live here so data-layer groups can admit compute-layer ones without a cycle).
 */
export class BidopsNetworkStack extends LayerStack {
  readonly vpc: TieredVpc;
  readonly securityGroups: SecurityGroupGraph;
  /** The env's `critical`/`warning` SNS topics (every layer's alarms publish here). */
  readonly alerts: AlertTopics;
  /** Public zone and validated `*.<domain>` certificate (when the config has an edge section). */
  readonly zone?: PublicHostedZone;
  readonly certificate?: DnsValidatedCertificate;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'network', context);
    const { config } = this;
    const net = this.section('network');
    const azs = net.availabilityZones;
    const seed = this.node.id;

    const logsKey = new EncryptionKey(this, 'logs-key', {
      alias: `${this.prefix}-network-logs`,
      description: `${this.prefix} CloudWatch Logs (flow logs and every later layer's log groups)`,
      accountId: config.accountId,
      services: [
        {
          servicePrincipal: `logs.${config.region}.amazonaws.com`,
          conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${config.region}:${config.accountId}:log-group:*` } },
        },
      ],
    });

    this.vpc = new TieredVpc(this, 'vpc', {
      namePrefix: this.prefix,
      cidrBlock: net.vpcCidr,
      availabilityZones: azs,
      publicSubnetCidrs: net.publicSubnetCidrs,
      privateAppSubnetCidrs: net.privateAppSubnetCidrs,
      privateDataSubnetCidrs: net.privateDataSubnetCidrs,
      enableNatGateway: net.enableNatGateway,
      singleNatGateway: net.singleNatGateway,
    });

    this.securityGroups = new SecurityGroupGraph(this, 'security-groups', {
      namePrefix: this.prefix,
      vpcId: this.vpc.vpc.id,
      groups: net.securityGroups,
    });

    const endpoints = new VpcEndpoints(this, 'endpoints', {
      namePrefix: this.prefix,
      vpcId: this.vpc.vpc.id,
      region: config.region,
      accountId: config.accountId,
      gatewayRouteTableIds: this.vpc.privateRouteTables.map((t) => t.id),
      s3BucketPatterns: [`${this.prefix}-*`],
      interfaceServices: net.interfaceEndpoints ?? [],
      interfaceSubnetIds: this.vpc.privateAppSubnets.map((s) => s.id),
      interfaceSecurityGroupId: net.endpointSecurityGroup ? this.securityGroups.id(net.endpointSecurityGroup) : '',
    });

    const flowLog = new VpcFlowLog(this, 'flow-log', {
      namePrefix: this.prefix,
      vpcId: this.vpc.vpc.id,
      accountId: config.accountId,
      region: config.region,
      logGroupName: `/aws/vpc/flowlogs/${this.prefix}`,
      retentionDays: net.flowLogRetentionDays,
      kmsKeyArn: logsKey.arn,
    });

    this.publish('vpc_id', this.vpc.vpc.id, { description: 'ID of the VPC', sample: sampleId('vpc', seed) });
    this.publish('vpc_cidr_block', this.vpc.vpc.cidrBlock, { description: 'IPv4 CIDR block of the VPC', sample: net.vpcCidr });
    this.publish('availability_zones', [...azs], { description: 'Availability zones of the subnets, in subnet order', sample: [...azs] });
    this.publish('public_subnet_ids', this.vpc.publicSubnets.map((s) => s.id), { description: 'Public subnet IDs, one per AZ (load balancers, NAT)', sample: sampleIds('subnet', `${seed}:public`, azs.length) });
    this.publish('private_app_subnet_ids', this.vpc.privateAppSubnets.map((s) => s.id), { description: 'Private application subnet IDs, one per AZ (ECS tasks, agents)', sample: sampleIds('subnet', `${seed}:app`, azs.length) });
    this.publish('private_data_subnet_ids', this.vpc.privateDataSubnets.map((s) => s.id), { description: 'Private data subnet IDs, one per AZ (databases, search); no internet route', sample: sampleIds('subnet', `${seed}:data`, azs.length) });
    this.publish('private_app_route_table_ids', this.vpc.privateAppRouteTables.map((t) => t.id), { description: 'Route table IDs of the private app subnets, one per AZ', sample: sampleIds('rtb', `${seed}:app`, azs.length) });
    this.publish('private_data_route_table_id', this.vpc.privateDataRouteTable.id, { description: 'Route table ID shared by the private data subnets', sample: sampleId('rtb', `${seed}:data`) });
    this.publish('nat_gateway_public_ips', this.vpc.natPublicIps.map((e) => e.publicIp), { description: 'Public IPs of the NAT gateways (egress allow-listing)', sample: this.vpc.natPublicIps.map((_, i) => `203.0.113.${10 + i}`) });
    this.publish('s3_gateway_endpoint_id', endpoints.s3Gateway.id, { description: 'ID of the S3 gateway endpoint', sample: sampleId('vpce', `${seed}:s3`) });
    this.publish('s3_gateway_endpoint_prefix_list_id', endpoints.s3Gateway.prefixListId, { description: 'Prefix list of the S3 gateway endpoint, for security group rules', sample: sampleId('pl', `${seed}:s3`).slice(0, 11) });
    for (const group of this.securityGroups.names) {
      this.publish(securityGroupOutputName(group), this.securityGroups.id(group), { description: `ID of the ${group} security group`, sample: sampleId('sg', `${seed}:${group}`) });
    }
    this.publish('flow_log_group_name', flowLog.logGroup.name, { description: 'CloudWatch log group of the VPC flow logs', sample: `/aws/vpc/flowlogs/${this.prefix}` });
    this.publish('logs_kms_key_arn', logsKey.arn, {
      description: 'KMS key ARN for the environment\'s CloudWatch log groups (its policy admits CloudWatch Logs for every log group of the account and region)',
      sample: sampleArn({ service: 'kms', region: config.region, account: config.accountId, resource: `key/${sampleUuid(`${seed}:logs`)}` }),
    });

    // --- Account/environment governance: alert topics, audit trail, cost guardrails ---------------
    const governance = config.governance;
    this.alerts = new AlertTopics(this, 'alerts', {
      namePrefix: this.prefix,
      accountId: config.accountId,
      region: config.region,
      subscriptionEmail: governance?.alertEmail,
    });
    // Account singletons: only the environment that owns them in this account creates them.
    if (this.baseline.owns('cloudtrail')) {
      new AuditTrail(this, 'audit-trail', {
        namePrefix: this.prefix,
        accountId: config.accountId,
        region: config.region,
        logsKmsKeyArn: logsKey.arn,
        retentionDays: governance?.auditLogRetentionDays ?? 365,
        forceDestroy: !config.protectStatefulResources,
      });
    }
    if (governance && this.baseline.owns('cost-guardrails')) {
      new CostGuardrails(this, 'cost-guardrails', {
        namePrefix: this.prefix,
        accountId: config.accountId,
        monthlyBudgetUsd: governance.monthlyBudgetUsd ?? 500,
        thresholdsPercent: governance.budgetThresholdsPercent ?? [50, 80, 100],
        alertEmail: governance.alertEmail,
        warningTopicArn: this.alerts.warning.arn,
        criticalTopicArn: this.alerts.critical.arn,
        anomalyThresholdUsd: governance.anomalyThresholdUsd,
      });
    }
    const topicSample = (severity: string) => sampleArn({ service: 'sns', region: config.region, account: config.accountId, resource: `${this.prefix}-${severity}` });
    this.publish('critical_alerts_topic_arn', this.alerts.critical.arn, { description: 'SNS topic (KMS-encrypted) for critical alarms; CloudWatch alarms of this account may publish', sample: topicSample('critical') });
    this.publish('warning_alerts_topic_arn', this.alerts.warning.arn, { description: 'SNS topic (KMS-encrypted) for warning alarms; CloudWatch alarms of this account may publish', sample: topicSample('warning') });

    // --- Public DNS zone and the *.<domain> certificate -------------------------------------------
    // Here rather than in edge: the compute layer's HTTPS listener needs the certificate, and layers
    // only read earlier ones (network -> data -> ai -> compute -> edge).
    if (config.edge) {
      const domain = config.edge.domainName;
      this.zone = new PublicHostedZone(this, 'public-zone', { domainName: domain, existingZoneId: config.edge.hostedZoneId });
      this.certificate = new DnsValidatedCertificate(this, 'certificate', {
        domainName: `*.${domain}`,
        subjectAlternativeNames: [domain, `app.${domain}`, `api.${domain}`],
        hostedZoneId: this.zone.zoneId,
      });
      this.publish('hosted_zone_id', this.zone.zoneId, { description: `Route 53 public hosted zone of ${domain}`, sample: config.edge.hostedZoneId ?? `Z${sampleId('z', `${seed}:zone`).slice(3, 20).toUpperCase()}` });
      this.publish('hosted_zone_name_servers', this.zone.nameServers, {
        description: 'Name servers to delegate the domain to (empty when an existing zone is used)',
        sample: config.edge.hostedZoneId ? [] : ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.co.uk', 'ns-3.awsdns-03.com', 'ns-4.awsdns-04.net'],
      });
      this.publish('certificate_arn', this.certificate.arn, {
        description: `Validated ACM certificate ARN for *.${domain}, ${domain}, app.${domain}, api.${domain}`,
        sample: sampleArn({ service: 'acm', region: config.region, account: config.accountId, resource: `certificate/${sampleUuid(`${seed}:certificate`)}` }),
      });
    }
  }
}
