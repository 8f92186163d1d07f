import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { PolicyStatement } from '../../core/iam/policy-document';
import { CloudControlResource } from './cloud-control-resource';
import { ServiceRole } from '../security/service-role';

export interface AgentCoreRuntimeProps {
  /** Runtime name: a letter, then letters, digits or _ (at most 48). */
  readonly runtimeName: string;
  readonly description: string;
  /** IAM role name of the runtime (at most 64 characters). */
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** ECR repository URL, `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
  readonly repositoryUrl: string;
  /** ARN of that repository (the role may pull only from it). */
  readonly repositoryArn: string;
  /** Image tag to run. */
  readonly imageTag: string;
  /** Private subnets of the runtime's ENIs (VPC network mode). */
  readonly subnetIds: readonly string[];
  /** Security groups of the runtime's ENIs. */
  readonly securityGroupIds: readonly string[];
  /** Observability log group the agent writes to (created here with retention and KMS). */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** KMS key of the environment's log groups. */
  readonly logsKmsKeyArn: string;
  /**
   * The agent's own permissions (models, knowledge base, guardrail, data), added to the baseline
   * (image pull, logs, traces, metrics, workload identity).
   */
  readonly statements: readonly PolicyStatement[];
  /**
   * Plain (non-secret) configuration passed to the container; secrets are fetched at runtime.
   * @default {}
   */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /**
   * Protocol the container serves.
   * @default 'HTTP'
   */
  readonly protocol?: 'HTTP' | 'MCP';
  /** Tags (the AWS provider's default tags do not reach Cloud Control resources). */
  readonly tags: Readonly<Record<string, string>>;
}

const SECRET_LIKE = /(PASSWORD|SECRET_VALUE|TOKEN|API_KEY|PRIVATE_KEY)$/;

/**
 * Bedrock AgentCore runtime (`AWS::BedrockAgentCore::Runtime` through Cloud Control) running a
 * container from ECR in VPC network mode, its execution role (trust scoped to this account's
 * AgentCore resources) and its observability log group. AgentCore creates a `DEFAULT` endpoint
 * that always serves the latest runtime version; `defaultEndpointArn` names it.
 */
export class AgentCoreRuntime extends Construct {
  readonly runtime: CloudControlResource;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AgentCoreRuntimeProps) {
    super(scope, id);
    const protocol = props.protocol ?? 'HTTP';
    const environment = props.environmentVariables ?? {};
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/.test(props.runtimeName)) throw new Error(`AgentCoreRuntime ${id}: runtime name "${props.runtimeName}" must be a letter then up to 47 letters, digits or _ (no dashes)`);
    if (props.subnetIds.length === 0 || props.subnetIds.length > 16) throw new Error(`AgentCoreRuntime ${props.runtimeName}: VPC mode needs 1-16 subnets, got ${props.subnetIds.length}`);
    if (props.securityGroupIds.length === 0 || props.securityGroupIds.length > 16) throw new Error(`AgentCoreRuntime ${props.runtimeName}: VPC mode needs 1-16 security groups, got ${props.securityGroupIds.length}`);
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(props.imageTag)) throw new Error(`AgentCoreRuntime ${props.runtimeName}: image tag "${props.imageTag}" is not a valid tag`);
    if (!props.logsKmsKeyArn) throw new Error(`AgentCoreRuntime ${props.runtimeName}: logsKmsKeyArn is empty; every log group is KMS-encrypted (LOG-01)`);
    if (Object.keys(environment).length > 50) throw new Error(`AgentCoreRuntime ${props.runtimeName}: at most 50 environment variables`);
    for (const name of Object.keys(environment)) {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new Error(`AgentCoreRuntime ${props.runtimeName}: environment variable "${name}" is not a valid name`);
      if (SECRET_LIKE.test(name)) throw new Error(`AgentCoreRuntime ${props.runtimeName}: environment variable "${name}" looks like a secret; pass its Secrets Manager ARN and read it at runtime`);
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    const logsArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group`;
    const runtimeLogs = `${logsArn}:/aws/bedrock-agentcore/runtimes/*`;
    this.role = new ServiceRole(this, 'role', {
      roleName: props.roleName,
      description: `AgentCore runtime ${props.runtimeName}: execution role`,
      servicePrincipal: 'bedrock-agentcore.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:bedrock-agentcore:${props.region}:${props.accountId}:*`,
      statements: [
        { Sid: 'PullTheAgentImage', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: props.repositoryArn },
        { Sid: 'EcrLoginHasNoResourceScope', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'WriteItsLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [`${logsArn}:${props.logGroupName}`, `${logsArn}:${props.logGroupName}:log-stream:*`, runtimeLogs, `${runtimeLogs}:log-stream:*`],
        },
        { Sid: 'CreateTheRuntimeLogGroups', Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: runtimeLogs },
        { Sid: 'DescribeLogGroups', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `${logsArn}:*` },
        {
          Sid: 'TracesHaveNoResourceScope',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
          Resource: '*',
        },
        {
          Sid: 'MetricsInTheAgentCoreNamespace',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
        },
        {
          Sid: 'WorkloadIdentityOfThisRuntime',
          Effect: 'Allow',
          Action: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT', 'bedrock-agentcore:GetWorkloadAccessTokenForUserId'],
          Resource: [
            `arn:aws:bedrock-agentcore:${props.region}:${props.accountId}:workload-identity-directory/default`,
            `arn:aws:bedrock-agentcore:${props.region}:${props.accountId}:workload-identity-directory/default/workload-identity/${props.runtimeName}-*`,
          ],
        },
        ...props.statements,
      ],
    });

    this.runtime = new CloudControlResource(this, 'runtime', {
      typeName: 'AWS::BedrockAgentCore::Runtime',
      desiredState: {
        AgentRuntimeName: props.runtimeName,
        Description: props.description,
        AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: `${props.repositoryUrl}:${props.imageTag}` } },
        RoleArn: this.role.arn,
        NetworkConfiguration: {
          NetworkMode: 'VPC',
          NetworkModeConfig: { Subnets: [...props.subnetIds], SecurityGroups: [...props.securityGroupIds] },
        },
        // HTTP is the service default; only MCP is spelled out.
        ProtocolConfiguration: protocol === 'HTTP' ? undefined : protocol,
        EnvironmentVariables: Object.keys(environment).length > 0 ? { ...environment, LOG_GROUP_NAME: props.logGroupName } : { LOG_GROUP_NAME: props.logGroupName },
        Tags: props.tags,
      },
      // AgentCore pulls the image with the role while it creates the runtime.
      dependsOn: [this.role.policy, this.logGroup],
    });
  }

  /** Runtime ID (the Cloud Control identifier). */
  get runtimeId(): string {
    return this.runtime.resource.id;
  }

  get arn(): string {
    return this.runtime.property('AgentRuntimeArn');
  }

  /** The `DEFAULT` endpoint AgentCore creates with the runtime; it follows the latest version. */
  get defaultEndpointArn(): string {
    return `${this.arn}/runtime-endpoint/DEFAULT`;
  }
}
