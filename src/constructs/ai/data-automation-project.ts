import { Construct } from 'constructs';
import { CloudControlResource } from './cloud-control-resource';

export interface DataAutomationProjectProps {
  /** Project name: letters, digits, - or _ (at most 128). */
  readonly projectName: string;
  readonly description: string;
  /** Customer-managed key encrypting the project and its outputs. */
  readonly kmsKeyArn: string;
  /** Tags (the AWS provider's default tags do not reach Cloud Control resources). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Generate summaries (documents, images, audio, video) besides the extraction.
   * @default true
   */
  readonly generativeFields?: boolean;
}

/**
 * Bedrock Data Automation project (`AWS::Bedrock::DataAutomationProject` through Cloud Control):
 * standard output for documents (PDF, Word, Excel: markdown/text, page + element granularity),
 * images, audio (transcripts) and video, encrypted with a customer-managed key. Input and output
 * buckets are chosen per invocation (`InvokeDataAutomationAsync`), so they live in the callers' IAM.
 */
export class DataAutomationProject extends Construct {
  readonly project: CloudControlResource;

  constructor(scope: Construct, id: string, props: DataAutomationProjectProps) {
    super(scope, id);
    const generative = props.generativeFields ?? true;
    if (!/^[a-zA-Z0-9_-]{1,128}$/.test(props.projectName)) throw new Error(`DataAutomationProject ${id}: project name "${props.projectName}" must be 1-128 letters, digits, - or _`);
    if (!props.kmsKeyArn) throw new Error(`DataAutomationProject ${props.projectName}: kmsKeyArn is empty; pass the customer-managed data key`);
    const state = generative ? 'ENABLED' : 'DISABLED';

    this.project = new CloudControlResource(this, 'project', {
      typeName: 'AWS::Bedrock::DataAutomationProject',
      desiredState: {
        ProjectName: props.projectName,
        ProjectDescription: props.description,
        KmsKeyId: props.kmsKeyArn,
        StandardOutputConfiguration: {
          Document: {
            Extraction: { Granularity: { Types: ['DOCUMENT', 'PAGE', 'ELEMENT'] }, BoundingBox: { State: 'ENABLED' } },
            GenerativeField: { State: state },
            OutputFormat: { TextFormat: { Types: ['MARKDOWN', 'PLAIN_TEXT'] }, AdditionalFileFormat: { State: 'ENABLED' } },
          },
          Image: {
            Extraction: { Category: { State: 'ENABLED', Types: ['CONTENT_MODERATION', 'TEXT_DETECTION'] }, BoundingBox: { State: 'ENABLED' } },
            GenerativeField: { State: state, Types: ['IMAGE_SUMMARY'] },
          },
          Audio: {
            Extraction: { Category: { State: 'ENABLED', Types: ['TRANSCRIPT', 'AUDIO_CONTENT_MODERATION'] } },
            GenerativeField: { State: state, Types: ['AUDIO_SUMMARY', 'TOPIC_SUMMARY'] },
          },
          Video: {
            Extraction: { Category: { State: 'ENABLED', Types: ['TRANSCRIPT', 'TEXT_DETECTION', 'CONTENT_MODERATION'] }, BoundingBox: { State: 'ENABLED' } },
            GenerativeField: { State: state, Types: ['VIDEO_SUMMARY', 'CHAPTER_SUMMARY'] },
          },
        },
        Tags: Object.entries(props.tags).map(([Key, Value]) => ({ Key, Value })),
      },
    });
  }

  /** The project ARN (the Cloud Control identifier). */
  get arn(): string {
    return this.project.resource.id;
  }
}
