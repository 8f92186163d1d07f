import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktf/provider-random/lib/password';
import { Construct } from 'constructs';

export interface AppSecretProps {
  /** Secret name, for example `<system>/dev/api/jwt-secret`. */
  readonly name: string;
  readonly description: string;
  /** Customer-managed key of the secret. */
  readonly kmsKeyArn: string;
  /**
   * Generate the value with `random_password` of this length (letters and digits) and store it as
   * the current version. Needs the random provider in the stack.
   * @default - no version: the value is put out of band (console, CLI, pipeline)
   */
  readonly generatedLength?: number;
  /**
   * Store this value as the current version (for example an attribute of another resource).
   * Mutually exclusive with `generatedLength`.
   * @default - none
   */
  readonly value?: string;
  /**
   * Days a deleted secret can be restored (0 deletes at once; otherwise 7-30).
   * @default 30
   */
  readonly recoveryWindowDays?: number;
  /**
   * Regions Secrets Manager keeps a read-only replica in (disaster recovery), each with its key.
   * @default [] - the secret lives in its region only
   */
  readonly replicas?: readonly { readonly region: string; readonly kmsKeyArn: string }[];
}

/**
 * A Secrets Manager secret encrypted with a customer key, optionally holding a generated or given
 * value. The value lives only in the secret (and in state, which is encrypted); it is never an output.
 */
export class AppSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly version?: SecretsmanagerSecretVersion;

  constructor(scope: Construct, id: string, props: AppSecretProps) {
    super(scope, id);
    const recoveryWindowDays = props.recoveryWindowDays ?? 30;
    if (!/^[\w/+=.@-]{1,512}$/.test(props.name)) throw new Error(`AppSecret: name "${props.name}" has characters Secrets Manager does not allow`);
    if (recoveryWindowDays !== 0 && (recoveryWindowDays < 7 || recoveryWindowDays > 30)) {
      throw new Error(`AppSecret ${props.name}: recoveryWindowDays ${recoveryWindowDays} must be 0 or 7-30`);
    }
    if (props.generatedLength !== undefined && props.value !== undefined) {
      throw new Error(`AppSecret ${props.name}: give generatedLength or value, not both`);
    }
    if (props.generatedLength !== undefined && (!Number.isInteger(props.generatedLength) || props.generatedLength < 32)) {
      throw new Error(`AppSecret ${props.name}: generatedLength ${props.generatedLength} is below 32 characters`);
    }

    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: recoveryWindowDays,
      replica: props.replicas?.length ? props.replicas.map((r) => ({ region: r.region, kmsKeyId: r.kmsKeyArn })) : undefined,
    });

    let value = props.value;
    if (props.generatedLength !== undefined) {
      const password = new Password(this, 'value', { length: props.generatedLength, special: false, minUpper: 4, minLower: 4, minNumeric: 4 });
      value = password.result;
    }
    if (value !== undefined) {
      this.version = new SecretsmanagerSecretVersion(this, 'version', { secretId: this.secret.id, secretString: value });
    }
  }

  get arn(): string {
    return this.secret.arn;
  }
}
