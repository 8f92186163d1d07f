import { EnvName } from '../../../core/names';
import { AiLayerConfig } from '../../layers/ai';

/** BidOps.ai ai layer: the models the seed enables (Claude 3 Haiku/Sonnet, Nova Micro/Lite, Titan embeddings). */
export function bidopsAi(_env: EnvName): AiLayerConfig {
  return {
    modelIds: [
      'anthropic.claude-3-haiku-20240307-v1:0',
      'anthropic.claude-3-sonnet-20240229-v1:0',
      'amazon.nova-micro-v1:0',
      'amazon.nova-lite-v1:0',
      'amazon.titan-embed-text-v2:0',
    ],
  };
}
