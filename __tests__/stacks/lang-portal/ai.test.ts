import { Json, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalStacks } from './helpers';

const policy = (json: Json, name: string) => JSON.parse(resourcesOf(json, 'aws_iam_policy').find(([, p]) => p.name === `lang-portal-dev-${name}`)![1].policy);

describe('lang-portal ai layer', () => {
  const stacks = langPortalStacks('dev', 'ai');
  const ai = synthJson(stacks.ai);

  test('a guardrail with a published version, encrypted with the data key', () => {
    const [, guardrail] = resourcesOf(ai, 'aws_bedrock_guardrail')[0];
    expect(guardrail.kms_key_arn).toContain('data_kms_key_arn');
    expect(guardrail.content_policy_config).toBeDefined();
    expect(resourcesOf(ai, 'aws_bedrock_guardrail_version')).toHaveLength(1);
    expect(ai.output.guardrail_version).toBeDefined();
  });

  test('text, image and speech policies each scoped to their models', () => {
    const text = policy(ai, 'bedrock-text').Statement;
    expect(text[0].Resource).toEqual(['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0', 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0']);
    expect(text[1].Action).toEqual(['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail']);
    expect(policy(ai, 'bedrock-image').Statement[0].Resource).toEqual(['arn:aws:bedrock:us-east-1::foundation-model/stability.stable-image-core-v1:1']);
    expect(policy(ai, 'polly').Statement[0]).toMatchObject({ Action: ['polly:SynthesizeSpeech', 'polly:StartSpeechSynthesisTask', 'polly:GetSpeechSynthesisTask'], Resource: 'arn:aws:polly:us-east-1:701000000001:lexicon/*' });
    for (const [, p] of resourcesOf(ai, 'aws_iam_policy')) expect(p.policy).not.toMatch(/"Resource":"\*"/);
  });

  test('model invocation logging (the environment owns the account singleton)', () => {
    expect(resourcesOf(ai, 'aws_bedrock_model_invocation_logging_configuration')).toHaveLength(1);
  });

  test('plans offline against the real provider', () => {
    expectOfflinePlan(ai, [stacks.network, stacks.data]);
  }, 300_000);
});
