import { Testing } from 'cdktf';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { AppSecret, AppSecretProps } from '../../../src/constructs/secrets/app-secret';
import { Json, onlyResource, resourcesOf } from '../../helpers';

const BASE: AppSecretProps = { name: 'sys/dev/api/jwt-secret', description: 'JWT signing key', kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/data' };

function synth(change: Partial<AppSecretProps> = {}): Json {
  return JSON.parse(
    Testing.synthScope((scope) => {
      new RandomProvider(scope, 'random');
      new AppSecret(scope, 'secret', { ...BASE, ...change });
    }),
  );
}

describe('AppSecret', () => {
  test('encrypted with the customer key; 30-day recovery window by default', () => {
    expect(onlyResource(synth(), 'aws_secretsmanager_secret')).toMatchObject({ name: BASE.name, kms_key_id: BASE.kmsKeyArn, recovery_window_in_days: 30 });
  });

  test('no version when the value is set out of band', () => {
    const json = synth();
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toHaveLength(0);
    expect(resourcesOf(json, 'random_password')).toHaveLength(0);
  });

  test('generated value: random_password stored as the version, never as an output', () => {
    const json = synth({ generatedLength: 64 });
    const password = onlyResource(json, 'random_password');
    expect(password).toMatchObject({ length: 64, special: false });
    const version = onlyResource(json, 'aws_secretsmanager_secret_version');
    expect(version.secret_string).toMatch(/^\$\{random_password\..*\.result\}$/);
    expect(json.output ?? {}).toEqual({});
  });

  test('a given value is stored as the version', () => {
    expect(onlyResource(synth({ value: 'from-elsewhere' }), 'aws_secretsmanager_secret_version').secret_string).toBe('from-elsewhere');
  });

  test.each([
    [{ recoveryWindowDays: 3 }, 'recoveryWindowDays 3 must be 0 or 7-30'],
    [{ generatedLength: 16 }, 'generatedLength 16 is below 32'],
    [{ generatedLength: 64, value: 'x' }, 'not both'],
    [{ name: 'bad name with spaces' }, 'has characters Secrets Manager does not allow'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change)).toThrow(message);
  });
});
