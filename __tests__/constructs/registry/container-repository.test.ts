import { Testing } from 'cdktf';
import { ContainerRepository, ContainerRepositoryProps } from '../../../src/constructs/registry/container-repository';
import { Json, onlyResource, parsed } from '../../helpers';

const BASE: ContainerRepositoryProps = { name: 'sys-dev-backend', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/data' };

function synth(change: Partial<ContainerRepositoryProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new ContainerRepository(scope, 'repo', { ...BASE, ...change })));
}

describe('ContainerRepository', () => {
  const json = synth();

  test('scan on push, immutable tags, KMS with the customer key, no force delete by default', () => {
    expect(onlyResource(json, 'aws_ecr_repository')).toMatchObject({
      name: 'sys-dev-backend',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: BASE.kmsKeyArn }],
      force_delete: false,
    });
  });

  test('lifecycle: untagged after 1 day, keep 10 prod and 5 dev images', () => {
    const rules = parsed(onlyResource(json, 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules.map((r: Json) => r.selection)).toEqual([
      { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
      { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 10 },
      { tagStatus: 'tagged', tagPrefixList: ['dev'], countType: 'imageCountMoreThan', countNumber: 5 },
    ]);
    expect(rules.map((r: Json) => r.rulePriority)).toEqual([1, 2, 3]);
    expect(rules.every((r: Json) => r.action.type === 'expire')).toBe(true);
  });

  test('retention is configurable', () => {
    const rules = parsed(onlyResource(synth({ retention: { prodImagesKept: 20, devImagesKept: 3, untaggedExpiryDays: 2 } }), 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules.map((r: Json) => r.selection.countNumber)).toEqual([2, 20, 3]);
  });

  test.each([
    [{ name: 'Bad_Repo' }, 'is not a valid ECR repository name'],
    [{ retention: { prodImagesKept: 0, devImagesKept: 5, untaggedExpiryDays: 1 } }, 'retention.prodImagesKept 0'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change as Partial<ContainerRepositoryProps>)).toThrow(message);
  });
});
