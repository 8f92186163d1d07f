import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';

export interface ServiceKeyUse {
  /** Service principal, for example `logs.us-east-1.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Conditions that scope the grant to this account's resources (encryption context, source ARN). */
  readonly conditions?: PolicyStatement['Condition'];
}

export interface EncryptionKeyProps extends ProviderScopedProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  readonly description: string;
  /** Account that owns the key; its root administers the key through IAM. */
  readonly accountId: string;
  /**
   * AWS services allowed to use the key directly (CloudWatch Logs, ...).
   * @default []
   */
  readonly services?: readonly ServiceKeyUse[];
  /**
   * Days before a scheduled deletion completes (7-30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

/**
 * Customer-managed KMS key with rotation on, an explicit key policy (account root administers via
 * IAM; named services get scoped use) and an alias.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    const services = props.services ?? [];
    if (deletionWindowDays < 7 || deletionWindowDays > 30) {
      throw new Error(`EncryptionKey ${props.alias}: deletionWindowDays ${deletionWindowDays} is outside 7-30; use 30 unless a test needs less`);
    }

    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...services.map((use, i) => ({
        Sid: `ServiceUse${i}`,
        Effect: 'Allow' as const,
        Principal: { Service: use.servicePrincipal },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: use.conditions,
      })),
    ];

    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policyJson({ Statement: statements }),
    });
    this.aliasName = `alias/${props.alias}`;
    new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
    useProvider(this, props.provider);
  }
}
