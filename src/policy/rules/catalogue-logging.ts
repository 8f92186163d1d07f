import { COMPLIANT, block, fail, isSet, list, literal } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

/** Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): alarms. */

/**
 * Whether something other than an alarm action consumes the alarm: a composite alarm built from it
 * (by reference or by name) and, unless `compositeOnly`, a Route 53 health check that reads its
 * state (by name) or a CodeDeploy deployment group that rolls back on it.
 */
function consumed(alarm: PolicyResource, context: PolicyContext, compositeOnly: boolean): boolean {
  const name = literal(alarm.body.alarm_name);
  const readers = compositeOnly ? ['aws_cloudwatch_composite_alarm'] : ['aws_codedeploy_deployment_group', 'aws_route53_health_check', 'aws_cloudwatch_composite_alarm'];
  if (context.referrers(alarm).some((r) => readers.includes(r.resource.type))) return true;
  if (name === undefined) return false;
  if (!compositeOnly && context.groupResources('aws_route53_health_check').some((h) => h.body.cloudwatch_alarm_name === name)) return true;
  if (!compositeOnly && context.groupResources('aws_codedeploy_deployment_group').some((g) => list(block(g.body.alarm_configuration)?.alarms).includes(name))) return true;
  return context.groupResources('aws_cloudwatch_composite_alarm').some((c) => String(c.body.alarm_rule ?? '').includes(name));
}

export const CATALOGUE_LOGGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'CW-01',
    title: 'Metric alarms act: actions enabled with an alarm action, or read by a composite alarm (outside prod also by a Route 53 health check or CodeDeploy rollback)',
    severity: 'low',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_319'] },
    appliesTo: ['aws_cloudwatch_metric_alarm'],
    check(alarm, context) {
      if (alarm.body.actions_enabled === false || alarm.body.actions_enabled === 'false') {
        return fail(alarm, 'actions_enabled', 'is false; the alarm notifies nobody and triggers nothing');
      }
      if (isSet(alarm.body.alarm_actions)) return COMPLIANT;
      // In prod a failover or a rollback the alarm drives must also reach someone.
      const prod = context.stack.isProd;
      if (consumed(alarm, context, prod)) return COMPLIANT;
      if (prod && consumed(alarm, context, false)) {
        return fail(alarm, 'alarm_actions', 'is empty: in prod the failover or rollback this alarm drives must page too; send it to an alerts topic in the alarm\'s region');
      }
      return fail(alarm, 'alarm_actions', 'is empty and nothing reads the alarm; send it to an alerts topic (in the alarm\'s region) or remove it');
    },
  }),
];
