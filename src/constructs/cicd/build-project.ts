import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CodebuildProject, CodebuildProjectEnvironmentEnvironmentVariable } from '@cdktf/provider-aws/lib/codebuild-project';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { PolicyStatement, policyJson, serviceTrustPolicy } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { isSecretVariable } from '../../policy/rules/containers';
import { BuildSpec, buildspecCommands, buildspecProblem, renderBuildspec } from './buildspec';

/** CPU architecture of the build: Docker images built here run on the same one. */
export type BuildArchitecture = 'X86_64' | 'ARM64';

/** CodeBuild on-demand compute sizes (Linux containers). */
export type BuildComputeType = 'BUILD_GENERAL1_SMALL' | 'BUILD_GENERAL1_MEDIUM' | 'BUILD_GENERAL1_LARGE' | 'BUILD_GENERAL1_XLARGE' | 'BUILD_GENERAL1_2XLARGE';

/** The CodeBuild-managed image per architecture. */
export const BUILD_IMAGES: Readonly<Record<BuildArchitecture, { readonly image: string; readonly type: string }>> = {
  X86_64: { image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER' },
  ARM64: { image: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', type: 'ARM_CONTAINER' },
};

const COMPUTE_TYPES: readonly BuildComputeType[] = ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_MEDIUM', 'BUILD_GENERAL1_LARGE', 'BUILD_GENERAL1_XLARGE', 'BUILD_GENERAL1_2XLARGE'];

export interface BuildSecretVariable {
  /** Full ARN of the Secrets Manager secret (with its 6-character suffix), for example `AppSecret.arn`. */
  readonly secretArn: string;
  /**
   * JSON key to read from a JSON secret.
   * @default - the whole secret string
   */
  readonly jsonKey?: string;
  /** Customer-managed KMS key that encrypts the secret (SEC-01); the role may decrypt through Secrets Manager only. */
  readonly kmsKeyArn: string;
}

export interface BuildVpcPlacement {
  readonly vpcId: string;
  /** Private subnets with a route to the internet (NAT) or to the endpoints the build uses. */
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface BuildProjectProps extends ProviderScopedProps {
  /** Project name (2-255 letters, digits, `-`, `_`), for example `<system>-<env>-frontend-build`. */
  readonly projectName: string;
  /**
   * @default - `Builds <projectName>`
   */
  readonly description?: string;
  /** Account of the project (trust `aws:SourceAccount`, report group and network interface ARNs). */
  readonly accountId: string;
  readonly region: string;
  /** The inline buildspec: commands per phase, reports and the output artifact. */
  readonly buildspec: BuildSpec;
  /**
   * Name of the pipeline that runs the project: CodePipeline keeps its artifacts under the first 20
   * characters of that name, and the role may read and write only there.
   */
  readonly pipelineName: string;
  /** ARN of the pipeline's artifact bucket. */
  readonly artifactBucketArn: string;
  /** Customer-managed KMS key of the pipeline's artifacts; also the project's `encryption_key`. */
  readonly artifactKmsKeyArn: string;
  /** Customer-managed KMS key of the build log group (its key policy must let CloudWatch Logs use it). */
  readonly logsKmsKeyArn: string;
  /**
   * Days the log group `/aws/codebuild/<projectName>` keeps build logs; one of LOG_RETENTION_DAYS.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * CPU architecture: X86_64 runs `aws/codebuild/standard:7.0`, ARM64 the Amazon Linux aarch64
   * standard image. Build Docker images on the architecture the ECS tasks run.
   * @default 'X86_64'
   */
  readonly architecture?: BuildArchitecture;
  /**
   * @default 'BUILD_GENERAL1_SMALL'
   */
  readonly computeType?: BuildComputeType;
  /**
   * The build runs Docker (`docker build`/`push`): it then needs privileged mode, which gives the
   * build root on the host's Docker daemon, so only Docker builds get it.
   * @default false
   */
  readonly dockerBuild?: boolean;
  /**
   * Privileged mode. Only Docker builds may have it; true without `dockerBuild` is refused.
   * @default - same as dockerBuild
   */
  readonly privileged?: boolean;
  /**
   * Minutes a build may run (5-2160).
   * @default 30
   */
  readonly buildTimeoutMinutes?: number;
  /**
   * Minutes a build may wait in the queue (5-480).
   * @default 60
   */
  readonly queuedTimeoutMinutes?: number;
  /**
   * Run the build inside a VPC (to reach private endpoints, for example a test database).
   * @default - CodeBuild's network, outside any VPC
   */
  readonly vpc?: BuildVpcPlacement;
  /**
   * Plain-text environment variables (PLAINTEXT); names that look like secrets are refused.
   * @default {}
   */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /**
   * Environment variables CodeBuild reads from Secrets Manager (SECRETS_MANAGER); the role may read
   * exactly these secrets.
   * @default {}
   */
  readonly secretEnvironmentVariables?: Readonly<Record<string, BuildSecretVariable>>;
  /**
   * ECR repositories the build pushes images to (`docker push`).
   * @default []
   */
  readonly ecrPushRepositoryArns?: readonly string[];
  /**
   * Bucket the build syncs files into (`aws s3 sync`: list, put, delete).
   * @default - none
   */
  readonly s3DeployBucketArn?: string;
  /**
   * KMS key of `s3DeployBucketArn` when its default encryption is SSE-KMS.
   * @default - none (the bucket uses SSE-S3)
   */
  readonly s3DeployKmsKeyArn?: string;
  /**
   * CloudFront distribution whose cache the build invalidates.
   * @default - none
   */
  readonly cloudFrontDistributionArn?: string;
  /**
   * Name of the service role (at most 64 characters).
   * @default '<projectName>-codebuild'
   */
  readonly roleName?: string;
}

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOCKER_COMMAND = /(^|[\s;&|(])(docker\s+(build|buildx|push|run|compose|login|pull|tag)\b|docker-compose\s)/;
const ECR_REPOSITORY_ARN = /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9][a-z0-9._\/-]*$/;
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

/** CodePipeline's artifact folder of a pipeline: the first 20 characters of its name. */
export function pipelineArtifactPrefix(pipelineName: string): string {
  return pipelineName.slice(0, 20);
}

/**
 * A CodeBuild project run by a CodePipeline (source and artifacts CODEPIPELINE) with an inline
 * buildspec, the CodeBuild standard image, its artifacts encrypted with the pipeline's KMS key, its
 * own KMS-encrypted log group with retention, and a least-privilege service role (trust limited to
 * this account): logs to its own group, read/write of its pipeline's artifact folder, the artifact
 * key, plus only the grants asked for (ECR push, S3 sync, CloudFront invalidation, its own test
 * report groups, the listed secrets, VPC network interfaces).
 *
 * Privileged mode (Docker-in-Docker) only for `dockerBuild: true`; Docker commands without it are
 * refused, as are secret-looking plain-text variables.
 */
export class BuildProject extends Construct {
  readonly project: CodebuildProject;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly logGroup: CloudwatchLogGroup;
  /** Project name (a literal). */
  readonly name: string;
  readonly arn: string;
  /** The pipeline whose artifact folder the role may use. */
  readonly pipelineName: string;
  /** Files of the output artifact (empty when the buildspec has none). */
  readonly outputFiles: readonly string[];
  /** Whether the role may invalidate a CloudFront distribution. */
  readonly invalidatesDistribution: boolean;

  constructor(scope: Construct, id: string, props: BuildProjectProps) {
    super(scope, id);
    const name = props.projectName;
    const description = props.description ?? `Builds ${name}`;
    const logRetentionDays = props.logRetentionDays ?? 30;
    const architecture = props.architecture ?? 'X86_64';
    const computeType = props.computeType ?? 'BUILD_GENERAL1_SMALL';
    const dockerBuild = props.dockerBuild ?? false;
    const privileged = props.privileged ?? dockerBuild;
    const buildTimeoutMinutes = props.buildTimeoutMinutes ?? 30;
    const queuedTimeoutMinutes = props.queuedTimeoutMinutes ?? 60;
    const environmentVariables = Object.entries(props.environmentVariables ?? {});
    const secretVariables = Object.entries(props.secretEnvironmentVariables ?? {});
    const ecrRepositoryArns = props.ecrPushRepositoryArns ?? [];
    const roleName = props.roleName ?? `${name}-codebuild`;
    const reports = Object.keys(props.buildspec.reports ?? {});

    if (Token.isUnresolved(name) || !PROJECT_NAME.test(name)) {
      throw new Error(`BuildProject ${id}: projectName "${name}" is not a literal of 2-255 letters, digits, "-" or "_" starting with a letter or digit; pass a name like <system>-<env>-<component>-build`);
    }
    const where = `BuildProject ${name}`;
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) throw new Error(`${where}: region "${props.region}" is not an AWS region name such as us-east-1`);
    if (Token.isUnresolved(props.pipelineName) || !/^[A-Za-z0-9.@_-]{1,100}$/.test(props.pipelineName)) {
      throw new Error(`${where}: pipelineName "${props.pipelineName}" is not a literal pipeline name (1-100 letters, digits, ".", "@", "-", "_"); pass the name the DeliveryPipeline gets`);
    }
    if (!(architecture in BUILD_IMAGES)) throw new Error(`${where}: architecture "${architecture}" is not X86_64 or ARM64`);
    if (!COMPUTE_TYPES.includes(computeType)) throw new Error(`${where}: computeType "${computeType}" is not one of ${COMPUTE_TYPES.join(', ')}`);
    if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    checkMinutes(where, 'buildTimeoutMinutes', buildTimeoutMinutes, 5, 2160);
    checkMinutes(where, 'queuedTimeoutMinutes', queuedTimeoutMinutes, 5, 480);
    if (roleName.length > 64) throw new Error(`${where}: role name "${roleName}" is longer than 64 characters; pass a shorter roleName`);
    if (privileged && !dockerBuild) {
      throw new Error(`${where}: privileged is true but dockerBuild is false; privileged mode gives the build root on the host's Docker daemon and only Docker builds need it, drop privileged or set dockerBuild: true`);
    }
    if (dockerBuild && !privileged) {
      throw new Error(`${where}: dockerBuild is true but privileged is false; the Docker daemon of a CodeBuild container needs privileged mode, drop privileged: false`);
    }
    const spec = buildspecProblem(props.buildspec);
    if (spec) throw new Error(`${where}: ${spec}`);
    const docker = buildspecCommands(props.buildspec).find((c) => DOCKER_COMMAND.test(c));
    if (docker && !dockerBuild) throw new Error(`${where}: the command "${docker}" runs Docker but dockerBuild is false; set dockerBuild: true (privileged mode) or drop the command`);
    for (const report of reports) {
      if (`${name}-${report}`.length > 128) throw new Error(`${where}: report group "${name}-${report}" is longer than 128 characters; shorten the report name`);
    }

    const names = new Set<string>();
    for (const [variable, value] of [...environmentVariables, ...secretVariables.map(([v]): [string, undefined] => [v, undefined])]) {
      if (!VARIABLE_NAME.test(variable)) throw new Error(`${where}: environment variable name "${variable}" must start with a letter or _ and hold only letters, digits and _`);
      if (variable.startsWith('CODEBUILD_')) throw new Error(`${where}: environment variable ${variable} starts with CODEBUILD_, which CodeBuild reserves; rename it`);
      if (names.has(variable)) throw new Error(`${where}: environment variable ${variable} is both plain and secret; give it once`);
      names.add(variable);
      if (value !== undefined && isSecretVariable(variable, value)) {
        throw new Error(`${where}: environment variable ${variable} looks like a secret; pass it in secretEnvironmentVariables (Secrets Manager) instead of as PLAINTEXT`);
      }
    }
    for (const [variable, secret] of secretVariables) {
      if (!Token.isUnresolved(secret.secretArn) && !SECRET_ARN.test(secret.secretArn)) {
        throw new Error(`${where}: secret variable ${variable} secretArn "${secret.secretArn}" is not a Secrets Manager secret ARN; pass the secret's full ARN`);
      }
      if (secret.jsonKey !== undefined && !/^[^:\s]+$/.test(secret.jsonKey)) throw new Error(`${where}: secret variable ${variable} jsonKey "${secret.jsonKey}" is empty or holds ":" or spaces`);
    }
    checkArns(where, 'ecrPushRepositoryArns', ecrRepositoryArns, ECR_REPOSITORY_ARN, 'an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)');
    checkArns(where, 's3DeployBucketArn', props.s3DeployBucketArn ? [props.s3DeployBucketArn] : [], BUCKET_ARN, 'a bucket ARN (arn:aws:s3:::<bucket>)');
    checkArns(where, 'artifactBucketArn', [props.artifactBucketArn], BUCKET_ARN, 'a bucket ARN (arn:aws:s3:::<bucket>)');
    checkArns(where, 'cloudFrontDistributionArn', props.cloudFrontDistributionArn ? [props.cloudFrontDistributionArn] : [], DISTRIBUTION_ARN, 'a distribution ARN (arn:aws:cloudfront::<account>:distribution/<id>)');
    if (props.s3DeployKmsKeyArn && !props.s3DeployBucketArn) throw new Error(`${where}: s3DeployKmsKeyArn without s3DeployBucketArn; give the bucket too or drop the key`);
    if (ecrRepositoryArns.length > 0 && !dockerBuild) throw new Error(`${where}: ecrPushRepositoryArns without dockerBuild; pushing images needs a Docker build, set dockerBuild: true`);
    if (props.vpc && (props.vpc.subnetIds.length === 0 || props.vpc.securityGroupIds.length === 0)) {
      throw new Error(`${where}: vpc needs subnetIds and securityGroupIds; omit vpc to build outside a VPC`);
    }

    this.name = name;
    this.pipelineName = props.pipelineName;
    this.outputFiles = [...(props.buildspec.artifacts?.files ?? [])];
    this.invalidatesDistribution = props.cloudFrontDistributionArn !== undefined;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/codebuild/${name}`,
      retentionInDays: logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    const artifactObjects = `${props.artifactBucketArn}/${pipelineArtifactPrefix(props.pipelineName)}/*`;
    const statements: PolicyStatement[] = [
      { Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`] },
      { Sid: 'ReadWritePipelineArtifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: artifactObjects },
      // CodeBuild looks up the artifact bucket's region and ACL before it transfers artifacts.
      { Sid: 'LocateArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:GetBucketLocation'], Resource: props.artifactBucketArn },
      { Sid: 'UseArtifactKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.artifactKmsKeyArn },
    ];
    if (reports.length > 0) {
      statements.push({
        Sid: 'WriteOwnTestReports',
        Effect: 'Allow',
        Action: ['codebuild:CreateReportGroup', 'codebuild:CreateReport', 'codebuild:UpdateReport', 'codebuild:BatchPutTestCases', 'codebuild:BatchPutCodeCoverages'],
        // CodeBuild names the report groups of a buildspec `<project>-<report>`.
        Resource: `arn:aws:codebuild:${props.region}:${props.accountId}:report-group/${name}-*`,
      });
    }
    if (secretVariables.length > 0) {
      statements.push(
        { Sid: 'ReadBuildSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: unique(secretVariables.map(([, s]) => s.secretArn)) },
        {
          Sid: 'DecryptBuildSecrets',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: unique(secretVariables.map(([, s]) => s.kmsKeyArn)),
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
        },
      );
    }
    if (ecrRepositoryArns.length > 0) {
      statements.push(
        // GetAuthorizationToken has no resource type: "*" is the only resource it accepts. The token
        // alone grants nothing; the next statement limits pushes to the listed repositories.
        { Sid: 'GetRegistryToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PushImages',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'],
          Resource: [...ecrRepositoryArns],
        },
      );
    }
    if (props.s3DeployBucketArn) {
      statements.push(
        { Sid: 'ListDeployBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: props.s3DeployBucketArn },
        { Sid: 'SyncDeployBucket', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${props.s3DeployBucketArn}/*` },
      );
      if (props.s3DeployKmsKeyArn) {
        statements.push({
          Sid: 'EncryptDeployedObjects',
          Effect: 'Allow',
          // Decrypt too: multipart uploads of large files read the data key back.
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: props.s3DeployKmsKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com` } },
        });
      }
    }
    if (props.cloudFrontDistributionArn) {
      // GetInvalidation lets the build wait for the invalidation (`aws cloudfront wait invalidation-completed`).
      statements.push({ Sid: 'InvalidateDistribution', Effect: 'Allow', Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'], Resource: props.cloudFrontDistributionArn });
    }
    if (props.vpc) statements.push(...networkInterfaceStatements(props.accountId, props.region, props.vpc));

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `Service role of CodeBuild project ${name}`,
      assumeRolePolicy: serviceTrustPolicy('codebuild.amazonaws.com', props.accountId, 'CodeBuildAssumesRoleForThisAccount'),
    });
    this.policy = new IamRolePolicy(this, 'policy', { name: 'least-privilege', role: this.role.id, policy: policyJson({ Statement: statements }) });

    const image = BUILD_IMAGES[architecture];
    this.project = new CodebuildProject(this, 'project', {
      name,
      description,
      serviceRole: this.role.arn,
      encryptionKey: props.artifactKmsKeyArn,
      buildTimeout: buildTimeoutMinutes,
      queuedTimeout: queuedTimeoutMinutes,
      source: { type: 'CODEPIPELINE', buildspec: renderBuildspec(props.buildspec) },
      artifacts: { type: 'CODEPIPELINE' },
      environment: {
        image: image.image,
        type: image.type,
        computeType,
        imagePullCredentialsType: 'CODEBUILD',
        privilegedMode: privileged,
        environmentVariable: environmentVariablesOf(environmentVariables, secretVariables),
      },
      logsConfig: {
        cloudwatchLogs: { status: 'ENABLED', groupName: this.logGroup.name },
        s3Logs: { status: 'DISABLED' },
      },
      vpcConfig: props.vpc ? { vpcId: props.vpc.vpcId, subnets: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } : undefined,
      // A build started right after creation must find the role's permissions.
      dependsOn: [this.policy],
    });
    this.arn = this.project.arn;
    useProvider(this, props.provider);
  }
}

function environmentVariablesOf(
  plain: readonly [string, string][],
  secrets: readonly [string, BuildSecretVariable][],
): CodebuildProjectEnvironmentEnvironmentVariable[] | undefined {
  const variables: CodebuildProjectEnvironmentEnvironmentVariable[] = [
    ...[...plain].sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' })),
    ...[...secrets]
      .sort(([a], [b]) => a.localeCompare(b))
      // `<secret-arn>:<json-key>`: CodeBuild's secret reference (version stage and id left to AWSCURRENT).
      .map(([name, s]) => ({ name, value: s.jsonKey === undefined ? s.secretArn : `${s.secretArn}:${s.jsonKey}`, type: 'SECRETS_MANAGER' })),
  ];
  return variables.length > 0 ? variables : undefined;
}

/** The network interface permissions of a build in a VPC (CodeBuild's documented set). */
function networkInterfaceStatements(accountId: string, region: string, vpc: BuildVpcPlacement): PolicyStatement[] {
  const ec2 = (resource: string) => `arn:aws:ec2:${region}:${accountId}:${resource}`;
  const unknown = (ids: readonly string[]) => Token.isUnresolved([...ids]) || ids.some((i) => Token.isUnresolved(i));
  const subnets = unknown(vpc.subnetIds) ? [ec2('subnet/*')] : vpc.subnetIds.map((s) => ec2(`subnet/${s}`));
  return [
    // The network interface calls CodeBuild makes for a VPC build take no resource ARN: "*" only.
    {
      Sid: 'ManageBuildNetworkInterfaces',
      Effect: 'Allow',
      Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
      Resource: '*',
    },
    // CodeBuild reads the VPC's DHCP options (DNS); EC2 Describe calls have no resource types.
    { Sid: 'DescribeBuildDhcpOptions', Effect: 'Allow', Action: 'ec2:DescribeDhcpOptions', Resource: '*' },
    {
      Sid: 'AttachBuildNetworkInterfaces',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterfacePermission',
      Resource: ec2('network-interface/*'),
      Condition: { StringEquals: { 'ec2:AuthorizedService': 'codebuild.amazonaws.com' }, ArnEquals: { 'ec2:Subnet': subnets } },
    },
  ];
}

function checkMinutes(where: string, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${where}: ${field} ${value} is outside ${min}-${max} minutes; pass a whole number in range`);
}

function checkArns(where: string, field: string, arns: readonly string[], pattern: RegExp, what: string): void {
  for (const arn of arns) {
    if (!Token.isUnresolved(arn) && !pattern.test(arn)) throw new Error(`${where}: ${field} has "${arn}", which is not ${what}`);
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
