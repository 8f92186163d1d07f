import { bedrockModelProblem, inferenceProfileProblem } from '../aws-catalog';
import { scheduleProblem } from '../aws-limits';
import { Fail, LOG_RETENTION_DAYS } from './fail';

/** Configuration of the ai layer (Bedrock knowledge bases, guardrails, agents). */
export interface AiLayerConfig {
  /** Bedrock foundation model IDs the system may invoke (scopes IAM to their ARNs). */
  readonly modelIds: readonly string[];
  /**
   * Cross-region inference profile IDs the agent may invoke (for example
   * `us.anthropic.claude-3-5-haiku-20241022-v1:0`); IAM then also admits the profile's model in the
   * profile's destination regions.
   * @default [] - on-demand invocation in the environment's region only
   */
  readonly inferenceProfileIds?: readonly string[];
  /**
   * Embedding model of the knowledge base; must also be listed in `modelIds`.
   * @default 'amazon.titan-embed-text-v2:0'
   */
  readonly embeddingModelId?: string;
  /**
   * Vector dimensions of the embedding model (Titan Text Embeddings v2: 256, 512 or 1024).
   * @default 1024
   */
  readonly embeddingDimensions?: number;
  /**
   * EventBridge Scheduler expression of the knowledge-base sync (ingestion job), UTC.
   * @default 'cron(0 3 * * ? *)' - daily at 03:00 UTC
   */
  readonly knowledgeBaseSyncSchedule?: string;
  /**
   * Fixed-size chunking of knowledge-base documents: tokens per chunk (20-8192).
   * @default 512
   */
  readonly chunkMaxTokens?: number;
  /**
   * Fixed-size chunking: overlap between consecutive chunks, in percent (1-99).
   * @default 20
   */
  readonly chunkOverlapPercentage?: number;
  /**
   * Standby replicas of the OpenSearch Serverless vector collection (multi-AZ; doubles the OCUs).
   * @default true
   */
  readonly vectorStoreStandbyReplicas?: boolean;
  /**
   * Tag of the AgentCore container image in the data layer's agentcore ECR repository.
   * @default - the system runs no AgentCore runtime
   */
  readonly agentcoreImageTag?: string;
  /**
   * Days AgentCore Memory keeps short-term events (7-365).
   * @default 30
   */
  readonly memoryEventExpiryDays?: number;
  /**
   * Seconds a Bedrock agent keeps an idle session (60-3600).
   * @default 600
   */
  readonly agentIdleSessionTtlSeconds?: number;
  /**
   * Share of requests (0-100) the application sends to the candidate variant of each prompt (A/B test).
   * @default 0 - everyone gets the baseline
   */
  readonly promptCandidatePercent?: number;
  /** Retention of the ai layer's log groups (AgentCore, model invocation logs), in days. */
  readonly logRetentionDays: number;
}

export const AI_DEFAULTS = {
  inferenceProfileIds: [] as readonly string[],
  embeddingModelId: 'amazon.titan-embed-text-v2:0',
  embeddingDimensions: 1024,
  knowledgeBaseSyncSchedule: 'cron(0 3 * * ? *)',
  chunkMaxTokens: 512,
  chunkOverlapPercentage: 20,
  vectorStoreStandbyReplicas: true,
  memoryEventExpiryDays: 30,
} as const;

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SCHEDULE = /^(cron\(.+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;

export function validateAiConfig(ai: AiLayerConfig, fail: Fail): void {
  if (!ai.modelIds || ai.modelIds.length === 0) fail('ai.modelIds', ai.modelIds, 'is empty', 'list the Bedrock model IDs the system invokes');
  ai.modelIds.forEach((id, i) => {
    const problem = bedrockModelProblem(id);
    if (problem) fail(`ai.modelIds[${i}]`, id, problem, 'use a model ID from the Bedrock console, such as anthropic.claude-3-haiku-20240307-v1:0');
  });
  (ai.inferenceProfileIds ?? []).forEach((id, i) => {
    const problem = inferenceProfileProblem(id);
    if (problem) fail(`ai.inferenceProfileIds[${i}]`, id, problem, 'use IDs such as us.anthropic.claude-3-5-haiku-20241022-v1:0');
  });
  const embedding = ai.embeddingModelId ?? AI_DEFAULTS.embeddingModelId;
  const embeddingProblem = bedrockModelProblem(embedding);
  if (embeddingProblem) fail('ai.embeddingModelId', embedding, embeddingProblem, 'use amazon.titan-embed-text-v2:0');
  if (!ai.modelIds.includes(embedding)) fail('ai.embeddingModelId', embedding, 'is not listed in ai.modelIds', 'add it to ai.modelIds (model access is granted per listed model)');
  const dimensions = ai.embeddingDimensions ?? AI_DEFAULTS.embeddingDimensions;
  if (![256, 512, 1024].includes(dimensions)) fail('ai.embeddingDimensions', dimensions, 'is not a Titan v2 output size', 'use 256, 512 or 1024');
  const schedule = ai.knowledgeBaseSyncSchedule ?? AI_DEFAULTS.knowledgeBaseSyncSchedule;
  if (!SCHEDULE.test(schedule)) fail('ai.knowledgeBaseSyncSchedule', schedule, 'is not an EventBridge Scheduler cron() or rate() expression', 'use cron(0 3 * * ? *) for daily at 03:00 UTC');
  const problem = scheduleProblem(schedule);
  if (problem) fail('ai.knowledgeBaseSyncSchedule', schedule, problem, 'use cron(0 3 * * ? *) for daily at 03:00 UTC');
  const tokens = ai.chunkMaxTokens ?? AI_DEFAULTS.chunkMaxTokens;
  if (!Number.isInteger(tokens) || tokens < 20 || tokens > 8192) fail('ai.chunkMaxTokens', tokens, 'is outside 20-8192', 'use 300-1000 tokens for prose documents');
  const overlap = ai.chunkOverlapPercentage ?? AI_DEFAULTS.chunkOverlapPercentage;
  if (!Number.isInteger(overlap) || overlap < 1 || overlap > 99) fail('ai.chunkOverlapPercentage', overlap, 'is outside 1-99', 'use 10-20');
  const standby = ai.vectorStoreStandbyReplicas ?? AI_DEFAULTS.vectorStoreStandbyReplicas;
  if (typeof standby !== 'boolean') fail('ai.vectorStoreStandbyReplicas', standby, 'is not a boolean', 'use true (multi-AZ) or false (dev)');
  if (ai.agentcoreImageTag !== undefined && !IMAGE_TAG.test(ai.agentcoreImageTag)) fail('ai.agentcoreImageTag', ai.agentcoreImageTag, 'is not a valid container image tag', 'use letters, digits, _ . - (at most 128), for example a git SHA');
  const expiry = ai.memoryEventExpiryDays ?? AI_DEFAULTS.memoryEventExpiryDays;
  if (!Number.isInteger(expiry) || expiry < 7 || expiry > 365) fail('ai.memoryEventExpiryDays', expiry, 'is outside 7-365', 'use 7-365 days, for example 30');
  const ttl = ai.agentIdleSessionTtlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 60 && ttl <= 3600)) fail('ai.agentIdleSessionTtlSeconds', ttl, 'is outside the 60-3600 seconds Bedrock agents accept', 'use for example 600');
  const share = ai.promptCandidatePercent;
  if (share !== undefined && !(Number.isInteger(share) && share >= 0 && share <= 100)) fail('ai.promptCandidatePercent', share, 'is not a percentage from 0 to 100', 'use for example 10');
  if (!LOG_RETENTION_DAYS.includes(ai.logRetentionDays)) fail('ai.logRetentionDays', ai.logRetentionDays, 'is not a CloudWatch Logs retention value', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
}
