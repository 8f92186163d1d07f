import {
  COMPLIANT,
  NOT_APPLICABLE,
  block,
  collector,
  deniesInsecureTransport,
  fail,
  flag,
  isRef,
  isSet,
  isWildcardPrincipal,
  literal,
  statements,
  unconditionedPublicAllow,
  verdict,
} from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const QUEUE = 'aws_sqs_queue';
const TOPIC = 'aws_sns_topic';

/** Policy documents of a queue/topic: inline `policy` plus policy resources referring to it. */
function resourcePolicies(resource: PolicyResource, context: PolicyContext, policyType: string, attribute: string): { document: any; attribute: string; unknown: boolean }[] {
  const out = context.referrers(resource, policyType, attribute).map((r) => ({
    document: r.resource.json('policy'),
    attribute: `${r.resource.address}.policy`,
    unknown: r.resource.json('policy') === undefined && isRef(r.resource.body.policy),
  }));
  if (resource.body.policy !== undefined) out.push({ document: resource.json('policy'), attribute: 'policy', unknown: resource.json('policy') === undefined });
  return out;
}

/** A queue is a DLQ when another queue's redrive policy targets it, or it sets a redrive-allow policy. */
function isDeadLetterQueue(queue: PolicyResource, context: PolicyContext): boolean {
  if (isSet(queue.body.redrive_allow_policy) || context.referrers(queue, 'aws_sqs_queue_redrive_allow_policy').length > 0) return true;
  if (context.referrers(queue, QUEUE, 'redrive_policy').length > 0 || context.referrers(queue, 'aws_sqs_queue_redrive_policy', 'redrive_policy').length > 0) return true;
  return /(dlq|dead-?letter)/i.test(String(literal(queue.body.name) ?? literal(queue.body.name_prefix) ?? ''));
}

export const MESSAGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'SQS-01',
    title: 'SQS server-side encryption',
    severity: 'medium',
    pack: 'messaging',
    mappings: { checkov: ['CKV_AWS_27', 'CKV2_AWS_73'], trivy: ['AVD-AWS-0096', 'AVD-AWS-0135'], cdkNag: ['AwsSolutions-SQS2'], fsbp: ['SQS.1'] },
    appliesTo: [QUEUE],
    check(queue) {
      // Absent sqs_managed_sse_enabled takes AWS's default (SSE-SQS on for new queues).
      if (isSet(queue.body.kms_master_key_id) || flag(queue.body.sqs_managed_sse_enabled, true)) return COMPLIANT;
      return fail(queue, 'sqs_managed_sse_enabled', 'is false and no kms_master_key_id is set; encrypt the queue');
    },
  }),
  defineRule({
    id: 'SQS-02',
    title: 'Queues redrive to a DLQ (except DLQs)',
    severity: 'medium',
    pack: 'messaging',
    mappings: { cdkNag: ['AwsSolutions-SQS3'] },
    appliesTo: [QUEUE],
    check(queue, context) {
      if (isDeadLetterQueue(queue, context)) return NOT_APPLICABLE;
      const inline = queue.json('redrive_policy');
      if ((inline && isSet(inline.deadLetterTargetArn)) || isRef(queue.body.redrive_policy)) return COMPLIANT;
      if (context.referrers(queue, 'aws_sqs_queue_redrive_policy', 'queue_url').length > 0) return COMPLIANT;
      return fail(queue, 'redrive_policy', 'is not set; send failed messages to a dead-letter queue');
    },
  }),
  defineRule({
    id: 'SQS-03',
    title: 'Queue policy denies non-TLS; no "*" principal or action',
    severity: 'medium',
    pack: 'messaging',
    mappings: { checkov: ['CKV_AWS_72', 'CKV_AWS_168', 'CKV_AWS_387'], trivy: ['AVD-AWS-0097'], cdkNag: ['AwsSolutions-SQS4'], fsbp: ['SQS.3'] },
    appliesTo: [QUEUE],
    check(queue, context) {
      const policies = resourcePolicies(queue, context, 'aws_sqs_queue_policy', 'queue_url');
      if (policies.length === 0) return fail(queue, 'aws_sqs_queue_policy', 'is missing; add a policy denying aws:SecureTransport = false');
      if (policies.some((p) => p.unknown)) return COMPLIANT;
      const c = collector();
      c.expect(policies.some((p) => deniesInsecureTransport(p.document)), policies[0].attribute, 'does not deny aws:SecureTransport = false');
      for (const p of policies) {
        const bad = statements(p.document).find((s) => s.Effect === 'Allow' && ((isWildcardPrincipal(s.Principal) && !s.Condition) || s.Action.some((a) => a === '*' || a === 'sqs:*')));
        c.expect(!bad, p.attribute, 'allows "*" (principal without condition, or all actions); name principals and actions');
      }
      return verdict(queue, c.problems);
    },
  }),
  defineRule({
    id: 'SNS-01',
    title: 'SNS KMS key; topic policy not public and denies non-TLS',
    severity: 'medium',
    pack: 'messaging',
    mappings: { checkov: ['CKV_AWS_26', 'CKV_AWS_169', 'CKV_AWS_385'], trivy: ['AVD-AWS-0095', 'AVD-AWS-0136'], cdkNag: ['AwsSolutions-SNS3'], fsbp: ['SNS.1', 'SNS.4'] },
    appliesTo: [TOPIC],
    check(topic, context) {
      const c = collector();
      c.expect(isSet(topic.body.kms_master_key_id), 'kms_master_key_id', 'is not set; encrypt the topic with a customer-managed key');
      const policies = resourcePolicies(topic, context, 'aws_sns_topic_policy', 'arn');
      c.expect(policies.length > 0, 'aws_sns_topic_policy', 'is missing; add a policy denying aws:SecureTransport = false');
      if (policies.length > 0 && !policies.some((p) => p.unknown)) {
        c.expect(policies.some((p) => deniesInsecureTransport(p.document)), policies[0].attribute, 'does not deny aws:SecureTransport = false');
        for (const p of policies) c.expect(!unconditionedPublicAllow(p.document), p.attribute, 'allows Principal "*" without a condition; the topic must not be public');
      }
      return verdict(topic, c.problems);
    },
  }),
  defineRule({
    id: 'SFN-01',
    title: 'Step Functions logging ALL with execution data; tracing on',
    severity: 'medium',
    pack: 'messaging',
    mappings: { checkov: ['CKV_AWS_285', 'CKV_AWS_284'], cdkNag: ['AwsSolutions-SF1', 'AwsSolutions-SF2'], fsbp: ['StepFunctions.1'] },
    appliesTo: ['aws_sfn_state_machine'],
    check(machine) {
      const c = collector();
      const logging = block(machine.body.logging_configuration);
      c.expect(logging?.level === 'ALL', 'logging_configuration.level', `is ${logging?.level ?? 'OFF'}; log ALL`);
      c.expect(flag(logging?.include_execution_data, false), 'logging_configuration.include_execution_data', 'is not true; include execution data');
      c.expect(isSet(logging?.log_destination), 'logging_configuration.log_destination', 'is not set; give a log group');
      c.expect(flag(block(machine.body.tracing_configuration)?.enabled, false), 'tracing_configuration.enabled', 'is not true; enable X-Ray tracing');
      return verdict(machine, c.problems);
    },
  }),
  defineRule({
    id: 'EVB-01',
    title: 'Custom event bus: policy with no unconditioned "*"; customer-managed key',
    severity: 'medium',
    pack: 'messaging',
    mappings: { cdkNag: ['AwsSolutions-EVB1'], fsbp: ['EventBridge.3'] },
    appliesTo: ['aws_cloudwatch_event_bus'],
    check(bus, context) {
      if (bus.body.name === 'default') return NOT_APPLICABLE;
      const c = collector();
      const policies = context.referrers(bus, 'aws_cloudwatch_event_bus_policy', 'event_bus_name').map((r) => r.resource);
      c.expect(policies.length > 0, 'aws_cloudwatch_event_bus_policy', 'is missing; attach a resource policy naming who may put events');
      for (const p of policies) c.expect(!unconditionedPublicAllow(p.json('policy')), `${p.address}.policy`, 'allows Principal "*" without a condition');
      c.expect(isSet(bus.body.kms_key_identifier), 'kms_key_identifier', 'is not set; encrypt events with a customer-managed key');
      return verdict(bus, c.problems);
    },
  }),
];
