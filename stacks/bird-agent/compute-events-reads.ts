import { LayerStack, RemoteLayer } from '../../src/core/layer-stack';

/** The upstream layers the compute layer reads. */
export interface ComputeReads {
  readonly network: RemoteLayer;
  readonly data: RemoteLayer;
}

/** The network and data reads of the compute layer (one remote state each, however often asked). */
export function computeReads(stack: LayerStack): ComputeReads {
  return { network: stack.upstream('network'), data: stack.upstream('data') };
}
