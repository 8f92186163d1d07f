import { BedrockagentDataSource } from '@cdktf/provider-aws/lib/bedrockagent-data-source';
import { BedrockagentKnowledgeBase } from '@cdktf/provider-aws/lib/bedrockagent-knowledge-base';
import { Construct } from 'constructs';
import { ServiceRole } from '../security/service-role';
import { KB_FIELDS, VectorCollection } from './vector-collection';

export interface KnowledgeBaseProps {
  /** Name prefix: the KB is `<name>`, its role `<name>-role`, its collection `<name>` (3-28 characters). */
  readonly name: string;
  readonly description: string;
  readonly accountId: string;
  readonly region: string;
  /** Embedding model ID, for example `amazon.titan-embed-text-v2:0`. */
  readonly embeddingModelId: string;
  /** Output dimensions of the embedding model. */
  readonly embeddingDimensions: number;
  /** ARN of the S3 bucket holding the source documents. */
  readonly sourceBucketArn: string;
  /**
   * Key prefixes of the bucket to ingest.
   * @default - the whole bucket
   */
  readonly inclusionPrefixes?: readonly string[];
  /** Customer-managed key: encrypts the source bucket, the collection and the data source's transient data. */
  readonly kmsKeyArn: string;
  /** Fixed-size chunking: tokens per chunk. */
  readonly chunkMaxTokens: number;
  /** Fixed-size chunking: overlap percentage between chunks. */
  readonly chunkOverlapPercentage: number;
  /** Private endpoint of the vector collection. */
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Roles that create the vector index (the Terraform deploy role). */
  readonly indexManagerArns: readonly string[];
  /**
   * Standby replicas of the vector collection.
   * @default true
   */
  readonly standbyReplicas?: boolean;
  /**
   * Keep the vectors when the data source is deleted (RETAIN) instead of deleting them.
   * @default false
   */
  readonly retainVectorsOnDelete?: boolean;
}

/** `arn:aws:bedrock:<region>::foundation-model/<id>`. */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * Bedrock knowledge base over an S3 bucket: Titan embeddings, an OpenSearch Serverless vector
 * collection (with its index), a fixed-size-chunking S3 data source encrypted with the data key,
 * and its service role (trust scoped to this account's knowledge bases; permissions scoped to the
 * bucket, the embedding model, the collection and the key).
 */
export class KnowledgeBase extends Construct {
  readonly knowledgeBase: BedrockagentKnowledgeBase;
  readonly dataSource: BedrockagentDataSource;
  readonly vectorStore: VectorCollection;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    const standbyReplicas = props.standbyReplicas ?? true;
    const retainVectors = props.retainVectorsOnDelete ?? false;
    const prefixes = props.inclusionPrefixes ?? [];
    if (!props.sourceBucketArn.startsWith('arn:aws') && !props.sourceBucketArn.includes('${')) {
      throw new Error(`KnowledgeBase ${props.name}: sourceBucketArn "${props.sourceBucketArn}" is not an S3 bucket ARN`);
    }
    if (props.chunkMaxTokens < 20 || props.chunkMaxTokens > 8192) throw new Error(`KnowledgeBase ${props.name}: chunkMaxTokens ${props.chunkMaxTokens} is outside 20-8192`);
    if (props.chunkOverlapPercentage < 1 || props.chunkOverlapPercentage > 99) throw new Error(`KnowledgeBase ${props.name}: chunkOverlapPercentage ${props.chunkOverlapPercentage} is outside 1-99`);
    if (!props.kmsKeyArn) throw new Error(`KnowledgeBase ${props.name}: kmsKeyArn is empty; pass the customer-managed data key (BR-02)`);

    const roleName = `${props.name}-role`;
    // Known before the role exists, so the collection's data-access policy can name it without a cycle.
    const roleArn = `arn:aws:iam::${props.accountId}:role/${roleName}`;
    const embeddingModelArn = foundationModelArn(props.region, props.embeddingModelId);

    this.vectorStore = new VectorCollection(this, 'vector-store', {
      name: props.name,
      kmsKeyArn: props.kmsKeyArn,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      securityGroupIds: props.securityGroupIds,
      indexManagerArns: props.indexManagerArns,
      readWriteArns: [roleArn],
      dimensions: props.embeddingDimensions,
      standbyReplicas,
    });

    const objectArns = prefixes.length > 0 ? prefixes.map((p) => `${props.sourceBucketArn}/${p}*`) : [`${props.sourceBucketArn}/*`];
    this.role = new ServiceRole(this, 'role', {
      roleName,
      description: `Bedrock knowledge base ${props.name}: reads its bucket, embeds with ${props.embeddingModelId}, writes its vector collection`,
      servicePrincipal: 'bedrock.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:bedrock:${props.region}:${props.accountId}:knowledge-base/*`,
      statements: [
        { Sid: 'EmbedWithTheConfiguredModel', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: embeddingModelArn },
        { Sid: 'UseTheVectorCollection', Effect: 'Allow', Action: 'aoss:APIAccessAll', Resource: this.vectorStore.arn },
        {
          Sid: 'ListTheSourceBucket',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: props.sourceBucketArn,
          Condition: { StringEquals: { 'aws:ResourceAccount': props.accountId } },
        },
        {
          Sid: 'ReadTheSourceDocuments',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: objectArns,
          Condition: { StringEquals: { 'aws:ResourceAccount': props.accountId } },
        },
        { Sid: 'UseTheDataKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: props.kmsKeyArn },
      ],
    });

    this.knowledgeBase = new BedrockagentKnowledgeBase(this, 'knowledge-base', {
      name: props.name,
      description: props.description,
      roleArn: this.role.arn,
      knowledgeBaseConfiguration: [
        {
          type: 'VECTOR',
          vectorKnowledgeBaseConfiguration: [
            {
              embeddingModelArn,
              embeddingModelConfiguration: [
                { bedrockEmbeddingModelConfiguration: [{ dimensions: props.embeddingDimensions, embeddingDataType: 'FLOAT32' }] },
              ],
            },
          ],
        },
      ],
      storageConfiguration: [
        {
          type: 'OPENSEARCH_SERVERLESS',
          opensearchServerlessConfiguration: [
            {
              collectionArn: this.vectorStore.arn,
              vectorIndexName: this.vectorStore.indexName,
              fieldMapping: [{ vectorField: KB_FIELDS.vector, textField: KB_FIELDS.text, metadataField: KB_FIELDS.metadata }],
            },
          ],
        },
      ],
      // Bedrock checks the role, the data-access policy and the index when it creates the KB.
      dependsOn: [this.vectorStore.index.resource, this.vectorStore.accessPolicy, this.role.policy],
    });

    this.dataSource = new BedrockagentDataSource(this, 'data-source', {
      knowledgeBaseId: this.knowledgeBase.id,
      name: `${props.name}-s3`,
      description: `Documents of ${props.name}`,
      dataDeletionPolicy: retainVectors ? 'RETAIN' : 'DELETE',
      dataSourceConfiguration: [
        {
          type: 'S3',
          s3Configuration: [
            { bucketArn: props.sourceBucketArn, bucketOwnerAccountId: props.accountId, inclusionPrefixes: prefixes.length > 0 ? [...prefixes] : undefined },
          ],
        },
      ],
      serverSideEncryptionConfiguration: [{ kmsKeyArn: props.kmsKeyArn }],
      vectorIngestionConfiguration: [
        {
          chunkingConfiguration: [
            {
              chunkingStrategy: 'FIXED_SIZE',
              fixedSizeChunkingConfiguration: [{ maxTokens: props.chunkMaxTokens, overlapPercentage: props.chunkOverlapPercentage }],
            },
          ],
        },
      ],
    });
  }

  get arn(): string {
    return this.knowledgeBase.arn;
  }

  get knowledgeBaseId(): string {
    return this.knowledgeBase.id;
  }
}
