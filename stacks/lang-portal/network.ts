import { Construct } from 'constructs';
import { addAccountGovernance } from '../../src/components/account-governance';
import { addNetworkFoundation } from '../../src/components/network-foundation';
import { addTierIsolationAcls } from '../../src/components/tier-isolation-acls';
import { GLOBAL_SERVICES_REGION } from '../../src/config/types';
import { DnsValidatedCertificate } from '../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../src/constructs/edge/public-hosted-zone';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleId, sampleUuid } from '../../src/core/samples';

/**
 * lang-portal network layer (the seed's Network Stack): the 3-AZ VPC with public, private and
 * isolated database subnets, NAT (one in dev, one per AZ elsewhere), the endpoints, the tier ACLs,
 * every security group of the seed, flow logs, the alert topics and account baseline, and the
 * app-dw.net zone with its certificates (here, because the ALB, the Cognito custom domain and
 * CloudFront in later layers all need them).
 */
export class LangPortalNetworkStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'network', context);
    const { config } = this;
    const seed = this.node.id;
    const net = this.section('network');
    const edge = this.section('edge');

    const foundation = addNetworkFoundation(this, net);
    addTierIsolationAcls(this, foundation.vpc, net);
    addAccountGovernance(this, { logsKmsKeyArn: foundation.logsKey.arn });

    const domain = edge.domainName;
    const zone = new PublicHostedZone(this, 'public-zone', { domainName: domain, existingZoneId: edge.hostedZoneId });
    const names = { domainName: `*.${domain}`, subjectAlternativeNames: [domain], hostedZoneId: zone.zoneId };
    const certificate = new DnsValidatedCertificate(this, 'certificate', names);
    // CloudFront and Cognito custom domains take certificates from us-east-1 only; in us-east-1 one serves all.
    const global = config.region === GLOBAL_SERVICES_REGION ? certificate : new DnsValidatedCertificate(this, 'global-certificate', { ...names, provider: this.providerFor(GLOBAL_SERVICES_REGION) });

    const certificateSample = (region: string, label: string) => sampleArn({ service: 'acm', region, account: config.accountId, resource: `certificate/${sampleUuid(`${seed}:${label}`)}` });
    this.publish('hosted_zone_id', zone.zoneId, { description: `Route 53 public hosted zone of ${domain}`, sample: edge.hostedZoneId ?? `Z${sampleId('z', `${seed}:zone`).slice(3, 20).toUpperCase()}` });
    this.publish('hosted_zone_name_servers', zone.nameServers, {
      description: 'Name servers to delegate the domain to (empty when an existing zone is used)',
      sample: edge.hostedZoneId ? [] : ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.co.uk', 'ns-3.awsdns-03.com', 'ns-4.awsdns-04.net'],
    });
    this.publish('certificate_arn', certificate.arn, { description: `Validated regional ACM certificate for *.${domain} and ${domain} (ALB)`, sample: certificateSample(config.region, 'certificate') });
    this.publish('global_certificate_arn', global.arn, {
      description: `Validated us-east-1 ACM certificate for *.${domain} and ${domain} (CloudFront, Cognito custom domain)`,
      sample: certificateSample(GLOBAL_SERVICES_REGION, config.region === GLOBAL_SERVICES_REGION ? 'certificate' : 'global-certificate'),
    });
  }
}
