import { ELASTICACHE_NODE_TYPES, RDS_INSTANCE_CLASSES, AURORA_INSTANCE_CLASSES, auroraPostgresVersionProblem, bedrockModelProblem, inferenceProfileProblem, instanceTypeProblem } from '../../src/config/aws-catalog';
import { configErrorOf } from '../helpers';
import { partnerConfigError } from '../stacks/partner-mgmt/helpers';

describe('values only AWS would reject, refused from the catalogue', () => {
  test.each([
    ['t3.humongous.search', 'data.search.instanceType = "t3.humongous.search" has no size humongous in family t3 (small, medium)'],
    ['m3.medium.search', 'data.search.instanceType = "m3.medium.search" is not an offered family'],
    ['r7g.large', 'data.search.instanceType = "r7g.large" is not an instance type (<family>.<size>.search)'],
  ])('OpenSearch instance type %s', (type, message) => {
    expect(configErrorOf((c) => (c.data.search.instanceType = type))).toContain(message);
  });

  test('an OpenSearch version that does not exist names the nearest one', () => {
    expect(configErrorOf((c) => (c.data.search.engineVersion = 'OpenSearch_9.9'))).toContain('data.search.engineVersion = "OpenSearch_9.9" is not an OpenSearch version offered for new domains. Fix: use OpenSearch_');
  });

  test('an Aurora minor newer than any release, and one past support', () => {
    expect(configErrorOf((c) => (c.data.aurora.engineVersion = '16.99'))).toContain('data.aurora.engineVersion = "16.99" is newer than any 16.x release known (16.9); if AWS has released it, add it to src/config/aws-catalog.ts');
    expect(auroraPostgresVersionProblem('11.9')).toContain('is not an offered major version');
    expect(auroraPostgresVersionProblem('14.1')).toContain('is past end of standard support');
    expect(auroraPostgresVersionProblem('16.4')).toBeUndefined();
  });

  test('a Bedrock model ID that does not exist names the nearest one', () => {
    expect(partnerConfigError((c) => (c.ai.modelIds[1] = 'amazon.titan-embed-text-v9:0'))).toContain(
      'ai.modelIds[1] = "amazon.titan-embed-text-v9:0" is not a Bedrock model ID known to src/config/aws-catalog.ts (nearest: amazon.titan-embed-text-v2:0)',
    );
    expect(bedrockModelProblem('titan-embed-text-v9:0')).toContain('nearest: amazon.titan-embed-text-v2:0');
  });

  test('an inference profile needs a geography and a known model', () => {
    expect(inferenceProfileProblem('xx.amazon.nova-premier-v1:0')).toContain('does not start with a geography');
    expect(inferenceProfileProblem('us.amazon.nova-premier-v9:0')).toContain('is not a Bedrock model ID');
    expect(inferenceProfileProblem('us.amazon.nova-premier-v1:0')).toBeUndefined();
  });

  test('instance classes of Aurora, RDS and ElastiCache', () => {
    const db = { prefix: 'db.', suffix: '' };
    expect(instanceTypeProblem('db.r6g.large', AURORA_INSTANCE_CLASSES, db)).toBeUndefined();
    expect(instanceTypeProblem('db.r6g.huge', AURORA_INSTANCE_CLASSES, db)).toBe('has no size huge in family r6g (large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge)');
    expect(instanceTypeProblem('db.t4g.micro', AURORA_INSTANCE_CLASSES, db)).toContain('has no size micro'); // Aurora starts at medium
    expect(instanceTypeProblem('db.t4g.micro', RDS_INSTANCE_CLASSES, db)).toBeUndefined();
    expect(instanceTypeProblem('cache.r7g.large', ELASTICACHE_NODE_TYPES, { prefix: 'cache.', suffix: '' })).toBeUndefined();
    expect(instanceTypeProblem('cache.m3.medium', ELASTICACHE_NODE_TYPES, { prefix: 'cache.', suffix: '' })).toContain('is not an offered family');
  });
});
