import { EnvName } from '../../../core/names';
import { FunctionConfig } from '../../layers/compute';

/**
 * The seed's Lambda functions ("Lambda Functions Infrastructure") and the five Step Functions task
 * functions its multimodal analysis workflow names. Sizes the seed gives are kept; the task
 * functions' sizes are ours (the seed names them only as workflow resources).
 */
export const BIRD_AGENT_FUNCTIONS = {
  'event-processor': { description: 'Processes Bird.com message events from the agent event bus: records them in agent-events, notifies' },
  'multimodal-analysis': { description: 'Multimodal content analysis (images, audio, documents) with Bedrock, OpenCV and the custom models' },
  'content-classifier': { description: 'Multimodal workflow step 1: classifies an uploaded media object (image, audio, document)' },
  'image-analyzer': { description: 'Multimodal workflow, parallel branch: analyses the image with a Bedrock vision model' },
  'text-extractor': { description: 'Multimodal workflow, parallel branch: extracts the text of a document or image' },
  'metadata-enricher': { description: 'Multimodal workflow, parallel branch: enriches object metadata and records it in agent-events' },
  'results-aggregator': { description: 'Multimodal workflow: merges the branch results, stores them under processed/, emits the completion event' },
} as const;

export type BirdAgentFunctionName = keyof typeof BIRD_AGENT_FUNCTIONS;
export const BIRD_AGENT_FUNCTION_NAMES = Object.keys(BIRD_AGENT_FUNCTIONS) as BirdAgentFunctionName[];
/** The Step Functions task functions, in workflow order. */
export const WORKFLOW_FUNCTION_NAMES = ['content-classifier', 'image-analyzer', 'text-extractor', 'metadata-enricher', 'results-aggregator'] as const;

/**
 * Powertools for AWS Lambda (Python) v3, the public layer AWS publishes in every region (account
 * 017000801446), for python3.13 on x86_64. Pin a version from the Powertools "Lambda Layer" page;
 * a newer version is a config change.
 */
export function powertoolsLayerArn(region: string): string {
  return `arn:aws:lambda:${region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64:27`;
}

/** The seed's reserved concurrency (prod) and a fraction in the smaller accounts. */
const RESERVED: Record<EnvName, { eventProcessor: number; multimodal: number; task: number }> = {
  dev: { eventProcessor: 10, multimodal: 5, task: 5 },
  staging: { eventProcessor: 100, multimodal: 50, task: 20 },
  prod: { eventProcessor: 100, multimodal: 50, task: 20 },
};

/**
 * Sizes and concurrency per environment. prod and staging: the seed's event-processor (1024 MB,
 * 15 minutes, reserved 100) and multimodal-analysis (3008 MB, 5 minutes, reserved 50, 10
 * provisioned on its alias); dev keeps the sizes with a tenth of the concurrency and no
 * provisioned concurrency (cost). The task functions run inside an EXPRESS execution (5 minutes in
 * all), so each has a minute or two.
 */
export function birdAgentFunctions(env: EnvName, region: string): Record<BirdAgentFunctionName, FunctionConfig> {
  const reserved = RESERVED[env];
  const task = (memoryMb: number, timeoutSeconds: number): FunctionConfig => ({ memoryMb, timeoutSeconds, reservedConcurrency: reserved.task });
  return {
    'event-processor': { memoryMb: 1024, timeoutSeconds: 900, reservedConcurrency: reserved.eventProcessor },
    'multimodal-analysis': {
      memoryMb: 3008,
      timeoutSeconds: 300,
      reservedConcurrency: reserved.multimodal,
      provisionedConcurrency: env === 'dev' ? undefined : 10,
      layerArns: [powertoolsLayerArn(region)],
    },
    'content-classifier': task(1024, 60),
    'image-analyzer': task(2048, 120),
    'text-extractor': task(1024, 120),
    'metadata-enricher': task(512, 60),
    'results-aggregator': task(512, 60),
  };
}
