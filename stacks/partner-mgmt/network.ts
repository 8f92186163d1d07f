import { Construct } from 'constructs';
import { addAccountGovernance } from '../../src/components/account-governance';
import { addNetworkFoundation } from '../../src/components/network-foundation';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';

/**
 * Partner management network layer: a private-only VPC for the functions (no internet gateway, no
 * NAT; gateway endpoints for S3 and DynamoDB, interface endpoints for the other AWS APIs they
 * call), one security group per function, flow logs; in prod the same in the secondary region for
 * the standby functions (`dr_*` outputs). Alert topics at the seed's three levels (critical,
 * warning, info) and the account baseline this environment owns (CloudTrail, budget, anomaly
 * detection).
 */
export class PartnerNetworkStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'network', context);
    const network = this.section('network');
    const primary = addNetworkFoundation(this, network);
    if (network.secondary) {
      addNetworkFoundation(this, { ...network.secondary }, { region: this.config.secondaryRegion!, provider: this.secondaryProvider, label: 'dr' });
    }
    addAccountGovernance(this, { logsKmsKeyArn: primary.logsKey.arn, infoTopic: true });
  }
}
