import { Definition, branch, catchAll, definition, fail, lambdaInvoke, parallel, snsPublish } from '../../../src/constructs/workflow/asl';

/** A task function: its unqualified ARN and the alias (or version) invoked. */
export interface TaskFunction {
  readonly functionArn: string;
  readonly qualifier?: string;
}

/** The functions and topic the seed's multimodal analysis workflow calls. */
export interface MultimodalTargets {
  readonly contentClassifier: TaskFunction;
  readonly imageAnalyzer: TaskFunction;
  readonly textExtractor: TaskFunction;
  readonly metadataEnricher: TaskFunction;
  readonly resultsAggregator: TaskFunction;
  readonly processingCompleteTopicArn: string;
  readonly topicKmsKeyArn?: string;
}

/**
 * The bird-agent seed's "Multimodal Analysis Workflow" (multimodal-analysis-sm): ContentClassification,
 * then ImageAnalysis, TextExtraction and MetadataEnrichment in parallel, then ResultsAggregation, then
 * NotificationDelivery to the processing-complete topic (End). Failures of the first three steps go to
 * a Fail state so the execution reports why it stopped.
 */
export function multimodalAnalysis(t: MultimodalTargets): Definition {
  const onFailure = [catchAll('AnalysisFailed')];
  return definition({
    comment: 'Multimodal analysis: classify, analyse image/text/metadata in parallel, aggregate, notify',
    states: [
      lambdaInvoke('ContentClassification', { ...t.contentClassifier, next: 'ParallelProcessing', catch: onFailure }),
      parallel('ParallelProcessing', {
        branches: [
          branch([lambdaInvoke('ImageAnalysis', t.imageAnalyzer)]),
          branch([lambdaInvoke('TextExtraction', t.textExtractor)]),
          branch([lambdaInvoke('MetadataEnrichment', t.metadataEnricher)]),
        ],
        next: 'ResultsAggregation',
        catch: onFailure,
      }),
      lambdaInvoke('ResultsAggregation', { ...t.resultsAggregator, next: 'NotificationDelivery', catch: onFailure }),
      snsPublish('NotificationDelivery', { topicArn: t.processingCompleteTopicArn, topicKmsKeyArn: t.topicKmsKeyArn }),
      fail('AnalysisFailed', { error: 'MultimodalAnalysisFailed', cause: 'A step of the multimodal analysis failed; the error is at $.error of the failing state' }),
    ],
  });
}

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:processing-complete`;
export const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
export const TOPIC_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/66666666-7777-8888-9999-000000000000`;

/** The seed workflow over literal ARNs. */
export function seedDefinition(): Definition {
  const live = (name: string): TaskFunction => ({ functionArn: fnArn(name), qualifier: 'live' });
  return multimodalAnalysis({
    contentClassifier: live('content-classifier'),
    imageAnalyzer: live('image-analyzer'),
    textExtractor: live('text-extractor'),
    metadataEnricher: live('metadata-enricher'),
    resultsAggregator: live('results-aggregator'),
    processingCompleteTopicArn: TOPIC_ARN,
    topicKmsKeyArn: TOPIC_KEY,
  });
}
