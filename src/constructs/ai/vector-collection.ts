import { OpensearchserverlessAccessPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-access-policy';
import { OpensearchserverlessCollection } from '@cdktf/provider-aws/lib/opensearchserverless-collection';
import { OpensearchserverlessSecurityPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-security-policy';
import { OpensearchserverlessVpcEndpoint } from '@cdktf/provider-aws/lib/opensearchserverless-vpc-endpoint';
import { Construct } from 'constructs';
import { CloudControlResource } from './cloud-control-resource';

/** Field names Bedrock Knowledge Bases writes into the vector index. */
export const KB_FIELDS = {
  vector: 'bedrock-knowledge-base-default-vector',
  text: 'AMAZON_BEDROCK_TEXT_CHUNK',
  metadata: 'AMAZON_BEDROCK_METADATA',
} as const;

export interface VectorCollectionProps {
  /** Collection name: 3-28 lower-case letters, digits or dashes, starting with a letter (policy names append up to 4 characters). */
  readonly name: string;
  /** Customer-managed KMS key encrypting the collection (encryption policy, OSS-01). */
  readonly kmsKeyArn: string;
  /** VPC of the collection's private endpoint. */
  readonly vpcId: string;
  /** Subnets of the collection's private endpoint (one per AZ). */
  readonly subnetIds: readonly string[];
  /** Security groups of the collection's private endpoint. */
  readonly securityGroupIds: readonly string[];
  /**
   * IAM principals that manage the index (the Terraform deploy role: it creates the index through
   * Cloud Control, which calls the collection with the caller's credentials).
   */
  readonly indexManagerArns: readonly string[];
  /** IAM principals that read and write documents (the knowledge-base service role). */
  readonly readWriteArns: readonly string[];
  /** Vector dimensions of the embedding model. */
  readonly dimensions: number;
  /**
   * Name of the vector index.
   * @default 'bedrock-knowledge-base-index'
   */
  readonly indexName?: string;
  /**
   * Standby replicas in a second AZ (doubles the minimum OCUs).
   * @default true
   */
  readonly standbyReplicas?: boolean;
}

/**
 * OpenSearch Serverless VECTORSEARCH collection for a Bedrock knowledge base: KMS encryption
 * policy, a network policy with no public access (the VPC endpoint plus the Bedrock service), a
 * data-access policy scoped to named roles, the private VPC endpoint, and the vector index itself
 * (`AWS::OpenSearchServerless::Index` through Cloud Control, so the index exists before the KB).
 */
export class VectorCollection extends Construct {
  readonly collection: OpensearchserverlessCollection;
  readonly index: CloudControlResource;
  readonly indexName: string;
  readonly vpcEndpoint: OpensearchserverlessVpcEndpoint;
  readonly accessPolicy: OpensearchserverlessAccessPolicy;

  constructor(scope: Construct, id: string, props: VectorCollectionProps) {
    super(scope, id);
    const indexName = props.indexName ?? 'bedrock-knowledge-base-index';
    const standbyReplicas = props.standbyReplicas ?? true;
    if (!/^[a-z][a-z0-9-]{2,27}$/.test(props.name)) {
      throw new Error(`VectorCollection ${id}: name "${props.name}" must be 3-28 lower-case letters, digits or dashes starting with a letter`);
    }
    if (!/^[a-z][a-z0-9_-]*$/.test(indexName)) throw new Error(`VectorCollection ${props.name}: index name "${indexName}" must start with a lower-case letter and use a-z, 0-9, _ or -`);
    if (props.indexManagerArns.length === 0) throw new Error(`VectorCollection ${props.name}: indexManagerArns is empty; name the role that runs Terraform (it creates the index)`);
    if (props.readWriteArns.length === 0) throw new Error(`VectorCollection ${props.name}: readWriteArns is empty; name the knowledge-base service role`);
    if (props.subnetIds.length === 0 || props.securityGroupIds.length === 0) throw new Error(`VectorCollection ${props.name}: the VPC endpoint needs subnets and security groups`);
    if (!Number.isInteger(props.dimensions) || props.dimensions < 1 || props.dimensions > 16000) throw new Error(`VectorCollection ${props.name}: dimensions ${props.dimensions} is outside 1-16000`);
    this.indexName = indexName;
    const collectionResource = `collection/${props.name}`;

    const encryption = new OpensearchserverlessSecurityPolicy(this, 'encryption-policy', {
      name: `${props.name}-enc`,
      type: 'encryption',
      description: `Encrypt ${props.name} with the customer-managed data key`,
      policy: JSON.stringify({
        Rules: [{ ResourceType: 'collection', Resource: [collectionResource] }],
        AWSOwnedKey: false,
        KmsARN: props.kmsKeyArn,
      }),
    });

    this.vpcEndpoint = new OpensearchserverlessVpcEndpoint(this, 'vpc-endpoint', {
      name: `${props.name}-vpce`,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [...props.securityGroupIds],
    });

    const network = new OpensearchserverlessSecurityPolicy(this, 'network-policy', {
      name: `${props.name}-net`,
      type: 'network',
      description: `No public access to ${props.name}: its VPC endpoint and Bedrock only`,
      policy: JSON.stringify([
        {
          Description: 'Collection API from the VPC endpoint and from Amazon Bedrock (knowledge-base ingestion and retrieval)',
          Rules: [{ ResourceType: 'collection', Resource: [collectionResource] }],
          AllowFromPublic: false,
          SourceVPCEs: [this.vpcEndpoint.id],
          SourceServices: ['bedrock.amazonaws.com'],
        },
      ]),
    });

    this.accessPolicy = new OpensearchserverlessAccessPolicy(this, 'access-policy', {
      name: `${props.name}-data`,
      type: 'data',
      description: `Index management for the deployer; document read/write for the knowledge base`,
      policy: JSON.stringify([
        {
          Description: 'Terraform deploy role: creates and maintains the vector index',
          Rules: [
            { ResourceType: 'collection', Resource: [collectionResource], Permission: ['aoss:DescribeCollectionItems', 'aoss:CreateCollectionItems', 'aoss:UpdateCollectionItems'] },
            { ResourceType: 'index', Resource: [`index/${props.name}/*`], Permission: ['aoss:CreateIndex', 'aoss:DescribeIndex', 'aoss:UpdateIndex', 'aoss:DeleteIndex'] },
          ],
          Principal: [...props.indexManagerArns],
        },
        {
          Description: 'Bedrock knowledge base: reads and writes vectors',
          Rules: [
            { ResourceType: 'collection', Resource: [collectionResource], Permission: ['aoss:DescribeCollectionItems'] },
            { ResourceType: 'index', Resource: [`index/${props.name}/*`], Permission: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'] },
          ],
          Principal: [...props.readWriteArns],
        },
      ]),
    });

    this.collection = new OpensearchserverlessCollection(this, 'collection', {
      name: props.name,
      type: 'VECTORSEARCH',
      description: `Vector store of the ${props.name} knowledge base`,
      standbyReplicas: standbyReplicas ? 'ENABLED' : 'DISABLED',
      dependsOn: [encryption, network],
    });

    this.index = new CloudControlResource(this, 'index', {
      typeName: 'AWS::OpenSearchServerless::Index',
      desiredState: {
        CollectionEndpoint: this.collection.collectionEndpoint,
        IndexName: indexName,
        Settings: { Index: { Knn: true, KnnAlgoParamEfSearch: 512 } },
        Mappings: {
          Properties: {
            [KB_FIELDS.vector]: {
              Type: 'knn_vector',
              Dimension: props.dimensions,
              Method: { Name: 'hnsw', Engine: 'faiss', SpaceType: 'l2', Parameters: { EfConstruction: 512, M: 16 } },
            },
            [KB_FIELDS.text]: { Type: 'text', Index: true },
            [KB_FIELDS.metadata]: { Type: 'text', Index: false },
          },
        },
      },
      dependsOn: [this.accessPolicy, network],
    });
  }

  get arn(): string {
    return this.collection.arn;
  }
}
