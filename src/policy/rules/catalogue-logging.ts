import { COMPLIANT, block, fail, isSet, list, literal } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

/** Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): alarms. */

/**
 * Whether something other than an alarm action consumes the alarm: a Route 53 health check that
 * reads its state (by name), a CodeDeploy deployment group that rolls back on it, or a composite
 * alarm built from it (by reference or by name).
 */
function consumed(alarm: PolicyResource, context: PolicyContext): boolean {
  const name = literal(alarm.body.alarm_name);
  if (context.referrers(alarm).some((r) => ['aws_codedeploy_deployment_group', 'aws_route53_health_check', 'aws_cloudwatch_composite_alarm'].includes(r.resource.type))) return true;
  if (name === undefined) return false;
  if (context.groupResources('aws_route53_health_check').some((h) => h.body.cloudwatch_alarm_name === name)) return true;
  if (context.groupResources('aws_codedeploy_deployment_group').some((g) => list(block(g.body.alarm_configuration)?.alarms).includes(name))) return true;
  return context.groupResources('aws_cloudwatch_composite_alarm').some((c) => String(c.body.alarm_rule ?? '').includes(name));
}

export const CATALOGUE_LOGGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'CW-01',
    title: 'Metric alarms act: actions enabled with an alarm action, or read by a Route 53 health check, CodeDeploy rollback or composite alarm',
    severity: 'low',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_319'] },
    appliesTo: ['aws_cloudwatch_metric_alarm'],
    check(alarm, context) {
      if (alarm.body.actions_enabled === false || alarm.body.actions_enabled === 'false') {
        return fail(alarm, 'actions_enabled', 'is false; the alarm notifies nobody and triggers nothing');
      }
      if (isSet(alarm.body.alarm_actions) || consumed(alarm, context)) return COMPLIANT;
      return fail(alarm, 'alarm_actions', 'is empty and nothing reads the alarm; send it to an alerts topic (in the alarm\'s region) or remove it');
    },
  }),
];
