import { ConfigError } from './errors';
import { EnvironmentConfig } from './types';

/**
 * Account-wide singletons: resources AWS allows once per account (or per account and region), or
 * that cover the whole account so a second copy only duplicates cost. Two systems deploying into
 * one account would collide on them, so exactly one environment of the account owns each.
 */
export const ACCOUNT_SINGLETONS = {
  cloudtrail: { perRegion: false, what: 'the CloudTrail trail that records the whole account' },
  'cost-guardrails': { perRegion: false, what: 'the account budget and the per-service cost anomaly monitor (AWS allows one such monitor per account)' },
  'github-oidc-provider': { perRegion: false, what: 'the token.actions.githubusercontent.com IAM OIDC provider (one per URL and account)' },
  'opensearch-service-linked-role': { perRegion: false, what: 'the AWSServiceRoleForAmazonOpenSearchService role (one per account)' },
  'model-invocation-logging': { perRegion: true, what: 'Bedrock model invocation logging (one configuration per account and region)' },
  'ecr-registry-scanning': { perRegion: true, what: 'the ECR registry scanning configuration (one per registry, i.e. account and region)' },
  'api-gateway-account': { perRegion: true, what: 'the API Gateway CloudWatch Logs role setting (one per account and region)' },
  'backup-region-settings': { perRegion: true, what: 'the AWS Backup region settings that opt in DynamoDB advanced backup (one per account and region)' },
} as const;

export type AccountSingleton = keyof typeof ACCOUNT_SINGLETONS;

export function isAccountSingleton(value: string): value is AccountSingleton {
  return Object.prototype.hasOwnProperty.call(ACCOUNT_SINGLETONS, value);
}

/** The regions an environment deploys into: its own and, if set, its secondary region. */
export function regionsOf(config: EnvironmentConfig): string[] {
  return config.secondaryRegion ? [config.region, config.secondaryRegion] : [config.region];
}

/** Key of an owned singleton: the name, and for per-region singletons `<name>@<region>`. */
function ownershipKey(singleton: AccountSingleton, region: string): string {
  return ACCOUNT_SINGLETONS[singleton].perRegion ? `${singleton}@${region}` : singleton;
}

/** What one environment owns of its account's singletons, and who else deploys there. */
export class AccountBaseline {
  /** A lone environment in its account: owns every singleton, in each of its regions. */
  static sole(config: EnvironmentConfig): AccountBaseline {
    const all = Object.keys(ACCOUNT_SINGLETONS) as AccountSingleton[];
    return new AccountBaseline(new Set(all.flatMap((s) => regionsOf(config).map((r) => ownershipKey(s, r)))), [config], config.region);
  }

  constructor(
    private readonly owned: ReadonlySet<string>,
    /** Every configured environment in the same account (this one included), in configuration order. */
    readonly accountEnvironments: readonly EnvironmentConfig[],
    private readonly primaryRegion: string,
  ) {}

  /** Whether this environment creates `singleton` (per-region ones: in `region`, default its own region). */
  owns(singleton: AccountSingleton, region: string = this.primaryRegion): boolean {
    return this.owned.has(ownershipKey(singleton, region));
  }

  /** The configured environments in the same account and region (this one included). */
  regionEnvironments(region: string): EnvironmentConfig[] {
    return this.accountEnvironments.filter((e) => e.region === region);
  }
}

/** One configured environment, and the singletons its system's layers create when they own them. */
export interface BaselineMember {
  readonly config: EnvironmentConfig;
  readonly creates: readonly AccountSingleton[];
}

/** Identifies an environment in messages and maps: `<system>/<env>`. */
const label = (config: EnvironmentConfig) => `${config.system}/${config.env}`;

/**
 * Decides, over every configured environment of every system (not only the selected ones, so a
 * narrowed synth builds the same stacks), which environment owns each singleton of its account.
 * An explicit `accountSingletons` list claims those singletons; a claim by two environments of one
 * account (and region, for regional singletons), or of a singleton the system's layers never
 * create, is a ConfigError. Singletons nobody claims go to the first environment of the account, in
 * the order given (systems in registry order, then dev, staging, prod), that has no explicit list
 * and whose system creates them.
 */
export function resolveAccountBaselines(members: readonly BaselineMember[]): Map<string, AccountBaseline> {
  const environments = members.map((m) => m.config);
  const creates = new Map(members.map((m) => [m.config, m.creates] as const));
  for (const { config, creates: own } of members) {
    (config.accountSingletons ?? []).forEach((singleton, i) => {
      if (isAccountSingleton(singleton) && !own.includes(singleton)) {
        throw new ConfigError(label(config), `accountSingletons[${i}]`, singleton, `is not created by any layer of ${config.system}`, `claim it in the environment of a system that creates it (${config.system} creates: ${own.join(', ') || 'none'})`);
      }
    });
  }
  const byAccount = new Map<string, EnvironmentConfig[]>();
  for (const config of environments) {
    const list = byAccount.get(config.accountId) ?? [];
    list.push(config);
    byAccount.set(config.accountId, list);
  }

  const owners = new Map<string, Set<string>>();
  for (const config of environments) owners.set(label(config), new Set());
  for (const accountMembers of byAccount.values()) {
    for (const [singleton, spec] of Object.entries(ACCOUNT_SINGLETONS) as [AccountSingleton, (typeof ACCOUNT_SINGLETONS)[AccountSingleton]][]) {
      // Per-region singletons have an owner in every region an environment of the account uses,
      // secondary (DR) regions included.
      const scopes = spec.perRegion ? [...new Set(accountMembers.flatMap(regionsOf))] : [undefined];
      for (const region of scopes) {
        const candidates = accountMembers.filter((m) => region === undefined || regionsOf(m).includes(region));
        const claimants = candidates.filter((m) => m.accountSingletons?.includes(singleton));
        if (claimants.length > 1) {
          const where = `account ${candidates[0].accountId}${region ? ` in ${region}` : ''}`;
          throw new ConfigError(label(claimants[1]), 'accountSingletons', claimants[1].accountSingletons, `claims ${singleton}, which ${label(claimants[0])} already owns in ${where}`, `keep ${singleton} in one environment's accountSingletons (${ACCOUNT_SINGLETONS[singleton].what})`);
        }
        const owner = claimants[0] ?? candidates.find((m) => m.accountSingletons === undefined && creates.get(m)!.includes(singleton));
        if (owner) owners.get(label(owner))!.add(region === undefined ? singleton : ownershipKey(singleton, region));
      }
    }
  }

  const result = new Map<string, AccountBaseline>();
  for (const config of environments) {
    result.set(label(config), new AccountBaseline(owners.get(label(config))!, byAccount.get(config.accountId)!, config.region));
  }
  return result;
}
