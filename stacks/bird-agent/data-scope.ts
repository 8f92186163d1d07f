import { TerraformProvider } from 'cdktf';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { RemoteLayer } from '../../src/core/layer-stack';
import type { BirdAgentDataStack } from './data';

/** The DR region and its provider, where the environment replicates (prod). */
export interface DrPlacement {
  readonly region: string;
  readonly provider: TerraformProvider;
}

/** The seed's three keys in the primary region and, with DR, their twins in the secondary region. */
export interface DataKeys {
  /** `bird-agent-rds-key`: Aurora and Performance Insights, the DynamoDB tables, Redis, the backup vaults. */
  readonly rds: EncryptionKey;
  /** `bird-agent-s3-key`: the config bucket (and any SSE-KMS object in the others). */
  readonly s3: EncryptionKey;
  /** `bird-agent-secrets-key`: every Secrets Manager secret. */
  readonly secrets: EncryptionKey;
  readonly dr?: { readonly rds: EncryptionKey; readonly s3: EncryptionKey; readonly secrets: EncryptionKey };
}

/** What the data-*.ts helpers share: the stack, the network layer it reads, the keys and the DR placement. */
export interface DataScope {
  readonly stack: BirdAgentDataStack;
  readonly network: RemoteLayer;
  readonly keys: DataKeys;
  readonly dr?: DrPlacement;
}

/** Output prefix of a seed name: `agent-sessions` -> `sessions`, `agent-media` -> `media`. */
export const outputName = (name: string) => name.replace(/^agent-/, '').replace(/-/g, '_');
