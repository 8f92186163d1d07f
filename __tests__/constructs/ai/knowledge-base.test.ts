import { Testing } from 'cdktf';
import { KnowledgeBase, KnowledgeBaseProps } from '../../../src/constructs/ai/knowledge-base';
import { KnowledgeBaseSync, START_INGESTION_TARGET } from '../../../src/constructs/ai/knowledge-base-sync';
import { Json, onlyResource, parsed, resourcesOf } from '../../helpers';

const ACCOUNT = '222222222222';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const BUCKET = 'arn:aws:s3:::bidops-dev-knowledge-base-222222222222';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/terraform-deployer`;
const BASE: KnowledgeBaseProps = {
  name: 'bidops-dev-kb',
  description: 'test',
  accountId: ACCOUNT,
  region: 'us-east-1',
  embeddingModelId: 'amazon.titan-embed-text-v2:0',
  embeddingDimensions: 1024,
  sourceBucketArn: BUCKET,
  kmsKeyArn: KEY,
  chunkMaxTokens: 512,
  chunkOverlapPercentage: 20,
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  securityGroupIds: ['sg-0123456789abcdef0'],
  indexManagerArns: [DEPLOYER],
};

function synth(props: Partial<KnowledgeBaseProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => new KnowledgeBase(scope, 'kb', { ...BASE, ...props })));
}
const policyOf = (json: Json, type: string) => Object.fromEntries(resourcesOf(json, 'aws_opensearchserverless_security_policy').filter(([, p]) => p.type === type).map(([, p]) => [p.name, parsed(p.policy)]));

describe('KnowledgeBase', () => {
  test('Titan v2 embeddings (1024 dimensions) over an OpenSearch Serverless collection with the Bedrock field mapping', () => {
    const json = synth();
    const kb = onlyResource(json, 'aws_bedrockagent_knowledge_base');
    const [collectionName] = Object.keys(json.resource.aws_opensearchserverless_collection);
    const vector = kb.knowledge_base_configuration[0].vector_knowledge_base_configuration[0];
    expect(vector.embedding_model_arn).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0');
    expect(vector.embedding_model_configuration[0].bedrock_embedding_model_configuration[0].dimensions).toBe(1024);
    expect(kb.storage_configuration[0]).toEqual({
      type: 'OPENSEARCH_SERVERLESS',
      opensearch_serverless_configuration: [{
        collection_arn: `\${aws_opensearchserverless_collection.${collectionName}.arn}`,
        vector_index_name: 'bedrock-knowledge-base-index',
        field_mapping: [{ vector_field: 'bedrock-knowledge-base-default-vector', text_field: 'AMAZON_BEDROCK_TEXT_CHUNK', metadata_field: 'AMAZON_BEDROCK_METADATA' }],
      }],
    });
  });

  test('the vector index exists before the KB: created through Cloud Control with a schema, mapping a 1024-d faiss vector', () => {
    const json = synth();
    const [[indexName, index]] = resourcesOf(json, 'aws_cloudcontrolapi_resource');
    expect(index.type_name).toBe('AWS::OpenSearchServerless::Index');
    expect(parsed(index.schema).typeName).toBe('AWS::OpenSearchServerless::Index');
    const state = parsed(index.desired_state);
    expect(state.Mappings.Properties['bedrock-knowledge-base-default-vector']).toMatchObject({ Type: 'knn_vector', Dimension: 1024, Method: { Name: 'hnsw', Engine: 'faiss' } });
    expect(state.Settings.Index.Knn).toBe(true);
    expect(onlyResource(json, 'aws_bedrockagent_knowledge_base').depends_on).toContain(`aws_cloudcontrolapi_resource.${indexName}`);
  });

  test('collection: KMS encryption policy with the data key, no public network access, VECTORSEARCH', () => {
    const json = synth({ standbyReplicas: false });
    expect(onlyResource(json, 'aws_opensearchserverless_collection')).toMatchObject({ name: 'bidops-dev-kb', type: 'VECTORSEARCH', standby_replicas: 'DISABLED' });
    expect(policyOf(json, 'encryption')['bidops-dev-kb-enc']).toEqual({ Rules: [{ ResourceType: 'collection', Resource: ['collection/bidops-dev-kb'] }], AWSOwnedKey: false, KmsARN: KEY });
    const [network] = policyOf(json, 'network')['bidops-dev-kb-net'];
    expect(network.AllowFromPublic).toBe(false);
    expect(network.SourceServices).toEqual(['bedrock.amazonaws.com']);
    expect(network.SourceVPCEs).toHaveLength(1);
    expect(onlyResource(json, 'aws_opensearchserverless_vpc_endpoint').subnet_ids).toEqual(BASE.subnetIds);
  });

  test('data-access policy: the deployer manages the index, only the KB role reads and writes documents', () => {
    const access = parsed(onlyResource(synth(), 'aws_opensearchserverless_access_policy').policy);
    expect(access).toHaveLength(2);
    expect(access[0].Principal).toEqual([DEPLOYER]);
    expect(access[1].Principal).toEqual([`arn:aws:iam::${ACCOUNT}:role/bidops-dev-kb-role`]);
    expect(access[1].Rules[1].Permission).toEqual(['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument']);
  });

  test('service role: trust bedrock with SourceAccount/SourceArn; permissions scoped to the bucket, the model, the collection, the key', () => {
    const json = synth();
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('bidops-dev-kb-role');
    expect(parsed(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'bedrock.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:knowledge-base/*` } },
    });
    const statements = parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    const [collectionName] = Object.keys(json.resource.aws_opensearchserverless_collection);
    expect(Object.fromEntries(statements.map((s: Json) => [s.Sid, s.Resource]))).toEqual({
      EmbedWithTheConfiguredModel: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0',
      UseTheVectorCollection: `\${aws_opensearchserverless_collection.${collectionName}.arn}`,
      ListTheSourceBucket: BUCKET,
      ReadTheSourceDocuments: [`${BUCKET}/*`],
      UseTheDataKey: KEY,
    });
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  test('S3 data source: SSE with the data key, fixed-size chunking, vectors retained when asked', () => {
    const ds = onlyResource(synth({ retainVectorsOnDelete: true, chunkMaxTokens: 300, chunkOverlapPercentage: 10 }), 'aws_bedrockagent_data_source');
    expect(ds.data_source_configuration[0]).toEqual({ type: 'S3', s3_configuration: [{ bucket_arn: BUCKET, bucket_owner_account_id: ACCOUNT }] });
    expect(ds.server_side_encryption_configuration).toEqual([{ kms_key_arn: KEY }]);
    expect(ds.vector_ingestion_configuration[0].chunking_configuration[0]).toEqual({ chunking_strategy: 'FIXED_SIZE', fixed_size_chunking_configuration: [{ max_tokens: 300, overlap_percentage: 10 }] });
    expect(ds.data_deletion_policy).toBe('RETAIN');
  });

  test('rejects bad names, chunking and a missing index manager', () => {
    expect(() => synth({ name: 'BidOps_KB' })).toThrow(/3-28 lower-case/);
    expect(() => synth({ chunkMaxTokens: 10 })).toThrow(/20-8192/);
    expect(() => synth({ indexManagerArns: [] })).toThrow(/name the role that runs Terraform/);
  });
});

describe('KnowledgeBaseSync', () => {
  const KB_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:knowledge-base/ABCDEFGHIJ`;
  const synthSync = (expression?: string): Json => JSON.parse(Testing.synthScope((scope) => new KnowledgeBaseSync(scope, 'sync', {
    name: 'bidops-dev-kb-sync', accountId: ACCOUNT, region: 'us-east-1', knowledgeBaseId: 'ABCDEFGHIJ', knowledgeBaseArn: KB_ARN, dataSourceId: 'KLMNOPQRST', scheduleExpression: expression,
  })));

  test('daily cron with the StartIngestionJob universal target; the role may only start ingestion of that KB', () => {
    const json = synthSync();
    const schedule = onlyResource(json, 'aws_scheduler_schedule');
    expect(schedule.schedule_expression).toBe('cron(0 3 * * ? *)');
    expect(schedule.target.arn).toBe(START_INGESTION_TARGET);
    expect(parsed(schedule.target.input)).toEqual({ KnowledgeBaseId: 'ABCDEFGHIJ', DataSourceId: 'KLMNOPQRST' });
    expect(parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement).toEqual([
      { Sid: 'StartIngestionOfThisKnowledgeBase', Effect: 'Allow', Action: 'bedrock:StartIngestionJob', Resource: KB_ARN },
    ]);
    expect(parsed(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/bidops-dev-kb-sync` },
    });
  });

  test('rejects an expression that is not cron() or rate()', () => {
    expect(() => synthSync('daily')).toThrow(/not a cron\(\) or rate\(\) expression/);
  });
});
