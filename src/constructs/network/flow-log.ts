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
  /**
   * A second copy of the flow logs delivered to S3 (`arn:aws:s3:::<bucket>/<prefix>/`), for example
   * a central logging account's bucket (whose policy admits `delivery.logs.amazonaws.com`).
   * @default - CloudWatch Logs only
   */
  readonly s3Destination?: string;
}

/**
 * VPC flow log to an encrypted CloudWatch log group with retention, written by a role that only
 * the VPC Flow Logs service of this account can assume and that may write only to that group.
 */
export class VpcFlowLog extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly flowLog: FlowLog;
  readonly s3FlowLog?: FlowLog;

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
    if (props.s3Destination !== undefined) {
      if (!/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^*?]*)?\/$/.test(props.s3Destination)) {
        throw new Error(`VpcFlowLog ${props.namePrefix}: s3Destination "${props.s3Destination}" is not an S3 bucket ARN with a prefix ending in /; use arn:aws:s3:::<bucket>/<prefix>/`);
      }
      this.s3FlowLog = new FlowLog(this, 's3-flow-log', {
        vpcId: props.vpcId,
        trafficType,
        logDestinationType: 's3',
        logDestination: props.s3Destination,
        maxAggregationInterval: 60,
        destinationOptions: { fileFormat: 'parquet', perHourPartition: true, hiveCompatiblePartitions: true },
        tags: { Name: `${props.namePrefix}-flow-log-s3` },
      });
    }
    useProvider(this, props.provider);
  }
}
