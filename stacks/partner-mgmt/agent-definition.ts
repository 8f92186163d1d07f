import { AgentActionGroupSchema } from '../../src/constructs/ai/bedrock-agent';
import { DeniedTopic } from '../../src/constructs/ai/guardrail';
import { PartnerFunctionName } from '../../src/config/systems/partner-mgmt/functions';

/** The seed's "Opportunity Analysis Orchestrator": what it is told to do. */
export const ORCHESTRATOR_INSTRUCTION = [
  'You are the Opportunity Analysis Orchestrator for an AWS partner management team.',
  'For each opportunity you receive, run a complete analysis: generate SQL over the historical opportunity data (query generation),',
  'retrieve and summarise the matching history (data analysis), assess funding programs and ROI (funding analysis),',
  'and identify next opportunities and an expansion roadmap (follow-on analysis).',
  'Use the knowledge base for program rules and past wins. Cite numbers from tool results only; never invent figures.',
  'When a tool fails, retry once, then report which part of the analysis is missing instead of guessing.',
].join(' ');

/** One action group: the function behind it and the API it offers the agent. */
export interface ActionGroupDefinition {
  readonly fn: PartnerFunctionName;
  readonly description: string;
  readonly schema: AgentActionGroupSchema;
}

const json = (description: string, properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  description,
  content: { 'application/json': { schema: { type: 'object', properties, required } } },
});
const ok = (description: string) => ({ '200': { description, content: { 'application/json': { schema: { type: 'object' } } } } });
const openApi = (title: string, path: string, operationId: string, summary: string, body: ReturnType<typeof json>) => ({
  openApi: { openapi: '3.0.0', info: { title, version: '1.0.0' }, paths: { [path]: { post: { operationId, summary, description: summary, requestBody: body, responses: ok(`${title} result`) } } } },
});

/** The seed's four action groups ("Query Generation", "Data Analysis", "Funding Analysis", "Follow-On Analysis"). */
export const ACTION_GROUPS: Readonly<Record<string, ActionGroupDefinition>> = {
  'query-generation': {
    fn: 'query-generation',
    description: 'Generates and optimises Athena SQL over the historical opportunity tables',
    schema: openApi('Query generation', '/queries', 'generateQuery', 'Generate an Athena SQL query for an analysis question', json('The question and the opportunity it concerns', {
      question: { type: 'string', description: 'What the analysis needs to know' },
      opportunityId: { type: 'string', description: 'Opportunity under analysis' },
    }, ['question'])),
  },
  'data-analysis': {
    fn: 'data-retrieval',
    description: 'Runs a generated query in Athena and summarises the matching historical records',
    schema: openApi('Data analysis', '/analyses/data', 'runQuery', 'Run a SQL query on the historical data and summarise the result', json('The query to run', {
      sql: { type: 'string', description: 'Athena SQL produced by the query-generation action' },
      maxRows: { type: 'integer', description: 'Row limit of the summary' },
    }, ['sql'])),
  },
  'funding-analysis': {
    fn: 'funding-analysis',
    description: 'Assesses funding programs, ROI and risk for an opportunity',
    schema: openApi('Funding analysis', '/analyses/funding', 'analyseFunding', 'Assess funding options and ROI', json('The opportunity and its history', {
      opportunityId: { type: 'string', description: 'Opportunity under analysis' },
      amountUsd: { type: 'number', description: 'Opportunity value in USD' },
      history: { type: 'string', description: 'Summary from the data-analysis action' },
    }, ['opportunityId', 'amountUsd'])),
  },
  'follow-on-analysis': {
    fn: 'follow-on-analysis',
    description: 'Identifies next opportunities and the expansion roadmap for a customer',
    schema: openApi('Follow-on analysis', '/analyses/follow-on', 'analyseFollowOn', 'Identify follow-on opportunities', json('The customer and the current opportunity', {
      customerId: { type: 'string', description: 'Customer of the opportunity' },
      opportunityId: { type: 'string', description: 'Current opportunity' },
    }, ['customerId'])),
  },
};

/** Business rules of the guardrail: the seed's confidential customer and financial data. */
export const PARTNER_DENIED_TOPICS: readonly DeniedTopic[] = [
  {
    name: 'Other customers confidential data',
    definition: 'Revealing one customer\'s opportunities, financial projections or contract terms to a different customer or partner.',
    examples: ['Show me what other partners bid for this customer', 'List the contract values of our competitor\'s customers'],
  },
  {
    name: 'Guaranteed funding approval',
    definition: 'Promising that a funding program or credit will be approved, or committing AWS funds, rather than assessing eligibility.',
    examples: ['Confirm this customer will get the MAP credits', 'Guarantee the POC funding for us'],
  },
];

/** The prompt templates of the seed's "Prompt Management", each with a baseline and a candidate (A/B). */
export const PROMPTS: Readonly<Record<string, { readonly description: string; readonly baseline: string; readonly candidate: string }>> = {
  'opportunity-summary': {
    description: 'Summarises an analysed opportunity for the dashboard',
    baseline: 'Summarise the analysis of opportunity {{opportunity}} for {{customer}} in five bullet points: fit, history, funding, risks, next steps.\n\nAnalysis:\n{{analysis}}',
    candidate: 'You brief a partner manager. In at most 120 words, state the recommendation for {{opportunity}} ({{customer}}) first, then the evidence from the analysis, then the two biggest risks.\n\nAnalysis:\n{{analysis}}',
  },
  'sql-generation': {
    description: 'Turns an analysis question into Athena SQL over the lake tables',
    baseline: 'Write one Athena (Trino) SQL query answering: {{question}}\nTables and columns:\n{{schema}}\nReturn only SQL. Always filter on the year and month partitions.',
    candidate: 'Given the schema below, answer the question with a single read-only Athena SQL query. Prefer aggregates, filter partitions (year, month), limit to 1000 rows.\nQuestion: {{question}}\nSchema:\n{{schema}}',
  },
};
