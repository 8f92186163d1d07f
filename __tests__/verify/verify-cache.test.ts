import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlanInputs, VerifyCache, planKey } from '../../src/verify/verify-cache';

const inputs: PlanInputs = {
  configuration: '{"resource":{}}',
  upstreamStates: { 'bidops-dev-network': '{"outputs":{"vpc_id":{"value":"vpc-0"}}}' },
  providerLock: 'provider "registry.terraform.io/hashicorp/aws" { version = "5.100.0" }',
  terraformVersion: '1.11.4',
};

describe('plan key', () => {
  test('is the same for the same inputs, whatever the order of the upstreams', () => {
    const twoUpstreams = { ...inputs, upstreamStates: { a: '1', b: '2' } };
    expect(planKey(twoUpstreams)).toBe(planKey({ ...inputs, upstreamStates: { b: '2', a: '1' } }));
  });

  test.each<[string, Partial<PlanInputs>]>([
    ['the configuration', { configuration: '{"resource":{"aws_vpc":{}}}' }],
    ['what an upstream publishes', { upstreamStates: { 'bidops-dev-network': '{"outputs":{"vpc_id":{"value":"vpc-1"}}}' } }],
    ['an upstream read added', { upstreamStates: { ...inputs.upstreamStates, 'bidops-dev-data': '{}' } }],
    ['the provider lock', { providerLock: 'provider "registry.terraform.io/hashicorp/aws" { version = "5.101.0" }' }],
    ['the Terraform version', { terraformVersion: '1.12.0' }],
  ])('changes with %s', (_what, change) => {
    expect(planKey({ ...inputs, ...change })).not.toBe(planKey(inputs));
  });

  test('does not confuse where one part ends and the next begins', () => {
    expect(planKey({ ...inputs, configuration: 'ab', terraformVersion: 'c' })).not.toBe(planKey({ ...inputs, configuration: 'a', terraformVersion: 'bc' }));
  });
});

describe('verify cache', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cache-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cache = new VerifyCache(path.join(dir, 'cache'));

  test('answers a lookup only for the key the green plan was recorded with', () => {
    expect(cache.lookup('s', 'k1')).toBeUndefined();
    cache.recordGreen('s', { key: 'k1', toAdd: 12, seconds: 3.2 });
    expect(cache.lookup('s', 'k1')).toEqual({ key: 'k1', toAdd: 12, seconds: 3.2 });
    expect(cache.lookup('s', 'k2')).toBeUndefined();
  });

  test('forgets a stack whose plan failed, and survives a corrupt record', () => {
    cache.recordGreen('t', { key: 'k', toAdd: 1, seconds: 1 });
    cache.forget('t');
    expect(cache.lookup('t', 'k')).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'cache', 'u.json'), '{not json');
    expect(cache.lookup('u', 'k')).toBeUndefined();
  });
});
