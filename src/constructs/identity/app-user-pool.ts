import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyJson } from '../../core/iam/policy-document';

export type ThreatProtectionMode = 'ENFORCED' | 'AUDIT' | 'OFF';

export interface AppUserGroup {
  readonly name: string;
  readonly description: string;
  readonly precedence: number;
}

/** The hosted UI on a domain you own, for example `auth.example.com`. */
export interface UserPoolCustomDomain {
  /**
   * Fully qualified sub-domain, for example `auth.example.com`. Cognito checks at create time that
   * its parent domain resolves (an A record on `example.com`); create that record first.
   */
  readonly domainName: string;
  /** ACM certificate covering `domainName`, in us-east-1 (Cognito serves the domain through CloudFront). */
  readonly certificateArn: string;
}

/** One OAuth app client (one per app sharing the pool's hosted UI session). */
export interface AppUserPoolClient {
  /** OAuth callback URLs of the client (https only). */
  readonly callbackUrls: readonly string[];
  /** Sign-out redirect URLs of the client (https only). */
  readonly logoutUrls: readonly string[];
  /**
   * The client is confidential (has a secret). A browser-only app (SPA) must be public (false)
   * and use the code flow with PKCE.
   * @default - the pool's `generateClientSecret`
   */
  readonly generateSecret?: boolean;
}

export interface AppUserPoolProps {
  /** Name of the user pool; also the prefix of the SMS role and the app client names. */
  readonly name: string;
  /**
   * Hosted UI domain prefix (globally unique; may not contain aws, amazon or cognito): the hosted UI
   * at `<prefix>.auth.<region>.amazoncognito.com`. With a `customDomain` it is optional; given both,
   * the pool keeps both (Cognito allows one prefix and one custom domain per pool), which keeps the
   * old address working while apps move to the custom one.
   * @default - no prefix domain (only allowed with `customDomain`)
   */
  readonly domainPrefix?: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * OAuth callback URLs of the single app client (https only). Not with `clients`.
   * @default - required unless `clients` is given
   */
  readonly callbackUrls?: string[];
  /**
   * Sign-out redirect URLs of the single app client (https only). Not with `clients`.
   * @default - required unless `clients` is given
   */
  readonly logoutUrls?: string[];
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
   * (NextAuth) that keeps the secret on the server. With `clients`, the default of each client.
   * @default true
   */
  readonly generateClientSecret?: boolean;
  /**
   * The hosted UI on a domain you own (for example `auth.example.com`), whose sign-in session
   * (a cookie on that domain) every app client of the pool shares. Point an A/AAAA alias at
   * `customDomainAliasTarget`.
   * @default - only the prefix domain
   */
  readonly customDomain?: UserPoolCustomDomain;
  /**
   * One app client per app, keyed by app name (lower-case letters, digits, dashes; the client is
   * named `<name>-<key>`). All clients sign in on the same hosted UI domain, so one session there
   * serves every app.
   * @default - a single client `<name>-web` with `callbackUrls`/`logoutUrls`
   */
  readonly clients?: Readonly<Record<string, AppUserPoolClient>>;
  /**
   * Access token lifetime of every client, in minutes (Cognito: 5 minutes to 1 day).
   * @default 60
   */
  readonly accessTokenValidityMinutes?: number;
  /**
   * ID token lifetime of every client, in minutes (Cognito: 5 minutes to 1 day).
   * @default 60
   */
  readonly idTokenValidityMinutes?: number;
  /**
   * Refresh token lifetime of every client, in whole days (Cognito: 60 minutes to 10 years, so
   * 1-3650 days here; a day is never shorter than the 1-day maximum of the other tokens).
   * @default 30
   */
  readonly refreshTokenValidityDays?: number;
  /**
   * Remember devices on the user's prompt (user opt-in), and let a remembered device stand in for
   * the MFA code on later sign-ins. Applies to SRP sign-ins through the SDK (DEVICE_KEY); the
   * hosted UI keeps its own session cookie instead.
   * @default false
   */
  readonly rememberDevices?: boolean;
}

/** Cognito token lifetime limits (TokenValidityUnitsType). */
const TOKEN_MINUTES = { min: 5, max: 24 * 60 };
const REFRESH_DAYS = { min: 1, max: 3650 };
const CLIENT_KEY = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const FQDN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){2,}[a-z]{2,63}$/;
const US_EAST_1_CERTIFICATE = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** A minutes value as Cognito stores it: whole hours in hours (today's output), otherwise minutes. */
function tokenValidity(minutes: number): { value: number; unit: 'hours' | 'minutes' } {
  return minutes % 60 === 0 ? { value: minutes / 60, unit: 'hours' } : { value: minutes, unit: 'minutes' };
}

/**
 * Cognito user pool for the app: strong password policy, optional MFA (SMS through a scoped IAM
 * role, TOTP), account recovery by verified email then phone, email sign-in with required names,
 * threat protection, deletion protection, optional device remembering; OAuth code-flow app clients
 * (SRP + refresh; one, or one per app) with configurable token lifetimes; the hosted UI on a prefix
 * domain, a custom domain, or both; and the RBAC groups.
 */
export class AppUserPool extends Construct {
  readonly userPool: CognitoUserPool;
  /** App clients by key (`web` for the single default client). */
  readonly clients: Readonly<Record<string, CognitoUserPoolClient>>;
  /** The domain the hosted UI is used on: the custom domain when given, else the prefix domain. */
  readonly domain: CognitoUserPoolDomain;
  /** The `<prefix>.auth.<region>.amazoncognito.com` domain, when a prefix is given. */
  readonly prefixDomain?: CognitoUserPoolDomain;
  /** The custom domain, when given. */
  readonly customDomain?: CognitoUserPoolDomain;
  readonly smsRole: IamRole;
  readonly groups: CognitoUserGroup[];
  private readonly poolName: string;

  constructor(scope: Construct, id: string, props: AppUserPoolProps) {
    super(scope, id);
    const mode = props.advancedSecurityMode ?? 'ENFORCED';
    const protect = props.protect ?? true;
    const minimumLength = props.minimumPasswordLength ?? 12;
    const generateSecret = props.generateClientSecret ?? true;
    const accessMinutes = props.accessTokenValidityMinutes ?? 60;
    const idMinutes = props.idTokenValidityMinutes ?? 60;
    const refreshDays = props.refreshTokenValidityDays ?? 30;
    const rememberDevices = props.rememberDevices ?? false;
    const where = `AppUserPool ${props.name}`;
    this.poolName = props.name;

    if (!/^[\w\s+=,.@-]{1,128}$/.test(props.name)) throw new Error(`AppUserPool: name "${props.name}" is not a valid user pool name`);
    if (props.domainPrefix === undefined && props.customDomain === undefined) {
      throw new Error(`${where}: neither domainPrefix nor customDomain is given; the hosted UI needs a domain, give one or both`);
    }
    if (props.domainPrefix !== undefined && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(props.domainPrefix) || /aws|amazon|cognito/.test(props.domainPrefix))) {
      throw new Error(`${where}: domainPrefix "${props.domainPrefix}" must be a lower-case DNS label without aws, amazon or cognito`);
    }
    if (props.customDomain) checkCustomDomain(where, props.customDomain);
    if (minimumLength < 8 || minimumLength > 99) throw new Error(`${where}: minimumPasswordLength ${minimumLength} is outside 8-99; use 12 or more`);
    for (const [field, minutes] of [['accessTokenValidityMinutes', accessMinutes], ['idTokenValidityMinutes', idMinutes]] as const) {
      if (!(Number.isInteger(minutes) && minutes >= TOKEN_MINUTES.min && minutes <= TOKEN_MINUTES.max)) {
        throw new Error(`${where}: ${field} ${minutes} is outside Cognito's ${TOKEN_MINUTES.min}-${TOKEN_MINUTES.max} minutes (5 minutes to 1 day); use a whole number of minutes in range`);
      }
    }
    if (!(Number.isInteger(refreshDays) && refreshDays >= REFRESH_DAYS.min && refreshDays <= REFRESH_DAYS.max)) {
      throw new Error(`${where}: refreshTokenValidityDays ${refreshDays} is outside ${REFRESH_DAYS.min}-${REFRESH_DAYS.max} (Cognito allows up to 10 years); use a whole number of days in range`);
    }

    // The app clients: the single default one (today's `<name>-web`) or one per app.
    if (props.clients !== undefined && (props.callbackUrls !== undefined || props.logoutUrls !== undefined)) {
      throw new Error(`${where}: callbackUrls/logoutUrls are given with clients; put the URLs in each client instead`);
    }
    const clientSpecs: [string, string, AppUserPoolClient][] = props.clients
      ? Object.entries(props.clients).map(([key, spec]) => [key, `app-client-${key}`, spec])
      : [['web', 'app-client', { callbackUrls: props.callbackUrls ?? [], logoutUrls: props.logoutUrls ?? [] }]];
    if (props.clients !== undefined && clientSpecs.length === 0) throw new Error(`${where}: clients is empty; give one client per app or omit clients`);
    for (const [key, , spec] of clientSpecs) {
      if (props.clients !== undefined && !CLIENT_KEY.test(key)) {
        throw new Error(`${where}: client key "${key}" must be lower-case letters, digits and dashes (it names the client ${props.name}-<key>)`);
      }
      const label = props.clients ? `client ${key}: ` : '';
      for (const url of [...spec.callbackUrls, ...spec.logoutUrls]) {
        if (!/^https:\/\/[^\s]+$/.test(url)) throw new Error(`${where}: ${label}URL "${url}" is not https; Cognito only allows https outside localhost`);
      }
      if (spec.callbackUrls.length === 0) throw new Error(`${where}: ${label}callbackUrls is empty; the code flow needs at least one`);
    }
    if (props.groups.length === 0) throw new Error(`${where}: groups is empty; give the RBAC groups`);

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
      // User opt-in (a shared computer is never remembered silently); a remembered device then
      // replaces the MFA code, which is what remembering is for.
      ...(rememberDevices ? { deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true } } : {}),
      // Cognito checks at create time that it can assume the role with its policy in place.
      dependsOn: [smsPolicy],
    });

    const access = tokenValidity(accessMinutes);
    const idToken = tokenValidity(idMinutes);
    const clients: Record<string, CognitoUserPoolClient> = {};
    for (const [key, constructId, spec] of clientSpecs) {
      clients[key] = new CognitoUserPoolClient(this, constructId, {
        name: `${props.name}-${key}`,
        userPoolId: this.userPool.id,
        generateSecret: spec.generateSecret ?? generateSecret,
        explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        accessTokenValidity: access.value,
        idTokenValidity: idToken.value,
        refreshTokenValidity: refreshDays,
        tokenValidityUnits: [{ accessToken: access.unit, idToken: idToken.unit, refreshToken: 'days' }],
        authSessionValidity: 3,
        allowedOauthFlowsUserPoolClient: true,
        allowedOauthFlows: ['code'],
        allowedOauthScopes: ['openid', 'email', 'profile'],
        callbackUrls: [...spec.callbackUrls],
        logoutUrls: [...spec.logoutUrls],
        supportedIdentityProviders: ['COGNITO'],
        preventUserExistenceErrors: 'ENABLED',
        enableTokenRevocation: true,
        readAttributes: ['email', 'email_verified', 'given_name', 'family_name', 'phone_number', 'phone_number_verified'],
        writeAttributes: ['given_name', 'family_name', 'phone_number'],
      });
    }
    this.clients = clients;

    if (props.domainPrefix !== undefined) {
      this.prefixDomain = new CognitoUserPoolDomain(this, 'domain', { domain: props.domainPrefix, userPoolId: this.userPool.id });
    }
    if (props.customDomain) {
      this.customDomain = new CognitoUserPoolDomain(this, 'custom-domain', {
        domain: props.customDomain.domainName,
        certificateArn: props.customDomain.certificateArn,
        userPoolId: this.userPool.id,
      });
    }
    this.domain = (this.customDomain ?? this.prefixDomain)!;

    const seen = new Set<string>();
    this.groups = props.groups.map((group) => {
      if (seen.has(group.name)) throw new Error(`${where}: group "${group.name}" is listed twice`);
      seen.add(group.name);
      return new CognitoUserGroup(this, `group-${group.name}`, {
        name: group.name,
        description: group.description,
        precedence: group.precedence,
        userPoolId: this.userPool.id,
      });
    });
  }

  /** The app client, when the pool has exactly one (the default `web` client); with several use `clients`. */
  get client(): CognitoUserPoolClient {
    const all = Object.values(this.clients);
    if (all.length !== 1) throw new Error(`AppUserPool ${this.poolName}: the pool has ${all.length} app clients (${Object.keys(this.clients).join(', ')}); pick one from clients[<key>]`);
    return all[0];
  }

  /**
   * Hosted UI hostname: the custom domain when given, else `<prefix>.auth.<region>.amazoncognito.com`.
   */
  hostedUiDomain(region: string): string {
    if (this.customDomain) return this.customDomain.domain;
    return `${this.domain.domain}.auth.${region}.amazoncognito.com`;
  }

  /**
   * Route 53 alias target of the custom domain (the CloudFront distribution Cognito runs it on):
   * `{ dnsName, zoneId }` for an A/AAAA alias record named like the custom domain.
   */
  get customDomainAliasTarget(): { readonly dnsName: string; readonly zoneId: string } | undefined {
    if (!this.customDomain) return undefined;
    return { dnsName: this.customDomain.cloudfrontDistribution, zoneId: this.customDomain.cloudfrontDistributionZoneId };
  }
}

function checkCustomDomain(where: string, domain: UserPoolCustomDomain): void {
  if (!Token.isUnresolved(domain.domainName) && !FQDN.test(domain.domainName)) {
    throw new Error(`${where}: customDomain.domainName "${domain.domainName}" is not a lower-case sub-domain such as auth.example.com; Cognito needs a sub-domain whose parent domain resolves`);
  }
  if (!Token.isUnresolved(domain.certificateArn) && !US_EAST_1_CERTIFICATE.test(domain.certificateArn)) {
    throw new Error(`${where}: customDomain.certificateArn "${domain.certificateArn}" is not an ACM certificate ARN in us-east-1; Cognito serves custom domains through CloudFront, which only takes us-east-1 certificates`);
  }
}
