import { Fail } from '../../src/config/layers/fail';
import { BIRD_AGENT_FUNCTION_NAMES, BirdAgentFunctionName } from '../../src/config/systems/bird-agent/functions';
import { EnvironmentConfig } from '../../src/config/types';
import { EXPRESS_TIMEOUT_SECONDS } from './compute-events-workflow';

/** Layers the stack builds for a function (multimodal-analysis: OpenCV and custom models). */
const BUILT_LAYERS: Partial<Record<BirdAgentFunctionName, number>> = { 'multimodal-analysis': 2 };
const MAX_LAYERS = 5;

/**
 * The event processing's checks of `compute.functions` (each entry's own ranges are checked in
 * src/config/layers/compute.ts): exactly the seven bird-agent functions, public layers in the
 * environment's region and within Lambda's five with the built ones, and task timeouts that fit
 * one EXPRESS execution (classification, the slowest parallel branch, aggregation).
 */
export function validateBirdAgentEvents(config: EnvironmentConfig, fail: Fail): void {
  const functions = config.compute?.functions;
  if (!config.compute) return;
  const configured = Object.keys(functions ?? {});
  const absent = BIRD_AGENT_FUNCTION_NAMES.filter((name) => !configured.includes(name));
  if (absent.length > 0) {
    fail('compute.functions', configured, `lacks ${absent.map((n) => `"${n}"`).join(', ')}, which the seed defines`, `configure every bird-agent function (${BIRD_AGENT_FUNCTION_NAMES.join(', ')}); see src/config/systems/bird-agent/functions.ts`);
  }
  for (const name of configured) {
    if (!(BIRD_AGENT_FUNCTION_NAMES as readonly string[]).includes(name)) fail('compute.functions', name, 'is not a bird-agent function', `use ${BIRD_AGENT_FUNCTION_NAMES.join(', ')}`);
  }
  for (const name of BIRD_AGENT_FUNCTION_NAMES) {
    const arns = functions![name].layerArns ?? [];
    arns.forEach((arn, i) => {
      const region = arn.split(':')[3];
      if (region !== config.region) fail(`compute.functions.${name}.layerArns[${i}]`, arn, `is a layer in ${region}; a function can only use layers of its own region (${config.region})`, `use the layer's ARN in ${config.region}`);
    });
    const built = BUILT_LAYERS[name] ?? 0;
    if (arns.length + built > MAX_LAYERS) {
      fail(`compute.functions.${name}.layerArns`, arns, `gives ${arns.length} layers; with the ${built} the stack builds that exceeds the ${MAX_LAYERS} Lambda attaches`, `list at most ${MAX_LAYERS - built}`);
    }
  }
  const timeout = (name: BirdAgentFunctionName) => functions![name].timeoutSeconds;
  const longest = timeout('content-classifier') + Math.max(timeout('image-analyzer'), timeout('text-extractor'), timeout('metadata-enricher')) + timeout('results-aggregator');
  if (longest > EXPRESS_TIMEOUT_SECONDS) {
    fail(
      'compute.functions',
      { 'content-classifier': timeout('content-classifier'), 'image-analyzer': timeout('image-analyzer'), 'text-extractor': timeout('text-extractor'), 'metadata-enricher': timeout('metadata-enricher'), 'results-aggregator': timeout('results-aggregator') },
      `has workflow task timeouts that add up to ${longest} s (classifier, slowest parallel branch, aggregator), more than the ${EXPRESS_TIMEOUT_SECONDS} s an EXPRESS execution runs`,
      'shorten the task functions\' timeouts',
    );
  }
}
