import { readFileSync } from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { PromptTemplate, PromptTemplateProps, templatePlaceholders } from '../../../src/constructs/ai/prompt-template';
import { evaluate } from '../../../src/policy';
import { doc, stackOf } from '../../policy/harness';
import { Json, onlyResource, parsed, synthJson } from '../../helpers';

const KEY = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';
const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const SCHEMA = path.join(__dirname, '../../../src/schemas/aws-bedrock-promptversion.json');

const BASE: PromptTemplateProps = {
  name: 'pm-prod-opportunity-summary',
  description: 'Summarizes an opportunity for account managers',
  customerEncryptionKeyArn: KEY,
  defaultVariant: 'concise',
  variants: {
    concise: {
      modelId: MODEL,
      template: 'Summarize {{opportunity}} for {{audience}} in three bullets.',
      inputVariables: ['opportunity', 'audience'],
      inference: { temperature: 0.2, topP: 0.9, maxTokens: 512 },
    },
    detailed: {
      modelId: 'amazon.nova-pro-v1:0',
      template: 'Write a one-page brief of {{opportunity}}.',
      inputVariables: ['opportunity'],
    },
  },
};

function synth(props: Partial<PromptTemplateProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new PromptTemplate(scope, 'summary', { ...BASE, ...props })));
}

describe('PromptTemplate', () => {
  test('prompt: name, description, customer-managed key, default variant', () => {
    const prompt = onlyResource(synth(), 'aws_bedrockagent_prompt');
    expect(prompt).toMatchObject({
      name: 'pm-prod-opportunity-summary',
      description: 'Summarizes an opportunity for account managers',
      customer_encryption_key_arn: KEY,
      default_variant: 'concise',
    });
  });

  test('variants keyed by name: TEXT template, its input variables, model and inference parameters', () => {
    const variants = onlyResource(synth(), 'aws_bedrockagent_prompt').variant;
    expect(variants).toEqual([
      {
        name: 'concise',
        model_id: MODEL,
        template_type: 'TEXT',
        template_configuration: [{ text: [{ text: 'Summarize {{opportunity}} for {{audience}} in three bullets.', input_variable: [{ name: 'opportunity' }, { name: 'audience' }] }] }],
        inference_configuration: [{ text: [{ temperature: 0.2, top_p: 0.9, max_tokens: 512 }] }],
      },
      {
        name: 'detailed',
        model_id: 'amazon.nova-pro-v1:0',
        template_type: 'TEXT',
        template_configuration: [{ text: [{ text: 'Write a one-page brief of {{opportunity}}.', input_variable: [{ name: 'opportunity' }] }] }],
      },
    ]);
  });

  test('a template without placeholders has no input variables', () => {
    const variants = onlyResource(synth({ defaultVariant: 'fixed', variants: { fixed: { modelId: MODEL, template: 'List three partner risks.', inputVariables: [] } } }), 'aws_bedrockagent_prompt').variant;
    expect(variants[0].template_configuration).toEqual([{ text: [{ text: 'List three partner risks.' }] }]);
  });

  test('publishes an immutable version through Cloud Control with our schema, replaced whenever the prompt changes', () => {
    const json = synth({ versionTags: { System: 'partner-mgmt' } });
    const [promptName] = Object.keys(json.resource.aws_bedrockagent_prompt);
    const version = onlyResource(json, 'aws_cloudcontrolapi_resource');
    expect(version.type_name).toBe('AWS::Bedrock::PromptVersion');
    expect(JSON.parse(version.schema)).toEqual(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    expect(parsed(version.desired_state)).toEqual({
      PromptArn: `\${aws_bedrockagent_prompt.${promptName}.arn}`,
      Description: 'pm-prod-opportunity-summary: variants concise, detailed; default concise',
      Tags: { System: 'partner-mgmt' },
    });
    expect(version.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`aws_bedrockagent_prompt.${promptName}`] });
    expect(parsed(synth().resource.aws_cloudcontrolapi_resource[Object.keys(json.resource.aws_cloudcontrolapi_resource)[0]].desired_state).Tags).toBeUndefined();
  });

  test('exposes prompt, id, ARN, version ARN and variant names; publishVersion false builds no version', () => {
    const stack = new TerraformStack(Testing.app(), 'partner-mgmt-dev-ai');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const built = new PromptTemplate(stack, 'summary', BASE);
    const outputs = { promptArn: built.promptArn, promptId: built.promptId, versionArn: built.versionArn!, versionNumber: built.versionNumber! };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(stack, name, { value, staticId: true });
    const json = synthJson(stack);
    const [promptName] = Object.keys(json.resource.aws_bedrockagent_prompt);
    const [versionName] = Object.keys(json.resource.aws_cloudcontrolapi_resource);
    expect(Object.fromEntries(Object.entries<Json>(json.output).map(([name, o]) => [name, o.value]))).toEqual({
      promptArn: `\${aws_bedrockagent_prompt.${promptName}.arn}`,
      promptId: `\${aws_bedrockagent_prompt.${promptName}.id}`,
      versionArn: `\${aws_cloudcontrolapi_resource.${versionName}.id}`,
      versionNumber: `\${jsondecode(aws_cloudcontrolapi_resource.${versionName}.properties).Version}`,
    });
    expect(built.variantNames).toEqual(['concise', 'detailed']);

    let unversioned!: PromptTemplate;
    const bare: Json = JSON.parse(Testing.synthScope((scope) => { unversioned = new PromptTemplate(scope, 'summary', { ...BASE, publishVersion: false }); }));
    expect(bare.resource.aws_cloudcontrolapi_resource).toBeUndefined();
    expect(unversioned.versionArn).toBeUndefined();
  });

  test('placeholders: {{name}} occurrences, distinct, in order', () => {
    expect(templatePlaceholders('{{a}} and {{b}} then {{a}}')).toEqual(['a', 'b']);
    expect(templatePlaceholders('no variables, {single} braces')).toEqual([]);
  });

  test('free text is a Terraform literal: ${ and %{ are escaped', () => {
    const variants = { concise: { ...BASE.variants.concise, template: 'Summarize {{opportunity}} for {{audience}}; write amounts as ${amount}, never %{if}.' } };
    const text = onlyResource(synth({ variants }), 'aws_bedrockagent_prompt').variant[0].template_configuration[0].text[0].text;
    expect(text).toBe('Summarize {{opportunity}} for {{audience}}; write amounts as $${amount}, never %%{if}.');
  });

  test('every resource goes on the given provider', () => {
    const stack = new TerraformStack(Testing.app(), 'partner-mgmt-dev-ai');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new PromptTemplate(stack, 'summary', { ...BASE, provider: west });
    const all = Object.values<Json>(synthJson(stack).resource).flatMap((byName) => Object.values<Json>(byName));
    expect(all).toHaveLength(2);
    expect(all.every((r) => r.provider === 'aws.us_west_2')).toBe(true);
  });

  test('rejects a placeholder that is not declared, and a declared variable the template does not use', () => {
    const withVariant = (variant: Partial<PromptTemplateProps['variants'][string]>) => () => synth({ variants: { ...BASE.variants, concise: { ...BASE.variants.concise, ...variant } } });
    expect(withVariant({ inputVariables: ['opportunity'] })).toThrow(
      'PromptTemplate pm-prod-opportunity-summary: variant "concise": placeholder {{audience}} is not declared in inputVariables (declared: opportunity); add it to inputVariables or remove it from the template',
    );
    expect(withVariant({ inputVariables: ['opportunity', 'audience', 'region'] })).toThrow('input variable "region" is declared but the template has no {{region}}');
    expect(withVariant({ template: 'Summarize {{ opportunity }}.', inputVariables: ['opportunity'] })).toThrow('placeholder "{{ opportunity }}" is not a variable name');
    expect(withVariant({ inputVariables: ['opportunity', 'audience', 'audience'] })).toThrow('input variable "audience" is declared twice');
  });

  test('rejects an unknown default variant, too many variants and inference parameters out of range', () => {
    expect(() => synth({ defaultVariant: 'verbose' })).toThrow('PromptTemplate pm-prod-opportunity-summary: defaultVariant "verbose" is not one of its variants (concise, detailed); name one of them');
    const four = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, BASE.variants.detailed]));
    expect(() => synth({ variants: four, defaultVariant: 'a' })).toThrow('4 variants; Bedrock keeps 1-3 per prompt');
    expect(() => synth({ variants: {}, defaultVariant: 'a' })).toThrow('0 variants');
    const withInference = (inference: object) => () => synth({ variants: { ...BASE.variants, concise: { ...BASE.variants.concise, inference } } });
    expect(withInference({ temperature: 1.5 })).toThrow('variant "concise": temperature 1.5 is outside 0-1');
    expect(withInference({ topP: -0.1 })).toThrow('topP -0.1 is outside 0-1');
    expect(withInference({ maxTokens: 0 })).toThrow('maxTokens 0 is not a whole number in 1-512000');
    expect(withInference({ stopSequences: ['a', 'b', 'c', 'd', 'e'] })).toThrow('5 stop sequences');
    expect(() => synth({ name: 'summary prompt' })).toThrow('name "summary prompt" must be letters and digits');
    expect(() => synth({ customerEncryptionKeyArn: '' })).toThrow('customerEncryptionKeyArn is empty');
  });

  test('the policy pack has no finding for a prompt and its version in a prod stack', () => {
    const stack = stackOf('partner-mgmt-prod-ai');
    new PromptTemplate(stack, 'summary', BASE);
    expect(evaluate([doc(stack)]).stacks[0].findings).toEqual([]);
  });
});
