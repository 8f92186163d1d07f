import { lifecycleRules } from '../../src/components/bucket-lifecycle';

describe('lifecycleRules', () => {
  test('a bucket configured with the earlier fields keeps exactly its rules', () => {
    expect(lifecycleRules({})).toEqual([]);
    expect(lifecycleRules({ infrequentAccessAfterDays: 30, expireAfterDays: 365 }).map((r) => r.id)).toEqual(['to-standard-ia', 'expire-current']);
    expect(lifecycleRules({ intelligentTiering: true, replicate: true, encryption: 'KMS' }).map((r) => r.id)).toEqual(['to-intelligent-tiering']);
    // 7 days is SecureBucket's own abort rule: no second one.
    expect(lifecycleRules({ abortIncompleteUploadsAfterDays: 7 })).toEqual([]);
  });

  test('Glacier transition, per-prefix expiry and a stricter abort of incomplete uploads', () => {
    expect(lifecycleRules({ infrequentAccessAfterDays: 30, glacierAfterDays: 90, expireAfterDays: 365, prefixExpirations: { 'temp/': 7 }, abortIncompleteUploadsAfterDays: 3 })).toEqual([
      { id: 'to-standard-ia', status: 'Enabled', filter: [{}], transition: [{ days: 30, storageClass: 'STANDARD_IA' }] },
      { id: 'to-glacier', status: 'Enabled', filter: [{}], transition: [{ days: 90, storageClass: 'GLACIER' }] },
      { id: 'expire-current', status: 'Enabled', filter: [{}], expiration: [{ days: 365 }] },
      { id: 'expire-prefix-temp/', status: 'Enabled', filter: [{ prefix: 'temp/' }], expiration: [{ days: 7 }] },
      { id: 'abort-incomplete-uploads-early', status: 'Enabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 3 }] },
    ]);
  });
});
