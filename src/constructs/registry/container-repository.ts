import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';

export interface ImageRetention {
  /** Images whose tag starts with `prod` that are kept (newest first). */
  readonly prodImagesKept: number;
  /** Images whose tag starts with `dev` that are kept. */
  readonly devImagesKept: number;
  /** Days an untagged image is kept. */
  readonly untaggedExpiryDays: number;
}

export interface ContainerRepositoryProps {
  /** Repository name (lower-case, `/`, `-`, `_`, `.` allowed). */
  readonly name: string;
  /** Customer-managed key for image layers at rest. */
  readonly kmsKeyArn: string;
  /**
   * Lifecycle of the images.
   * @default { prodImagesKept: 10, devImagesKept: 5, untaggedExpiryDays: 1 }
   */
  readonly retention?: ImageRetention;
  /**
   * Let `terraform destroy` delete a repository that still holds images (unprotected envs only).
   * @default false
   */
  readonly forceDelete?: boolean;
}

const NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * ECR repository: scan on push, immutable tags (a deployed tag can never be repointed to other
 * bytes, so what was scanned and approved is what runs), KMS encryption with a customer key, and a
 * lifecycle that keeps the newest prod and dev images and expires untagged ones.
 */
export class ContainerRepository extends Construct {
  readonly repository: EcrRepository;
  readonly lifecyclePolicy: EcrLifecyclePolicy;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const retention = props.retention ?? { prodImagesKept: 10, devImagesKept: 5, untaggedExpiryDays: 1 };
    if (!NAME.test(props.name) || props.name.length < 2 || props.name.length > 256) {
      throw new Error(`ContainerRepository: name "${props.name}" is not a valid ECR repository name (lower-case letters, digits, . _ - /)`);
    }
    for (const [key, value] of Object.entries(retention)) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`ContainerRepository ${props.name}: retention.${key} ${value} must be a whole number of 1 or more`);
    }

    this.repository = new EcrRepository(this, 'repository', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
      forceDelete: props.forceDelete ?? false,
    });

    this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${retention.untaggedExpiryDays} day(s)`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: retention.untaggedExpiryDays },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${retention.prodImagesKept} production images`,
            selection: { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: retention.prodImagesKept },
            action: { type: 'expire' },
          },
          {
            rulePriority: 3,
            description: `Keep the last ${retention.devImagesKept} development images`,
            selection: { tagStatus: 'tagged', tagPrefixList: ['dev'], countType: 'imageCountMoreThan', countNumber: retention.devImagesKept },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }

  get url(): string {
    return this.repository.repositoryUrl;
  }

  get arn(): string {
    return this.repository.arn;
  }
}
