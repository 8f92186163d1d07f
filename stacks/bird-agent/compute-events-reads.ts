import { TerraformRemoteState } from 'cdktf';
import { LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { LayerName } from '../../src/core/names';

/** The upstream layers the compute layer reads. */
export interface ComputeReads {
  readonly network: RemoteLayer;
  readonly data: RemoteLayer;
}

/** Gives functions outside the class the stack's protected `upstream` (it is never instantiated). */
abstract class UpstreamAccess extends LayerStack {
  static read(stack: LayerStack, layer: LayerName): RemoteLayer {
    return (stack as UpstreamAccess).upstream(layer);
  }
}

/**
 * The compute layer's reads of `layer`, shared by the functions that build parts of the stack
 * (compute-services.ts, compute-events.ts): `LayerStack.upstream` adds one remote state per layer
 * and cannot be called twice, so a later caller wraps the remote state the first one created.
 */
export function upstreamOf(stack: LayerStack, layer: LayerName): RemoteLayer {
  const existing = stack.node.tryFindChild(layer);
  if (existing instanceof TerraformRemoteState) {
    const source = stack.dependencies.find((d): d is LayerStack => d instanceof LayerStack && d.layer === layer);
    if (source) return new RemoteLayer(existing, source);
  }
  return UpstreamAccess.read(stack, layer);
}

/** The network and data reads of the compute layer. */
export function computeReads(stack: LayerStack): ComputeReads {
  return { network: upstreamOf(stack, 'network'), data: upstreamOf(stack, 'data') };
}
