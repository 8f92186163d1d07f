import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';
import { isUnscopableAction } from '../../core/iam/unscopable-actions';

export interface ServiceRoleProps {
  /** Role name (at most 64 characters). */
  readonly roleName: string;
  readonly description: string;
  /** Service principal that assumes the role, for example `bedrock.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Account whose resources may use the role (`aws:SourceAccount`). */
  readonly sourceAccount: string;
  /** ARN pattern of the resources that may use the role (`aws:SourceArn`, ArnLike). */
  readonly sourceArn: string;
  /** The role's permissions (inline policy). */
  readonly statements: readonly PolicyStatement[];
}

/**
 * IAM role for an AWS service, with the confused-deputy conditions in its trust policy
 * (`aws:SourceAccount` and `aws:SourceArn`, IAM-02) and an inline least-privilege policy (IAM-01:
 * no `*` actions; `Resource "*"` only for actions listed as unscopable).
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    if (props.roleName.length > 64) throw new Error(`ServiceRole ${id}: role name "${props.roleName}" is longer than 64 characters`);
    if (!/^\d{12}$/.test(props.sourceAccount)) throw new Error(`ServiceRole ${props.roleName}: sourceAccount "${props.sourceAccount}" is not a 12-digit account ID`);
    if (props.statements.length === 0) throw new Error(`ServiceRole ${props.roleName}: no permission statements`);
    for (const statement of props.statements) {
      const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
      for (const action of actions) {
        if (action === '*' || action.endsWith(':*')) {
          throw new Error(`ServiceRole ${props.roleName}: action "${action}" is a wildcard; list the actions (IAM-01)`);
        }
      }
      const resources = statement.Resource === undefined ? [] : typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
      if (resources.includes('*') && !actions.every(isUnscopableAction)) {
        throw new Error(`ServiceRole ${props.roleName}: statement ${statement.Sid ?? ''} grants ${actions.join(', ')} on "*"; scope it to resource ARNs`);
      }
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Sid: 'ServiceAssumesRoleForThisAccount',
            Effect: 'Allow',
            Principal: { Service: props.servicePrincipal },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.sourceAccount },
              ArnLike: { 'aws:SourceArn': props.sourceArn },
            },
          },
        ],
      }),
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: policyJson({ Statement: props.statements }),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
