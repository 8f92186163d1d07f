import { Construct } from 'constructs';
import { addAccountGovernance } from '../../src/components/account-governance';
import { addNetworkFoundation } from '../../src/components/network-foundation';
import { addTierIsolationAcls } from '../../src/components/tier-isolation-acls';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';

/**
 * Partner management network layer: a private-only VPC for the functions (no internet gateway, no
 * NAT; gateway endpoints for S3 and DynamoDB, interface endpoints for the other AWS APIs they
 * call), tier network ACLs, one security group per function, flow logs; in prod the same in the secondary region for
 * the standby functions (`dr_*` outputs). Alert topics at the seed's three levels (critical,
 * warning, info), in the standby's region too, and the account baseline this environment owns (CloudTrail, budget, anomaly
 * detection).
 */
export class PartnerNetworkStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'network', context);
    const network = this.section('network');
    // Tier ACLs on the app subnets (the only tier) replace the allow-all default NACL: everything
    // inside the VPC (interface endpoints), HTTPS out and its answers on the ephemeral ports from
    // anywhere (the S3 and DynamoDB gateway endpoints answer from AWS public ranges). The VPC has no
    // data subnets, hence no database ports (config's networkAcls describes a data tier, so it stays unset).
    const withAcls = <T extends object>(net: T): T & { networkAcls: { databasePorts: number[] } } => ({ ...net, networkAcls: { databasePorts: [] } });
    const primaryNet = withAcls(network);
    const primary = addNetworkFoundation(this, primaryNet);
    addTierIsolationAcls(this, primary.vpc, primaryNet, { deployedVpc: true });
    if (network.secondary) {
      const drNet = withAcls(network.secondary);
      const dr = addNetworkFoundation(this, drNet, { region: this.config.secondaryRegion!, provider: this.secondaryProvider, label: 'dr' });
      addTierIsolationAcls(this, dr.vpc, drNet, { id: 'dr-tier-acls', name: `${this.prefix}-dr`, provider: this.secondaryProvider, deployedVpc: true });
    }
    // The standby's alarms and event rules notify topics of their own region.
    addAccountGovernance(this, { logsKmsKeyArn: primary.logsKey.arn, infoTopic: true, drAlerts: this.section('compute').standbyInSecondaryRegion ? ['critical', 'warning', 'info'] : undefined });
  }
}
