import { block, collector, fail, flag, isSet, literal, verdict, COMPLIANT } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/**
 * Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): data
 * stores the area file does not cover yet (Athena results, backup vaults, Aurora global clusters).
 */

export const CATALOGUE_DATABASE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'ATH-01',
    title: 'Athena workgroups enforce their configuration and encrypt query results with KMS',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_82', 'CKV_AWS_159'], trivy: ['AVD-AWS-0006', 'AVD-AWS-0007'], fsbp: ['Athena.4'] },
    appliesTo: ['aws_athena_workgroup'],
    check(workgroup) {
      const configuration = block(workgroup.body.configuration);
      const c = collector();
      // Without enforcement a client may send results anywhere, unencrypted (provider default: true).
      c.expect(flag(configuration?.enforce_workgroup_configuration, true), 'configuration.enforce_workgroup_configuration', 'is false; enforce the workgroup settings so clients cannot turn encryption off');
      const encryption = block(block(configuration?.result_configuration)?.encryption_configuration);
      const option = literal(encryption?.encryption_option) ?? (isSet(encryption?.encryption_option) ? 'SSE_KMS' : undefined);
      c.expect(option === 'SSE_KMS' || option === 'CSE_KMS', 'configuration.result_configuration.encryption_configuration.encryption_option',
        `is ${option ?? 'not set'}; encrypt query results with SSE_KMS (customer-managed key)`);
      if (option === 'SSE_KMS' || option === 'CSE_KMS') c.expect(isSet(encryption?.kms_key_arn), 'configuration.result_configuration.encryption_configuration.kms_key_arn', 'is not set; name the customer-managed key');
      return verdict(workgroup, c.problems);
    },
  }),
  defineRule({
    id: 'BAK-02',
    title: 'Backup vaults are encrypted with a customer-managed KMS key',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_166'] },
    appliesTo: ['aws_backup_vault'],
    check(vault) {
      return isSet(vault.body.kms_key_arn) ? COMPLIANT : fail(vault, 'kms_key_arn', 'is not set (AWS-managed key); encrypt recovery points with a customer-managed key');
    },
  }),
  defineRule({
    id: 'RDS-11',
    title: 'Aurora global clusters are encrypted',
    severity: 'high',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_140'] },
    appliesTo: ['aws_rds_global_cluster'],
    check(global) {
      // Built from an existing cluster, the global cluster takes that cluster's (RDS-01-checked) encryption.
      if (isSet(global.body.source_db_cluster_identifier)) return COMPLIANT;
      return flag(global.body.storage_encrypted, false) ? COMPLIANT : fail(global, 'storage_encrypted', 'is not true; encrypt the global cluster (its regional clusters then need KMS keys in each region)');
    },
  }),
];
