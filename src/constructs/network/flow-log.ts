import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { ServiceRole } from '../security/service-role';

export interface VpcFlowLogProps extends ProviderScopedProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly region: string;
  /** Log group name, for example `/aws/vpc/flowlogs/<system>-prod`. */
  readonly logGroupName: string;
  readonly retentionDays: number;
  /** KMS key ARN encrypting the log group (its policy must admit CloudWatch Logs). */
  readonly kmsKeyArn: string;
  /**
   * @default 'ALL'
   */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
}

/**
 * VPC flow log to an encrypted CloudWatch log group with retention, written by a role that only
 * the VPC Flow Logs service of this account can assume and that may write only to that group.
 */
export class VpcFlowLog extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const trafficType = props.trafficType ?? 'ALL';

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const role = new ServiceRole(this, 'role', {
      roleName: `${props.namePrefix}-vpc-flow-logs`,
      description: `${props.namePrefix}: VPC Flow Logs writes to ${props.logGroupName}`,
      servicePrincipal: 'vpc-flow-logs.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*`,
      statements: [
        {
          Sid: 'WriteFlowLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ],
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.namePrefix}-flow-log` },
    });
    useProvider(this, props.provider);
  }
}
