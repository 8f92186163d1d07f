import { COMPLIANT, NOT_APPLICABLE, fail, glob, list, literal } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

/**
 * Backup coverage: a prod database is selected by an AWS Backup selection somewhere in its
 * system/env (the backup often lives in another layer than the database, so the lookup spans the
 * group like LB-05's WAF associations). Automated RDS backups die with the cluster and its account;
 * AWS Backup keeps recovery points in a vault (optionally locked and copied to another region).
 */
function selectedBy(resource: PolicyResource, context: PolicyContext): boolean {
  const identifier = literal(resource.body.cluster_identifier);
  return context.groupResources('aws_backup_selection').some((selection) =>
    list(selection.body.resources).some((entry) => {
      if (context.resolve(entry).includes(resource)) return true;
      const value = literal(entry);
      if (value === undefined) return false;
      if (value === '*') return true;
      // A literal ARN or ArnLike pattern `arn:aws:rds:<region>:<account>:cluster:<id>`.
      const [, id] = value.split(':cluster:');
      return identifier !== undefined && id !== undefined && glob(id, identifier);
    }),
  );
}

export const BACKUP_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'BAK-01',
    title: 'prod: every Aurora/RDS cluster is selected by an AWS Backup plan of its system/env',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV2_AWS_8'], fsbp: ['RDS.26'] },
    appliesTo: ['aws_rds_cluster'],
    check(cluster, context) {
      if (!context.stack.isProd) return NOT_APPLICABLE;
      if (selectedBy(cluster, context)) return COMPLIANT;
      // A secondary member of a global database holds the same data as its primary: the primary's
      // recovery points (copied to the secondary's region where asked) cover it.
      const global = cluster.body.global_cluster_identifier;
      const members = global === undefined ? [] : context.groupResources('aws_rds_cluster').filter((c) => c !== cluster && c.body.global_cluster_identifier === global);
      if (members.some((member) => selectedBy(member, context))) return COMPLIANT;
      return fail(cluster, 'aws_backup_selection', 'is missing: no AWS Backup selection in this system/env names the cluster; add it to a backup plan (vault with its own key, retention, optional cross-region copy)');
    },
  }),
];
