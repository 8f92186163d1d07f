import { DbEventSubscription } from '@cdktf/provider-aws/lib/db-event-subscription';
import { Construct } from 'constructs';

export interface ClusterEventAlertsProps {
  /** Event subscription name, for example `<system>-prod-aurora-events`. */
  readonly name: string;
  /** Cluster identifier whose events alert. */
  readonly clusterIdentifier: string;
  readonly topicArn: string;
  /**
   * RDS event categories of the cluster to send.
   * @default ['failover', 'failure', 'maintenance', 'notification']
   */
  readonly eventCategories?: readonly string[];
}

const CLUSTER_EVENT_CATEGORIES = ['configuration change', 'creation', 'deletion', 'failover', 'failure', 'global-failover', 'maintenance', 'migration', 'notification', 'serverless'];

/**
 * RDS event subscription for one Aurora cluster: failovers and failures reach the on-call topic
 * (the seed's "Aurora cluster failover" critical alert), which no CloudWatch metric reports.
 */
export class ClusterEventAlerts extends Construct {
  readonly subscription: DbEventSubscription;

  constructor(scope: Construct, id: string, props: ClusterEventAlertsProps) {
    super(scope, id);
    const categories = props.eventCategories ?? ['failover', 'failure', 'maintenance', 'notification'];
    const unknown = categories.filter((c) => !CLUSTER_EVENT_CATEGORIES.includes(c));
    if (unknown.length > 0 || categories.length === 0) {
      throw new Error(`ClusterEventAlerts ${props.name}: event categories [${unknown.join(', ')}] are not RDS cluster categories; use some of ${CLUSTER_EVENT_CATEGORIES.join(', ')}`);
    }
    this.subscription = new DbEventSubscription(this, 'subscription', {
      name: props.name,
      snsTopic: props.topicArn,
      sourceType: 'db-cluster',
      sourceIds: [props.clusterIdentifier],
      eventCategories: [...categories],
      enabled: true,
    });
  }
}
