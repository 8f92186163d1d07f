import { Construct } from 'constructs';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { addEventProcessing } from './compute-events';
import { addServices } from './compute-services';

/**
 * bird-agent compute layer: the container services behind the internal ALB and the REST API that
 * reaches them through a VPC link (compute-services.ts; in prod also the standby API in us-west-2),
 * and the event-driven processing: Lambda functions, queues, the event bus, the multimodal
 * analysis state machine and the analytics stream (compute-events.ts).
 */
export class BirdAgentComputeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'compute', context);
    addServices(this);
    addEventProcessing(this);
  }
}
