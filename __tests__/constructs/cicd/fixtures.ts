import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { BuildProject, BuildProjectProps } from '../../../src/constructs/cicd/build-project';
import { imageDefinitionsCommand } from '../../../src/constructs/cicd/buildspec';
import { DeliveryPipelineProps } from '../../../src/constructs/cicd/delivery-pipeline';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ARTIFACT_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
export const LOGS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/66666666-7777-8888-9999-000000000000`;
export const ARTIFACT_BUCKET = 'portal-dev-pipeline-artifacts';
export const ARTIFACT_BUCKET_ARN = `arn:aws:s3:::${ARTIFACT_BUCKET}`;
export const CONNECTION_ARN = `arn:aws:codestar-connections:${REGION}:${ACCOUNT}:connection/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
export const ECR_REPOSITORY_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/portal-dev-backend`;
export const ECR_REPOSITORY_URL = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/portal-dev-backend`;
export const SITE_BUCKET = 'portal-dev-frontend-site';
export const DISTRIBUTION_ARN = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2ABCDEF123456`;
export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/portal-dev-backend-execution`;
export const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/portal-dev-backend-task`;

/** Longer than 20 characters: CodePipeline's artifact folder is `portal-dev-backend-d`. */
export const BACKEND_PIPELINE = 'portal-dev-backend-deploy';
export const FRONTEND_PIPELINE = 'portal-dev-frontend-deploy';

export function cicdStack(name = 'portal-dev-cicd'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: REGION });
  return stack;
}

/** A frontend build as the seed has it: npm install, test (JUnit report), build; the dist folder is the output. */
export function frontendBuildProps(change: Partial<BuildProjectProps> = {}): BuildProjectProps {
  return {
    projectName: 'portal-dev-frontend-build',
    accountId: ACCOUNT,
    region: REGION,
    pipelineName: FRONTEND_PIPELINE,
    artifactBucketArn: ARTIFACT_BUCKET_ARN,
    artifactKmsKeyArn: ARTIFACT_KEY,
    logsKmsKeyArn: LOGS_KEY,
    buildspec: {
      runtimeVersions: { nodejs: '20' },
      phases: {
        install: ['cd aws/portal-frontend', 'npm ci'],
        build: ['cd aws/portal-frontend', 'npm run test -- --reporters=default --reporters=jest-junit', 'npm run build'],
      },
      reports: { unit: { files: ['junit.xml'], baseDirectory: 'aws/portal-frontend', fileFormat: 'JUNITXML' } },
      artifacts: { files: ['**/*'], baseDirectory: 'aws/portal-frontend/dist' },
    },
    environmentVariables: { VITE_API_URL: 'https://api.example.com' },
    ...change,
  };
}

/** A backend build: pip install, pytest (unit and integration reports), docker build and push, image definitions. */
export function backendBuildProps(change: Partial<BuildProjectProps> = {}): BuildProjectProps {
  return {
    projectName: 'portal-dev-backend-build',
    accountId: ACCOUNT,
    region: REGION,
    pipelineName: BACKEND_PIPELINE,
    artifactBucketArn: ARTIFACT_BUCKET_ARN,
    artifactKmsKeyArn: ARTIFACT_KEY,
    logsKmsKeyArn: LOGS_KEY,
    architecture: 'ARM64',
    computeType: 'BUILD_GENERAL1_MEDIUM',
    dockerBuild: true,
    buildspec: {
      runtimeVersions: { python: '3.12' },
      phases: {
        install: ['cd aws/portal-backend', 'pip install -r requirements.txt'],
        preBuild: [
          'aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $REPOSITORY_URI',
          'IMAGE_TAG=${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}',
        ],
        build: [
          'cd aws/portal-backend',
          'pytest tests/unit --junitxml=../../unit.xml',
          'pytest tests/integration --junitxml=../../integration.xml',
          'docker build -t $REPOSITORY_URI:$IMAGE_TAG .',
        ],
        postBuild: ['docker push $REPOSITORY_URI:$IMAGE_TAG', imageDefinitionsCommand('api', '$REPOSITORY_URI:$IMAGE_TAG')],
      },
      reports: {
        unit: { files: ['unit.xml'], fileFormat: 'JUNITXML' },
        integration: { files: ['integration.xml'], fileFormat: 'JUNITXML' },
      },
      artifacts: { files: ['imagedefinitions.json'] },
      shell: 'bash',
    },
    environmentVariables: { REPOSITORY_URI: ECR_REPOSITORY_URL },
    ecrPushRepositoryArns: [ECR_REPOSITORY_ARN],
    ...change,
  };
}

/** The project that invalidates the frontend distribution after the S3 deploy. */
export function invalidationBuildProps(change: Partial<BuildProjectProps> = {}): BuildProjectProps {
  return {
    projectName: 'portal-dev-frontend-invalidate',
    accountId: ACCOUNT,
    region: REGION,
    pipelineName: FRONTEND_PIPELINE,
    artifactBucketArn: ARTIFACT_BUCKET_ARN,
    artifactKmsKeyArn: ARTIFACT_KEY,
    logsKmsKeyArn: LOGS_KEY,
    buildTimeoutMinutes: 10,
    buildspec: { phases: { build: ['aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"'] } },
    environmentVariables: { DISTRIBUTION_ID: 'E2ABCDEF123456' },
    cloudFrontDistributionArn: DISTRIBUTION_ARN,
    ...change,
  };
}

export function ecsPipelineProps(scope: Construct, change: Partial<DeliveryPipelineProps> = {}): DeliveryPipelineProps {
  return {
    pipelineName: BACKEND_PIPELINE,
    accountId: ACCOUNT,
    region: REGION,
    connectionArn: CONNECTION_ARN,
    repository: 'example-org/free-genai-bootcamp-2025',
    branch: 'main',
    pathFilters: ['aws/portal-backend/**/*'],
    artifactBucketName: ARTIFACT_BUCKET,
    artifactBucketArn: ARTIFACT_BUCKET_ARN,
    artifactKmsKeyArn: ARTIFACT_KEY,
    build: change.build ?? new BuildProject(scope, 'backend-build', backendBuildProps()),
    deploy: { ecs: { clusterName: 'portal-dev', serviceName: 'portal-dev-backend', executionRoleArn: EXECUTION_ROLE_ARN, taskRoleArn: TASK_ROLE_ARN } },
    ...change,
  };
}

export function s3PipelineProps(scope: Construct, change: Partial<DeliveryPipelineProps> = {}): DeliveryPipelineProps {
  return {
    pipelineName: FRONTEND_PIPELINE,
    accountId: ACCOUNT,
    region: REGION,
    connectionArn: CONNECTION_ARN,
    repository: 'example-org/free-genai-bootcamp-2025',
    branch: 'main',
    pathFilters: ['aws/portal-frontend/**/*'],
    artifactBucketName: ARTIFACT_BUCKET,
    artifactBucketArn: ARTIFACT_BUCKET_ARN,
    artifactKmsKeyArn: ARTIFACT_KEY,
    build: change.build ?? new BuildProject(scope, 'frontend-build', frontendBuildProps()),
    deploy: change.deploy ?? { s3: { bucketName: SITE_BUCKET, extract: true }, invalidate: new BuildProject(scope, 'frontend-invalidate', invalidationBuildProps()) },
    ...change,
  };
}
