/**
 * Terraform resource types that hold data or identity which a destroy would lose. In protected
 * environments they get `prevent_destroy`, and their addresses are pinned by a test so a rename
 * cannot silently replace them (a rename needs a `moved` block).
 */
export const STATEFUL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_dynamodb_table',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_db_instance',
  'aws_opensearch_domain',
  'aws_opensearchserverless_collection',
  'aws_elasticache_replication_group',
  'aws_ecr_repository',
  'aws_secretsmanager_secret',
  'aws_cognito_user_pool',
  'aws_cloudwatch_log_group',
  'aws_efs_file_system',
  'aws_route53_zone',
  'aws_bedrockagent_knowledge_base',
  'aws_cloudtrail',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_backup_vault',
]);
