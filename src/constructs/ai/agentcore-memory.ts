import { Construct } from 'constructs';
import { CloudControlResource } from './cloud-control-resource';

export interface AgentCoreMemoryProps {
  /** Memory name: a letter, then letters, digits or _ (at most 48). */
  readonly name: string;
  readonly description: string;
  /** Customer-managed key encrypting the memory. */
  readonly kmsKeyArn: string;
  /**
   * Days short-term events are kept (7-365).
   * @default 30
   */
  readonly eventExpiryDays?: number;
  /**
   * Add the built-in long-term strategies: session summaries and semantic facts per actor.
   * @default true
   */
  readonly longTermStrategies?: boolean;
  /** Tags (the AWS provider's default tags do not reach Cloud Control resources). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Add `prevent_destroy` (the memory holds user sessions; its Cloud Control type is not in the
   * stateful-type list that protects resources automatically).
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * Bedrock AgentCore Memory (`AWS::BedrockAgentCore::Memory` through Cloud Control): session events
 * kept `eventExpiryDays`, optional built-in long-term strategies, encrypted with a customer-managed key.
 */
export class AgentCoreMemory extends Construct {
  readonly memory: CloudControlResource;
  readonly eventExpiryDays: number;

  constructor(scope: Construct, id: string, props: AgentCoreMemoryProps) {
    super(scope, id);
    const eventExpiryDays = props.eventExpiryDays ?? 30;
    const longTerm = props.longTermStrategies ?? true;
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/.test(props.name)) throw new Error(`AgentCoreMemory ${id}: name "${props.name}" must be a letter then up to 47 letters, digits or _ (no dashes)`);
    if (!Number.isInteger(eventExpiryDays) || eventExpiryDays < 7 || eventExpiryDays > 365) throw new Error(`AgentCoreMemory ${props.name}: eventExpiryDays ${eventExpiryDays} is outside 7-365`);
    if (!props.kmsKeyArn) throw new Error(`AgentCoreMemory ${props.name}: kmsKeyArn is empty; pass the customer-managed data key`);
    this.eventExpiryDays = eventExpiryDays;

    this.memory = new CloudControlResource(this, 'memory', {
      typeName: 'AWS::BedrockAgentCore::Memory',
      desiredState: {
        Name: props.name,
        Description: props.description,
        EventExpiryDuration: eventExpiryDays,
        EncryptionKeyArn: props.kmsKeyArn,
        MemoryStrategies: longTerm
          ? [
            { SummaryMemoryStrategy: { Name: 'session_summaries', Description: 'Summary of each agent session', Namespaces: ['/summaries/{actorId}/{sessionId}'] } },
            { SemanticMemoryStrategy: { Name: 'bid_facts', Description: 'Facts about bids and projects learned per user', Namespaces: ['/facts/{actorId}'] } },
          ]
          : undefined,
        Tags: props.tags,
      },
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
  }

  /** The memory ARN (the Cloud Control identifier). */
  get arn(): string {
    return this.memory.resource.id;
  }

  get memoryId(): string {
    return this.memory.property('MemoryId');
  }
}
