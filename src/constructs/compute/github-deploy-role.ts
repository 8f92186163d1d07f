import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Certificate thumbprints of token.actions.githubusercontent.com (AWS no longer checks them for GitHub, but the API requires one). */
export const GITHUB_OIDC_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'];

export interface GithubDeployRoleProps {
  /** Role name, for example `<system>-prod-github-deploy`. */
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** `owner/name` of the repository. */
  readonly repository: string;
  /** The one branch whose workflows may assume the role. */
  readonly branch: string;
  /**
   * Existing GitHub OIDC provider of the account.
   * @default - a new provider is created (one per account)
   */
  readonly oidcProviderArn?: string;
  /** ECR repositories the workflow pushes to. */
  readonly ecrRepositoryArns: string[];
  /** ECS cluster name and the services the workflow updates. */
  readonly clusterName: string;
  readonly serviceNames: string[];
  /** Task and execution roles the workflow may pass to ECS when it registers task definitions. */
  readonly passRoleArns: string[];
  /**
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * GitHub Actions deploy identity: the account's OIDC provider for token.actions.githubusercontent.com
 * and a role only workflows of one repository and branch can assume, allowed to push images to the
 * given ECR repositories, register task definitions, update the given ECS services and pass only the
 * given roles, only to ECS tasks.
 */
export class GithubDeployRole extends Construct {
  readonly role: IamRole;
  readonly providerArn: string;
  readonly provider?: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: GithubDeployRoleProps) {
    super(scope, id);
    const where = `GithubDeployRole ${props.roleName}`;
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository)) throw new Error(`${where}: repository "${props.repository}" is not owner/name`);
    if (!props.branch || /[*?\s]/.test(props.branch)) throw new Error(`${where}: branch "${props.branch}" must be one branch name, without wildcards`);
    if (props.ecrRepositoryArns.length === 0) throw new Error(`${where}: ecrRepositoryArns is empty; name the repositories the workflow pushes to`);
    if (props.serviceNames.length === 0) throw new Error(`${where}: serviceNames is empty; name the ECS services the workflow deploys`);
    if (props.passRoleArns.length === 0) throw new Error(`${where}: passRoleArns is empty; name the task and execution roles of the services`);
    const maxSession = props.maxSessionDurationSeconds ?? 3600;
    if (maxSession < 3600 || maxSession > 43200) throw new Error(`${where}: maxSessionDurationSeconds ${maxSession} is outside 3600-43200`);

    if (props.oidcProviderArn) {
      this.providerArn = props.oidcProviderArn;
    } else {
      this.provider = new IamOpenidConnectProvider(this, 'oidc-provider', {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: ['sts.amazonaws.com'],
        thumbprintList: GITHUB_OIDC_THUMBPRINTS,
      });
      this.providerArn = this.provider.arn;
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `GitHub Actions deploys from ${props.repository}@${props.branch}`,
      maxSessionDuration: maxSession,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: this.providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
                [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.repository}:ref:refs/heads/${props.branch}`,
              },
            },
          },
        ],
      }),
    });

    const serviceArns = props.serviceNames.map((name) => `arn:aws:ecs:${props.region}:${props.accountId}:service/${props.clusterName}/${name}`);
    const statements: PolicyStatement[] = [
      // GetAuthorizationToken, RegisterTaskDefinition and DescribeTaskDefinition support no resource-level permissions.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'EcrPush',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:DescribeImages',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        Resource: props.ecrRepositoryArns,
      },
      { Sid: 'RegisterTaskDefinitions', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'], Resource: '*' },
      { Sid: 'DeployServices', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: serviceArns },
      {
        Sid: 'PassTaskRolesToEcs',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: props.passRoleArns,
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ];
    new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'deploy', policy: policyJson({ Statement: statements }) });
  }

  get arn(): string {
    return this.role.arn;
  }
}
