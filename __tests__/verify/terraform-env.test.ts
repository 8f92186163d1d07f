import { VERIFY_GOGC_DEFAULT, offlineTerraformEnv } from '../../src/verify/terraform-env';

describe('offlineTerraformEnv', () => {
  test('passes only PATH and HOME from the caller, with the CLI configuration and the GC target (200 by default)', () => {
    const saved = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = 'AKIALEAK';
    try {
      const env = offlineTerraformEnv('/tmp/terraform.rc');
      expect(env).toMatchObject({ TF_CLI_CONFIG_FILE: '/tmp/terraform.rc', CHECKPOINT_DISABLE: '1', AWS_EC2_METADATA_DISABLED: 'true', GOGC: '200' });
      expect(VERIFY_GOGC_DEFAULT).toBe('200');
      expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
      expect(Object.keys(env).sort()).toEqual(['AWS_EC2_METADATA_DISABLED', 'CHECKPOINT_DISABLE', 'GOGC', 'HOME', 'PATH', 'TF_CLI_CONFIG_FILE', 'TF_IN_AUTOMATION', 'TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE']);
    } finally {
      if (saved === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved;
    }
  });

  test('takes another GC target, and refuses one Go would not read', () => {
    expect(offlineTerraformEnv('/tmp/rc', '100').GOGC).toBe('100');
    expect(() => offlineTerraformEnv('/tmp/rc', 'fast')).toThrow('VERIFY_GOGC=fast is not a Go GC target; use a percentage from 10 to 9999 (Go\'s default is 100)');
    expect(() => offlineTerraformEnv('/tmp/rc', 'off')).toThrow(/VERIFY_GOGC=off/);
    expect(() => offlineTerraformEnv('/tmp/rc', '5')).toThrow(/from 10 to 9999/);
  });
});
