import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyJson } from '../../core/iam/policy-document';

export interface SearchDomainProps {
  /** Domain name: 3-28 lower-case letters, digits, dashes, starting with a letter. */
  readonly domainName: string;
  /** Engine version, for example `OpenSearch_2.19`. */
  readonly engineVersion: string;
  /** Data node instance type, for example `t3.small.search` (T2 types cannot encrypt at rest). */
  readonly instanceType: string;
  /** Data nodes; with 2 or more they are spread over `min(instanceCount, 3)` zones. */
  readonly instanceCount: number;
  /** gp3 volume per node in GiB. */
  readonly volumeSizeGb: number;
  /** One private subnet per zone used (exactly `min(instanceCount, 3)` subnets). */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Customer-managed key for encryption at rest. */
  readonly kmsKeyArn: string;
  /** KMS key of the log groups (the environment's logs key). */
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
  readonly accountId: string;
  readonly region: string;
  /**
   * TLS policy of the HTTPS endpoint.
   * @default 'Policy-Min-TLS-1-2-PFS-2023-10'
   */
  readonly tlsSecurityPolicy?: string;
  /**
   * Create the account's OpenSearch service-linked role, which a VPC domain needs. One per account:
   * leave false when the account already has it (or another stack creates it).
   * @default false
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * IAM principals that may assume the admin role: role/user ARNs of this account, `*` wildcards as
   * in ArnLike (for IAM Identity Center roles, whose names end in a random suffix). The trust then
   * names the account with an `aws:PrincipalArn` condition, so no other principal of the account can
   * assume it even with sts:AssumeRole on `*`.
   * @default - any MFA-authenticated principal of the account (policy pack IAM-04 flags this)
   */
  readonly adminPrincipalArns?: readonly string[];
  /**
   * Require `aws:MultiFactorAuthPresent` to assume the admin role. IAM Identity Center sessions never
   * carry that key (MFA is enforced at the portal sign-in), so turn it off when trusting SSO roles.
   * @default true
   */
  readonly adminRequireMfa?: boolean;
  /**
   * Dedicated master nodes: 3 or 5 (a quorum that survives one loss; with 3 data nodes they spread
   * over 3 AZs, so one AZ failure leaves a majority).
   * @default - no dedicated masters
   */
  readonly dedicatedMasters?: { readonly instanceType: string; readonly count: number };
}

const DOMAIN_NAME = /^[a-z][a-z0-9-]{2,27}$/;
const LOG_TYPES = [
  ['INDEX_SLOW_LOGS', 'index-slow'],
  ['SEARCH_SLOW_LOGS', 'search-slow'],
  ['ES_APPLICATION_LOGS', 'application'],
  ['AUDIT_LOGS', 'audit'],
] as const;

/**
 * OpenSearch domain inside the VPC: zone awareness, gp3 storage, encryption at rest (customer
 * key) and node-to-node, HTTPS only with a TLS 1.2+ PFS policy, fine-grained access control whose
 * master user is an IAM role (no internal user database), slow/application/audit logs to encrypted
 * log groups with retention, and an access policy limited to this account's principals.
 *
 * The admin role is assumable only by IAM principals of this account that signed in with MFA and
 * may only call the domain's HTTP API; inside OpenSearch it maps backend and Bedrock roles to
 * OpenSearch roles (least privilege is enforced there, by fine-grained access control).
 */
export class SearchDomain extends Construct {
  readonly domain: OpensearchDomain;
  readonly adminRole: IamRole;
  readonly logGroups: CloudwatchLogGroup[];
  /** `arn:aws:es:<region>:<account>:domain/<name>`, known at synth. */
  readonly domainArn: string;

  constructor(scope: Construct, id: string, props: SearchDomainProps) {
    super(scope, id);
    const tlsSecurityPolicy = props.tlsSecurityPolicy ?? 'Policy-Min-TLS-1-2-PFS-2023-10';
    const name = props.domainName;
    if (!DOMAIN_NAME.test(name)) throw new Error(`SearchDomain: domainName "${name}" is not 3-28 lower-case letters, digits and dashes starting with a letter`);
    if (/^t2\./.test(props.instanceType)) {
      throw new Error(`SearchDomain ${name}: instanceType ${props.instanceType} does not support encryption at rest or fine-grained access control; use t3.small.search or larger`);
    }
    if (!Number.isInteger(props.instanceCount) || props.instanceCount < 1) throw new Error(`SearchDomain ${name}: instanceCount ${props.instanceCount} must be 1 or more`);
    const zones = Math.min(props.instanceCount, 3);
    if (props.subnetIds.length !== zones && !Token.isUnresolved(props.subnetIds)) {
      throw new Error(`SearchDomain ${name}: ${props.subnetIds.length} subnets for ${zones} zones; pass exactly one private subnet per zone`);
    }
    if (props.volumeSizeGb < 10) throw new Error(`SearchDomain ${name}: volumeSizeGb ${props.volumeSizeGb} is below 10 GiB`);
    const adminPrincipalArns = props.adminPrincipalArns ?? [];
    const adminRequireMfa = props.adminRequireMfa ?? true;
    const masters = props.dedicatedMasters;
    for (const arn of adminPrincipalArns) {
      if (!Token.isUnresolved(arn) && !new RegExp(`^arn:aws[a-z-]*:iam::${props.accountId}:(role|user)/\\S+$`).test(arn)) {
        throw new Error(`SearchDomain ${name}: adminPrincipalArns entry "${arn}" is not a role or user ARN of account ${props.accountId}; use arn:aws:iam::${props.accountId}:role/<path/name>`);
      }
    }
    if (props.adminPrincipalArns !== undefined && adminPrincipalArns.length === 0) throw new Error(`SearchDomain ${name}: adminPrincipalArns is empty; name at least one admin role, or leave it unset`);
    if (masters && !(masters.count === 3 || masters.count === 5)) throw new Error(`SearchDomain ${name}: dedicatedMasters.count ${masters.count} is not 3 or 5; use 3 (a quorum that survives one loss)`);
    if (masters && zones < 3) throw new Error(`SearchDomain ${name}: dedicated masters over ${zones} zone(s) lose quorum with one AZ; use 3 or more data nodes (3 zones)`);

    this.domainArn = `arn:aws:es:${props.region}:${props.accountId}:domain/${name}`;
    const accountRoot = `arn:aws:iam::${props.accountId}:root`;

    this.adminRole = new IamRole(this, 'admin-role', {
      name: `${name}-admin`,
      description:
        adminPrincipalArns.length === 0
          ? `Fine-grained access control master user of OpenSearch domain ${name}; MFA-authenticated account principals only`
          : `Fine-grained access control master user of OpenSearch domain ${name}; named admin principals only`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyJson({
        Statement: [
          adminPrincipalArns.length === 0
            ? {
                Sid: 'AccountPrincipalsWithMfa',
                Effect: 'Allow',
                Principal: { AWS: accountRoot },
                Action: 'sts:AssumeRole',
                Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } },
              }
            : {
                // The account root plus aws:PrincipalArn: ArnLike patterns survive SSO role re-creation
                // (the suffix changes), which a literal role ARN in Principal would not.
                Sid: 'NamedAdminPrincipals',
                Effect: 'Allow',
                Principal: { AWS: accountRoot },
                Action: 'sts:AssumeRole',
                Condition: {
                  ArnLike: { 'aws:PrincipalArn': [...adminPrincipalArns] },
                  ...(adminRequireMfa ? { Bool: { 'aws:MultiFactorAuthPresent': true } } : {}),
                },
              },
        ],
      }),
    });
    new IamRolePolicy(this, 'admin-role-policy', {
      name: 'domain-http-api',
      role: this.adminRole.id,
      policy: policyJson({
        Statement: [{ Sid: 'DomainHttpApi', Effect: 'Allow', Action: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpPatch', 'es:ESHttpDelete'], Resource: [this.domainArn, `${this.domainArn}/*`] }],
      }),
    });

    this.logGroups = LOG_TYPES.map(([, suffix]) =>
      new CloudwatchLogGroup(this, `logs-${suffix}`, {
        name: `/aws/opensearch/${name}/${suffix}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.logsKmsKeyArn,
      }),
    );
    const logsPolicy = new CloudwatchLogResourcePolicy(this, 'logs-policy', {
      policyName: `${name}-opensearch-logs`,
      policyDocument: policyJson({
        Statement: [
          {
            Sid: 'OpenSearchWritesDomainLogs',
            Effect: 'Allow',
            Principal: { Service: 'es.amazonaws.com' },
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: this.logGroups.map((g) => `${g.arn}:*`),
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId }, ArnLike: { 'aws:SourceArn': this.domainArn } },
          },
        ],
      }),
    });

    const serviceLinkedRole = props.createServiceLinkedRole
      ? new IamServiceLinkedRole(this, 'service-linked-role', {
          awsServiceName: 'opensearchservice.amazonaws.com',
          description: 'Lets OpenSearch Service manage the ENIs of VPC domains',
        })
      : undefined;

    this.domain = new OpensearchDomain(this, 'domain', {
      domainName: name,
      engineVersion: props.engineVersion,
      clusterConfig: {
        instanceType: props.instanceType,
        instanceCount: props.instanceCount,
        zoneAwarenessEnabled: zones > 1,
        zoneAwarenessConfig: zones > 1 ? { availabilityZoneCount: zones } : undefined,
        dedicatedMasterEnabled: masters !== undefined,
        dedicatedMasterType: masters?.instanceType,
        dedicatedMasterCount: masters?.count,
      },
      ebsOptions: { ebsEnabled: true, volumeType: 'gp3', volumeSize: props.volumeSizeGb },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy },
      advancedSecurityOptions: {
        enabled: true,
        anonymousAuthEnabled: false,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: this.adminRole.arn },
      },
      vpcOptions: { subnetIds: props.subnetIds, securityGroupIds: props.securityGroupIds },
      logPublishingOptions: LOG_TYPES.map(([logType], i) => ({ logType, enabled: true, cloudwatchLogGroupArn: this.logGroups[i].arn })),
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
      accessPolicies: policyJson({
        Statement: [
          {
            Sid: 'AccountPrincipalsOnly',
            Effect: 'Allow',
            Principal: { AWS: accountRoot },
            Action: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpPatch', 'es:ESHttpDelete'],
            Resource: `${this.domainArn}/*`,
          },
        ],
      }),
      dependsOn: serviceLinkedRole ? [logsPolicy, serviceLinkedRole] : [logsPolicy],
    });
  }
}
