import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { add, expectCompliant, expectNotApplicable, expectViolation, json, ref, stackOf } from './harness';

const denyTls = (service: string) => ({ Effect: 'Deny', Principal: '*', Action: `${service}:*`, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('LAM-01 runtime', () => {
  it('passes for nodejs22.x', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaFunction, 'fn', { function_name: 'f', runtime: 'nodejs22.x', role: 'arn', handler: 'index.handler' });
    expectCompliant('LAM-01', stack, 'aws_lambda_function.fn');
  });
  it('fails for python3.8', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaFunction, 'fn', { function_name: 'f', runtime: 'python3.8', role: 'arn' });
    expectViolation('LAM-01', stack, 'aws_lambda_function.fn', 'runtime');
  });
});

describe('LAM-02 environment secrets', () => {
  it('passes with pointer variables and a KMS key', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaFunction, 'fn', { function_name: 'f', kms_key_arn: 'arn:kms', environment: { variables: { API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:x', STAGE: 'dev' } } });
    expectCompliant('LAM-02', stack, 'aws_lambda_function.fn');
  });
  it('fails for a literal token and no key', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaFunction, 'fn', { function_name: 'f', environment: { variables: { GITHUB_TOKEN: 'ghp_123' } } });
    expectViolation('LAM-02', stack, 'aws_lambda_function.fn', 'environment.variables.GITHUB_TOKEN');
    expectViolation('LAM-02', stack, 'aws_lambda_function.fn', 'kms_key_arn');
  });
});

describe('LAM-03 permissions', () => {
  it('passes for a service principal with source_arn', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaPermission, 'p', { function_name: 'f', action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', source_arn: 'arn:rule' });
    expectCompliant('LAM-03', stack, 'aws_lambda_permission.p');
  });
  it('fails for "*" and for a service principal without source_arn', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LambdaPermission, 'any', { function_name: 'f', action: 'lambda:InvokeFunction', principal: '*' });
    add(stack, LambdaPermission, 's3', { function_name: 'f', action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com' });
    expectViolation('LAM-03', stack, 'aws_lambda_permission.any', 'principal');
    expectViolation('LAM-03', stack, 'aws_lambda_permission.s3', 'source_arn');
  });
});

describe('LAM-04 operations', () => {
  it('passes with tracing, DLQ, reserved concurrency and 2 AZs', () => {
    const stack = stackOf('bidops-dev-compute');
    const a = add(stack, Subnet, 'a', { availability_zone: 'us-east-1a' });
    const b = add(stack, Subnet, 'b', { availability_zone: 'us-east-1b' });
    add(stack, LambdaFunction, 'fn', { function_name: 'f', tracing_config: { mode: 'Active' }, dead_letter_config: { target_arn: 'arn:sqs' }, reserved_concurrent_executions: 5, vpc_config: { subnet_ids: [ref(a), ref(b)], security_group_ids: ['sg'] } });
    expectCompliant('LAM-04', stack, 'aws_lambda_function.fn');
  });
  it('fails with the defaults in one AZ', () => {
    const stack = stackOf('bidops-dev-compute');
    const a = add(stack, Subnet, 'a', { availability_zone: 'us-east-1a' });
    add(stack, LambdaFunction, 'fn', { function_name: 'f', vpc_config: { subnet_ids: [ref(a)], security_group_ids: ['sg'] } });
    for (const attribute of ['tracing_config.mode', 'dead_letter_config.target_arn', 'reserved_concurrent_executions', 'vpc_config.subnet_ids']) expectViolation('LAM-04', stack, 'aws_lambda_function.fn', attribute);
  });
});

describe('SQS-01..03 queues', () => {
  function queues(good: boolean) {
    const stack = stackOf('bidops-dev-compute');
    const dlq = add(stack, SqsQueue, 'dlq', { name: 'jobs-dlq', kms_master_key_id: 'arn:kms' });
    const queue = add(stack, SqsQueue, 'jobs', good
      ? { name: 'jobs', kms_master_key_id: 'arn:kms', redrive_policy: json({ deadLetterTargetArn: ref(dlq, 'arn'), maxReceiveCount: 5 }) }
      : { name: 'jobs', sqs_managed_sse_enabled: false });
    add(stack, SqsQueuePolicy, 'policy', {
      queue_url: ref(queue, 'url'),
      policy: json({ Statement: good ? [denyTls('sqs'), { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:sns' } } }] : [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }] }),
    });
    return stack;
  }
  it('SQS-01 passes with KMS; fails with SSE turned off', () => {
    expectCompliant('SQS-01', queues(true), 'aws_sqs_queue.jobs');
    expectViolation('SQS-01', queues(false), 'aws_sqs_queue.jobs', 'sqs_managed_sse_enabled');
  });
  it('SQS-02 passes with a redrive policy (DLQ itself n/a); fails without', () => {
    expectCompliant('SQS-02', queues(true), 'aws_sqs_queue.jobs');
    expectNotApplicable('SQS-02', queues(true), 'aws_sqs_queue.dlq');
    expectViolation('SQS-02', queues(false), 'aws_sqs_queue.jobs', 'redrive_policy');
  });
  it('SQS-03 passes with TLS deny and scoped Allow; fails for "*" and no TLS deny', () => {
    expectCompliant('SQS-03', queues(true), 'aws_sqs_queue.jobs');
    expectViolation('SQS-03', queues(false), 'aws_sqs_queue.jobs', 'aws_sqs_queue_policy.policy.policy');
  });
});

describe('SNS-01 topics', () => {
  it('passes with a key and a TLS-only, non-public policy', () => {
    const stack = stackOf('bidops-dev-network');
    const topic = add(stack, SnsTopic, 't', { name: 't', kms_master_key_id: 'arn:kms' });
    add(stack, SnsTopicPolicy, 'p', { arn: ref(topic, 'arn'), policy: json({ Statement: [denyTls('sns'), { Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }] }) });
    expectCompliant('SNS-01', stack, 'aws_sns_topic.t');
  });
  it('fails without key and with a public policy', () => {
    const stack = stackOf('bidops-dev-network');
    const topic = add(stack, SnsTopic, 't', { name: 't' });
    add(stack, SnsTopicPolicy, 'p', { arn: ref(topic, 'arn'), policy: json({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*' }] }) });
    expectViolation('SNS-01', stack, 'aws_sns_topic.t', 'kms_master_key_id');
    expectViolation('SNS-01', stack, 'aws_sns_topic.t', 'aws_sns_topic_policy.p.policy');
  });
});

describe('SFN-01 state machines', () => {
  it('passes with ALL logging, execution data and tracing', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, SfnStateMachine, 'sm', { name: 'x', role_arn: 'r', definition: '{}', logging_configuration: { level: 'ALL', include_execution_data: true, log_destination: 'arn:lg:*' }, tracing_configuration: { enabled: true } });
    expectCompliant('SFN-01', stack, 'aws_sfn_state_machine.sm');
  });
  it('fails with the defaults', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, SfnStateMachine, 'sm', { name: 'x', role_arn: 'r', definition: '{}' });
    for (const attribute of ['logging_configuration.level', 'logging_configuration.include_execution_data', 'tracing_configuration.enabled']) expectViolation('SFN-01', stack, 'aws_sfn_state_machine.sm', attribute);
  });
});

describe('EVB-01 event buses', () => {
  it('passes with a scoped policy and a customer key', () => {
    const stack = stackOf('bidops-dev-ai');
    const bus = add(stack, CloudwatchEventBus, 'bus', { name: 'bidops', kms_key_identifier: 'arn:kms' });
    add(stack, CloudwatchEventBusPolicy, 'p', { event_bus_name: ref(bus, 'name'), policy: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'events:PutEvents', Resource: '*' }] }) });
    expectCompliant('EVB-01', stack, 'aws_cloudwatch_event_bus.bus');
  });
  it('fails without policy and key', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, CloudwatchEventBus, 'bus', { name: 'bidops' });
    expectViolation('EVB-01', stack, 'aws_cloudwatch_event_bus.bus', 'aws_cloudwatch_event_bus_policy');
    expectViolation('EVB-01', stack, 'aws_cloudwatch_event_bus.bus', 'kms_key_identifier');
  });
});

describe('COG-01 password policy', () => {
  it('passes with 12+ characters and every class', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, CognitoUserPool, 'pool', { name: 'p', password_policy: { minimum_length: 12, require_uppercase: true, require_lowercase: true, require_numbers: true, require_symbols: true } });
    expectCompliant('COG-01', stack, 'aws_cognito_user_pool.pool');
  });
  it('fails with the AWS default length 8 and missing classes', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, CognitoUserPool, 'pool', { name: 'p', password_policy: { minimum_length: 8, require_uppercase: true } });
    expectViolation('COG-01', stack, 'aws_cognito_user_pool.pool', 'password_policy.minimum_length');
    expectViolation('COG-01', stack, 'aws_cognito_user_pool.pool', 'password_policy.require_symbols');
  });
});

describe('COG-02 MFA and protection', () => {
  it('passes with MFA ON, ENFORCED threat protection and deletion protection in prod', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, CognitoUserPool, 'pool', { name: 'p', mfa_configuration: 'ON', user_pool_add_ons: { advanced_security_mode: 'ENFORCED' }, deletion_protection: 'ACTIVE' });
    expectCompliant('COG-02', stack, 'aws_cognito_user_pool.pool');
  });
  it('fails with OPTIONAL MFA and no protection in prod', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, CognitoUserPool, 'pool', { name: 'p', mfa_configuration: 'OPTIONAL' });
    for (const attribute of ['mfa_configuration', 'user_pool_add_ons.advanced_security_mode', 'deletion_protection']) expectViolation('COG-02', stack, 'aws_cognito_user_pool.pool', attribute);
  });
});
