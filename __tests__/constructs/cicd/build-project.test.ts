import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { BuildProject, BuildProjectProps, pipelineArtifactPrefix } from '../../../src/constructs/cicd/build-project';
import { cloudFrontInvalidationCommand, imageDefinitionsCommand, renderBuildspec } from '../../../src/constructs/cicd/buildspec';
import { evaluate } from '../../../src/policy/engine';
import { Finding } from '../../../src/policy/types';
import { Json, onlyResource, parsed, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';
import {
  ACCOUNT,
  ARTIFACT_BUCKET_ARN,
  ARTIFACT_KEY,
  DISTRIBUTION_ARN,
  ECR_REPOSITORY_ARN,
  LOGS_KEY,
  REGION,
  backendBuildProps,
  cicdStack,
  frontendBuildProps,
  invalidationBuildProps,
} from './fixtures';

function synthProject(props: BuildProjectProps): { json: Json; project: BuildProject; stack: TerraformStack } {
  const stack = cicdStack();
  const project = new BuildProject(stack, 'build', props);
  return { json: synthJson(stack), project, stack };
}

const statementsOf = (json: Json): Json[] => parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
const statement = (json: Json, sid: string): Json | undefined => statementsOf(json).find((s) => s.Sid === sid);
const buildspecOf = (json: Json): Json => JSON.parse(onlyResource(json, 'aws_codebuild_project').source.buildspec);

describe('BuildProject defaults (frontend build)', () => {
  const { json, project } = synthProject(frontendBuildProps());
  const codebuild = onlyResource(json, 'aws_codebuild_project');

  test('runs from CodePipeline with the x86 standard image, small, unprivileged, artifact key and timeouts', () => {
    expect(codebuild).toMatchObject({
      name: 'portal-dev-frontend-build',
      description: 'Builds portal-dev-frontend-build',
      encryption_key: ARTIFACT_KEY,
      build_timeout: 30,
      queued_timeout: 60,
      source: { type: 'CODEPIPELINE' },
      artifacts: { type: 'CODEPIPELINE' },
      environment: {
        image: 'aws/codebuild/standard:7.0',
        type: 'LINUX_CONTAINER',
        compute_type: 'BUILD_GENERAL1_SMALL',
        image_pull_credentials_type: 'CODEBUILD',
        privileged_mode: false,
        environment_variable: [{ name: 'VITE_API_URL', value: 'https://api.example.com', type: 'PLAINTEXT' }],
      },
    });
    expect(codebuild.vpc_config).toBeUndefined();
    expect(codebuild.depends_on).toHaveLength(1);
    expect(codebuild.depends_on[0]).toMatch(/^aws_iam_role_policy\.build_policy/);
  });

  test('logs to its own log group with retention and a KMS key', () => {
    const logGroup = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(logGroup).toEqual({ name: '/aws/codebuild/portal-dev-frontend-build', retention_in_days: 30, kms_key_id: LOGS_KEY });
    expect(codebuild.logs_config).toEqual({
      cloudwatch_logs: { status: 'ENABLED', group_name: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.build_log-group_[A-Z0-9]+\.name\}$/) },
      s3_logs: { status: 'DISABLED' },
    });
  });

  test('renders the buildspec: version 0.2, runtime versions, fail-fast phases, reports, artifacts', () => {
    expect(buildspecOf(json)).toEqual({
      version: '0.2',
      phases: {
        install: { 'runtime-versions': { nodejs: '20' }, 'on-failure': 'ABORT', commands: ['cd aws/portal-frontend', 'npm ci'] },
        build: {
          'on-failure': 'ABORT',
          commands: ['cd aws/portal-frontend', 'npm run test -- --reporters=default --reporters=jest-junit', 'npm run build'],
        },
      },
      reports: { unit: { files: ['junit.xml'], 'base-directory': 'aws/portal-frontend', 'file-format': 'JUNITXML' } },
      artifacts: { files: ['**/*'], 'base-directory': 'aws/portal-frontend/dist' },
    });
  });

  test('exposes what the pipeline checks: name, pipeline, output files, no invalidation', () => {
    expect(project.name).toBe('portal-dev-frontend-build');
    expect(project.pipelineName).toBe('portal-dev-frontend-deploy');
    expect(project.outputFiles).toEqual(['**/*']);
    expect(project.invalidatesDistribution).toBe(false);
  });

  test('the role trusts CodeBuild for this account only', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('portal-dev-frontend-build-codebuild');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'CodeBuildAssumesRoleForThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'codebuild.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
  });

  test('the role may write its own logs, use its pipeline artifact folder and key, and write its own report groups, nothing else', () => {
    const logGroupArn = expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.build_log-group_[A-Z0-9]+\.arn\}/);
    expect(statementsOf(json)).toEqual([
      { Sid: 'WriteOwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [logGroupArn, logGroupArn] },
      { Sid: 'ReadWritePipelineArtifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: `${ARTIFACT_BUCKET_ARN}/portal-dev-frontend-/*` },
      { Sid: 'LocateArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:GetBucketLocation'], Resource: ARTIFACT_BUCKET_ARN },
      { Sid: 'UseArtifactKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: ARTIFACT_KEY },
      {
        Sid: 'WriteOwnTestReports',
        Effect: 'Allow',
        Action: ['codebuild:CreateReportGroup', 'codebuild:CreateReport', 'codebuild:UpdateReport', 'codebuild:BatchPutTestCases', 'codebuild:BatchPutCodeCoverages'],
        Resource: `arn:aws:codebuild:${REGION}:${ACCOUNT}:report-group/portal-dev-frontend-build-*`,
      },
    ]);
    expect(statementsOf(json)[0].Resource[1]).toMatch(/:\*$/);
  });

  test('without reports there is no report statement', () => {
    const { json: plain } = synthProject(frontendBuildProps({ buildspec: { phases: { build: ['npm run build'] }, artifacts: { files: ['**/*'] } } }));
    expect(statement(plain, 'WriteOwnTestReports')).toBeUndefined();
  });
});

describe('BuildProject Docker builds (backend)', () => {
  const { json } = synthProject(backendBuildProps());
  const codebuild = onlyResource(json, 'aws_codebuild_project');

  test('is privileged, on the ARM image and the requested compute', () => {
    expect(codebuild.environment).toMatchObject({
      image: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0',
      type: 'ARM_CONTAINER',
      compute_type: 'BUILD_GENERAL1_MEDIUM',
      privileged_mode: true,
    });
  });

  test('may push only to its repositories; GetAuthorizationToken is the only "*"', () => {
    expect(statement(json, 'GetRegistryToken')).toEqual({ Sid: 'GetRegistryToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
    expect(statement(json, 'PushImages')).toEqual({
      Sid: 'PushImages',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'],
      Resource: [ECR_REPOSITORY_ARN],
    });
    expect(statementsOf(json).filter((s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*'))).map((s) => s.Sid)).toEqual(['GetRegistryToken']);
  });

  test('the S3 artifact folder is the first 20 characters of the pipeline name', () => {
    expect(pipelineArtifactPrefix('portal-dev-backend-deploy')).toBe('portal-dev-backend-d');
    expect(statement(json, 'ReadWritePipelineArtifacts')!.Resource).toBe(`${ARTIFACT_BUCKET_ARN}/portal-dev-backend-d/*`);
  });

  test('keeps shell ${...} literal for Terraform ($${...}) and renders bash, all four phases and both reports', () => {
    const raw = codebuild.source.buildspec as string;
    expect(raw).toContain('IMAGE_TAG=$${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}');
    expect(raw).not.toMatch(/(^|[^$])\$\{CODEBUILD/);
    const spec = JSON.parse(raw.replace(/\$\$\{/g, '${'));
    expect(spec.env).toEqual({ shell: 'bash' });
    expect(Object.keys(spec.phases)).toEqual(['install', 'pre_build', 'build', 'post_build']);
    expect(Object.keys(spec.reports)).toEqual(['integration', 'unit']);
    expect(spec.phases.post_build.commands[1]).toBe(`printf '[{"name":"%s","imageUri":"%s"}]' "api" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json`);
    expect(spec.artifacts).toEqual({ files: ['imagedefinitions.json'] });
  });
});

describe('BuildProject optional grants', () => {
  test('an S3 sync target: list the bucket, put and delete its objects, its KMS key through S3 only', () => {
    const bucket = 'arn:aws:s3:::portal-dev-frontend-site';
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/abcdabcd-abcd-abcd-abcd-abcdabcdabcd`;
    const { json } = synthProject(frontendBuildProps({ s3DeployBucketArn: bucket, s3DeployKmsKeyArn: key }));
    expect(statement(json, 'ListDeployBucket')).toEqual({ Sid: 'ListDeployBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket });
    expect(statement(json, 'SyncDeployBucket')).toEqual({ Sid: 'SyncDeployBucket', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/*` });
    expect(statement(json, 'EncryptDeployedObjects')).toMatchObject({ Resource: key, Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } } });
  });

  test('a CloudFront distribution: create (and wait for) invalidations on it only', () => {
    const { json, project } = synthProject(invalidationBuildProps());
    expect(statement(json, 'InvalidateDistribution')).toEqual({
      Sid: 'InvalidateDistribution',
      Effect: 'Allow',
      Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
      Resource: DISTRIBUTION_ARN,
    });
    expect(project.invalidatesDistribution).toBe(true);
    expect(project.outputFiles).toEqual([]);
  });

  test('secret variables come from Secrets Manager: SECRETS_MANAGER type, read and decrypt only those secrets', () => {
    const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:portal/dev/test-db-AbCdEf`;
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/12121212-3434-5656-7878-909090909090`;
    const { json } = synthProject(
      frontendBuildProps({
        environmentVariables: { B_PLAIN: 'b', A_PLAIN: 'a' },
        secretEnvironmentVariables: { TEST_DB_PASSWORD: { secretArn: secret, jsonKey: 'password', kmsKeyArn: key }, SENTRY_TOKEN: { secretArn: secret, kmsKeyArn: key } },
      }),
    );
    expect(onlyResource(json, 'aws_codebuild_project').environment.environment_variable).toEqual([
      { name: 'A_PLAIN', value: 'a', type: 'PLAINTEXT' },
      { name: 'B_PLAIN', value: 'b', type: 'PLAINTEXT' },
      { name: 'SENTRY_TOKEN', value: secret, type: 'SECRETS_MANAGER' },
      { name: 'TEST_DB_PASSWORD', value: `${secret}:password`, type: 'SECRETS_MANAGER' },
    ]);
    expect(statement(json, 'ReadBuildSecrets')).toEqual({ Sid: 'ReadBuildSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [secret] });
    expect(statement(json, 'DecryptBuildSecrets')).toEqual({
      Sid: 'DecryptBuildSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [key],
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
    });
  });

  test('a VPC placement: vpc_config and network interfaces limited to its subnets for CodeBuild', () => {
    const vpc = { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-aaaa1111', 'subnet-bbbb2222'], securityGroupIds: ['sg-0123456789abcdef0'] };
    const { json } = synthProject(frontendBuildProps({ vpc }));
    expect(onlyResource(json, 'aws_codebuild_project').vpc_config).toEqual({ vpc_id: vpc.vpcId, subnets: vpc.subnetIds, security_group_ids: vpc.securityGroupIds });
    expect(statement(json, 'AttachBuildNetworkInterfaces')).toEqual({
      Sid: 'AttachBuildNetworkInterfaces',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterfacePermission',
      Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
      Condition: {
        StringEquals: { 'ec2:AuthorizedService': 'codebuild.amazonaws.com' },
        ArnEquals: { 'ec2:Subnet': [`arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-aaaa1111`, `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-bbbb2222`] },
      },
    });
  });

  test('the provider option moves every resource to that provider', () => {
    const stack = cicdStack();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    new BuildProject(stack, 'build', frontendBuildProps({ provider: west }));
    const json = synthJson(stack);
    for (const type of ['aws_codebuild_project', 'aws_iam_role', 'aws_iam_role_policy', 'aws_cloudwatch_log_group']) {
      expect({ type, provider: onlyResource(json, type).provider }).toEqual({ type, provider: 'aws.west' });
    }
  });
});

describe('BuildProject rejects', () => {
  const rejects = (change: Partial<BuildProjectProps>, message: RegExp, base = frontendBuildProps) => expect(() => new BuildProject(cicdStack(), 'b', base(change))).toThrow(message);

  test('privileged mode without a Docker build, and a Docker build without privileged mode', () => {
    rejects({ privileged: true }, /BuildProject portal-dev-frontend-build: privileged is true but dockerBuild is false; .*only Docker builds need it/);
    rejects({ privileged: false }, /dockerBuild is true but privileged is false/, backendBuildProps);
  });

  test('Docker commands without dockerBuild', () => {
    rejects({ dockerBuild: false, ecrPushRepositoryArns: [] }, /the command "aws ecr get-login-password .*docker login.*" runs Docker but dockerBuild is false/, backendBuildProps);
    rejects({ buildspec: { phases: { build: ['docker build -t app .'] } } }, /the command "docker build -t app \." runs Docker but dockerBuild is false; set dockerBuild: true/);
    rejects({ buildspec: { phases: { build: ['npm ci && docker-compose up -d db'] } } }, /the command "npm ci && docker-compose up -d db" runs Docker/);
    expect(() => new BuildProject(cicdStack(), 'b', frontendBuildProps({ buildspec: { phases: { build: ['npm run dockerfile-lint', 'echo mydocker build'] } } }))).not.toThrow();
  });

  test('secret-looking plain-text variables, reserved and duplicate names', () => {
    rejects({ environmentVariables: { NPM_TOKEN: 'abc123' } }, /environment variable NPM_TOKEN looks like a secret; pass it in secretEnvironmentVariables \(Secrets Manager\) instead of as PLAINTEXT/);
    rejects({ environmentVariables: { DATABASE_URL: 'postgres://app:hunter2@db:5432/app' } }, /DATABASE_URL looks like a secret/);
    rejects({ environmentVariables: { CODEBUILD_FOO: 'x' } }, /CODEBUILD_FOO starts with CODEBUILD_, which CodeBuild reserves/);
    rejects({ environmentVariables: { 'BAD-NAME': 'x' } }, /environment variable name "BAD-NAME" must start with a letter or _/);
    const secret = { secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:s-AbCdEf`, kmsKeyArn: ARTIFACT_KEY };
    rejects({ environmentVariables: { API_KEY_ARN: 'x' }, secretEnvironmentVariables: { API_KEY_ARN: secret } }, /API_KEY_ARN is both plain and secret/);
    rejects({ secretEnvironmentVariables: { DB_PASSWORD: { ...secret, secretArn: 'portal/dev/db' } } }, /secretArn "portal\/dev\/db" is not a Secrets Manager secret ARN/);
  });

  test('bad names, timeouts, retention, sizes', () => {
    rejects({ projectName: 'x' }, /BuildProject b: projectName "x" is not a literal of 2-255/);
    rejects({ projectName: 'has space' }, /projectName "has space"/);
    rejects({ accountId: '123' }, /accountId "123" is not a 12-digit account ID/);
    rejects({ region: 'us_east_1' }, /region "us_east_1" is not an AWS region name/);
    rejects({ pipelineName: 'bad name' }, /pipelineName "bad name" is not a literal pipeline name/);
    rejects({ buildTimeoutMinutes: 4 }, /buildTimeoutMinutes 4 is outside 5-2160 minutes/);
    rejects({ queuedTimeoutMinutes: 481 }, /queuedTimeoutMinutes 481 is outside 5-480 minutes/);
    rejects({ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch Logs retention/);
    rejects({ computeType: 'BUILD_GENERAL1_HUGE' as never }, /computeType "BUILD_GENERAL1_HUGE" is not one of/);
    rejects({ architecture: 'MIPS' as never }, /architecture "MIPS" is not X86_64 or ARM64/);
    rejects({ roleName: 'r'.repeat(65) }, /role name "r+" is longer than 64 characters/);
  });

  test('unusable buildspecs', () => {
    rejects({ buildspec: { phases: { build: [] } } }, /buildspec phase build has no commands/);
    rejects({ buildspec: { phases: { build: ['npm test', ' '] } } }, /buildspec phase build has an empty command \(#2\)/);
    rejects({ buildspec: { phases: { build: ['x'] }, artifacts: { files: [] } } }, /buildspec artifacts list no files/);
    rejects({ buildspec: { phases: { build: ['x'] }, reports: { 'bad name': { files: ['r.xml'], fileFormat: 'JUNITXML' } } } }, /report group name "bad name"/);
    rejects({ buildspec: { phases: { build: ['x'] }, reports: { unit: { files: [], fileFormat: 'JUNITXML' } } } }, /buildspec report unit lists no files/);
  });

  test('grants that do not fit: bad ARNs, ECR without Docker, a deploy key without a bucket, empty VPC', () => {
    rejects({ ecrPushRepositoryArns: ['portal-dev-backend'] }, /ecrPushRepositoryArns has "portal-dev-backend", which is not an ECR repository ARN/, backendBuildProps);
    rejects({ ecrPushRepositoryArns: [ECR_REPOSITORY_ARN] }, /ecrPushRepositoryArns without dockerBuild/);
    rejects({ s3DeployBucketArn: 'portal-dev-site' }, /s3DeployBucketArn has "portal-dev-site", which is not a bucket ARN/);
    rejects({ s3DeployKmsKeyArn: ARTIFACT_KEY }, /s3DeployKmsKeyArn without s3DeployBucketArn/);
    rejects({ cloudFrontDistributionArn: 'E2ABCDEF123456' }, /cloudFrontDistributionArn has "E2ABCDEF123456", which is not a distribution ARN/);
    rejects({ artifactBucketArn: 'bucket' }, /artifactBucketArn has "bucket"/);
    rejects({ vpc: { vpcId: 'vpc-1', subnetIds: [], securityGroupIds: ['sg-1'] } }, /vpc needs subnetIds and securityGroupIds/);
  });
});

describe('buildspec helpers', () => {
  test('rendering is deterministic and escapes Terraform template syntax only outside tokens', () => {
    const spec = { phases: { build: { commands: ['echo ${HOME} %{x}'], onFailure: 'CONTINUE' as const, finally: ['echo done'] } }, runtimeVersions: { python: '3.12', nodejs: '20' } };
    const rendered = renderBuildspec(spec);
    expect(rendered).toBe(renderBuildspec(spec));
    expect(JSON.parse(rendered)).toEqual({
      version: '0.2',
      phases: {
        install: { 'runtime-versions': { nodejs: '20', python: '3.12' }, 'on-failure': 'ABORT' },
        build: { 'on-failure': 'CONTINUE', commands: ['echo $${HOME} %%{x}'], finally: ['echo done'] },
      },
    });
  });

  test('command helpers', () => {
    expect(imageDefinitionsCommand('web', '$URI:$TAG')).toBe(`printf '[{"name":"%s","imageUri":"%s"}]' "web" "$URI:$TAG" > imagedefinitions.json`);
    expect(cloudFrontInvalidationCommand('$DISTRIBUTION_ID')).toBe('aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"');
    expect(cloudFrontInvalidationCommand('E1', ['/index.html', '/assets/*'])).toBe('aws cloudfront create-invalidation --distribution-id "E1" --paths "/index.html" "/assets/*"');
  });
});

describe('policy pack', () => {
  const findings = (stack: TerraformStack): Finding[] => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings);
  const open = (stack: TerraformStack) => findings(stack).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('frontend, backend (Docker, ECR), invalidation and secret-reading projects have no open finding', () => {
    const stack = cicdStack();
    new BuildProject(stack, 'frontend', frontendBuildProps({ s3DeployBucketArn: 'arn:aws:s3:::portal-dev-frontend-site' }));
    new BuildProject(stack, 'backend', backendBuildProps());
    new BuildProject(stack, 'invalidate', invalidationBuildProps());
    new BuildProject(stack, 'secrets', frontendBuildProps({
      projectName: 'portal-dev-secret-build',
      secretEnvironmentVariables: { DB_PASSWORD: { secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-AbCdEf`, kmsKeyArn: ARTIFACT_KEY } },
    }));
    expect(open(stack)).toEqual([]);
  });

  test('in a VPC, IAM-01 reports ec2:DescribeDhcpOptions on "*" (EC2 Describe calls take no resource; the shared unscopable list lacks it)', () => {
    const stack = cicdStack();
    new BuildProject(stack, 'build', frontendBuildProps({ vpc: { vpcId: 'vpc-1', subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } }));
    const found = findings(stack);
    expect(found.map((f) => [f.ruleId, f.attribute])).toEqual([['IAM-01', 'policy.Statement[DescribeBuildDhcpOptions].Resource']]);
    expect(found[0].message).toContain('ec2:DescribeDhcpOptions');
  });
});
