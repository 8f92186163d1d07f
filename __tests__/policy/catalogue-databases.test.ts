import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { add, expectCompliant, expectViolation, stackOf } from './harness';

describe('ATH-01 Athena workgroups', () => {
  it('passes when enforced with SSE_KMS and a key', () => {
    const stack = stackOf('partner-mgmt-prod-data');
    add(stack, AthenaWorkgroup, 'wg', { name: 'wg', configuration: { enforce_workgroup_configuration: true, result_configuration: { output_location: 's3://b/athena/', encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: 'arn:kms' } } } });
    expectCompliant('ATH-01', stack, 'aws_athena_workgroup.wg');
  });
  it('fails when not enforced and results use SSE_S3', () => {
    const stack = stackOf('partner-mgmt-prod-data');
    add(stack, AthenaWorkgroup, 'wg', { name: 'wg', configuration: { enforce_workgroup_configuration: false, result_configuration: { encryption_configuration: { encryption_option: 'SSE_S3' } } } });
    expectViolation('ATH-01', stack, 'aws_athena_workgroup.wg', 'enforce_workgroup_configuration');
    expectViolation('ATH-01', stack, 'aws_athena_workgroup.wg', 'encryption_option');
  });
  it('fails without any configuration', () => {
    const stack = stackOf('partner-mgmt-prod-data');
    add(stack, AthenaWorkgroup, 'wg', { name: 'wg' });
    expectViolation('ATH-01', stack, 'aws_athena_workgroup.wg', 'encryption_option');
  });
});

describe('BAK-02 backup vault keys', () => {
  it('passes with a customer-managed key', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, BackupVault, 'v', { name: 'v', kms_key_arn: 'arn:kms' });
    expectCompliant('BAK-02', stack, 'aws_backup_vault.v');
  });
  it('fails with the AWS-managed default', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, BackupVault, 'v', { name: 'v' });
    expectViolation('BAK-02', stack, 'aws_backup_vault.v', 'kms_key_arn');
  });
});

describe('RDS-11 global clusters', () => {
  it('passes when encrypted or built from an existing cluster', () => {
    const stack = stackOf('bird-agent-prod-data');
    add(stack, RdsGlobalCluster, 'g', { global_cluster_identifier: 'g', engine: 'aurora-postgresql', storage_encrypted: true });
    add(stack, RdsGlobalCluster, 'from', { global_cluster_identifier: 'f', source_db_cluster_identifier: 'arn:aws:rds:us-east-1:1:cluster:c' });
    expectCompliant('RDS-11', stack, 'aws_rds_global_cluster.g');
    expectCompliant('RDS-11', stack, 'aws_rds_global_cluster.from');
  });
  it('fails unencrypted', () => {
    const stack = stackOf('bird-agent-prod-data');
    add(stack, RdsGlobalCluster, 'g', { global_cluster_identifier: 'g', engine: 'aurora-postgresql' });
    expectViolation('RDS-11', stack, 'aws_rds_global_cluster.g', 'storage_encrypted');
  });
});
