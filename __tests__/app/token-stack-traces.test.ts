import { withoutTokenStackTraces } from '../../src/app/token-stack-traces';

function capture(): string {
  const holder = { stack: '' };
  Error.captureStackTrace(holder);
  return holder.stack;
}

describe('withoutTokenStackTraces', () => {
  test('drops traces captured on plain objects (cdktf token holders) but keeps real errors readable', () => {
    const { token, error } = withoutTokenStackTraces({}, () => ({ token: capture(), error: new Error('boom').stack ?? '' }));
    expect(token).toBe('');
    expect(error).toMatch(/^Error: boom\n {4}at /);
  });

  test('restores the previous hook afterwards, also when the work throws', () => {
    const before = Error.prepareStackTrace;
    expect(() => withoutTokenStackTraces({}, () => { throw new Error('fail'); })).toThrow('fail');
    expect(Error.prepareStackTrace).toBe(before);
    expect(capture()).not.toBe('');
  });

  test('SYNTH_TOKEN_STACK_TRACES=1 keeps full traces for debugging', () => {
    expect(withoutTokenStackTraces({ SYNTH_TOKEN_STACK_TRACES: '1' }, capture)).not.toBe('');
  });
});
