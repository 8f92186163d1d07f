import { CognitoIdentityPool } from '@cdktf/provider-aws/lib/cognito-identity-pool';
import { CognitoIdentityPoolRolesAttachment } from '@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';

/** A user pool app client whose ID tokens the identity pool exchanges for AWS credentials. */
export interface IdentityPoolUserPoolClient {
  /** User pool ID (`<region>_<id>`). */
  readonly userPoolId: string;
  /** App client ID. */
  readonly clientId: string;
}

export interface IdentityPoolProps {
  /** Identity pool name (1-128 letters, digits, spaces and `+=,.@-_`). */
  readonly name: string;
  /**
   * Prefix of the role names (`<prefix>-authenticated`, `<prefix>-unauthenticated`; IAM role name
   * characters, at most 48).
   * @default - `name`
   */
  readonly roleNamePrefix?: string;
  /** Region of the user pools (the provider name is `cognito-idp.<region>.amazonaws.com/<pool id>`). */
  readonly region: string;
  /**
   * User pool app clients signed-in users come from. Cognito checks each token with the user pool
   * (server-side token check), so a signed-out or revoked user cannot get new credentials.
   */
  readonly userPoolClients: readonly IdentityPoolUserPoolClient[];
  /**
   * Guests (no sign-in) get credentials of the unauthenticated role.
   * @default false
   */
  readonly allowUnauthenticatedIdentities?: boolean;
  /**
   * Permissions of signed-in users (an identity policy: no Principal; resource-scoped ARNs).
   * @default [] - the role can do nothing until given statements
   */
  readonly authenticatedPolicyStatements?: readonly PolicyStatement[];
  /**
   * Permissions of guests; only with `allowUnauthenticatedIdentities`. In the enhanced flow Cognito
   * further scopes guest sessions down to a fixed list of services.
   * @default []
   */
  readonly unauthenticatedPolicyStatements?: readonly PolicyStatement[];
}

const POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
/** Leaves room for `-unauthenticated` within IAM's 64 characters. */
const ROLE_PREFIX = /^[\w+=,.@-]{1,48}$/;
const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

type IdentityKind = 'authenticated' | 'unauthenticated';

/**
 * A Cognito identity pool that exchanges user pool tokens for temporary AWS credentials (enhanced
 * flow only; the classic basic flow is off): the user pool clients as identity providers with
 * server-side token checks, an authenticated role and (when guests are allowed) an unauthenticated
 * role, each trusted only by Cognito Identity for this pool (`aud`) and the matching `amr`, with
 * the caller's statements as an inline policy; and the roles attachment.
 */
export class IdentityPool extends Construct {
  readonly identityPool: CognitoIdentityPool;
  readonly authenticatedRole: IamRole;
  /** Only when `allowUnauthenticatedIdentities`. */
  readonly unauthenticatedRole?: IamRole;
  readonly rolesAttachment: CognitoIdentityPoolRolesAttachment;

  constructor(scope: Construct, id: string, props: IdentityPoolProps) {
    super(scope, id);
    const where = `IdentityPool ${props.name}`;
    const allowUnauthenticated = props.allowUnauthenticatedIdentities ?? false;
    const roleNamePrefix = props.roleNamePrefix ?? props.name;
    const authenticatedStatements = props.authenticatedPolicyStatements ?? [];
    const unauthenticatedStatements = props.unauthenticatedPolicyStatements ?? [];

    if (!POOL_NAME.test(props.name)) throw new Error(`IdentityPool "${props.name}": name must be 1-128 letters, digits, spaces or +=,.@-_`);
    if (!ROLE_PREFIX.test(roleNamePrefix)) {
      throw new Error(`${where}: role name prefix "${roleNamePrefix}" must be 1-48 letters, digits or +=,.@-_ (IAM role names); pass roleNamePrefix`);
    }
    if (!REGION.test(props.region)) throw new Error(`${where}: region "${props.region}" is not a region code such as us-east-1`);
    if (props.userPoolClients.length === 0 && !allowUnauthenticated) {
      throw new Error(`${where}: userPoolClients is empty and unauthenticated identities are off, so no one could get credentials; give the user pool app clients`);
    }
    const seen = new Set<string>();
    for (const client of props.userPoolClients) {
      if (!Token.isUnresolved(client.userPoolId) && !USER_POOL_ID.test(client.userPoolId)) {
        throw new Error(`${where}: userPoolId "${client.userPoolId}" is not a user pool ID (<region>_<id>)`);
      }
      if (!Token.isUnresolved(client.clientId) && !CLIENT_ID.test(client.clientId)) throw new Error(`${where}: clientId "${client.clientId}" is not an app client ID`);
      const key = `${client.userPoolId}/${client.clientId}`;
      if (seen.has(key)) throw new Error(`${where}: user pool client ${key} is listed twice`);
      seen.add(key);
    }
    if (!allowUnauthenticated && unauthenticatedStatements.length > 0) {
      throw new Error(`${where}: unauthenticatedPolicyStatements are given but allowUnauthenticatedIdentities is off; drop them or allow guests`);
    }
    checkStatements(where, 'authenticatedPolicyStatements', authenticatedStatements);
    checkStatements(where, 'unauthenticatedPolicyStatements', unauthenticatedStatements);

    this.identityPool = new CognitoIdentityPool(this, 'identity-pool', {
      identityPoolName: props.name,
      allowUnauthenticatedIdentities: allowUnauthenticated,
      // The basic (classic) flow hands out credentials for any role the caller names; enhanced only.
      allowClassicFlow: false,
      cognitoIdentityProviders: props.userPoolClients.map((client) => ({
        clientId: client.clientId,
        providerName: `cognito-idp.${props.region}.amazonaws.com/${client.userPoolId}`,
        serverSideTokenCheck: true,
      })),
    });

    const role = (kind: IdentityKind, statements: readonly PolicyStatement[]): IamRole => {
      const created = new IamRole(this, `${kind}-role`, {
        name: `${roleNamePrefix}-${kind}`,
        description: `Credentials of ${kind} identities of Cognito identity pool ${props.name}`,
        assumeRolePolicy: policyJson({
          Statement: [
            {
              Sid: kind === 'authenticated' ? 'SignedInUsersOfThisPool' : 'GuestsOfThisPool',
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.id },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': kind },
              },
            },
          ],
        }),
      });
      if (statements.length > 0) {
        new IamRolePolicy(this, `${kind}-role-policy`, { name: `${kind}-access`, role: created.id, policy: policyJson({ Statement: statements }) });
      }
      return created;
    };
    this.authenticatedRole = role('authenticated', authenticatedStatements);
    if (allowUnauthenticated) this.unauthenticatedRole = role('unauthenticated', unauthenticatedStatements);

    this.rolesAttachment = new CognitoIdentityPoolRolesAttachment(this, 'roles', {
      identityPoolId: this.identityPool.id,
      roles: {
        authenticated: this.authenticatedRole.arn,
        ...(this.unauthenticatedRole ? { unauthenticated: this.unauthenticatedRole.arn } : {}),
      },
    });
  }

  /** Identity pool ID (`<region>:<uuid>`), what the web SDKs take. */
  get identityPoolId(): string {
    return this.identityPool.id;
  }
}

/** Identity-policy statements: no Principal, named actions (no `*` or `svc:*`), resources given. */
function checkStatements(where: string, field: string, statements: readonly PolicyStatement[]): void {
  statements.forEach((statement, i) => {
    const at = `${field}[${statement.Sid ?? i}]`;
    if (statement.Principal !== undefined) throw new Error(`${where}: ${at} has a Principal; role policies are identity policies, drop it`);
    const actions = typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
    if (actions.length === 0) throw new Error(`${where}: ${at} has no actions`);
    const broad = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
    if (statement.Effect === 'Allow' && broad.length > 0) throw new Error(`${where}: ${at} allows ${broad.join(', ')}; list the actions the app needs (least privilege)`);
    const resources = statement.Resource === undefined ? [] : typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
    if (resources.length === 0) throw new Error(`${where}: ${at} names no Resource; give the ARNs it applies to`);
  });
}
