import { APPS, PIPELINES, SITES } from '../../src/config/systems/lang-portal/apps';
import { BuildProject } from '../../src/constructs/cicd/build-project';
import { BuildSpec, cloudFrontInvalidationCommand, imageDefinitionsCommand } from '../../src/constructs/cicd/buildspec';
import { DeliveryPipeline } from '../../src/constructs/cicd/delivery-pipeline';
import { GithubConnection } from '../../src/constructs/cicd/github-connection';
import { StaticSiteDistribution } from '../../src/constructs/edge/static-site-distribution';
import { LayerStack } from '../../src/core/layer-stack';
import { outputName } from './data';
import { LangPortalEdgeInputs, SiteName } from './edge-sites';

export type PipelineName = (typeof PIPELINES)[number]['name'];

/** What the delivery step built. */
export interface LangPortalDelivery {
  readonly connection: GithubConnection;
  readonly pipelines: Readonly<Record<PipelineName, DeliveryPipeline>>;
}

/** Node for the site builds and Python for the service builds (versions of aws/codebuild/standard:7.0). */
const NODE_VERSION = '20';
const PYTHON_VERSION = '3.12';
const IMAGE = '$REPOSITORY_URI:$IMAGE_TAG';

/**
 * CodePipeline's name of a pipeline: `<pipeline>-<env>`. CodePipeline keeps a pipeline's artifacts
 * under the first 20 characters of its name, and `<system>-<env>-` would fill most of them, so
 * lang-portal-frontend and lang-portal-backend would share a folder (and each other's build roles
 * could read it); led by the pipeline's own name, all seven stay apart.
 */
export function pipelineName(stack: LayerStack, pipeline: PipelineName): string {
  return `${pipeline}-${stack.config.env}`;
}

/** `cd` from the source root: CodeBuild keeps the working directory between commands and phases. */
const cdTo = (path: string) => `cd "$CODEBUILD_SRC_DIR/${path}"`;

/** The seed's frontend build: npm install, npm run test, npm run build; the `build/` folder is the artifact. */
export function siteBuildspec(path: string): BuildSpec {
  return {
    runtimeVersions: { nodejs: NODE_VERSION },
    phases: {
      install: [cdTo(path), 'npm install'],
      build: [cdTo(path), 'npm run test', 'npm run build'],
    },
    artifacts: { files: ['**/*'], baseDirectory: `${path}/build` },
  };
}

/**
 * The seed's backend build: pip install -r requirements.txt, pytest, docker build; then the image
 * is tagged `<prod|dev>-<commit>` and pushed to the app's ECR repository (tags are immutable: no
 * `latest`), and `imagedefinitions.json` names the container the ECS deploy updates.
 */
export function serviceBuildspec(path: string, imageName: string, containerName: string, tagFamily: 'prod' | 'dev'): BuildSpec {
  return {
    runtimeVersions: { python: PYTHON_VERSION },
    phases: {
      install: [cdTo(path), 'pip install -r requirements.txt'],
      preBuild: [
        'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"',
        // The repository's lifecycle keeps the newest `prod*` and `dev*` images; other tags would never expire.
        `IMAGE_TAG="${tagFamily}-\${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}"`,
      ],
      build: [cdTo(path), 'pytest --junitxml="$CODEBUILD_SRC_DIR/pytest-report.xml"', `docker build -t ${imageName} .`, `docker tag ${imageName}:latest "${IMAGE}"`],
      postBuild: ['cd "$CODEBUILD_SRC_DIR"', `docker push "${IMAGE}"`, imageDefinitionsCommand(containerName, IMAGE)],
    },
    reports: { pytest: { files: ['pytest-report.xml'], fileFormat: 'JUNITXML' } },
    artifacts: { files: ['imagedefinitions.json'] },
    shell: 'bash',
  };
}

/**
 * The seed's seven pipelines (PIPELINES), when `edge.delivery` is set: one GitHub connection (an
 * administrator completes its handshake once), and per pipeline a V2 pipeline started by pushes to
 * the branch that touch `<path>/**\/*`, a CodeBuild project with the seed's commands (privileged
 * only for the five Docker builds), and the deploy: S3 extract into the frontend bucket plus a
 * CloudFront invalidation for the sites, the ECS standard deploy (rolling update) for the services.
 * Artifacts live in the KMS-encrypted pipeline-artifacts bucket.
 */
export function addDelivery(stack: LayerStack, inputs: LangPortalEdgeInputs, sites: Record<SiteName, StaticSiteDistribution>): LangPortalDelivery | undefined {
  const { config, prefix } = stack;
  const delivery = stack.section('edge').delivery;
  if (!delivery) return undefined;
  const { data, compute, network } = inputs;
  const { accountId, region } = config;
  const artifacts = {
    artifactBucketName: data.string('pipeline_artifacts_bucket_name'),
    artifactBucketArn: data.string('pipeline_artifacts_bucket_arn'),
    artifactKmsKeyArn: data.string('data_kms_key_arn'),
  };
  const project = (id: string, name: string, pipeline: string, props: Partial<ConstructorParameters<typeof BuildProject>[2]> & { buildspec: BuildSpec }) =>
    new BuildProject(stack, id, {
      projectName: name,
      accountId,
      region,
      pipelineName: pipeline,
      artifactBucketArn: artifacts.artifactBucketArn,
      artifactKmsKeyArn: artifacts.artifactKmsKeyArn,
      logsKmsKeyArn: network.string('logs_kms_key_arn'),
      logRetentionDays: delivery.buildLogRetentionDays ?? 30,
      ...props,
    });

  const connection = new GithubConnection(stack, 'github', { connectionName: `${prefix}-github` });
  const pipelines = {} as Record<PipelineName, DeliveryPipeline>;
  for (const spec of PIPELINES) {
    const name = pipelineName(stack, spec.name);
    const common = {
      pipelineName: name,
      accountId,
      region,
      connectionArn: connection.arn,
      repository: delivery.repository,
      branch: delivery.branch,
      pathFilters: [`${spec.path}/**/*`],
      ...artifacts,
    };
    if (spec.kind === 'site') {
      const site = sites[spec.target];
      const build = project(`build-${spec.name}`, `${prefix}-${spec.name}-build`, name, {
        description: `${spec.name}: npm install, test and build of ${spec.path}`,
        buildspec: siteBuildspec(spec.path),
        // Test runners (Jest) stay out of watch mode.
        environmentVariables: { CI: 'true' },
      });
      const invalidate = project(`invalidate-${spec.name}`, `${prefix}-${spec.name}-invalidate`, name, {
        description: `${spec.name}: invalidates the ${spec.target} distribution after the deploy`,
        buildTimeoutMinutes: 10,
        buildspec: { phases: { build: [cloudFrontInvalidationCommand('$DISTRIBUTION_ID')] } },
        environmentVariables: { DISTRIBUTION_ID: site.id },
        cloudFrontDistributionArn: site.arn,
      });
      const bucket = SITES.find((s) => s.name === spec.target)!.bucket;
      // The frontend bucket is SSE-S3 (CloudFront reads it through origin access control): no key to pass.
      pipelines[spec.name] = new DeliveryPipeline(stack, `pipeline-${spec.name}`, { ...common, build, deploy: { s3: { bucketName: data.string(`${outputName(bucket)}_bucket_name`), extract: true }, invalidate } });
    } else {
      const app = APPS.find((a) => a.name === spec.target)!;
      const a = outputName(app.name);
      const build = project(`build-${spec.name}`, `${prefix}-${spec.name}-build`, name, {
        description: `${spec.name}: pip install, pytest, docker build and push of ${spec.path} to ${app.name}`,
        buildspec: serviceBuildspec(spec.path, app.name, app.containerName, stack.config.env === 'prod' ? 'prod' : 'dev'),
        computeType: 'BUILD_GENERAL1_MEDIUM',
        // The tasks run on X86_64 (compute), so the image is built there too.
        architecture: 'X86_64',
        dockerBuild: true,
        environmentVariables: { REPOSITORY_URI: data.string(`ecr_${a}_repository_url`) },
        ecrPushRepositoryArns: [data.string(`ecr_${a}_repository_arn`)],
      });
      pipelines[spec.name] = new DeliveryPipeline(stack, `pipeline-${spec.name}`, {
        ...common,
        build,
        deploy: {
          ecs: {
            clusterName: compute.string('ecs_cluster_name'),
            serviceName: compute.string(`${a}_service_name`),
            executionRoleArn: compute.string(`${a}_execution_role_arn`),
            taskRoleArn: compute.string(`${a}_task_role_arn`),
          },
        },
      });
    }
  }
  return { connection, pipelines };
}
