import { Definition, branch, catchAll, definition, fail, lambdaInvoke, parallel, snsPublish } from '../../src/constructs/workflow/asl';

/** A task function of the workflow: its unqualified ARN (a Terraform reference) and the alias invoked. */
export interface WorkflowTask {
  readonly functionArn: string;
  readonly qualifier: string;
  readonly timeoutSeconds: number;
}

export interface MultimodalWorkflowTargets {
  readonly contentClassifier: WorkflowTask;
  readonly imageAnalyzer: WorkflowTask;
  readonly textExtractor: WorkflowTask;
  readonly metadataEnricher: WorkflowTask;
  readonly resultsAggregator: WorkflowTask;
  readonly processingCompleteTopicArn: string;
  readonly topicKmsKeyArn: string;
}

/** An EXPRESS execution runs at most 5 minutes. */
export const EXPRESS_TIMEOUT_SECONDS = 300;
/** The seed's states, in order; AnalysisFailed is ours (where caught errors end). */
export const WORKFLOW_STATES = ['ContentClassification', 'ParallelProcessing', 'ResultsAggregation', 'NotificationDelivery', 'AnalysisFailed'] as const;

/**
 * The seed's "Multimodal Analysis Workflow": ContentClassification, then ImageAnalysis,
 * TextExtraction and MetadataEnrichment in parallel, then ResultsAggregation, then
 * NotificationDelivery to the processing-complete topic (End). Each task invokes the `live` alias
 * with AWS's retry of transient Lambda errors and its function's timeout; a step that still fails
 * ends the execution in AnalysisFailed with the error at `$.error` (EXPRESS executions keep no
 * history: the log group holds it).
 */
export function multimodalWorkflow(t: MultimodalWorkflowTargets): Definition {
  const onFailure = [catchAll('AnalysisFailed')];
  const task = (target: WorkflowTask) => ({ functionArn: target.functionArn, qualifier: target.qualifier, timeoutSeconds: target.timeoutSeconds });
  return definition({
    comment: 'Multimodal analysis: classify the content, analyse image, text and metadata in parallel, aggregate, notify',
    timeoutSeconds: EXPRESS_TIMEOUT_SECONDS,
    states: [
      lambdaInvoke('ContentClassification', { ...task(t.contentClassifier), next: 'ParallelProcessing', catch: onFailure }),
      parallel('ParallelProcessing', {
        branches: [
          branch([lambdaInvoke('ImageAnalysis', task(t.imageAnalyzer))]),
          branch([lambdaInvoke('TextExtraction', task(t.textExtractor))]),
          branch([lambdaInvoke('MetadataEnrichment', task(t.metadataEnricher))]),
        ],
        next: 'ResultsAggregation',
        catch: onFailure,
      }),
      lambdaInvoke('ResultsAggregation', { ...task(t.resultsAggregator), next: 'NotificationDelivery', catch: onFailure }),
      snsPublish('NotificationDelivery', { topicArn: t.processingCompleteTopicArn, topicKmsKeyArn: t.topicKmsKeyArn, subject: 'Multimodal analysis complete' }),
      fail('AnalysisFailed', { error: 'MultimodalAnalysisFailed', cause: 'A step of the multimodal analysis failed; the error is at $.error of the failing state' }),
    ],
  });
}
