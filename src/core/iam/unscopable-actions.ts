/**
 * Actions AWS does not let you scope to a resource (Service Authorization Reference): `Resource "*"`
 * is the only option. One list for the constructs that build policies and the policy pack (IAM-01)
 * that checks them.
 */
export const UNSCOPABLE_ACTIONS: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries',
  'cloudwatch:PutMetricData', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricData',
  'logs:DescribeLogGroups',
  // Vended log delivery (Step Functions logging): no resource type in the
  // Service Authorization Reference, so the caller must be allowed them on "*".
  'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
  'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies',
  'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs', 'ec2:DescribeVpcEndpoints',
  'sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'kms:ListAliases', 'kms:ListKeys',
  'ssm:DescribeParameters', 'secretsmanager:GetRandomPassword', 'secretsmanager:ListSecrets',
  'bedrock:ListFoundationModels', 'bedrock:ListInferenceProfiles', 'aoss:ListCollections', 'aoss:BatchGetCollection', 'es:ListDomainNames',
  'tag:GetResources', 'iam:ListRoles', 'iam:ListPolicies', 'ecs:ListClusters', 'ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition',
  'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth',
  'application-autoscaling:*ScalingPolicies', 'servicediscovery:DiscoverInstances',
  'dynamodb:ListStreams',
];

const UNSCOPABLE = new Set(UNSCOPABLE_ACTIONS.map((a) => a.toLowerCase()));

export function isUnscopableAction(action: string): boolean {
  return UNSCOPABLE.has(action.toLowerCase());
}
