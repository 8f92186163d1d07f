import { Fail } from './fail';

/** Configuration of the ai layer (Bedrock knowledge bases, guardrails, agents). */
export interface AiLayerConfig {
  /** Bedrock foundation model IDs the system may invoke (scopes IAM to their ARNs). */
  readonly modelIds: readonly string[];
}

export function validateAiConfig(ai: AiLayerConfig, fail: Fail): void {
  if (!ai.modelIds || ai.modelIds.length === 0) fail('ai.modelIds', ai.modelIds, 'is empty', 'list the Bedrock model IDs the system invokes');
  ai.modelIds.forEach((id, i) => {
    if (!/^[a-z0-9-]+\.[a-z0-9.:-]+$/.test(id)) fail(`ai.modelIds[${i}]`, id, 'is not a Bedrock model ID', 'use IDs such as anthropic.claude-3-haiku-20240307-v1:0');
  });
}
