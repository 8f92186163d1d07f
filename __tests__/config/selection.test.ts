import { selectEnvironments } from '../../src/config/selection';
import { BLUEPRINTS } from '../../stacks';
import { bidopsBlueprint } from '../../stacks/bidops';
import { bidopsConfig } from '../helpers';

const select = (vars: Record<string, string>) => selectEnvironments(vars, BLUEPRINTS);
const names = (vars: Record<string, string>) => select(vars).environments.map((e) => `${e.config.system}/${e.config.env}`);

describe('SYSTEMS / ENVS / LAYERS selection', () => {
  test('defaults to every configured system and environment, in canonical order', () => {
    expect(names({})).toEqual(expect.arrayContaining(['bidops/dev', 'bidops/staging', 'bidops/prod']));
    expect(names({}).filter((n) => n.startsWith('bidops/'))).toEqual(['bidops/dev', 'bidops/staging', 'bidops/prod']);
  });

  test('narrows by environment, ignoring spaces and order', () => {
    expect(names({ SYSTEMS: 'bidops', ENVS: ' prod, dev ' })).toEqual(['bidops/dev', 'bidops/prod']);
  });

  test('an unknown system is an error, not an empty synth', () => {
    expect(() => select({ SYSTEMS: 'bidopz' })).toThrow(
      'Invalid configuration for selection: SYSTEMS = "bidopz" is not a known system. Fix: use one of bidops, lang-portal, partner-mgmt, bird-agent.',
    );
  });

  test('an unknown environment is an error', () => {
    expect(() => select({ ENVS: 'qa' })).toThrow('ENVS = "qa" is not a known env');
  });

  test('an unknown layer is an error', () => {
    expect(() => select({ LAYERS: 'database' })).toThrow('LAYERS = "database" is not a known layer');
  });

  test('a known system without configuration is an error when asked for by name', () => {
    expect(() => selectEnvironments({ SYSTEMS: 'bird-agent' }, [bidopsBlueprint])).toThrow(
      'Invalid configuration for bird-agent: SYSTEMS = "bird-agent" has no blueprint in stacks/ yet',
    );
  });

  test('validates every selected environment before building anything', () => {
    const broken = { ...bidopsBlueprint, environments: { dev: bidopsConfig('dev', (c) => (c.accountId = '1')) } };
    expect(() => selectEnvironments({}, [broken])).toThrow('bidops/dev: accountId = "1"');
  });

  test('LAYERS brings the layers they read, in deploy order', () => {
    // edge reads compute, which reads everything else.
    expect(select({ LAYERS: 'edge,network' }).environments[0].layers).toEqual(['network', 'data', 'ai', 'compute', 'edge']);
    expect(select({ LAYERS: 'data' }).environments[0].layers).toEqual(['network', 'data']);
  });

  test('an empty SYSTEMS, ENVS or LAYERS names nothing and is an error, not a blame of an unbuilt system', () => {
    expect(() => select({ SYSTEMS: '' })).toThrow('Invalid configuration for selection: SYSTEMS = "" names nothing. Fix: unset SYSTEMS (or set it to *) for all, or list some of bidops, lang-portal, partner-mgmt, bird-agent.');
    expect(() => select({ ENVS: ' , ' })).toThrow('ENVS = " , " names nothing');
    expect(select({ SYSTEMS: '*' }).environments.map((e) => e.config.system)).toContain('bidops');
  });
});
