import { Construct } from 'constructs';
import { addAccountGovernance } from '../../src/components/account-governance';
import { addNetworkFoundation } from '../../src/components/network-foundation';
import { addTierIsolationAcls } from '../../src/components/tier-isolation-acls';
import { SecurityGroupGraph } from '../../src/constructs/network/security-group-graph';
import { TieredVpc } from '../../src/constructs/network/tiered-vpc';
import { DnsValidatedCertificate } from '../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../src/constructs/edge/public-hosted-zone';
import { AlertTopics } from '../../src/constructs/governance/alerting';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleId, sampleUuid } from '../../src/core/samples';

export { securityGroupOutputName } from '../../src/components/network-foundation';

/**
 * BidOps network layer: the tiered VPC with its tier ACLs, NAT, endpoints, flow logs and every security group of the system
 * (they live here so data-layer groups can admit compute-layer ones without a cycle), the alert
 * topics and the account baseline this environment owns, and the public zone with its certificate.
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
    const seed = this.node.id;

    const net = this.section('network');
    const foundation = addNetworkFoundation(this, net);
    this.vpc = foundation.vpc;
    // Tier ACLs replace the allow-all default NACL; the data subnets' NACL that TieredVpc managed
    // until then is taken over in place (moved), so those subnets never lose their ACL.
    if (net.networkAcls) addTierIsolationAcls(this, foundation.vpc, net, { adoptDataAclFrom: 'aws_network_acl.vpc_private-data-nacl_6CFFA5DF' });
    this.securityGroups = foundation.securityGroups;

    // --- Alert topics and the account baseline (trail, cost guardrails) this environment owns.
    this.alerts = addAccountGovernance(this, { logsKmsKeyArn: foundation.logsKey.arn });

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
