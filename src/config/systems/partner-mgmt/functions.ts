/**
 * The seed's Lambda functions ("Lambda Function Design"), with its timeouts and memory, plus the
 * two it names as services ("Health Check - Service Status") and as stream-driven processing
 * ("DynamoDB Streams: real-time processing for analytics, automated notifications").
 */
export const PARTNER_FUNCTIONS = {
  'opportunity-analysis': { timeoutSeconds: 900, memoryMb: 1024, description: 'Orchestrator: runs the complete analysis through the Bedrock agent, caches the result' },
  'query-generation': { timeoutSeconds: 300, memoryMb: 512, description: 'Generates SQL over the historical data with Bedrock (agent action group)' },
  'data-retrieval': { timeoutSeconds: 600, memoryMb: 1024, description: 'Runs Athena queries and processes the results (agent action group: data analysis)' },
  'funding-analysis': { timeoutSeconds: 300, memoryMb: 512, description: 'Funding options and ROI calculations (agent action group)' },
  'follow-on-analysis': { timeoutSeconds: 600, memoryMb: 1024, description: 'Next opportunities and expansion roadmap (agent action group)' },
  'health-check': { timeoutSeconds: 30, memoryMb: 256, description: 'Service status and diagnostics behind GET /health' },
  'stream-processor': { timeoutSeconds: 120, memoryMb: 512, description: 'DynamoDB stream consumer: analytics events and notifications' },
} as const;

export type PartnerFunctionName = keyof typeof PARTNER_FUNCTIONS;
export const PARTNER_FUNCTION_NAMES = Object.keys(PARTNER_FUNCTIONS) as PartnerFunctionName[];
