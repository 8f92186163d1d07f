import { Testing } from 'cdktf';
import { ImageScanAlerts } from '../../../src/constructs/registry/image-scan-alerts';
import { Json, resourcesOf } from '../../helpers';

const props = { namePrefix: 'x-prod', repositoryNames: ['x-prod-frontend', 'x-prod-backend'], criticalTopicArn: 'arn:crit', warningTopicArn: 'arn:warn' };

describe('ImageScanAlerts', () => {
  const json: Json = JSON.parse(Testing.synthScope((scope) => new ImageScanAlerts(scope, 'alerts', props)));
  const rules = Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_event_rule').map(([id, r]) => [r.name, { id, pattern: JSON.parse(r.event_pattern) }]));
  const targetOf = (ruleName: string) => resourcesOf(json, 'aws_cloudwatch_event_target').find(([, t]) => t.rule === `\${aws_cloudwatch_event_rule.${rules[ruleName].id}.name}`)![1];

  test('CRITICAL basic-scan findings of the named repositories go to the critical topic', () => {
    expect(rules['x-prod-ecr-scan-critical'].pattern).toEqual({
      source: ['aws.ecr'],
      'detail-type': ['ECR Image Scan'],
      detail: { 'scan-status': ['COMPLETE'], 'repository-name': props.repositoryNames, 'finding-severity-counts': { CRITICAL: [{ numeric: ['>', 0] }] } },
    });
    expect(targetOf('x-prod-ecr-scan-critical').arn).toBe('arn:crit');
  });

  test('HIGH findings go to the warning topic, for basic and enhanced (Inspector) scans', () => {
    expect(targetOf('x-prod-ecr-scan-high').arn).toBe('arn:warn');
    const inspector = rules['x-prod-inspector-ecr-high'].pattern;
    expect(inspector.source).toEqual(['aws.inspector2']);
    expect(inspector.detail.severity).toEqual(['HIGH']);
    expect(inspector.detail.resources.details.awsEcrContainerImage.repositoryName).toEqual(props.repositoryNames);
    expect(targetOf('x-prod-inspector-ecr-critical').arn).toBe('arn:crit');
  });

  test('needs at least one repository', () => {
    expect(() => Testing.synthScope((scope) => new ImageScanAlerts(scope, 'a', { ...props, repositoryNames: [] }))).toThrow('ImageScanAlerts x-prod: repositoryNames is empty');
  });
});
