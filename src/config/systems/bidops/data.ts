import { EnvName } from '../../../core/names';
import { DataLayerConfig } from '../../layers/data';

/**
 * BidOps.ai data layer per environment. Aurora: the seed's 0.5-16 ACU with 5-minute auto-pause;
 * auto-pause needs minimum 0 ACU and engine 16.3+ (the seed's 15.4 cannot pause), so dev pauses
 * and prod keeps a warm 0.5 ACU floor with a writer and a reader.
 */
export function bidopsData(env: EnvName): DataLayerConfig {
  switch (env) {
    case 'dev':
      return { aurora: { engineVersion: '16.4', minCapacity: 0, maxCapacity: 16, autoPauseSeconds: 300, instanceCount: 1, backupRetentionDays: 7 } };
    case 'staging':
      return { aurora: { engineVersion: '16.4', minCapacity: 0, maxCapacity: 16, autoPauseSeconds: 300, instanceCount: 2, backupRetentionDays: 7 } };
    case 'prod':
      return { aurora: { engineVersion: '16.4', minCapacity: 0.5, maxCapacity: 16, instanceCount: 2, backupRetentionDays: 7 } };
  }
}
