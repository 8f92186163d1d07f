import { synthJson } from '../helpers';
import { birdAgentStacks } from '../stacks/bird-agent/helpers';

describe('LayerStack.upstream', () => {
  const stacks = birdAgentStacks('dev', 'compute');

  test('reads each layer through one remote state, however often it is asked for', () => {
    const first = stacks.compute.upstream('network');
    expect(stacks.compute.upstream('network')).toBe(first);
    expect(Object.keys(synthJson(stacks.compute).data.terraform_remote_state).sort()).toEqual(['data', 'network']);
    expect(stacks.compute.dependencies.map((d) => d.node.id).sort()).toEqual(['bird-agent-dev-data', 'bird-agent-dev-network']);
  });

  test('refuses a layer the blueprint does not let it read', () => {
    expect(() => stacks.data.upstream('compute')).toThrow('bird-agent-dev-data reads the compute layer, which its blueprint does not list in reads (it reads: network)');
  });
});
