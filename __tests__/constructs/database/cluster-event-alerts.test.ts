import { Testing } from 'cdktf';
import { ClusterEventAlerts } from '../../../src/constructs/database/cluster-event-alerts';
import { Json, onlyResource } from '../../helpers';

describe('ClusterEventAlerts', () => {
  test('subscribes the cluster failover and failure events to the topic', () => {
    const json: Json = JSON.parse(Testing.synthScope((scope) => new ClusterEventAlerts(scope, 'e', { name: 'x-aurora-events', clusterIdentifier: 'x-aurora', topicArn: 'arn:crit' })));
    expect(onlyResource(json, 'aws_db_event_subscription')).toMatchObject({
      name: 'x-aurora-events',
      sns_topic: 'arn:crit',
      source_type: 'db-cluster',
      source_ids: ['x-aurora'],
      event_categories: ['failover', 'failure', 'maintenance', 'notification'],
      enabled: true,
    });
  });

  test('rejects a category RDS clusters do not have', () => {
    expect(() => Testing.synthScope((scope) => new ClusterEventAlerts(scope, 'e', { name: 'n', clusterIdentifier: 'c', topicArn: 't', eventCategories: ['backup'] }))).toThrow(
      'ClusterEventAlerts n: event categories [backup] are not RDS cluster categories',
    );
  });
});
