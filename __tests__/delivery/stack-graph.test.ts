import { StackGraphError, graphFromBlueprints, graphFromContracts, parseStackName, waveCount, withDependents } from '../../src/delivery/stack-graph';
import { relayBlueprint } from '../systems/relay';

// A small app: shop (dev) network <- data <- compute <- edge, and edge also reads network;
// blog (prod) data and compute, compute reading data.
const CONTRACTS = {
  'shop-dev-edge': { dependsOn: ['shop-dev-network', 'shop-dev-compute'] },
  'shop-dev-network': { dependsOn: [] },
  'blog-prod-compute': { dependsOn: ['blog-prod-data'] },
  'shop-dev-data': { dependsOn: ['shop-dev-network'] },
  'shop-dev-compute': { dependsOn: ['shop-dev-data'] },
  'blog-prod-data': { dependsOn: [] },
};

describe('stack graph', () => {
  it('splits stack names into system, env and layer (systems may contain dashes)', () => {
    expect(parseStackName('partner-mgmt-staging-compute')).toEqual({ system: 'partner-mgmt', env: 'staging', layer: 'compute' });
    expect(parseStackName('bootstrap')).toBeUndefined();
    expect(parseStackName('shop-qa-network')).toBeUndefined();
  });

  it('orders stacks by depth (longest chain of reads), then name', () => {
    const graph = graphFromContracts(CONTRACTS);
    // depths: network 0, data 1, compute 2, edge max(0, 2) + 1 = 3; blog data 0, compute 1.
    expect(graph.nodes.map((n) => [n.name, n.depth])).toEqual([
      ['blog-prod-data', 0],
      ['shop-dev-network', 0],
      ['blog-prod-compute', 1],
      ['shop-dev-data', 1],
      ['shop-dev-compute', 2],
      ['shop-dev-edge', 3],
    ]);
    expect(graph.nodes.find((n) => n.name === 'shop-dev-edge')).toEqual({
      name: 'shop-dev-edge',
      system: 'shop',
      env: 'dev',
      layer: 'edge',
      dependsOn: ['shop-dev-compute', 'shop-dev-network'],
      depth: 3,
    });
    expect(waveCount(graph)).toBe(4);
  });

  it('adds every stack that reads a given one, directly or through others', () => {
    const graph = graphFromContracts(CONTRACTS);
    // data -> compute (reads data) -> edge (reads compute); network and the blog are untouched.
    expect([...withDependents(graph, ['shop-dev-data'])].sort()).toEqual(['shop-dev-compute', 'shop-dev-data', 'shop-dev-edge']);
    expect([...withDependents(graph, ['blog-prod-compute'])]).toEqual(['blog-prod-compute']);
  });

  it('refuses a read of an unknown stack, a cycle and a name outside the scheme', () => {
    expect(() => graphFromContracts({ 'a-dev-data': { dependsOn: ['a-dev-network'] } })).toThrow(new StackGraphError('stack a-dev-data reads a-dev-network, which is not in the graph'));
    expect(() => graphFromContracts({ 'a-dev-data': { dependsOn: ['a-dev-compute'] }, 'a-dev-compute': { dependsOn: ['a-dev-data'] } })).toThrow(/reads itself through a cycle/);
    expect(() => graphFromContracts({ bootstrap: { dependsOn: [] } })).toThrow('stack bootstrap is not named <system>-<env>-<layer>');
  });

  it('builds the same graph from a blueprint as its layer reads say (relay: compute before ai)', () => {
    const graph = graphFromBlueprints([relayBlueprint]);
    // data 0; compute reads data: 1; ai reads data and compute: 2; edge reads compute: 2.
    const dev = graph.nodes.filter((n) => n.env === 'dev');
    expect(dev.map((n) => [n.layer, n.depth])).toEqual([['data', 0], ['compute', 1], ['ai', 2], ['edge', 2]]);
    const envs = [...new Set(graph.nodes.map((n) => n.env))];
    for (const env of envs) {
      const layers = graph.nodes.filter((n) => n.env === env);
      for (const node of layers) {
        const reads = relayBlueprint.layers[node.layer]!.reads.map((layer) => `relay-${env}-${layer}`).sort();
        expect(node.dependsOn).toEqual(reads);
      }
    }
  });
});
