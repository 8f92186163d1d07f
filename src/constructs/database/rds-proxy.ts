import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { DbProxyDefaultTargetGroup } from '@cdktf/provider-aws/lib/db-proxy-default-target-group';
import { DbProxyEndpoint } from '@cdktf/provider-aws/lib/db-proxy-endpoint';
import { DbProxyTarget } from '@cdktf/provider-aws/lib/db-proxy-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyStatement, policyJson, serviceTrustPolicy } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

export interface RdsProxyProps extends ProviderScopedProps {
  /**
   * Proxy name: letters, digits and single dashes, starting with a letter (at most 63; at most 53
   * with the read-only endpoint, named `<name>-read-only`).
   */
  readonly name: string;
  /** Account of the environment (`aws:SourceAccount` of the role's trust policy, rds-db:connect ARNs). */
  readonly accountId: string;
  /** Region of the proxy (kms:ViaService of the secret's key, rds-db:connect ARNs). */
  readonly region: string;
  /** Identifier of the Aurora PostgreSQL cluster behind the proxy. */
  readonly clusterIdentifier: string;
  /**
   * Secret with the database credentials the proxy logs in with (JSON `username`/`password`), for
   * example the cluster's RDS-managed master secret.
   */
  readonly secretArn: string;
  /** Customer-managed key of that secret; the proxy role may decrypt with it through Secrets Manager only. */
  readonly secretKmsKeyArn: string;
  /** Private subnets of the proxy (two or more AZs). */
  readonly subnetIds: string[];
  /** Security groups of the proxy (and of its read-only endpoint). */
  readonly securityGroupIds: string[];
  /** KMS key of the proxy's log group (the environment's logs key). */
  readonly logsKmsKeyArn: string;
  /** Retention of the proxy's log group. */
  readonly logRetentionDays: number;
  /**
   * Name of the IAM role the proxy assumes to read the secret (IAM is global: unique per account, at most 64 characters).
   * @default `${name}-rds-proxy`
   */
  readonly roleName?: string;
  /**
   * Seconds an idle client connection stays open (1-28800).
   * @default 1800
   */
  readonly idleClientTimeoutSeconds?: number;
  /**
   * Share of the cluster's max_connections the proxy may open (1-100).
   * @default 90
   */
  readonly maxConnectionsPercent?: number;
  /**
   * Share of the cluster's max_connections the proxy keeps open while idle (0 to maxConnectionsPercent).
   * @default 50
   */
  readonly maxIdleConnectionsPercent?: number;
  /**
   * Seconds a client waits for a pooled connection before the proxy gives up (0-3600).
   * @default 120
   */
  readonly connectionBorrowTimeoutSeconds?: number;
  /**
   * A read-only endpoint `<name>-read-only` on the cluster's readers, beside the default
   * read/write endpoint. It needs at least one reader in the cluster.
   * @default false
   */
  readonly readOnlyEndpoint?: boolean;
}

const NAME = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*$/;
const READ_ONLY_SUFFIX = '-read-only';

/**
 * RDS Proxy for Aurora PostgreSQL: clients must use TLS and IAM authentication (RDS-09); the proxy
 * logs in to the cluster with credentials from one Secrets Manager secret, through a role that may
 * read exactly that secret and decrypt with its key only through Secrets Manager. The default
 * target group pools connections to the cluster; an optional read-only endpoint serves the
 * readers. The proxy's log group is created first, with retention and the logs key.
 */
export class RdsProxy extends Construct {
  readonly proxy: DbProxy;
  readonly role: IamRole;
  readonly targetGroup: DbProxyDefaultTargetGroup;
  readonly target: DbProxyTarget;
  readonly logGroup: CloudwatchLogGroup;
  /** The read-only endpoint resource, when asked. */
  readonly readOnlyProxyEndpoint?: DbProxyEndpoint;
  private readonly resourceIdLocal: TerraformLocal;
  private readonly region: string;
  private readonly accountId: string;
  private readonly where: string;

  constructor(scope: Construct, id: string, props: RdsProxyProps) {
    super(scope, id);
    const name = props.name;
    const where = `RdsProxy ${name}`;
    const roleName = props.roleName ?? `${name}-rds-proxy`;
    const idleClientTimeout = props.idleClientTimeoutSeconds ?? 1800;
    const maxConnectionsPercent = props.maxConnectionsPercent ?? 90;
    const maxIdleConnectionsPercent = props.maxIdleConnectionsPercent ?? 50;
    const connectionBorrowTimeout = props.connectionBorrowTimeoutSeconds ?? 120;
    const readOnly = props.readOnlyEndpoint ?? false;
    this.where = where;
    this.region = props.region;
    this.accountId = props.accountId;

    const maxName = readOnly ? 63 - READ_ONLY_SUFFIX.length : 63;
    if (!NAME.test(name) || name.endsWith('-') || name.length > maxName) {
      throw new Error(`${where}: name "${name}" is not valid; use 1-${maxName} letters, digits and single dashes, starting with a letter${readOnly ? ` (the read-only endpoint adds "${READ_ONLY_SUFFIX}")` : ''}`);
    }
    if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's account`);
    }
    if (!Token.isUnresolved(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
      throw new Error(`${where}: region "${props.region}" is not a region name such as us-east-1`);
    }
    if (roleName.length > 64) throw new Error(`${where}: roleName "${roleName}" is longer than 64 characters; pass a shorter roleName`);
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) throw new Error(`${where}: ${props.subnetIds.length} subnet(s); RDS Proxy needs subnets in two or more AZs`);
    checkRange(where, 'idleClientTimeoutSeconds', idleClientTimeout, 1, 28800);
    checkRange(where, 'maxConnectionsPercent', maxConnectionsPercent, 1, 100);
    checkRange(where, 'maxIdleConnectionsPercent', maxIdleConnectionsPercent, 0, maxConnectionsPercent);
    checkRange(where, 'connectionBorrowTimeoutSeconds', connectionBorrowTimeout, 0, 3600);

    // RDS writes the proxy's log here; creating it first keeps retention and encryption ours.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/rds/proxy/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `RDS Proxy ${name} reads its database credentials`,
      assumeRolePolicy: serviceTrustPolicy('rds.amazonaws.com', props.accountId, 'RdsAssumesRoleForThisAccount'),
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 'read-database-secret',
      role: this.role.id,
      policy: policyJson({
        Statement: [
          { Sid: 'ReadDatabaseSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: props.secretArn },
          {
            Sid: 'DecryptDatabaseSecret',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: props.secretKmsKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
          },
        ],
      }),
    });

    this.proxy = new DbProxy(this, 'proxy', {
      name,
      engineFamily: 'POSTGRESQL',
      roleArn: this.role.arn,
      vpcSubnetIds: props.subnetIds,
      vpcSecurityGroupIds: props.securityGroupIds,
      requireTls: true,
      debugLogging: false,
      idleClientTimeout,
      auth: [
        {
          authScheme: 'SECRETS',
          description: `Credentials of ${name} for the database`,
          iamAuth: 'REQUIRED',
          clientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256',
          secretArn: props.secretArn,
        },
      ],
      // The proxy checks the secret with the role at creation.
      dependsOn: [this.logGroup, rolePolicy],
    });

    // A local keeps the quoted HCL of the expression out of the JSON policies that embed the ID.
    this.resourceIdLocal = new TerraformLocal(this, 'resource-id', Fn.element(Fn.split(':', this.proxy.arn), 6));

    this.targetGroup = new DbProxyDefaultTargetGroup(this, 'target-group', {
      dbProxyName: this.proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent,
        maxIdleConnectionsPercent,
        connectionBorrowTimeout,
      },
    });

    this.target = new DbProxyTarget(this, 'target', {
      dbProxyName: this.proxy.name,
      targetGroupName: this.targetGroup.name,
      dbClusterIdentifier: props.clusterIdentifier,
    });

    if (readOnly) {
      this.readOnlyProxyEndpoint = new DbProxyEndpoint(this, 'read-only-endpoint', {
        dbProxyName: this.proxy.name,
        dbProxyEndpointName: `${name}${READ_ONLY_SUFFIX}`,
        targetRole: 'READ_ONLY',
        vpcSubnetIds: props.subnetIds,
        vpcSecurityGroupIds: props.securityGroupIds,
        // Endpoints reach the cluster through the registered target.
        dependsOn: [this.target],
      });
    }
    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.proxy.arn;
  }

  /** Host name of the default (read/write) endpoint; TLS and IAM auth required. */
  get endpoint(): string {
    return this.proxy.endpoint;
  }

  /** Host name of the read-only endpoint, when asked. */
  get readOnlyEndpoint(): string | undefined {
    return this.readOnlyProxyEndpoint?.endpoint;
  }

  /**
   * Proxy resource ID (`prx-...`), the last part of the proxy ARN
   * (`arn:aws:rds:<region>:<account>:db-proxy:prx-...`); the provider exposes no attribute for it.
   */
  get resourceId(): string {
    return this.resourceIdLocal.asString;
  }

  /** Allows IAM authentication through the proxy (both endpoints) as database user `dbUser`. */
  connectStatement(dbUser: string): PolicyStatement {
    if (!Token.isUnresolved(dbUser) && !/^[a-zA-Z_][a-zA-Z0-9_$-]*$/.test(dbUser)) {
      throw new Error(`${this.where}: dbUser "${dbUser}" is not a database user name; name one user (no wildcards)`);
    }
    return {
      Effect: 'Allow',
      Action: 'rds-db:connect',
      Resource: `arn:aws:rds-db:${this.region}:${this.accountId}:dbuser:${this.resourceId}/${dbUser}`,
    };
  }
}

function checkRange(where: string, what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${where}: ${what} ${value} is outside ${min}-${max}`);
  }
}
