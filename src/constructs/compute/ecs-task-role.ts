import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';

export interface EcsTaskRoleProps {
  /** Role name, for example `<system>-dev-backend-task`. */
  readonly roleName: string;
  readonly description: string;
  readonly accountId: string;
  readonly region: string;
  /** Permission statements of the role's inline policy; no `*` or `svc:*` actions. */
  readonly statements: readonly PolicyStatement[];
  /**
   * Name of the inline policy.
   * @default 'permissions'
   */
  readonly policyName?: string;
}

/**
 * An IAM role that only ECS tasks of this account and region can assume (`aws:SourceAccount`,
 * `aws:SourceArn`), with one inline least-privilege policy. Used for both task execution roles (ECS
 * agent: image pull, logs, secrets) and task roles (application permissions); build them separately.
 */
export class EcsTaskRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: EcsTaskRoleProps) {
    super(scope, id);
    if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) throw new Error(`EcsTaskRole: roleName "${props.roleName}" is not a valid IAM role name (1-64 of letters, digits, +=,.@_-)`);
    if (props.statements.length === 0) throw new Error(`EcsTaskRole ${props.roleName}: statements is empty; give the role the permissions it needs or drop it`);
    for (const statement of props.statements) {
      const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
      const broad = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/.test(a));
      if (broad.length > 0) throw new Error(`EcsTaskRole ${props.roleName}: statement ${statement.Sid ?? ''} allows ${broad.join(', ')}; list the specific actions (IAM-01)`);
      if (statement.Resource === undefined) throw new Error(`EcsTaskRole ${props.roleName}: statement ${statement.Sid ?? ''} has no Resource`);
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${props.region}:${props.accountId}:*` },
            },
          },
        ],
      }),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: props.policyName ?? 'permissions',
      policy: policyJson({ Statement: props.statements }),
    });
    this.arn = this.role.arn;
    this.name = this.role.name;
  }
}
