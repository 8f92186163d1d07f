import { PackName, PolicyRule } from '../types';
import { API_GATEWAY_RULES } from './api-gateway';
import { BACKUP_RULES } from './backup';
import { BEDROCK_RULES } from './bedrock';
import { CACHE_RULES } from './caches';
import { CONTAINER_RULES } from './containers';
import { DATABASE_RULES } from './databases';
import { EDGE_RULES } from './edge';
import { IAM_RULES } from './iam';
import { IDENTITY_RULES } from './identity';
import { KEYS_SECRETS_RULES } from './keys-secrets';
import { LAMBDA_RULES } from './lambda';
import { LOAD_BALANCING_RULES } from './load-balancing';
import { LOGGING_RULES } from './logging';
import { MESSAGING_RULES } from './messaging';
import { NETWORK_RULES } from './network';
import { SEARCH_RULES } from './search';
import { STORAGE_RULES } from './storage';

/** The built-in packs, by area. */
export const PACKS: Readonly<Record<PackName, readonly PolicyRule[]>> = {
  network: NETWORK_RULES,
  'load-balancing': LOAD_BALANCING_RULES,
  containers: CONTAINER_RULES,
  databases: [...DATABASE_RULES, ...BACKUP_RULES],
  caches: CACHE_RULES,
  search: SEARCH_RULES,
  storage: STORAGE_RULES,
  'keys-secrets': KEYS_SECRETS_RULES,
  logging: LOGGING_RULES,
  edge: EDGE_RULES,
  'api-gateway': API_GATEWAY_RULES,
  lambda: LAMBDA_RULES,
  messaging: MESSAGING_RULES,
  identity: IDENTITY_RULES,
  iam: IAM_RULES,
  bedrock: BEDROCK_RULES,
};

export const ALL_RULES: readonly PolicyRule[] = Object.values(PACKS).flat();

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function ruleById(id: string): PolicyRule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
