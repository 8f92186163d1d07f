import { TerraformStack } from 'cdktf';
import { BuildProject } from '../../../src/constructs/cicd/build-project';
import { DeliveryPipeline, DeliveryPipelineProps } from '../../../src/constructs/cicd/delivery-pipeline';
import { GithubConnection } from '../../../src/constructs/cicd/github-connection';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { SecureBucket } from '../../../src/constructs/storage/secure-bucket';
import { evaluate } from '../../../src/policy/engine';
import { Finding } from '../../../src/policy/types';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';
import {
  ACCOUNT,
  ARTIFACT_BUCKET,
  ARTIFACT_BUCKET_ARN,
  ARTIFACT_KEY,
  BACKEND_PIPELINE,
  CONNECTION_ARN,
  EXECUTION_ROLE_ARN,
  FRONTEND_PIPELINE,
  REGION,
  SITE_BUCKET,
  TASK_ROLE_ARN,
  backendBuildProps,
  cicdStack,
  ecsPipelineProps,
  frontendBuildProps,
  invalidationBuildProps,
  s3PipelineProps,
} from './fixtures';

type PropsOf = (stack: TerraformStack) => DeliveryPipelineProps;

function synthPipeline(propsOf: PropsOf): { json: Json; pipeline: DeliveryPipeline } {
  const stack = cicdStack();
  const pipeline = new DeliveryPipeline(stack, 'pipeline', propsOf(stack));
  return { json: synthJson(stack), pipeline };
}

const pipelineOf = (json: Json): Json => resourcesOf(json, 'aws_codepipeline')[0][1];
/** The pipeline role's policy (the one whose role is the pipeline's). */
const pipelineStatements = (json: Json): Json[] => {
  const [[roleName]] = resourcesOf(json, 'aws_iam_role').filter(([, r]) => r.name.endsWith('-pipeline'));
  const [[, policy]] = resourcesOf(json, 'aws_iam_role_policy').filter(([, p]) => p.role === `\${aws_iam_role.${roleName}.id}`);
  return parsed(policy.policy).Statement;
};
const statement = (json: Json, sid: string): Json | undefined => pipelineStatements(json).find((s) => s.Sid === sid);
const projectArn = (json: Json, name: string): string => {
  const [[address]] = resourcesOf(json, 'aws_codebuild_project').filter(([, p]) => p.name === name);
  return `\${aws_codebuild_project.${address}.arn}`;
};

describe('DeliveryPipeline with an ECS deploy (backend)', () => {
  const { json, pipeline } = synthPipeline((stack) => ecsPipelineProps(stack));
  const codepipeline = pipelineOf(json);

  test('is a V2 pipeline in QUEUED mode with a KMS-encrypted S3 artifact store', () => {
    expect(codepipeline).toMatchObject({
      name: BACKEND_PIPELINE,
      pipeline_type: 'V2',
      execution_mode: 'QUEUED',
      artifact_store: [{ type: 'S3', location: ARTIFACT_BUCKET, encryption_key: { type: 'KMS', id: ARTIFACT_KEY } }],
    });
    expect(pipeline.name).toBe(BACKEND_PIPELINE);
    expect(codepipeline.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.pipeline_policy_/)]);
  });

  test('is triggered by pushes to the branch that touch the path filters', () => {
    expect(codepipeline.trigger).toEqual([
      {
        provider_type: 'CodeStarSourceConnection',
        git_configuration: {
          source_action_name: 'Source',
          push: [{ branches: { includes: ['main'] }, file_paths: { includes: ['aws/portal-backend/**/*'] } }],
        },
      },
    ]);
  });

  test('has Source (connection, CODE_ZIP, no own change detection), Build and an ECS Deploy stage', () => {
    expect(codepipeline.stage.map((s: Json) => s.name)).toEqual(['Source', 'Build', 'Deploy']);
    const [source, build, deploy] = codepipeline.stage.map((s: Json) => s.action);
    expect(source).toEqual([
      {
        name: 'Source',
        category: 'Source',
        owner: 'AWS',
        provider: 'CodeStarSourceConnection',
        version: '1',
        output_artifacts: ['source'],
        configuration: {
          ConnectionArn: CONNECTION_ARN,
          FullRepositoryId: 'example-org/free-genai-bootcamp-2025',
          BranchName: 'main',
          OutputArtifactFormat: 'CODE_ZIP',
          DetectChanges: 'false',
        },
        run_order: 1,
      },
    ]);
    expect(build).toEqual([
      {
        name: 'Build',
        category: 'Build',
        owner: 'AWS',
        provider: 'CodeBuild',
        version: '1',
        input_artifacts: ['source'],
        output_artifacts: ['build'],
        configuration: { ProjectName: 'portal-dev-backend-build' },
        run_order: 1,
      },
    ]);
    expect(deploy).toEqual([
      {
        name: 'Deploy',
        category: 'Deploy',
        owner: 'AWS',
        provider: 'ECS',
        version: '1',
        input_artifacts: ['build'],
        configuration: { ClusterName: 'portal-dev', ServiceName: 'portal-dev-backend', FileName: 'imagedefinitions.json', DeploymentTimeout: '60' },
        run_order: 1,
      },
    ]);
  });

  test('the role trusts CodePipeline for this account only', () => {
    const [[, role]] = resourcesOf(json, 'aws_iam_role').filter(([, r]) => r.name === `${BACKEND_PIPELINE}-pipeline`);
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'CodePipelineAssumesRoleForThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'codepipeline.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
  });

  test('the role may use the connection, its artifact folder and key, its own build, and deploy only that service', () => {
    const ecs = (resource: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:${resource}`;
    expect(pipelineStatements(json)).toEqual([
      { Sid: 'UseGithubConnection', Effect: 'Allow', Action: 'codestar-connections:UseConnection', Resource: CONNECTION_ARN },
      { Sid: 'ReadWritePipelineArtifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `${ARTIFACT_BUCKET_ARN}/portal-dev-backend-d/*` },
      { Sid: 'CheckArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketVersioning', 's3:GetBucketLocation'], Resource: ARTIFACT_BUCKET_ARN },
      { Sid: 'UseArtifactKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: ARTIFACT_KEY },
      { Sid: 'RunOwnBuilds', Effect: 'Allow', Action: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds'], Resource: [projectArn(json, 'portal-dev-backend-build')] },
      { Sid: 'UpdateService', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: ecs('service/portal-dev/portal-dev-backend') },
      { Sid: 'RegisterTaskDefinition', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
      {
        Sid: 'TagNewTaskDefinition',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: ecs('task-definition/*'),
        Condition: { StringEquals: { 'ecs:CreateAction': 'RegisterTaskDefinition' } },
      },
      { Sid: 'WatchDeployment', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:ListTasks'], Resource: [ecs('task/portal-dev/*'), ecs('container-instance/portal-dev/*')] },
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: [EXECUTION_ROLE_ARN, TASK_ROLE_ARN],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ]);
  });

  test('SUPERSEDED mode, a custom image definitions file and timeout', () => {
    const { json: custom } = synthPipeline((stack) =>
      ecsPipelineProps(stack, {
        executionMode: 'SUPERSEDED',
        build: new BuildProject(stack, 'b', backendBuildProps({ buildspec: { ...backendBuildProps().buildspec, artifacts: { files: ['out/images.json'] } } })),
        deploy: { ecs: { clusterName: 'c', serviceName: 's', fileName: 'out/images.json', executionRoleArn: EXECUTION_ROLE_ARN, deploymentTimeoutMinutes: 15 } },
      }),
    );
    const codepipeline = pipelineOf(custom);
    expect(codepipeline.execution_mode).toBe('SUPERSEDED');
    expect(codepipeline.stage[2].action[0].configuration).toEqual({ ClusterName: 'c', ServiceName: 's', FileName: 'out/images.json', DeploymentTimeout: '15' });
    expect(statement(custom, 'PassTaskRoles')!.Resource).toEqual([EXECUTION_ROLE_ARN]);
  });
});

describe('DeliveryPipeline with an S3 deploy and invalidation (frontend)', () => {
  const { json } = synthPipeline((stack) => s3PipelineProps(stack));
  const codepipeline = pipelineOf(json);

  test('extracts the build output into the bucket, then runs the invalidation build', () => {
    expect(codepipeline.stage[2]).toEqual({
      name: 'Deploy',
      action: [
        {
          name: 'Deploy',
          category: 'Deploy',
          owner: 'AWS',
          provider: 'S3',
          version: '1',
          input_artifacts: ['build'],
          configuration: { BucketName: SITE_BUCKET, Extract: 'true' },
          run_order: 1,
        },
        {
          name: 'Invalidate',
          category: 'Build',
          owner: 'AWS',
          provider: 'CodeBuild',
          version: '1',
          input_artifacts: ['build'],
          configuration: { ProjectName: 'portal-dev-frontend-invalidate' },
          run_order: 2,
        },
      ],
    });
    expect(codepipeline.trigger[0].git_configuration.push[0].file_paths.includes).toEqual(['aws/portal-frontend/**/*']);
  });

  test('the role may start both of its projects and put objects in the site bucket, with no ECS or PassRole', () => {
    expect(statement(json, 'RunOwnBuilds')!.Resource).toEqual([projectArn(json, 'portal-dev-frontend-build'), projectArn(json, 'portal-dev-frontend-invalidate')]);
    expect(statement(json, 'DeploySiteFiles')).toEqual({ Sid: 'DeploySiteFiles', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${SITE_BUCKET}/*` });
    expect(statement(json, 'ReadWritePipelineArtifacts')!.Resource).toBe(`${ARTIFACT_BUCKET_ARN}/portal-dev-frontend-/*`);
    const actions = pipelineStatements(json).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a: string) => a.startsWith('ecs:') || a.startsWith('iam:'))).toEqual([]);
  });

  test('an object key prefix, cache control and the bucket KMS key', () => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/abcdabcd-abcd-abcd-abcd-abcdabcdabcd`;
    const { json: custom } = synthPipeline((stack) =>
      s3PipelineProps(stack, {
        deploy: {
          s3: { bucketName: SITE_BUCKET, objectKey: '/app/', kmsKeyArn: key, cacheControl: 'max-age=300' },
          invalidate: new BuildProject(stack, 'inv', invalidationBuildProps()),
        },
      }),
    );
    expect(pipelineOf(custom).stage[2].action[0].configuration).toEqual({ BucketName: SITE_BUCKET, Extract: 'true', ObjectKey: 'app', CacheControl: 'max-age=300', KMSEncryptionKeyARN: key });
    expect(statement(custom, 'DeploySiteFiles')!.Resource).toBe(`arn:aws:s3:::${SITE_BUCKET}/app/*`);
    expect(statement(custom, 'EncryptSiteFiles')).toEqual({
      Sid: 'EncryptSiteFiles',
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: key,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } },
    });
  });
});

describe('DeliveryPipeline rejects', () => {
  const rejects = (change: (stack: TerraformStack) => Partial<DeliveryPipelineProps>, message: RegExp, base = ecsPipelineProps) => {
    const stack = cicdStack();
    expect(() => new DeliveryPipeline(stack, 'p', base(stack, change(stack)))).toThrow(message);
  };

  test('bad pipeline names, repositories and branches', () => {
    rejects(() => ({ pipelineName: 'has space' }), /DeliveryPipeline p: pipelineName "has space" is not a literal of 1-100 letters/);
    rejects(() => ({ pipelineName: 'x'.repeat(101) }), /pipelineName "x+"/);
    rejects(() => ({ repository: 'free-genai-bootcamp-2025' }), /DeliveryPipeline portal-dev-backend-deploy: repository "free-genai-bootcamp-2025" is not owner\/name/);
    rejects(() => ({ repository: 'a/b/c' }), /repository "a\/b\/c" is not owner\/name/);
    rejects(() => ({ branch: '' }), /branch "" is not one branch name/);
    rejects(() => ({ branch: 'release/*' }), /branch "release\/\*" is not one branch name; pass it without wildcards/);
    rejects(() => ({ branch: 'refs/heads/main' }), /branch "refs\/heads\/main"/);
    rejects(() => ({ accountId: 'abc' }), /accountId "abc" is not a 12-digit account ID/);
    rejects(() => ({ executionMode: 'PARALLEL' as never }), /executionMode "PARALLEL" is not QUEUED or SUPERSEDED/);
    rejects(() => ({ roleName: 'r'.repeat(65) }), /role name "r+" is longer than 64 characters/);
  });

  test('empty, too many or absolute path filters', () => {
    rejects(() => ({ pathFilters: [] }), /pathFilters is empty; give the globs of the project's files/);
    rejects(() => ({ pathFilters: Array.from({ length: 9 }, (_, i) => `dir${i}/**`) }), /9 pathFilters; a trigger takes at most 8/);
    rejects(() => ({ pathFilters: ['/aws/portal-backend/**'] }), /path filter "\/aws\/portal-backend\/\*\*" is empty or starts with "\/"/);
    rejects(() => ({ pathFilters: [' '] }), /path filter " " is empty/);
  });

  test('build projects made for another pipeline or without the output the deploy needs', () => {
    rejects((stack) => ({ build: new BuildProject(stack, 'other', backendBuildProps({ pipelineName: 'someone-else' })) }), /build project portal-dev-backend-build was built for pipeline "someone-else", .*pass pipelineName "portal-dev-backend-deploy" to it/);
    rejects(
      (stack) => ({ build: new BuildProject(stack, 'noout', backendBuildProps({ buildspec: { phases: { build: ['docker build .'] } } })) }),
      /build project portal-dev-backend-build has no output artifact for the Deploy stage/,
    );
    rejects(
      (stack) => ({ build: new BuildProject(stack, 'wrong', backendBuildProps({ buildspec: { phases: { build: ['docker build .'] }, artifacts: { files: ['other.json'] } } })) }),
      /outputs other.json but not imagedefinitions.json, which the ECS deploy action reads/,
    );
  });

  test('bad ECS targets', () => {
    const ecs = { clusterName: 'portal-dev', serviceName: 'portal-dev-backend', executionRoleArn: EXECUTION_ROLE_ARN };
    rejects(() => ({ deploy: { ecs: { ...ecs, deploymentTimeoutMinutes: 61 } } }), /deploymentTimeoutMinutes 61 is outside 1-60 minutes/);
    rejects(() => ({ deploy: { ecs: { ...ecs, serviceName: 'has space' } } }), /ecs.serviceName "has space" is not an ECS name/);
  });

  test('S3 deploys without a working invalidation project', () => {
    rejects(
      (stack) => ({ deploy: { s3: { bucketName: SITE_BUCKET }, invalidate: new BuildProject(stack, 'noinv', invalidationBuildProps({ cloudFrontDistributionArn: undefined })) } }),
      /invalidate project portal-dev-frontend-invalidate has no cloudFrontDistributionArn, so its role cannot invalidate/,
      s3PipelineProps,
    );
    rejects(
      (stack) => ({ deploy: { s3: { bucketName: SITE_BUCKET }, invalidate: new BuildProject(stack, 'inv2', invalidationBuildProps({ pipelineName: BACKEND_PIPELINE })) } }),
      /build project portal-dev-frontend-invalidate was built for pipeline "portal-dev-backend-deploy"/,
      s3PipelineProps,
    );
    rejects(
      (stack) => ({ deploy: { s3: { bucketName: 'Bad_Bucket' }, invalidate: new BuildProject(stack, 'inv3', invalidationBuildProps()) } }),
      /s3.bucketName "Bad_Bucket" is not a bucket name/,
      s3PipelineProps,
    );
    rejects(
      (stack) => ({ deploy: { s3: { bucketName: SITE_BUCKET, objectKey: '/' }, invalidate: new BuildProject(stack, 'inv4', invalidationBuildProps()) } }),
      /s3.objectKey "\/" is empty/,
      s3PipelineProps,
    );
    rejects(
      (stack) => ({ deploy: { s3: { bucketName: SITE_BUCKET, extract: false as never }, invalidate: new BuildProject(stack, 'inv5', invalidationBuildProps()) } }),
      /s3.extract must be true/,
      s3PipelineProps,
    );
  });
});

/** A CI/CD layer as the lead will build it: connection, keys, artifact bucket, a backend and a frontend pipeline. */
function cicdLayer(): TerraformStack {
  const stack = cicdStack('portal-dev-cicd');
  const connection = new GithubConnection(stack, 'github', { connectionName: 'portal-dev-github' });
  const artifactKey = new EncryptionKey(stack, 'artifact-key', { alias: 'portal-dev-pipeline-artifacts', description: 'Pipeline artifacts', accountId: ACCOUNT });
  const logsKey = new EncryptionKey(stack, 'logs-key', {
    alias: 'portal-dev-build-logs',
    description: 'Build logs',
    accountId: ACCOUNT,
    services: [{ servicePrincipal: `logs.${REGION}.amazonaws.com`, conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/codebuild/*` } } }],
  });
  const bucket = new SecureBucket(stack, 'artifacts', {
    bucketName: ARTIFACT_BUCKET,
    encryption: { kmsKeyArn: artifactKey.arn },
    accessLogBucket: { bucket: 'portal-dev-access-logs', prefix: 'pipeline-artifacts/' },
  });
  const shared = {
    connectionArn: connection.arn,
    artifactBucketName: bucket.bucket.bucket,
    artifactBucketArn: bucket.bucket.arn,
    artifactKmsKeyArn: artifactKey.arn,
  };
  const keys = { artifactBucketArn: bucket.bucket.arn, artifactKmsKeyArn: artifactKey.arn, logsKmsKeyArn: logsKey.arn };
  new DeliveryPipeline(stack, 'backend', {
    ...ecsPipelineProps(stack, { build: new BuildProject(stack, 'backend-build', backendBuildProps(keys)) }),
    ...shared,
  });
  new DeliveryPipeline(stack, 'frontend', {
    ...s3PipelineProps(stack, {
      build: new BuildProject(stack, 'frontend-build', frontendBuildProps(keys)),
      deploy: { s3: { bucketName: SITE_BUCKET }, invalidate: new BuildProject(stack, 'frontend-invalidate', invalidationBuildProps(keys)) },
    }),
    ...shared,
    pipelineName: FRONTEND_PIPELINE,
  });
  return stack;
}

describe('a CI/CD layer with both pipelines', () => {
  test('the policy pack has no open finding on the connection, projects, pipelines and their roles', () => {
    const findings: Finding[] = evaluate([doc(cicdLayer())]).stacks.flatMap((s) => s.findings);
    expect(findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`)).toEqual([]);
  });

  test('validates and plans offline against the real provider', () => {
    expectOfflinePlan(synthJson(cicdLayer()));
  });
});
