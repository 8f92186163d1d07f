import { EnvName } from '../../../core/names';
import { GovernanceConfig } from '../../layers/governance';

/**
 * BidOps.ai governance, from the seed's "Cost Monitoring and Alerts" ($500/month, alerts at 50/80/100%;
 * cost alarm "daily spend > $20") and log retention ("Audit Logs: 1 year").
 */
export function bidopsGovernance(_env: EnvName): GovernanceConfig {
  return {
    alertEmail: 'ops@bidops.ai',
    monthlyBudgetUsd: 500,
    budgetThresholdsPercent: [50, 80, 100],
    auditLogRetentionDays: 365,
    anomalyThresholdUsd: 20,
  };
}
