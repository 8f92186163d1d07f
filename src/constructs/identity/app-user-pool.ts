import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyJson } from '../../core/iam/policy-document';

export type ThreatProtectionMode = 'ENFORCED' | 'AUDIT' | 'OFF';

export interface AppUserGroup {
  readonly name: string;
  readonly description: string;
  readonly precedence: number;
}

export interface AppUserPoolProps {
  /** Name of the user pool; also the prefix of the SMS role and the app client. */
  readonly name: string;
  /** Hosted UI domain prefix (globally unique; may not contain aws, amazon or cognito). */
  readonly domainPrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** OAuth callback URLs of the app client (https only). */
  readonly callbackUrls: string[];
  /** Sign-out redirect URLs of the app client (https only). */
  readonly logoutUrls: string[];
  /** RBAC groups. */
  readonly groups: readonly AppUserGroup[];
  /**
   * Threat protection (advanced security). ENFORCED or AUDIT select the PLUS feature plan.
   * @default 'ENFORCED'
   */
  readonly advancedSecurityMode?: ThreatProtectionMode;
  /**
   * Deletion protection of the pool.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Minimum password length (the policy also requires upper, lower, digits and symbols).
   * @default 12
   */
  readonly minimumPasswordLength?: number;
  /**
   * The app client is confidential (has a secret): true for a server-side client such as Next.js
   * (NextAuth) that keeps the secret on the server.
   * @default true
   */
  readonly generateClientSecret?: boolean;
}

/**
 * Cognito user pool for the app: strong password policy, optional MFA (SMS through a scoped IAM
 * role, TOTP), account recovery by verified email then phone, email sign-in with required names,
 * threat protection, deletion protection; an OAuth code-flow app client (SRP + refresh), a hosted
 * UI domain and the RBAC groups.
 */
export class AppUserPool extends Construct {
  readonly userPool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;
  readonly domain: CognitoUserPoolDomain;
  readonly smsRole: IamRole;
  readonly groups: CognitoUserGroup[];

  constructor(scope: Construct, id: string, props: AppUserPoolProps) {
    super(scope, id);
    const mode = props.advancedSecurityMode ?? 'ENFORCED';
    const protect = props.protect ?? true;
    const minimumLength = props.minimumPasswordLength ?? 12;
    const generateSecret = props.generateClientSecret ?? true;

    if (!/^[\w\s+=,.@-]{1,128}$/.test(props.name)) throw new Error(`AppUserPool: name "${props.name}" is not a valid user pool name`);
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(props.domainPrefix) || /aws|amazon|cognito/.test(props.domainPrefix)) {
      throw new Error(`AppUserPool ${props.name}: domainPrefix "${props.domainPrefix}" must be a lower-case DNS label without aws, amazon or cognito`);
    }
    if (minimumLength < 8 || minimumLength > 99) throw new Error(`AppUserPool ${props.name}: minimumPasswordLength ${minimumLength} is outside 8-99; use 12 or more`);
    for (const url of [...props.callbackUrls, ...props.logoutUrls]) {
      if (!/^https:\/\/[^\s]+$/.test(url)) throw new Error(`AppUserPool ${props.name}: URL "${url}" is not https; Cognito only allows https outside localhost`);
    }
    if (props.callbackUrls.length === 0) throw new Error(`AppUserPool ${props.name}: callbackUrls is empty; the code flow needs at least one`);
    if (props.groups.length === 0) throw new Error(`AppUserPool ${props.name}: groups is empty; give the RBAC groups`);

    const externalId = `${props.name}-sms`;
    this.smsRole = new IamRole(this, 'sms-role', {
      name: `${props.name}-cognito-sms`,
      description: `Lets Cognito user pool ${props.name} send SMS (MFA and verification codes)`,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Sid: 'CognitoOfThisAccount',
            Effect: 'Allow',
            Principal: { Service: 'cognito-idp.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: { 'sts:ExternalId': externalId, 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:cognito-idp:${props.region}:${props.accountId}:userpool/*` },
            },
          },
        ],
      }),
    });
    const smsPolicy = new IamRolePolicy(this, 'sms-role-policy', {
      name: 'publish-sms',
      role: this.smsRole.id,
      policy: policyJson({
        Statement: [
          // Direct SMS has no resource ARN (a phone number), so Publish cannot be scoped by resource...
          { Sid: 'PublishSms', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
          // ...but publishing to any topic is denied, leaving SMS as the only use.
          { Sid: 'NoTopics', Effect: 'Deny', Action: 'sns:Publish', Resource: 'arn:aws:sns:*:*:*' },
        ],
      }),
    });

    const attribute = (name: string, required: boolean, mutable: boolean) => ({
      name,
      attributeDataType: 'String',
      required,
      mutable,
      developerOnlyAttribute: false,
      stringAttributeConstraints: { minLength: '0', maxLength: '2048' },
    });

    this.userPool = new CognitoUserPool(this, 'user-pool', {
      name: props.name,
      userPoolTier: mode === 'OFF' ? 'ESSENTIALS' : 'PLUS',
      deletionProtection: protect ? 'ACTIVE' : 'INACTIVE',
      usernameAttributes: ['email'],
      usernameConfiguration: { caseSensitive: false },
      autoVerifiedAttributes: ['email'],
      // The sign-in email is fixed once verified; names and phone may change (seed "Mutable").
      schema: [attribute('email', true, false), attribute('given_name', true, true), attribute('family_name', true, true), attribute('phone_number', false, true)],
      passwordPolicy: {
        minimumLength,
        requireUppercase: true,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      mfaConfiguration: 'OPTIONAL',
      smsConfiguration: { externalId, snsCallerArn: this.smsRole.arn, snsRegion: props.region },
      softwareTokenMfaConfiguration: { enabled: true },
      accountRecoverySetting: {
        recoveryMechanism: [
          { name: 'verified_email', priority: 1 },
          { name: 'verified_phone_number', priority: 2 },
        ],
      },
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      userPoolAddOns: { advancedSecurityMode: mode },
      // Cognito checks at create time that it can assume the role with its policy in place.
      dependsOn: [smsPolicy],
    });

    this.client = new CognitoUserPoolClient(this, 'app-client', {
      name: `${props.name}-web`,
      userPoolId: this.userPool.id,
      generateSecret,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      accessTokenValidity: 1,
      idTokenValidity: 1,
      refreshTokenValidity: 30,
      tokenValidityUnits: [{ accessToken: 'hours', idToken: 'hours', refreshToken: 'days' }],
      authSessionValidity: 3,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['code'],
      allowedOauthScopes: ['openid', 'email', 'profile'],
      callbackUrls: props.callbackUrls,
      logoutUrls: props.logoutUrls,
      supportedIdentityProviders: ['COGNITO'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      readAttributes: ['email', 'email_verified', 'given_name', 'family_name', 'phone_number', 'phone_number_verified'],
      writeAttributes: ['given_name', 'family_name', 'phone_number'],
    });

    this.domain = new CognitoUserPoolDomain(this, 'domain', { domain: props.domainPrefix, userPoolId: this.userPool.id });

    const seen = new Set<string>();
    this.groups = props.groups.map((group) => {
      if (seen.has(group.name)) throw new Error(`AppUserPool ${props.name}: group "${group.name}" is listed twice`);
      seen.add(group.name);
      return new CognitoUserGroup(this, `group-${group.name}`, {
        name: group.name,
        description: group.description,
        precedence: group.precedence,
        userPoolId: this.userPool.id,
      });
    });
  }

  /** Hosted UI hostname, `<prefix>.auth.<region>.amazoncognito.com`. */
  hostedUiDomain(region: string): string {
    return `${this.domain.domain}.auth.${region}.amazoncognito.com`;
  }
}
