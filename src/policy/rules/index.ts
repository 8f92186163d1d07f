import { PackName, PolicyRule } from '../types';
import { API_GATEWAY_RULES } from './api-gateway';
import { BACKUP_RULES } from './backup';
import { BEDROCK_RULES } from './bedrock';
import { CATALOGUE_API_GATEWAY_RULES } from './catalogue-api-gateway';
import { CATALOGUE_CONTAINER_RULES } from './catalogue-containers';
import { CATALOGUE_DATABASE_RULES } from './catalogue-databases';
import { CATALOGUE_EDGE_RULES } from './catalogue-edge';
import { CATALOGUE_IAM_RULES } from './catalogue-iam';
import { CATALOGUE_IDENTITY_RULES } from './catalogue-identity';
import { CATALOGUE_LOGGING_RULES } from './catalogue-logging';
import { CATALOGUE_MESSAGING_RULES } from './catalogue-messaging';
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
  containers: [...CONTAINER_RULES, ...CATALOGUE_CONTAINER_RULES],
  databases: [...DATABASE_RULES, ...BACKUP_RULES, ...CATALOGUE_DATABASE_RULES],
  caches: CACHE_RULES,
  search: SEARCH_RULES,
  storage: STORAGE_RULES,
  'keys-secrets': KEYS_SECRETS_RULES,
  logging: [...LOGGING_RULES, ...CATALOGUE_LOGGING_RULES],
  edge: [...EDGE_RULES, ...CATALOGUE_EDGE_RULES],
  'api-gateway': [...API_GATEWAY_RULES, ...CATALOGUE_API_GATEWAY_RULES],
  lambda: LAMBDA_RULES,
  messaging: [...MESSAGING_RULES, ...CATALOGUE_MESSAGING_RULES],
  identity: [...IDENTITY_RULES, ...CATALOGUE_IDENTITY_RULES],
  iam: [...IAM_RULES, ...CATALOGUE_IAM_RULES],
  bedrock: BEDROCK_RULES,
};

export const ALL_RULES: readonly PolicyRule[] = Object.values(PACKS).flat();

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function ruleById(id: string): PolicyRule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
