import { TerraformStack, Testing } from 'cdktf';
import { ApplicationInsights, ApplicationInsightsProps } from '../../../src/constructs/observability/application-insights';
import { Json, onlyResource, synthJson } from '../../helpers';

function synth(change: Partial<ApplicationInsightsProps> = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  new ApplicationInsights(stack, 'insights', { name: 'lp-prod', tagFilters: { Project: 'lang-portal', Environment: 'prod' }, ...change });
  return synthJson(stack);
}

describe('ApplicationInsights', () => {
  test('a tag-based resource group over every supported type, with both tags required', () => {
    const group = onlyResource(synth(), 'aws_resourcegroups_group');
    expect(group.name).toBe('lp-prod');
    expect(group.description).toMatch(/^[\sa-zA-Z0-9_.-]+$/);
    expect(group.resource_query.type).toBe('TAG_FILTERS_1_0');
    expect(JSON.parse(group.resource_query.query)).toEqual({
      ResourceTypeFilters: ['AWS::AllSupported'],
      TagFilters: [
        { Key: 'Project', Values: ['lang-portal'] },
        { Key: 'Environment', Values: ['prod'] },
      ],
    });
  });

  test('the application on the group: auto configuration and CloudWatch Events monitoring on, OpsCenter off', () => {
    expect(onlyResource(synth(), 'aws_applicationinsights_application')).toEqual({
      resource_group_name: expect.stringMatching(/^\$\{aws_resourcegroups_group\.\S+\.name\}$/),
      auto_config_enabled: true,
      cwe_monitor_enabled: true,
      ops_center_enabled: false,
    });
  });

  test('OpsCenter with a topic, several values of a tag, listed resource types', () => {
    const topic = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';
    const json = synth({ opsCenterEnabled: true, opsItemTopicArn: topic, tagFilters: { Project: ['lang-portal', 'haiku'] }, resourceTypes: ['AWS::ECS::Service', 'AWS::RDS::DBCluster'], autoConfigEnabled: false });
    expect(onlyResource(json, 'aws_applicationinsights_application')).toMatchObject({ ops_center_enabled: true, ops_item_sns_topic_arn: topic, auto_config_enabled: false });
    expect(JSON.parse(onlyResource(json, 'aws_resourcegroups_group').resource_query.query)).toEqual({
      ResourceTypeFilters: ['AWS::ECS::Service', 'AWS::RDS::DBCluster'],
      TagFilters: [{ Key: 'Project', Values: ['lang-portal', 'haiku'] }],
    });
  });

  test('bad props are rejected, naming the application', () => {
    const reject = (change: Partial<ApplicationInsightsProps>, message: RegExp) => expect(() => synth(change)).toThrow(message);
    reject({ tagFilters: {} }, /^ApplicationInsights lp-prod: tagFilters has 0 keys; pass 1-50 \(with none the group would hold every resource of the account\)/);
    reject({ name: 'aws-lp' }, /name must be 1-128 letters, digits, ., - or _ and must not start with "aws"/);
    reject({ name: 'lp prod' }, /name must be 1-128 letters/);
    reject({ tagFilters: { 'aws:cloudformation:stack-name': 'x' } }, /tagFilters key "aws:cloudformation:stack-name" is not a tag key you can set/);
    reject({ tagFilters: { Project: [] } }, /tagFilters "Project" has 0 values; pass 1-20/);
    reject({ resourceTypes: ['ECS::Service'] }, /resourceTypes entry "ECS::Service" is not a resource type/);
    reject({ resourceTypes: ['AWS::AllSupported', 'AWS::ECS::Service'] }, /lists AWS::AllSupported with other types/);
    reject({ resourceTypes: [] }, /resourceTypes is empty/);
    reject({ opsItemTopicArn: 'arn:aws:sns:us-east-1:111122223333:t' }, /opsItemTopicArn is set but opsCenterEnabled is false/);
  });
});
