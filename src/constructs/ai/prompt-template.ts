import { BedrockagentPrompt } from '@cdktf/provider-aws/lib/bedrockagent-prompt';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { CloudControlResource } from './cloud-control-resource';

export interface PromptInference {
  /**
   * Randomness (0-1).
   * @default - the model's default
   */
  readonly temperature?: number;
  /**
   * Nucleus sampling cutoff (0-1).
   * @default - the model's default
   */
  readonly topP?: number;
  /**
   * Most tokens to generate (1-512000, and within the model's own limit).
   * @default - the model's default
   */
  readonly maxTokens?: number;
  /**
   * Sequences that end generation (at most 4).
   * @default []
   */
  readonly stopSequences?: readonly string[];
}

export interface PromptVariantProps {
  /** Model that runs the variant: a foundation-model or inference-profile ID or ARN. */
  readonly modelId: string;
  /** Template text; `{{name}}` marks an input variable. */
  readonly template: string;
  /** The template's input variables: exactly the `{{name}}` placeholders it uses (at most 20). */
  readonly inputVariables: readonly string[];
  /**
   * Inference parameters of the variant.
   * @default - the model's defaults
   */
  readonly inference?: PromptInference;
}

export interface PromptTemplateProps extends ProviderScopedProps {
  /** Prompt name: letters and digits with single `-`/`_` between them (at most 100). */
  readonly name: string;
  /** What the prompt is for (1-200 characters). */
  readonly description: string;
  /** Customer-managed KMS key encrypting the prompt and its versions. */
  readonly customerEncryptionKeyArn: string;
  /** Variants keyed by variant name (1-3; A/B candidates of the same prompt). */
  readonly variants: Readonly<Record<string, PromptVariantProps>>;
  /** The variant callers get unless they pick one; a key of `variants`. */
  readonly defaultVariant: string;
  /**
   * Publish an immutable version (`AWS::Bedrock::PromptVersion` through Cloud Control), replaced
   * by a new one whenever the prompt changes.
   * @default true
   */
  readonly publishVersion?: boolean;
  /**
   * Tags of the version (the AWS provider's default tags reach the prompt, not Cloud Control resources).
   * @default {}
   */
  readonly versionTags?: Readonly<Record<string, string>>;
}

const BEDROCK_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const MAX_VARIANTS = 3;
const MAX_INPUT_VARIABLES = 20;

/** Free text as a Terraform literal (a literal `${` or `%{` would be read as a template sequence). */
function literal(text: string): string {
  return Token.isUnresolved(text) ? text : text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The distinct `{{name}}` placeholders of a template, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Bedrock Prompt management prompt (`aws_bedrockagent_prompt`): up to three TEXT variants keyed by
 * name (A/B candidates, each with its model, template, input variables and inference parameters),
 * a default variant, a customer-managed key, and an immutable version for callers to pin. Provider
 * 5.100 has no prompt version resource, so the version is `AWS::Bedrock::PromptVersion` through
 * Cloud Control (schema in src/schemas/); every change to the prompt replaces it with a new version
 * (create before destroy, so a version always exists).
 */
export class PromptTemplate extends Construct {
  readonly prompt: BedrockagentPrompt;
  readonly version?: CloudControlResource;
  /** Variant names, in declaration order. */
  readonly variantNames: readonly string[];

  constructor(scope: Construct, id: string, props: PromptTemplateProps) {
    super(scope, id);
    const publishVersion = props.publishVersion ?? true;
    const versionTags = props.versionTags ?? {};
    const where = `PromptTemplate ${props.name}`;

    if (!BEDROCK_NAME.test(props.name)) throw new Error(`PromptTemplate ${id}: name "${props.name}" must be letters and digits with single - or _ between them (at most 100)`);
    if (props.description.length < 1 || props.description.length > 200) throw new Error(`${where}: description has ${props.description.length} characters; use 1-200`);
    if (!props.customerEncryptionKeyArn) throw new Error(`${where}: customerEncryptionKeyArn is empty; pass the customer-managed data key`);
    const names = Object.keys(props.variants);
    if (names.length === 0 || names.length > MAX_VARIANTS) throw new Error(`${where}: ${names.length} variants; Bedrock keeps 1-${MAX_VARIANTS} per prompt (put further candidates in another prompt)`);
    if (!names.includes(props.defaultVariant)) throw new Error(`${where}: defaultVariant "${props.defaultVariant}" is not one of its variants (${names.join(', ')}); name one of them`);
    for (const [name, variant] of Object.entries(props.variants)) checkVariant(where, name, variant);

    this.variantNames = names;
    this.prompt = new BedrockagentPrompt(this, 'prompt', {
      name: props.name,
      description: literal(props.description),
      customerEncryptionKeyArn: props.customerEncryptionKeyArn,
      defaultVariant: props.defaultVariant,
      variant: Object.entries(props.variants).map(([name, v]) => ({
        name,
        modelId: v.modelId,
        templateType: 'TEXT',
        templateConfiguration: [{
          text: [{
            text: literal(v.template),
            inputVariable: v.inputVariables.length > 0 ? v.inputVariables.map((input) => ({ name: input })) : undefined,
          }],
        }],
        inferenceConfiguration: v.inference
          ? [{
            text: [{
              temperature: v.inference.temperature,
              topP: v.inference.topP,
              maxTokens: v.inference.maxTokens,
              stopSequences: v.inference.stopSequences && v.inference.stopSequences.length > 0 ? [...v.inference.stopSequences] : undefined,
            }],
          }]
          : undefined,
      })),
    });

    if (publishVersion) {
      const summary = `${props.name}: variants ${names.join(', ')}; default ${props.defaultVariant}`;
      this.version = new CloudControlResource(this, 'version', {
        typeName: 'AWS::Bedrock::PromptVersion',
        desiredState: {
          PromptArn: this.prompt.arn,
          Description: literal(summary.length > 200 ? `${summary.slice(0, 197)}...` : summary),
          Tags: Object.keys(versionTags).length > 0 ? versionTags : undefined,
        },
        lifecycle: {
          // A version snapshots the DRAFT: any change to the prompt publishes a new one. A plain
          // address: lifecycle blocks take references, not interpolations.
          replaceTriggeredBy: [`${BedrockagentPrompt.tfResourceType}.${this.prompt.friendlyUniqueId}`],
          createBeforeDestroy: true,
        },
      });
    }
    useProvider(this, props.provider);
  }

  get promptId(): string {
    return this.prompt.id;
  }

  get promptArn(): string {
    return this.prompt.arn;
  }

  /** ARN of the published version (`<prompt ARN>:<n>`); undefined when `publishVersion` is false. */
  get versionArn(): string | undefined {
    return this.version?.resource.id;
  }

  /** Number of the published version; undefined when `publishVersion` is false. */
  get versionNumber(): string | undefined {
    return this.version?.property('Version');
  }
}

function checkVariant(where: string, name: string, variant: PromptVariantProps): void {
  const at = `${where}: variant "${name}"`;
  if (!BEDROCK_NAME.test(name)) throw new Error(`${at}: the name must be letters and digits with single - or _ between them (at most 100)`);
  if (!variant.modelId) throw new Error(`${at}: modelId is empty; pass the foundation-model or inference-profile ID that runs this variant`);
  if (variant.template.length < 1 || variant.template.length > 200000) throw new Error(`${at}: template has ${variant.template.length} characters; use 1-200000`);

  const placeholders = templatePlaceholders(variant.template);
  for (const placeholder of placeholders) {
    if (!BEDROCK_NAME.test(placeholder)) {
      throw new Error(`${at}: placeholder "{{${placeholder}}}" is not a variable name (letters and digits with single - or _ between them, no spaces inside the braces)`);
    }
  }
  const declared = variant.inputVariables;
  const duplicate = declared.find((input, i) => declared.indexOf(input) !== i);
  if (duplicate !== undefined) throw new Error(`${at}: input variable "${duplicate}" is declared twice`);
  const undeclared = placeholders.filter((p) => !declared.includes(p));
  if (undeclared.length > 0) {
    throw new Error(`${at}: placeholder ${undeclared.map((p) => `{{${p}}}`).join(', ')} is not declared in inputVariables (declared: ${declared.join(', ') || 'none'}); add it to inputVariables or remove it from the template`);
  }
  const unused = declared.filter((input) => !placeholders.includes(input));
  if (unused.length > 0) {
    throw new Error(`${at}: input variable ${unused.map((u) => `"${u}"`).join(', ')} is declared but the template has no {{${unused[0]}}}; remove it from inputVariables or use it in the template`);
  }
  if (declared.length > MAX_INPUT_VARIABLES) throw new Error(`${at}: ${declared.length} input variables; Bedrock allows at most ${MAX_INPUT_VARIABLES}`);

  const inference = variant.inference;
  if (!inference) return;
  const inRange = (value: number | undefined, min: number, max: number) => value === undefined || (value >= min && value <= max);
  if (!inRange(inference.temperature, 0, 1)) throw new Error(`${at}: temperature ${inference.temperature} is outside 0-1`);
  if (!inRange(inference.topP, 0, 1)) throw new Error(`${at}: topP ${inference.topP} is outside 0-1`);
  if (inference.maxTokens !== undefined && (!Number.isInteger(inference.maxTokens) || !inRange(inference.maxTokens, 1, 512000))) {
    throw new Error(`${at}: maxTokens ${inference.maxTokens} is not a whole number in 1-512000`);
  }
  if ((inference.stopSequences ?? []).length > 4) throw new Error(`${at}: ${inference.stopSequences!.length} stop sequences; Bedrock allows at most 4`);
}
