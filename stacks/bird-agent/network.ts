import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { addAccountGovernance } from '../../src/components/account-governance';
import { addNetworkFoundation } from '../../src/components/network-foundation';
import { ephemeralFrom } from '../../src/components/tier-isolation-acls';
import { NetworkConfig } from '../../src/config/types';
import { DnsValidatedCertificate } from '../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../src/constructs/edge/public-hosted-zone';
import { SubnetTierAcls } from '../../src/constructs/network/network-acls';
import { TieredVpc } from '../../src/constructs/network/tiered-vpc';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleId, sampleUuid } from '../../src/core/samples';

const ANYWHERE = '0.0.0.0/0';

/**
 * The seed's three NACLs rule by rule, with two fixes (docs/DEVIATIONS.md): the ephemeral range
 * skips 3389, and the private app tier also admits ephemeral return traffic from anywhere (the
 * seed's "all from the VPC, 443 from anywhere" would drop every answer to a NAT'd connection).
 */
export function seedNetworkAcls(stack: LayerStack, id: string, vpc: TieredVpc, net: Omit<NetworkConfig, 'secondary'>, name: string, provider?: TerraformProvider): SubnetTierAcls {
  const vpcCidr = net.vpcCidr;
  const management = net.networkAcls?.managementCidr;
  return new SubnetTierAcls(stack, id, {
    name,
    vpcId: vpc.vpc.id,
    provider,
    tiers: {
      public: {
        subnetIds: vpc.publicSubnets.map((s) => s.id),
        ingress: [
          { ruleNumber: 100, action: 'allow', protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlock: ANYWHERE },
          { ruleNumber: 110, action: 'allow', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlock: ANYWHERE },
          ...(management ? [{ ruleNumber: 120, action: 'allow' as const, protocol: 'tcp' as const, fromPort: 22, toPort: 22, cidrBlock: management }] : []),
          ...ephemeralFrom(ANYWHERE, 130),
        ],
        egress: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: ANYWHERE }],
      },
      'private-app': {
        subnetIds: vpc.privateAppSubnets.map((s) => s.id),
        ingress: [
          { ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: vpcCidr },
          { ruleNumber: 110, action: 'allow', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlock: ANYWHERE },
          ...ephemeralFrom(ANYWHERE, 120),
        ],
        egress: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: ANYWHERE }],
      },
      'private-data': {
        subnetIds: vpc.privateDataSubnets.map((s) => s.id),
        ingress: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: vpcCidr }],
        egress: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: vpcCidr }],
      },
    },
  });
}

/**
 * bird-agent network layer: the seed's VPC (three tiers over us-east-1a/b/c, three NAT gateways,
 * one in dev), its NACLs and security groups, flow logs, gateway and interface endpoints; in prod
 * the same network in us-west-2 for the Aurora secondary and the standby services (`dr_*`
 * outputs); the alert topics and account baseline; the zone and the certificates of the internal
 * ALB and the regional API endpoints (`api-east`, `api-west`).
 */
export class BirdAgentNetworkStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'network', context);
    const { config, prefix } = this;
    const seed = this.node.id;
    const net = this.section('network');
    const primary = addNetworkFoundation(this, net);
    seedNetworkAcls(this, 'tier-acls', primary.vpc, net, prefix);
    if (net.secondary) {
      const dr = addNetworkFoundation(this, { ...net.secondary }, { region: config.secondaryRegion!, provider: this.secondaryProvider, label: 'dr' });
      seedNetworkAcls(this, 'dr-tier-acls', dr.vpc, net.secondary, `${prefix}-dr`, this.secondaryProvider);
    }
    // The standby's health alarm notifies a topic of its own region.
    addAccountGovernance(this, { logsKmsKeyArn: primary.logsKey.arn, drAlerts: this.section('compute').standbyInSecondaryRegion ? ['warning'] : undefined });

    const edge = this.section('edge');
    const domain = edge.domainName;
    const zone = new PublicHostedZone(this, 'public-zone', { domainName: domain, existingZoneId: edge.hostedZoneId });
    const certificateSample = (region: string, label: string) => sampleArn({ service: 'acm', region, account: config.accountId, resource: `certificate/${sampleUuid(`${seed}:${label}`)}` });
    const names = { domainName: `*.${domain}`, subjectAlternativeNames: [domain], hostedZoneId: zone.zoneId };
    const certificate = new DnsValidatedCertificate(this, 'certificate', names);
    this.publish('hosted_zone_id', zone.zoneId, { description: `Route 53 public hosted zone of ${domain}`, sample: edge.hostedZoneId ?? `Z${sampleId('z', `${seed}:zone`).slice(3, 20).toUpperCase()}` });
    this.publish('hosted_zone_name_servers', zone.nameServers, {
      description: 'Name servers to delegate the domain to (empty when an existing zone is used)',
      sample: edge.hostedZoneId ? [] : ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.co.uk', 'ns-3.awsdns-03.com', 'ns-4.awsdns-04.net'],
    });
    this.publish('certificate_arn', certificate.arn, { description: `Validated ACM certificate for *.${domain} and ${domain} in ${config.region} (internal ALB, api-east)`, sample: certificateSample(config.region, 'certificate') });
    if (config.secondaryRegion && net.secondary) {
      const drCertificate = new DnsValidatedCertificate(this, 'dr-certificate', { ...names, provider: this.secondaryProvider });
      this.publish('dr_certificate_arn', drCertificate.arn, { description: `Validated ACM certificate for *.${domain} and ${domain} in ${config.secondaryRegion} (DR ALB, api-west)`, sample: certificateSample(config.secondaryRegion, 'dr-certificate') });
    }
  }
}
