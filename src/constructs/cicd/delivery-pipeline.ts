import { Codepipeline, CodepipelineStageAction } from '@cdktf/provider-aws/lib/codepipeline';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson, serviceTrustPolicy } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { BuildProject, pipelineArtifactPrefix } from './build-project';

/**
 * Deploy to an ECS service with the ECS standard deploy action: it copies the service's current
 * task definition with the image from the image definitions file, registers it and updates the
 * service, which then rolls its tasks (rolling update; the service's deployment controller must be
 * ECS). The seed's "CodeDeploy for ECS" (blue/green) is the caller's choice to record: this action
 * is the rolling alternative.
 */
export interface EcsDeployTarget {
  readonly clusterName: string;
  readonly serviceName: string;
  /**
   * Image definitions file in the build's output artifact (`[{"name":..,"imageUri":..}]`).
   * @default 'imagedefinitions.json'
   */
  readonly fileName?: string;
  /** Execution role of the service's task definition (the action passes it on registering the copy). */
  readonly executionRoleArn: string;
  /**
   * Task role of the service's task definition.
   * @default - the task definition has no task role
   */
  readonly taskRoleArn?: string;
  /**
   * Minutes the action waits for the service to become stable (1-60).
   * @default 60
   */
  readonly deploymentTimeoutMinutes?: number;
}

export interface S3DeployTarget {
  /** Bucket the build output is extracted into (the site's origin bucket). */
  readonly bucketName: string;
  /**
   * Key prefix the files go under.
   * @default - the bucket root
   */
  readonly objectKey?: string;
  /**
   * Extract the artifact's files into the bucket (the only mode: a site is files, not a zip).
   * @default true
   */
  readonly extract?: true;
  /**
   * KMS key of the bucket's default SSE-KMS encryption, which the pipeline role then may use for
   * uploads through S3 only.
   * @default - the bucket uses SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * `Cache-Control` header of the uploaded objects.
   * @default - none (CloudFront's cache policy decides)
   */
  readonly cacheControl?: string;
}

/** Where the Deploy stage sends the build output. */
export type DeliveryTarget =
  | { readonly ecs: EcsDeployTarget }
  | {
      readonly s3: S3DeployTarget;
      /** A build project with `cloudFrontDistributionArn` that invalidates the distribution after the upload. */
      readonly invalidate: BuildProject;
    };

export interface DeliveryPipelineProps extends ProviderScopedProps {
  /** Pipeline name (1-100 letters, digits, `.@-_`); keep the first 20 characters unique per artifact bucket. */
  readonly pipelineName: string;
  readonly accountId: string;
  readonly region: string;
  /** ARN of the GitHub connection (GithubConnection.arn). */
  readonly connectionArn: string;
  /** Repository as `owner/name`. */
  readonly repository: string;
  /** The branch whose pushes start the pipeline. */
  readonly branch: string;
  /**
   * File path globs (1-8) a push must touch to start the pipeline, for example
   * `['aws/app-frontend/**\/*']` in a monorepo.
   */
  readonly pathFilters: readonly string[];
  /** Name of the artifact bucket (versioned, KMS-encrypted). */
  readonly artifactBucketName: string;
  readonly artifactBucketArn: string;
  /** Customer-managed KMS key of the artifacts. */
  readonly artifactKmsKeyArn: string;
  /** The Build stage's project, built with this pipeline's name. */
  readonly build: BuildProject;
  readonly deploy: DeliveryTarget;
  /**
   * How executions share the pipeline. QUEUED runs every triggering push to the end, one at a time
   * in push order: each commit gets its own test result and deploys stay in commit order, and no
   * waiting execution is silently dropped. SUPERSEDED lets a newer execution replace one waiting
   * between stages (faster under bursts of pushes, but skipped commits never get tested alone).
   * @default 'QUEUED'
   */
  readonly executionMode?: 'QUEUED' | 'SUPERSEDED';
  /**
   * Name of the pipeline's service role (at most 64 characters).
   * @default '<pipelineName>-pipeline'
   */
  readonly roleName?: string;
}

const PIPELINE_NAME = /^[A-Za-z0-9.@_-]{1,100}$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const MAX_PATH_FILTERS = 8;
const SOURCE_ACTION = 'Source';
const SOURCE_ARTIFACT = 'source';
const BUILD_ARTIFACT = 'build';

/**
 * A CodePipeline (V2) for one project of a GitHub monorepo: Source (the GitHub connection, branch
 * and repository, a CODE_ZIP artifact), Build (a BuildProject) and Deploy (ECS standard deploy, or
 * S3 extract followed by a CloudFront invalidation build). A trigger starts it on pushes to the
 * branch that touch the path filters (the source action's own change detection is off, the
 * trigger does it). Artifacts live in the given bucket, encrypted with the given KMS key.
 *
 * The service role (trust limited to this account) may use the connection, read and write this
 * pipeline's artifact folder, use the artifact key, start its own build projects, and deploy to
 * the one ECS service (passing only its task roles, only to ECS tasks) or upload to the one bucket.
 *
 * While the GitHub connection is PENDING (see GithubConnection) executions fail at Source.
 */
export class DeliveryPipeline extends Construct {
  readonly pipeline: Codepipeline;
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    const name = props.pipelineName;
    const executionMode = props.executionMode ?? 'QUEUED';
    const roleName = props.roleName ?? `${name}-pipeline`;
    const pathFilters = [...props.pathFilters];

    if (Token.isUnresolved(name) || !PIPELINE_NAME.test(name)) {
      throw new Error(`DeliveryPipeline ${id}: pipelineName "${name}" is not a literal of 1-100 letters, digits, ".", "@", "-" or "_"; pass a name like <system>-<env>-<component>`);
    }
    const where = `DeliveryPipeline ${name}`;
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) throw new Error(`${where}: region "${props.region}" is not an AWS region name such as us-east-1`);
    if (!Token.isUnresolved(props.repository) && !REPOSITORY.test(props.repository)) {
      throw new Error(`${where}: repository "${props.repository}" is not owner/name; pass it like my-org/my-repo`);
    }
    if (!Token.isUnresolved(props.branch) && (props.branch.trim() === '' || /[*?\s[\]]/.test(props.branch) || props.branch.startsWith('refs/'))) {
      throw new Error(`${where}: branch "${props.branch}" is not one branch name; pass it without wildcards, spaces or refs/heads/, for example main`);
    }
    if (pathFilters.length === 0) throw new Error(`${where}: pathFilters is empty; give the globs of the project's files, for example ['aws/app-frontend/**/*'] (a monorepo pipeline must not run on every push)`);
    if (pathFilters.length > MAX_PATH_FILTERS) throw new Error(`${where}: ${pathFilters.length} pathFilters; a trigger takes at most ${MAX_PATH_FILTERS}, merge them into broader globs`);
    for (const filter of pathFilters) {
      if (filter.trim() === '' || filter.startsWith('/')) throw new Error(`${where}: path filter "${filter}" is empty or starts with "/"; give a glob relative to the repository root, for example aws/app-frontend/**/*`);
    }
    if (!['QUEUED', 'SUPERSEDED'].includes(executionMode)) throw new Error(`${where}: executionMode "${executionMode}" is not QUEUED or SUPERSEDED`);
    if (roleName.length > 64) throw new Error(`${where}: role name "${roleName}" is longer than 64 characters; pass a shorter roleName`);

    const projects = 'ecs' in props.deploy ? [props.build] : [props.build, props.deploy.invalidate];
    for (const project of projects) {
      if (project.pipelineName !== name) {
        throw new Error(`${where}: build project ${project.name} was built for pipeline "${project.pipelineName}", so its role can reach only that pipeline's artifacts; pass pipelineName "${name}" to it`);
      }
    }
    if (props.build.outputFiles.length === 0) throw new Error(`${where}: build project ${props.build.name} has no output artifact for the Deploy stage; give its buildspec artifacts`);

    const statements: PolicyStatement[] = [
      { Sid: 'UseGithubConnection', Effect: 'Allow', Action: 'codestar-connections:UseConnection', Resource: props.connectionArn },
      {
        Sid: 'ReadWritePipelineArtifacts',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        Resource: `${props.artifactBucketArn}/${pipelineArtifactPrefix(name)}/*`,
      },
      // CodePipeline checks the artifact bucket's versioning and region before it stores artifacts.
      { Sid: 'CheckArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: props.artifactBucketArn },
      { Sid: 'UseArtifactKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.artifactKmsKeyArn },
      { Sid: 'RunOwnBuilds', Effect: 'Allow', Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'], Resource: projects.map((p) => p.arn) },
    ];

    let deployActions: CodepipelineStageAction[];
    if ('ecs' in props.deploy) {
      const ecs = props.deploy.ecs;
      const fileName = ecs.fileName ?? 'imagedefinitions.json';
      const timeout = ecs.deploymentTimeoutMinutes ?? 60;
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) throw new Error(`${where}: deploymentTimeoutMinutes ${timeout} is outside 1-60 minutes`);
      for (const [field, value] of [['clusterName', ecs.clusterName], ['serviceName', ecs.serviceName]] as const) {
        if (!Token.isUnresolved(value) && !/^[A-Za-z0-9_-]{1,255}$/.test(value)) throw new Error(`${where}: ecs.${field} "${value}" is not an ECS name (1-255 letters, digits, "-", "_")`);
      }
      const files = props.build.outputFiles;
      if (!files.includes(fileName) && !files.some((f) => f.includes('*'))) {
        throw new Error(`${where}: build project ${props.build.name} outputs ${files.join(', ')} but not ${fileName}, which the ECS deploy action reads; add it to the buildspec artifacts`);
      }
      const ecsArn = (resource: string) => `arn:aws:ecs:${props.region}:${props.accountId}:${resource}`;
      statements.push(
        { Sid: 'UpdateService', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: ecsArn(`service/${ecs.clusterName}/${ecs.serviceName}`) },
        // DescribeTaskDefinition and RegisterTaskDefinition have no resource types: AWS accepts only "*".
        { Sid: 'RegisterTaskDefinition', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
        {
          Sid: 'TagNewTaskDefinition',
          Effect: 'Allow',
          Action: 'ecs:TagResource',
          Resource: ecsArn('task-definition/*'),
          // Only while registering (the copy keeps the tags of the task definition it copies).
          Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
        },
        // The action follows the rollout through the cluster's tasks.
        { Sid: 'WatchDeployment', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:ListTasks'], Resource: [ecsArn(`task/${ecs.clusterName}/*`), ecsArn(`container-instance/${ecs.clusterName}/*`)] },
        {
          Sid: 'PassTaskRoles',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: [ecs.executionRoleArn, ...(ecs.taskRoleArn ? [ecs.taskRoleArn] : [])],
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      );
      deployActions = [
        {
          name: 'Deploy',
          category: 'Deploy',
          owner: 'AWS',
          provider: 'ECS',
          version: '1',
          inputArtifacts: [BUILD_ARTIFACT],
          configuration: { ClusterName: ecs.clusterName, ServiceName: ecs.serviceName, FileName: fileName, DeploymentTimeout: String(timeout) },
          runOrder: 1,
        },
      ];
    } else {
      const { s3, invalidate } = props.deploy;
      if (s3.extract !== undefined && s3.extract !== true) throw new Error(`${where}: s3.extract must be true; the S3 deploy here extracts the build output into the bucket`);
      if (!Token.isUnresolved(s3.bucketName) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s3.bucketName)) throw new Error(`${where}: s3.bucketName "${s3.bucketName}" is not a bucket name`);
      const objectKey = s3.objectKey?.replace(/^\/+|\/+$/g, '');
      if (s3.objectKey !== undefined && !objectKey) throw new Error(`${where}: s3.objectKey "${s3.objectKey}" is empty; leave it out to deploy to the bucket root`);
      if (!invalidate.invalidatesDistribution) {
        throw new Error(`${where}: invalidate project ${invalidate.name} has no cloudFrontDistributionArn, so its role cannot invalidate; build it with the distribution's ARN`);
      }
      if (invalidate === props.build) throw new Error(`${where}: the invalidate project is the build project; give a separate project that only invalidates`);
      const bucketArn = `arn:aws:s3:::${s3.bucketName}`;
      statements.push({ Sid: 'DeploySiteFiles', Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/${objectKey ? `${objectKey}/` : ''}*` });
      if (s3.kmsKeyArn) {
        statements.push({
          Sid: 'EncryptSiteFiles',
          Effect: 'Allow',
          // Decrypt too: multipart uploads of large files read the data key back.
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: s3.kmsKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com` } },
        });
      }
      deployActions = [
        {
          name: 'Deploy',
          category: 'Deploy',
          owner: 'AWS',
          provider: 'S3',
          version: '1',
          inputArtifacts: [BUILD_ARTIFACT],
          configuration: {
            BucketName: s3.bucketName,
            Extract: 'true',
            ...(objectKey ? { ObjectKey: objectKey } : {}),
            ...(s3.cacheControl ? { CacheControl: s3.cacheControl } : {}),
            ...(s3.kmsKeyArn ? { KMSEncryptionKeyARN: s3.kmsKeyArn } : {}),
          },
          runOrder: 1,
        },
        {
          name: 'Invalidate',
          category: 'Build',
          owner: 'AWS',
          provider: 'CodeBuild',
          version: '1',
          // A CodeBuild action needs an input; the invalidation ignores it.
          inputArtifacts: [BUILD_ARTIFACT],
          configuration: { ProjectName: invalidate.name },
          runOrder: 2,
        },
      ];
    }

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `Service role of CodePipeline ${name}`,
      assumeRolePolicy: serviceTrustPolicy('codepipeline.amazonaws.com', props.accountId, 'CodePipelineAssumesRoleForThisAccount'),
    });
    this.policy = new IamRolePolicy(this, 'policy', { name: 'least-privilege', role: this.role.id, policy: policyJson({ Statement: statements }) });

    this.pipeline = new Codepipeline(this, 'pipeline', {
      name,
      pipelineType: 'V2',
      executionMode,
      roleArn: this.role.arn,
      artifactStore: [{ type: 'S3', location: props.artifactBucketName, encryptionKey: { type: 'KMS', id: props.artifactKmsKeyArn } }],
      stage: [
        {
          name: 'Source',
          action: [
            {
              name: SOURCE_ACTION,
              category: 'Source',
              owner: 'AWS',
              provider: 'CodeStarSourceConnection',
              version: '1',
              outputArtifacts: [SOURCE_ARTIFACT],
              configuration: {
                ConnectionArn: props.connectionArn,
                FullRepositoryId: props.repository,
                BranchName: props.branch,
                OutputArtifactFormat: 'CODE_ZIP',
                // The trigger below starts the pipeline (with the path filters); the action's own change detection would start it on every push.
                DetectChanges: 'false',
              },
              runOrder: 1,
            },
          ],
        },
        {
          name: 'Build',
          action: [
            {
              name: 'Build',
              category: 'Build',
              owner: 'AWS',
              provider: 'CodeBuild',
              version: '1',
              inputArtifacts: [SOURCE_ARTIFACT],
              outputArtifacts: [BUILD_ARTIFACT],
              configuration: { ProjectName: props.build.name },
              runOrder: 1,
            },
          ],
        },
        { name: 'Deploy', action: deployActions },
      ],
      trigger: [
        {
          providerType: 'CodeStarSourceConnection',
          gitConfiguration: {
            sourceActionName: SOURCE_ACTION,
            push: [{ branches: { includes: [props.branch] }, filePaths: { includes: pathFilters } }],
          },
        },
      ],
      // Creating a pipeline starts an execution: its role must already hold its permissions.
      dependsOn: [this.policy],
    });
    this.name = name;
    this.arn = this.pipeline.arn;
    useProvider(this, props.provider);
  }
}
