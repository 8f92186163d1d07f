import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { add, expectCompliant, expectViolation, stackOf } from './harness';

describe('KIN-01 Kinesis stream encryption', () => {
  it('passes with KMS and a customer-managed key', () => {
    const stack = stackOf('bird-agent-prod-compute');
    add(stack, KinesisStream, 's', { name: 's', encryption_type: 'KMS', kms_key_id: 'arn:aws:kms:us-east-1:1:key/k' });
    expectCompliant('KIN-01', stack, 'aws_kinesis_stream.s');
  });
  it('fails unencrypted and with the AWS-managed key', () => {
    const stack = stackOf('bird-agent-prod-compute');
    add(stack, KinesisStream, 'plain', { name: 'p' });
    add(stack, KinesisStream, 'managed', { name: 'a', encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' });
    expectViolation('KIN-01', stack, 'aws_kinesis_stream.plain', 'encryption_type');
    expectViolation('KIN-01', stack, 'aws_kinesis_stream.managed', 'kms_key_id');
  });
});
