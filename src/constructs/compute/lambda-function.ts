import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction as LambdaFunctionResource } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { TerraformAsset, Token } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { PolicyStatement, denyInsecureTransport, policyJson, serviceTrustPolicy } from '../../core/iam/policy-document';
import { isUnscopableAction } from '../../core/iam/unscopable-actions';
import { directoryEntries, hashEntries, packageDirectoryAsset } from '../../core/assets/package-directory';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { isSecretVariable } from '../../policy/rules/containers';
import { DEPRECATED_RUNTIMES } from '../../policy/rules/lambda';

export type LambdaArchitecture = 'arm64' | 'x86_64';

/** Where a function's network interfaces go. */
export interface LambdaVpcPlacement {
  /** Private subnets, in 2+ AZs (LAM-04); remote-state lists are fine. */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

export interface LambdaFunctionProps extends ProviderScopedProps {
  /** Function name (1-64 of letters, digits, `-`, `_`), for example `<system>-<env>-<purpose>`. */
  readonly functionName: string;
  readonly description: string;
  /** Account of the function: the role trust's `aws:SourceAccount` and the ENI permission ARNs. */
  readonly accountId: string;
  /** Region of the function (the provider's region): ENI permission ARNs. */
  readonly region: string;
  /**
   * Customer-managed KMS key of the function's data: environment variables (Lambda creates a grant
   * for the execution role, so the deploying principal needs `kms:CreateGrant`), and, unless
   * `deadLetterQueueKmsKeyArn` / `logKmsKeyArn` say otherwise, the dead-letter queue and the log group.
   */
  readonly kmsKeyArn: string;
  /**
   * Key of the log group. Its policy must let `logs.<region>.amazonaws.com` use it for this log group;
   * in a layer pass the environment's logs key (network output `logs_kms_key_arn`).
   * @default kmsKeyArn
   */
  readonly logKmsKeyArn?: string;
  /**
   * Key of the dead-letter queue. The execution role gets `kms:GenerateDataKey`/`kms:Decrypt` on it
   * through SQS only; its key policy must allow IAM policies of the account.
   * @default kmsKeyArn
   */
  readonly deadLetterQueueKmsKeyArn?: string;
  /**
   * Runtime; deprecated runtimes (LAM-01) are rejected.
   * @default 'nodejs22.x'
   */
  readonly runtime?: string;
  /**
   * Instruction set.
   * @default 'arm64'
   */
  readonly architecture?: LambdaArchitecture;
  /**
   * Handler (`file.export` for Node.js).
   * @default 'index.handler'
   */
  readonly handler?: string;
  /**
   * Memory in MB (128-10240).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout in seconds (1-900).
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Directory packaged as the function's zip, relative to the repository root (where cdktf.json is)
   * or absolute. The asset path and `source_code_hash` derive from a SHA-256 of its file names and
   * contents, so the synthesized JSON is the same on every machine.
   * @default 'assets/lambda/bootstrap' (health check, 503 until the application is deployed)
   */
  readonly code?: string;
  /**
   * The application's pipeline owns the code (`aws lambda update-function-code --publish`, then moves
   * the alias): Terraform ignores `filename`/`source_code_hash` of the function and the alias's
   * `routing_config` (weighted canaries). Configuration changes still publish a version from
   * `$LATEST` (the pipeline's last upload) and move the alias to it.
   * @default false: Terraform uploads `code` whenever its hash changes (provider 5.x does not compare
   * with the deployed code, so until then a pipeline's upload stays)
   */
  readonly ignoreCodeChanges?: boolean;
  /**
   * Environment variables, encrypted with `kmsKeyArn`. Never secrets (LAM-02): pass a Secrets
   * Manager/SSM ARN or name and read it at runtime.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * The function's own permissions (a second inline policy of its role); no `*`/`svc:*` actions,
   * `Resource "*"` only for unscopable actions.
   * @default [] (logs, X-Ray, DLQ and ENI permissions only)
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Days the log group `/aws/lambda/<name>` keeps events; one of LOG_RETENTION_DAYS.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * Log format: JSON gives structured application and platform logs (Logs Insights fields).
   * @default 'JSON'
   */
  readonly logFormat?: 'JSON' | 'Text';
  /**
   * VPC placement; the role then gets the ENI permissions Lambda needs, scoped to this account and
   * region (and to the given subnets and security groups when they are literal IDs).
   * @default - not in a VPC
   */
  readonly vpc?: LambdaVpcPlacement;
  /**
   * Layer version ARNs (at most 5), for example `LambdaLayer.arn`.
   * @default []
   */
  readonly layers?: readonly string[];
  /**
   * Reserved concurrent executions (1 or more); also the ceiling of provisioned concurrency.
   * @default - unreserved: LAM-04 reports it, since one function can then starve the account
   */
  readonly reservedConcurrency?: number;
  /**
   * Alias that points at the published version; callers, API Gateway and event sources use it.
   * @default 'live'
   */
  readonly aliasName?: string;
  /**
   * Provisioned concurrent executions on the alias.
   * @default - none (on-demand)
   */
  readonly provisionedConcurrency?: number;
  /**
   * Retries of a failed asynchronous invocation (0-2) before it goes to the dead-letter queue.
   * @default 2
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Maximum age in seconds of an asynchronous event (60-21600) before it goes to the dead-letter queue.
   * @default 21600
   */
  readonly maximumEventAgeSeconds?: number;
  /**
   * Name of the execution role (at most 64 characters).
   * @default '<functionName>-role'
   */
  readonly roleName?: string;
}

/** Directory of the default bootstrap code, relative to the repository root. */
export const BOOTSTRAP_CODE = 'assets/lambda/bootstrap';

/** Variables Lambda sets itself; CreateFunction rejects them. */
const RESERVED_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/**
 * A Lambda function the way the platform runs them: arm64 by default, a supported runtime, its own
 * least-privilege execution role (trust limited to this account; logs only to its own log group;
 * X-Ray; ENI actions only when in a VPC), its own KMS-encrypted log group with retention, active
 * tracing, KMS-encrypted environment, a published version behind an alias (`live`) with optional
 * provisioned concurrency, and asynchronous invocations that end in its own KMS-encrypted,
 * TLS-only SQS dead-letter queue (on-failure destination).
 *
 * Invoke the alias (`aliasArn`, `invokeArn`): the asynchronous invocation config and provisioned
 * concurrency are on it, not on `$LATEST`.
 */
export class LambdaFunction extends Construct {
  readonly function: LambdaFunctionResource;
  readonly alias: LambdaAlias;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly deadLetterQueue: SqsQueue;
  /** Unqualified function ARN. */
  readonly arn: string;
  /** ARN of the alias: what event sources and other functions invoke. */
  readonly aliasArn: string;
  /** Invoke ARN of the alias, for API Gateway integrations. */
  readonly invokeArn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    const name = props.functionName;
    const runtime = props.runtime ?? 'nodejs22.x';
    const architecture = props.architecture ?? 'arm64';
    const handler = props.handler ?? 'index.handler';
    const memorySize = props.memorySize ?? 512;
    const timeoutSeconds = props.timeoutSeconds ?? 30;
    const codeDirectory = props.code ?? BOOTSTRAP_CODE;
    const ignoreCodeChanges = props.ignoreCodeChanges ?? false;
    const environment = props.environment ?? {};
    const statements = props.statements ?? [];
    const logRetentionDays = props.logRetentionDays ?? 30;
    const logFormat = props.logFormat ?? 'JSON';
    const layers = props.layers ?? [];
    const aliasName = props.aliasName ?? 'live';
    const maximumRetryAttempts = props.maximumRetryAttempts ?? 2;
    const maximumEventAgeSeconds = props.maximumEventAgeSeconds ?? 21600;
    const roleName = props.roleName ?? `${name}-role`;
    const logKmsKeyArn = props.logKmsKeyArn ?? props.kmsKeyArn;
    const queueKmsKeyArn = props.deadLetterQueueKmsKeyArn ?? props.kmsKeyArn;

    const where = `LambdaFunction ${name}`;
    if (Token.isUnresolved(name) || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new Error(`LambdaFunction ${id}: functionName "${name}" is not a literal of 1-64 letters, digits, - or _; pass a name like <system>-<env>-<purpose>`);
    }
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) throw new Error(`${where}: region "${props.region}" is not an AWS region name such as us-east-1`);
    if (DEPRECATED_RUNTIMES.includes(runtime)) {
      throw new Error(`${where}: runtime "${runtime}" is deprecated (LAM-01); use a supported runtime such as nodejs22.x`);
    }
    if (!['arm64', 'x86_64'].includes(architecture)) throw new Error(`${where}: architecture "${architecture}" is not arm64 or x86_64`);
    checkInteger(where, 'memorySize', memorySize, 128, 10240, 'MB');
    checkInteger(where, 'timeoutSeconds', timeoutSeconds, 1, 900, 'seconds (Lambda allows at most 15 minutes)');
    checkInteger(where, 'maximumRetryAttempts', maximumRetryAttempts, 0, 2, 'retries');
    checkInteger(where, 'maximumEventAgeSeconds', maximumEventAgeSeconds, 60, 21600, 'seconds');
    if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (props.reservedConcurrency !== undefined) checkInteger(where, 'reservedConcurrency', props.reservedConcurrency, 1, Number.MAX_SAFE_INTEGER, 'executions (0 would stop every invocation)');
    if (props.provisionedConcurrency !== undefined) {
      const ceiling = props.reservedConcurrency ?? Number.MAX_SAFE_INTEGER;
      checkInteger(where, 'provisionedConcurrency', props.provisionedConcurrency, 1, ceiling, `executions${props.reservedConcurrency !== undefined ? ' (at most reservedConcurrency)' : ''}`);
    }
    if (!/^(?!\d+$)[A-Za-z0-9_-]{1,128}$/.test(aliasName)) throw new Error(`${where}: aliasName "${aliasName}" is not 1-128 letters, digits, - or _ (and not only digits)`);
    if (roleName.length > 64) throw new Error(`${where}: role name "${roleName}" is longer than 64 characters; pass a shorter roleName`);
    if (layers.length > 5) throw new Error(`${where}: ${layers.length} layers given; Lambda allows at most 5`);
    for (const [variable, value] of Object.entries(environment)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(variable)) throw new Error(`${where}: environment variable name "${variable}" must start with a letter and hold only letters, digits and _`);
      if (RESERVED_VARIABLES.has(variable)) throw new Error(`${where}: environment variable ${variable} is reserved by Lambda; rename it`);
      if (isSecretVariable(variable, value)) throw new Error(`${where}: environment variable ${variable} looks like a secret (LAM-02); store it in Secrets Manager/SSM and pass its ARN or name (e.g. ${variable}_ARN)`);
    }
    if (props.vpc && (props.vpc.subnetIds.length === 0 || props.vpc.securityGroupIds.length === 0)) {
      throw new Error(`${where}: vpc needs subnetIds and securityGroupIds; omit vpc to run outside a VPC`);
    }
    checkStatements(where, statements);

    const code = packageDirectory(this, 'code', codeDirectory, where).asset;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${name}`,
      retentionInDays: logRetentionDays,
      kmsKeyId: logKmsKeyArn,
    });

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${name}-dlq`,
      kmsMasterKeyId: queueKmsKeyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 1209600,
    });
    new SqsQueuePolicy(this, 'dead-letter-queue-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyJson({ Statement: [denyInsecureTransport('sqs:*', [this.deadLetterQueue.arn])] }),
    });

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `Execution role of Lambda function ${name}`,
      assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com', props.accountId, 'LambdaAssumesRoleForThisAccount'),
    });
    const execution = new IamRolePolicy(this, 'execution-policy', {
      name: 'execution',
      role: this.role.id,
      policy: policyJson({
        Statement: [
          {
            Sid: 'WriteOwnLogGroup',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
          },
          { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
          { Sid: 'SendFailedEventsToDeadLetterQueue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: this.deadLetterQueue.arn },
          {
            Sid: 'EncryptDeadLetterMessages',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: queueKmsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `sqs.${props.region}.amazonaws.com` } },
          },
          ...(props.vpc ? networkInterfaceStatements(props.accountId, props.region, props.vpc) : []),
        ],
      }),
    });
    const policies: IamRolePolicy[] = [execution];
    if (statements.length > 0) {
      policies.push(new IamRolePolicy(this, 'permissions-policy', { name: 'permissions', role: this.role.id, policy: policyJson({ Statement: statements }) }));
    }

    this.function = new LambdaFunctionResource(this, 'function', {
      functionName: name,
      description: props.description,
      role: this.role.arn,
      runtime,
      handler,
      architectures: [architecture],
      memorySize,
      timeout: timeoutSeconds,
      filename: code.path,
      sourceCodeHash: code.assetHash,
      publish: true,
      kmsKeyArn: props.kmsKeyArn,
      layers: layers.length > 0 ? [...layers] : undefined,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: Object.keys(environment).length > 0 ? { variables: { ...environment } } : undefined,
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat, logGroup: this.logGroup.name },
      vpcConfig: props.vpc ? { subnetIds: props.vpc.subnetIds, securityGroupIds: props.vpc.securityGroupIds } : undefined,
      // Lambda checks the role's ENI and logging permissions when it creates the function.
      dependsOn: policies,
      lifecycle: ignoreCodeChanges ? { ignoreChanges: ['filename', 'source_code_hash'] } : undefined,
    });

    this.alias = new LambdaAlias(this, 'alias', {
      name: aliasName,
      description: `Published version of ${name} that callers invoke`,
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      lifecycle: ignoreCodeChanges ? { ignoreChanges: ['routing_config'] } : undefined,
    });
    if (props.provisionedConcurrency !== undefined) {
      new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
        functionName: this.function.functionName,
        qualifier: this.alias.name,
        provisionedConcurrentExecutions: props.provisionedConcurrency,
      });
    }
    new LambdaFunctionEventInvokeConfig(this, 'async-invoke-config', {
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      maximumRetryAttempts,
      maximumEventAgeInSeconds: maximumEventAgeSeconds,
      destinationConfig: { onFailure: { destination: this.deadLetterQueue.arn } },
      // Lambda checks that the role may send to the destination.
      dependsOn: [execution],
    });

    this.arn = this.function.arn;
    this.aliasArn = this.alias.arn;
    this.invokeArn = this.alias.invokeArn;
    this.name = this.function.functionName;
    useProvider(this, props.provider);
  }
}

/**
 * The ENI actions Lambda performs with the execution role for a VPC function. DescribeNetworkInterfaces
 * and DescribeSubnets take only `*`; the others are scoped to this account and region, creation also
 * to the given subnets and security groups when they are literal IDs (remote-state lists are not).
 */
function networkInterfaceStatements(accountId: string, region: string, vpc: LambdaVpcPlacement): PolicyStatement[] {
  const ec2 = (resource: string) => `arn:aws:ec2:${region}:${accountId}:${resource}`;
  // An encoded list token (a remote-state list) is not an unresolved *string*: test the list too.
  const unknown = (ids: readonly string[]) => Token.isUnresolved([...ids]) || ids.some((i) => Token.isUnresolved(i));
  const scoped = (kind: string, ids: readonly string[]) => (unknown(ids) ? [ec2(`${kind}/*`)] : ids.map((i) => ec2(`${kind}/${i}`)));
  return [
    { Sid: 'DescribeNetworkInterfaces', Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: '*' },
    {
      Sid: 'CreateNetworkInterfaces',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterface',
      Resource: [ec2('network-interface/*'), ...scoped('subnet', vpc.subnetIds), ...scoped('security-group', vpc.securityGroupIds)],
    },
    {
      Sid: 'ManageNetworkInterfaces',
      Effect: 'Allow',
      Action: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      Resource: ec2('network-interface/*'),
    },
  ];
}

function checkInteger(where: string, field: string, value: number, min: number, max: number, unit: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min}-${max}`;
    throw new Error(`${where}: ${field} ${value} is outside ${range} ${unit}; pass a whole number in range`);
  }
}

/** The checks IAM-01 makes, at construction: no `*`/`svc:*` actions, a Resource, `*` only for unscopable actions. */
function checkStatements(where: string, statements: readonly PolicyStatement[]): void {
  statements.forEach((statement, i) => {
    const label = statement.Sid ?? `#${i}`;
    const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
    const broad = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
    if (statement.Principal !== undefined) throw new Error(`${where}: statement ${label} has a Principal; the role's identity policy names none (trust is built in)`);
    if (statement.Effect === 'Allow' && broad.length > 0) throw new Error(`${where}: statement ${label} allows ${broad.join(', ')}; list the specific actions (IAM-01)`);
    if (statement.Resource === undefined) throw new Error(`${where}: statement ${label} has no Resource; name the resources (ARNs)`);
    const resources = typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
    const scopable = actions.filter((a) => !isUnscopableAction(a));
    if (statement.Effect === 'Allow' && resources.includes('*') && scopable.length > 0) {
      throw new Error(`${where}: statement ${label} grants ${scopable.join(', ')} on "*"; scope it to resource ARNs (IAM-01)`);
    }
  });
}

export interface PackagedDirectory {
  /** The zip, written next to the stack's cdk.tf.json at synth (`assets/<id>/<hash>/archive.zip`). */
  readonly asset: TerraformAsset;
  /** Absolute path of the packaged directory. */
  readonly directory: string;
}

/**
 * A zip asset of `directory` (relative to the repository root or absolute) whose `assetHash` is a
 * SHA-256 (hex) of every file's relative path and contents in sorted order: it changes when a file is
 * added, renamed or edited and never with timestamps or machines. cdktf's own hash reads contents
 * only, so a rename would not redeploy.
 */
export function packageDirectory(scope: Construct, id: string, directory: string, where: string): PackagedDirectory {
  const absolute = path.isAbsolute(directory) ? directory : path.join(repositoryRoot(where), directory);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new Error(`${where}: code directory "${directory}" does not exist (resolved to ${absolute}); give a directory relative to the repository root, e.g. ${BOOTSTRAP_CODE}`);
  }
  const packaged = packageDirectoryAsset(scope, id, absolute);
  if (!packaged) throw new Error(`${where}: code directory "${directory}" holds no files; put the handler in it`);
  return { asset: packaged.asset, directory: absolute };
}

/** SHA-256 (hex) over the sorted relative paths and contents of the files under `root`; undefined when there are none. */
export function hashDirectory(root: string): string | undefined {
  const entries = directoryEntries(root);
  return entries.length === 0 ? undefined : hashEntries(entries);
}

/** The directory of cdktf.json, searched upward from the working directory (where cdktf resolves assets). */
function repositoryRoot(where: string): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${where}: no cdktf.json above ${process.cwd()}; run from the repository or give an absolute code directory`);
  }
}
