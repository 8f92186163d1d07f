import { ModelInvocationLogging } from '../constructs/ai/model-invocation-logging';
import { LayerStack } from '../core/layer-stack';

/**
 * Bedrock model invocation logging (one configuration per account and region, an account
 * singleton) to `/aws/bedrock/model-invocations/<system>-<env>` and the environment's logs bucket,
 * built in the stack as `model-invocation-logging` only where this environment owns the singleton.
 */
export function addModelInvocationLogging(stack: LayerStack, options: { readonly logRetentionDays: number; readonly logsKmsKeyArn: string; readonly bucketName: string }): ModelInvocationLogging | undefined {
  if (!stack.baseline.owns('model-invocation-logging')) return undefined;
  return new ModelInvocationLogging(stack, 'model-invocation-logging', {
    name: `${stack.prefix}-bedrock-invocation-logging`,
    accountId: stack.config.accountId,
    region: stack.config.region,
    logGroupName: `/aws/bedrock/model-invocations/${stack.prefix}`,
    logRetentionDays: options.logRetentionDays,
    logsKmsKeyArn: options.logsKmsKeyArn,
    bucketName: options.bucketName,
  });
}
