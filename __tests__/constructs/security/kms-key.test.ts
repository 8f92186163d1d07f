import { Testing } from 'cdktf';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { Json, parsed, resourcesOf } from '../../helpers';

describe('EncryptionKey', () => {
  test('rotation, 30-day deletion window, explicit policy with scoped service use, alias', () => {
    const json: Json = JSON.parse(
      Testing.synthScope((scope) => {
        new EncryptionKey(scope, 'k', {
          alias: 'demo-data',
          description: 'demo',
          accountId: '123456789012',
          services: [{ servicePrincipal: 'logs.us-east-1.amazonaws.com', conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:*' } } }],
        });
      }),
    );
    const [[, key]] = resourcesOf(json, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const [admin, service] = parsed(key.policy).Statement;
    expect(admin.Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
    expect(service.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(service.Action).not.toContain('kms:*');
    expect(service.Condition).toBeDefined();
    expect(resourcesOf(json, 'aws_kms_alias')[0][1].name).toBe('alias/demo-data');
  });

  test('rejects a deletion window outside 7-30 days', () => {
    expect(() => Testing.synthScope((scope) => new EncryptionKey(scope, 'k', { alias: 'a', description: 'd', accountId: '123456789012', deletionWindowDays: 3 }))).toThrow(
      'EncryptionKey a: deletionWindowDays 3 is outside 7-30',
    );
  });
});
