import { ConfigError } from '../../src/config/errors';
import { LayerGraph } from '../../src/core/layer-graph';
import { bidopsBlueprint } from '../../stacks/bidops';

const graphError = (layers: Record<string, { reads: string[] }>): string => {
  try {
    new LayerGraph('demo', layers as any);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('LayerGraph', () => {
  test('bidops deploys network, data, ai, compute, edge', () => {
    const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
    expect(graph.order).toEqual(['network', 'data', 'ai', 'compute', 'edge']);
    expect(graph.reads('edge')).toEqual(['network', 'compute']);
  });

  test('a system may order compute before ai, and declaration order breaks ties', () => {
    const graph = new LayerGraph('demo', { data: { reads: [] }, ai: { reads: ['compute'] }, compute: { reads: ['data'] }, edge: { reads: ['data'] } });
    expect(graph.order).toEqual(['data', 'compute', 'ai', 'edge']);
  });

  test('closure brings what a layer reads, only layers the system has, in deploy order', () => {
    const graph = new LayerGraph('demo', { data: { reads: [] }, compute: { reads: ['data'] }, ai: { reads: ['compute'] } });
    expect(graph.closure(['ai'])).toEqual(['data', 'compute', 'ai']);
    expect(graph.closure(['network', 'compute'])).toEqual(['data', 'compute']);
    expect(graph.closure(['network'])).toEqual([]);
  });

  test('an unknown layer is a config error', () => {
    expect(graphError({ network: { reads: [] }, database: { reads: ['network'] } })).toBe(
      'Invalid configuration for demo: layers.database = "database" is not a known layer. Fix: use network, data, ai, compute, edge.',
    );
  });

  test('a read of a layer the system does not declare is a config error', () => {
    expect(graphError({ data: { reads: [] }, compute: { reads: ['data', 'network'] } })).toBe(
      'Invalid configuration for demo: layers.compute.reads[1] = "network" is not a layer demo declares (it has: data, compute). Fix: declare network or drop the read.',
    );
  });

  test('a cycle is a config error that names it', () => {
    expect(graphError({ network: { reads: [] }, compute: { reads: ['network', 'ai'] }, ai: { reads: ['compute'] } })).toBe(
      'Invalid configuration for demo: layers.compute.reads = ["network","ai"] closes a cycle (compute -> ai -> compute). Fix: reads must flow one way: move what both layers need into one of them, or into an earlier layer.',
    );
    expect(graphError({ data: { reads: ['data'] } })).toContain('closes a cycle (data -> data)');
  });

  test('a system without layers is a config error', () => {
    expect(graphError({})).toContain('layers = [] declares no layer');
  });
});
