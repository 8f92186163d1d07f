import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockGuardrailVersion } from '@cdktf/provider-aws/lib/bedrock-guardrail-version';
import { Construct } from 'constructs';

export type FilterStrength = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
export type ContentFilterType = 'HATE' | 'INSULTS' | 'SEXUAL' | 'VIOLENCE' | 'MISCONDUCT' | 'PROMPT_ATTACK';
export type PiiAction = 'BLOCK' | 'ANONYMIZE';

export interface ContentFilter {
  readonly type: ContentFilterType;
  readonly inputStrength: FilterStrength;
  readonly outputStrength: FilterStrength;
}

export interface DeniedTopic {
  /** Topic name: letters, digits, space, `-_!?.`; at most 100 characters. */
  readonly name: string;
  /** What the topic covers, at most 200 characters. */
  readonly definition: string;
  /**
   * Example prompts (at most 5, 100 characters each).
   * @default []
   */
  readonly examples?: readonly string[];
}

export interface GuardrailProps {
  readonly name: string;
  readonly description: string;
  /** Customer-managed KMS key that encrypts the guardrail (BR-02). */
  readonly kmsKeyArn: string;
  /**
   * Content filters. PROMPT_ATTACK must filter input at HIGH (BR-03); its output strength must be
   * NONE (Bedrock only filters prompt attacks on input).
   * @default HATE, INSULTS, SEXUAL, VIOLENCE, MISCONDUCT at HIGH both ways; PROMPT_ATTACK HIGH input, NONE output
   */
  readonly contentFilters?: readonly ContentFilter[];
  /**
   * PII entity types and what to do with them (BR-03 asks for PII coverage).
   * @default DEFAULT_PII_ENTITIES
   */
  readonly piiEntities?: Readonly<Record<string, PiiAction>>;
  /**
   * Denied topics.
   * @default []
   */
  readonly deniedTopics?: readonly DeniedTopic[];
  /**
   * Block the AWS-managed profanity word list.
   * @default true
   */
  readonly blockProfanity?: boolean;
  /**
   * Extra blocked words or phrases.
   * @default []
   */
  readonly blockedWords?: readonly string[];
  /**
   * Keep published versions when the version resource is destroyed or replaced.
   * @default false
   */
  readonly retainVersions?: boolean;
  /**
   * Message returned when a prompt is blocked.
   * @default a generic policy message
   */
  readonly blockedInputMessage?: string;
  /**
   * Message returned when a response is blocked.
   * @default a generic policy message
   */
  readonly blockedOutputMessage?: string;
}

export const DEFAULT_CONTENT_FILTERS: readonly ContentFilter[] = [
  { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'INSULTS', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'SEXUAL', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'MISCONDUCT', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
];

/** Contact details are masked (bids legitimately name people and companies); secrets and financial identifiers are blocked. */
export const DEFAULT_PII_ENTITIES: Readonly<Record<string, PiiAction>> = {
  NAME: 'ANONYMIZE',
  EMAIL: 'ANONYMIZE',
  PHONE: 'ANONYMIZE',
  ADDRESS: 'ANONYMIZE',
  US_SOCIAL_SECURITY_NUMBER: 'BLOCK',
  CREDIT_DEBIT_CARD_NUMBER: 'BLOCK',
  CREDIT_DEBIT_CARD_CVV: 'BLOCK',
  CREDIT_DEBIT_CARD_EXPIRY: 'BLOCK',
  US_BANK_ACCOUNT_NUMBER: 'BLOCK',
  US_BANK_ROUTING_NUMBER: 'BLOCK',
  INTERNATIONAL_BANK_ACCOUNT_NUMBER: 'BLOCK',
  PASSWORD: 'BLOCK',
  AWS_ACCESS_KEY: 'BLOCK',
  AWS_SECRET_KEY: 'BLOCK',
};

const PII_TYPES = new Set([
  'ADDRESS', 'AGE', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'CA_HEALTH_NUMBER', 'CA_SOCIAL_INSURANCE_NUMBER', 'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY', 'CREDIT_DEBIT_CARD_NUMBER', 'DRIVER_ID', 'EMAIL', 'INTERNATIONAL_BANK_ACCOUNT_NUMBER', 'IP_ADDRESS',
  'LICENSE_PLATE', 'MAC_ADDRESS', 'NAME', 'PASSWORD', 'PHONE', 'PIN', 'SWIFT_CODE', 'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER', 'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER', 'URL', 'USERNAME', 'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER', 'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER', 'US_PASSPORT_NUMBER', 'US_SOCIAL_SECURITY_NUMBER', 'VEHICLE_IDENTIFICATION_NUMBER',
]);
const TOPIC_NAME = /^[0-9a-zA-Z\-_ !?.]{1,100}$/;

/**
 * Bedrock guardrail with content filters (prompt attacks at HIGH on input), PII masking/blocking,
 * denied topics and the managed profanity list, encrypted with a customer-managed key, plus a
 * published version for agents and callers to pin (BR-01..03).
 */
export class Guardrail extends Construct {
  readonly guardrail: BedrockGuardrail;
  readonly version: BedrockGuardrailVersion;

  constructor(scope: Construct, id: string, props: GuardrailProps) {
    super(scope, id);
    const contentFilters = props.contentFilters ?? DEFAULT_CONTENT_FILTERS;
    const piiEntities = props.piiEntities ?? DEFAULT_PII_ENTITIES;
    const deniedTopics = props.deniedTopics ?? [];
    const blockProfanity = props.blockProfanity ?? true;
    const blockedWords = props.blockedWords ?? [];
    const retainVersions = props.retainVersions ?? false;

    if (!/^[0-9a-zA-Z-_]{1,50}$/.test(props.name)) throw new Error(`Guardrail ${id}: name "${props.name}" must be 1-50 letters, digits, - or _`);
    if (!props.kmsKeyArn) throw new Error(`Guardrail ${props.name}: kmsKeyArn is empty; pass the customer-managed data key (BR-02)`);
    const promptAttack = contentFilters.find((f) => f.type === 'PROMPT_ATTACK');
    if (!promptAttack || promptAttack.inputStrength !== 'HIGH') {
      throw new Error(`Guardrail ${props.name}: PROMPT_ATTACK input strength is ${promptAttack?.inputStrength ?? 'absent'}; BR-03 requires HIGH`);
    }
    if (promptAttack.outputStrength !== 'NONE') throw new Error(`Guardrail ${props.name}: PROMPT_ATTACK output strength must be NONE (Bedrock filters prompt attacks on input only)`);
    if (new Set(contentFilters.map((f) => f.type)).size !== contentFilters.length) throw new Error(`Guardrail ${props.name}: a content filter type is listed twice`);
    if (Object.keys(piiEntities).length === 0) throw new Error(`Guardrail ${props.name}: piiEntities is empty; BR-03 requires PII coverage`);
    for (const type of Object.keys(piiEntities)) {
      if (!PII_TYPES.has(type)) throw new Error(`Guardrail ${props.name}: "${type}" is not a Bedrock PII entity type (for example EMAIL, PHONE, US_SOCIAL_SECURITY_NUMBER)`);
    }
    for (const topic of deniedTopics) {
      if (!TOPIC_NAME.test(topic.name)) throw new Error(`Guardrail ${props.name}: topic name "${topic.name}" must be 1-100 letters, digits, space or -_!?.`);
      if (topic.definition.length === 0 || topic.definition.length > 200) throw new Error(`Guardrail ${props.name}: topic "${topic.name}" definition has ${topic.definition.length} characters; use 1-200`);
      const examples = topic.examples ?? [];
      if (examples.length > 5 || examples.some((e) => e.length > 100)) throw new Error(`Guardrail ${props.name}: topic "${topic.name}" needs at most 5 examples of at most 100 characters`);
    }

    this.guardrail = new BedrockGuardrail(this, 'guardrail', {
      name: props.name,
      description: props.description,
      kmsKeyArn: props.kmsKeyArn,
      blockedInputMessaging: props.blockedInputMessage ?? 'Sorry, this request is not allowed by the usage policy.',
      blockedOutputsMessaging: props.blockedOutputMessage ?? 'Sorry, the response was withheld by the usage policy.',
      contentPolicyConfig: [{ filtersConfig: contentFilters.map((f) => ({ type: f.type, inputStrength: f.inputStrength, outputStrength: f.outputStrength })) }],
      sensitiveInformationPolicyConfig: [{ piiEntitiesConfig: Object.entries(piiEntities).map(([type, action]) => ({ type, action })) }],
      topicPolicyConfig: deniedTopics.length > 0
        ? [{ topicsConfig: deniedTopics.map((t) => ({ name: t.name, definition: t.definition, examples: [...(t.examples ?? [])], type: 'DENY' })) }]
        : undefined,
      wordPolicyConfig: blockProfanity || blockedWords.length > 0
        ? [{
          managedWordListsConfig: blockProfanity ? [{ type: 'PROFANITY' }] : undefined,
          wordsConfig: blockedWords.length > 0 ? blockedWords.map((text) => ({ text })) : undefined,
        }]
        : undefined,
    });

    this.version = new BedrockGuardrailVersion(this, 'version', {
      guardrailArn: this.guardrail.guardrailArn,
      description: `${props.name}: published by Terraform`,
      skipDestroy: retainVersions,
      // Any change to the guardrail publishes a new version (the old one stays when retainVersions).
      // A plain address: lifecycle blocks take references, not interpolations.
      lifecycle: { replaceTriggeredBy: [`${BedrockGuardrail.tfResourceType}.${this.guardrail.friendlyUniqueId}`] },
    });
  }

  get arn(): string {
    return this.guardrail.guardrailArn;
  }

  get guardrailId(): string {
    return this.guardrail.guardrailId;
  }

  /** The published version number. */
  get versionNumber(): string {
    return this.version.version;
  }
}
