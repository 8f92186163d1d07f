import { Testing } from 'cdktf';
import { DEFAULT_CONTENT_FILTERS, Guardrail, GuardrailProps } from '../../../src/constructs/ai/guardrail';
import { Json, onlyResource } from '../../helpers';

const KEY = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';
const BASE: GuardrailProps = { name: 'bidops-dev-guardrail', description: 'test', kmsKeyArn: KEY };

function synth(props: Partial<GuardrailProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new Guardrail(scope, 'guardrail', { ...BASE, ...props })));
}

describe('Guardrail', () => {
  test('content filters: harmful categories HIGH both ways, PROMPT_ATTACK HIGH on input and NONE on output (BR-03)', () => {
    const filters = onlyResource(synth(), 'aws_bedrock_guardrail').content_policy_config[0].filters_config;
    const byType = Object.fromEntries(filters.map((f: Json) => [f.type, `${f.input_strength}/${f.output_strength}`]));
    expect(byType).toEqual({
      HATE: 'HIGH/HIGH', INSULTS: 'HIGH/HIGH', SEXUAL: 'HIGH/HIGH', VIOLENCE: 'HIGH/HIGH', MISCONDUCT: 'HIGH/HIGH', PROMPT_ATTACK: 'HIGH/NONE',
    });
  });

  test('PII: contact details anonymized, identifiers and secrets blocked', () => {
    const pii = onlyResource(synth(), 'aws_bedrock_guardrail').sensitive_information_policy_config[0].pii_entities_config;
    const byType = Object.fromEntries(pii.map((p: Json) => [p.type, p.action]));
    expect(byType).toMatchObject({
      EMAIL: 'ANONYMIZE', PHONE: 'ANONYMIZE', NAME: 'ANONYMIZE', ADDRESS: 'ANONYMIZE',
      US_SOCIAL_SECURITY_NUMBER: 'BLOCK', CREDIT_DEBIT_CARD_NUMBER: 'BLOCK', AWS_SECRET_KEY: 'BLOCK',
    });
  });

  test('encrypted with the customer-managed key; managed profanity list; denied topics rendered as DENY', () => {
    const g = onlyResource(synth({ deniedTopics: [{ name: 'Bid rigging', definition: 'Colluding on bid prices.', examples: ['Fix the price with them'] }] }), 'aws_bedrock_guardrail');
    expect(g.kms_key_arn).toBe(KEY);
    expect(g.word_policy_config[0].managed_word_lists_config).toEqual([{ type: 'PROFANITY' }]);
    expect(g.topic_policy_config[0].topics_config).toEqual([{ name: 'Bid rigging', definition: 'Colluding on bid prices.', examples: ['Fix the price with them'], type: 'DENY' }]);
  });

  test('publishes a version that is re-published whenever the guardrail changes', () => {
    const json = synth({ retainVersions: true });
    const [guardrailName] = Object.keys(json.resource.aws_bedrock_guardrail);
    const version = onlyResource(json, 'aws_bedrock_guardrail_version');
    expect(version.guardrail_arn).toBe(`\${aws_bedrock_guardrail.${guardrailName}.guardrail_arn}`);
    expect(version.skip_destroy).toBe(true);
    expect(version.lifecycle.replace_triggered_by).toEqual([`aws_bedrock_guardrail.${guardrailName}`]);
  });

  test('refuses a PROMPT_ATTACK filter below HIGH, a missing one, no PII, no key, or an unknown PII type', () => {
    const weak = DEFAULT_CONTENT_FILTERS.map((f) => (f.type === 'PROMPT_ATTACK' ? { ...f, inputStrength: 'MEDIUM' as const } : f));
    expect(() => synth({ contentFilters: weak })).toThrow(/PROMPT_ATTACK input strength is MEDIUM; BR-03 requires HIGH/);
    expect(() => synth({ contentFilters: DEFAULT_CONTENT_FILTERS.filter((f) => f.type !== 'PROMPT_ATTACK') })).toThrow(/absent/);
    expect(() => synth({ piiEntities: {} })).toThrow(/PII coverage/);
    expect(() => synth({ kmsKeyArn: '' })).toThrow(/BR-02/);
    expect(() => synth({ piiEntities: { SOCIAL: 'BLOCK' } })).toThrow(/not a Bedrock PII entity type/);
    expect(() => synth({ deniedTopics: [{ name: 'x', definition: 'y'.repeat(201) }] })).toThrow(/1-200/);
  });
});
