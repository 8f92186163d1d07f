import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { Guardrail } from '../../src/constructs/ai/guardrail';
import { addModelInvocationLogging } from '../../src/components/model-invocation-logging';
import { PolicyStatement, policyJson } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleToken } from '../../src/core/samples';

/** Bedrock image models (the seed's "Bedrock with Stable Diffusion models" choice). */
export const isImageModel = (id: string) => /^(stability\.|amazon\.(nova-canvas|titan-image))/.test(id);
const isEmbeddingModel = (id: string) => /embed/.test(id);

/**
 * lang-portal ai layer: the guardrail the apps apply to every prompt and answer (the seed's
 * "Enhanced LLM security with guardrails") with a published version, and one least-privilege
 * managed policy per capability (text generation, image generation, speech), scoped to the listed
 * models, that the compute layer attaches to the task roles of the apps that need it; plus Bedrock
 * model invocation logging where this environment owns that account singleton.
 */
export class LangPortalAiStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'ai', context);
    const { config, prefix } = this;
    const ai = this.section('ai');
    const network = this.upstream('network');
    const data = this.upstream('data');
    const { accountId: account, region } = config;
    const seed = this.node.id;

    const guardrail = new Guardrail(this, 'guardrail', {
      name: `${prefix}-guardrail`,
      description: `${prefix}: content, prompt-attack and PII filters on every learner prompt and generated answer`,
      kmsKeyArn: data.string('data_kms_key_arn'),
      retainVersions: config.protectStatefulResources,
      blockedInputMessage: 'This request cannot be answered in the language portal.',
      blockedOutputMessage: 'The generated answer was withheld by the content policy.',
    });
    const applyGuardrail: PolicyStatement = { Sid: 'ApplyGuardrail', Effect: 'Allow', Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'], Resource: guardrail.arn };
    const modelArn = (id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
    const invoke = (sid: string, ids: readonly string[]): PolicyStatement => ({ Sid: sid, Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: ids.map(modelArn) });
    const text = ai.modelIds.filter((id) => !isImageModel(id) && !isEmbeddingModel(id));
    const image = ai.modelIds.filter(isImageModel);

    const policies: [string, string, PolicyStatement[]][] = [
      ['bedrock-text', 'Invoke the text models (and apply the guardrail)', [invoke('InvokeTextModels', text), applyGuardrail]],
      ['bedrock-image', 'Invoke the image generation models (and apply the guardrail)', [invoke('InvokeImageModels', image), applyGuardrail]],
      // Polly authorizes speech synthesis on lexicons; calls without one are checked against this pattern too.
      ['polly', 'Synthesize speech with Polly', [{ Sid: 'SynthesizeSpeech', Effect: 'Allow', Action: ['polly:SynthesizeSpeech', 'polly:StartSpeechSynthesisTask', 'polly:GetSpeechSynthesisTask'], Resource: `arn:aws:polly:${region}:${account}:lexicon/*` }]],
    ];
    for (const [name, description, statements] of policies) {
      const policy = new IamPolicy(this, `${name}-policy`, { name: `${prefix}-${name}`, description: `${prefix}: ${description}`, policy: policyJson({ Statement: statements }) });
      this.publish(`${name.replace(/-/g, '_')}_policy_arn`, policy.arn, { description: `Managed policy: ${description}`, sample: `arn:aws:iam::${account}:policy/${prefix}-${name}` });
    }

    addModelInvocationLogging(this, { logRetentionDays: ai.logRetentionDays, logsKmsKeyArn: network.string('logs_kms_key_arn'), bucketName: data.string('logs_bucket_name') });

    const guardrailToken = sampleToken(`${seed}:guardrail`, 12);
    this.publish('guardrail_id', guardrail.guardrailId, { description: 'ID of the guardrail', sample: guardrailToken });
    this.publish('guardrail_arn', guardrail.arn, { description: 'ARN of the guardrail', sample: sampleArn({ service: 'bedrock', region, account, resource: `guardrail/${guardrailToken}` }) });
    this.publish('guardrail_version', guardrail.versionNumber, { description: 'Published version of the guardrail the apps pin', sample: '1' });
  }
}
