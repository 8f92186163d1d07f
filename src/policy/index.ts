export * from './types';
export type { StackDocument } from './context';
export { evaluate } from './engine';
export { ALL_RULES, PACKS, RULE_IDS, ruleById } from './rules';
export type { PolicySuppression } from './suppressions';
export { NEVER_SUPPRESS, PolicySuppressionError, recordEnvironmentSuppressions, suppressRule, suppressStackRule, validatePolicySuppressions } from './suppressions';
export { readStacks, formatReport, summaryLine } from './report';
