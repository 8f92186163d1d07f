import { ApplicationinsightsApplication } from '@cdktf/provider-aws/lib/applicationinsights-application';
import { ResourcegroupsGroup } from '@cdktf/provider-aws/lib/resourcegroups-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export interface ApplicationInsightsProps {
  /**
   * Name of the resource group and of the Application Insights application (1-128 letters, digits,
   * `.`, `-`, `_`; not starting with `aws`), for example `<system>-<env>`.
   */
  readonly name: string;
  /**
   * Tags a resource must carry to be part of the application, key -> accepted value(s), for
   * example `{ Project: '<system>', Environment: 'prod' }` (the provider's default tags). A
   * resource matches when it has every key with one of its values.
   */
  readonly tagFilters: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Resource types of the group.
   * @default ['AWS::AllSupported']
   */
  readonly resourceTypes?: readonly string[];
  /**
   * Let Application Insights set up monitoring (alarms, log patterns) of the group's resources it
   * recognises, including those added later.
   * @default true
   */
  readonly autoConfigEnabled?: boolean;
  /**
   * Let Application Insights read CloudWatch Events of the resources (instance terminated, failed
   * deployment, ...) for its problem detection.
   * @default true
   */
  readonly cweMonitorEnabled?: boolean;
  /**
   * Create a Systems Manager OpsCenter OpsItem for every problem detected.
   * @default false
   */
  readonly opsCenterEnabled?: boolean;
  /**
   * SNS topic told about changes of those OpsItems; only with `opsCenterEnabled`.
   * @default - none
   */
  readonly opsItemTopicArn?: string;
}

const NAME = /^[A-Za-z0-9._-]{1,128}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
// Resource Groups allows at most 50 tag filters of at most 20 values each.
const MAX_TAG_FILTERS = 50;
const MAX_TAG_VALUES = 20;

/**
 * CloudWatch Application Insights (the seed's Monitoring and Logging list) over a tag-based resource
 * group: every supported resource carrying the given tags (ECS services, ALBs, RDS, Lambda, ...)
 * joins the application, and Application Insights sets up its recommended monitoring for them and
 * correlates their metrics, logs and events into problems. OpsCenter OpsItems are off by default;
 * alarms of the environment go to the alert topics instead.
 */
export class ApplicationInsights extends Construct {
  readonly group: ResourcegroupsGroup;
  readonly application: ApplicationinsightsApplication;

  constructor(scope: Construct, id: string, props: ApplicationInsightsProps) {
    super(scope, id);
    const where = `ApplicationInsights ${props.name}`;
    const resourceTypes = props.resourceTypes ?? ['AWS::AllSupported'];
    const autoConfigEnabled = props.autoConfigEnabled ?? true;
    const cweMonitorEnabled = props.cweMonitorEnabled ?? true;
    const opsCenterEnabled = props.opsCenterEnabled ?? false;
    const tagFilters = Object.entries(props.tagFilters).map(([key, values]) => ({ Key: key, Values: typeof values === 'string' ? [values] : [...values] }));

    if (!NAME.test(props.name) || /^aws/i.test(props.name)) throw new Error(`${where}: name must be 1-128 letters, digits, ., - or _ and must not start with "aws"`);
    if (tagFilters.length === 0 || tagFilters.length > MAX_TAG_FILTERS) {
      throw new Error(`${where}: tagFilters has ${tagFilters.length} keys; pass 1-${MAX_TAG_FILTERS} (with none the group would hold every resource of the account)`);
    }
    for (const { Key, Values } of tagFilters) {
      if (!TAG_KEY.test(Key) || /^aws:/i.test(Key)) throw new Error(`${where}: tagFilters key "${Key}" is not a tag key you can set (1-128 characters, not aws:)`);
      if (Values.length === 0 || Values.length > MAX_TAG_VALUES) throw new Error(`${where}: tagFilters "${Key}" has ${Values.length} values; pass 1-${MAX_TAG_VALUES}`);
      for (const value of Values) if (!Token.isUnresolved(value) && !TAG_VALUE.test(value)) throw new Error(`${where}: tagFilters "${Key}" value "${value}" is not a tag value`);
    }
    if (resourceTypes.length === 0) throw new Error(`${where}: resourceTypes is empty; use ['AWS::AllSupported'] or list types such as AWS::ECS::Service`);
    for (const type of resourceTypes) {
      if (!/^AWS::(AllSupported|[A-Za-z0-9]+::[A-Za-z0-9]+)$/.test(type)) throw new Error(`${where}: resourceTypes entry "${type}" is not a resource type (AWS::AllSupported or AWS::<service>::<type>)`);
    }
    if (resourceTypes.includes('AWS::AllSupported') && resourceTypes.length > 1) throw new Error(`${where}: resourceTypes lists AWS::AllSupported with other types; AWS::AllSupported already covers them`);
    if (props.opsItemTopicArn !== undefined && !opsCenterEnabled) throw new Error(`${where}: opsItemTopicArn is set but opsCenterEnabled is false; OpsItem notifications need OpsCenter`);

    this.group = new ResourcegroupsGroup(this, 'group', {
      name: props.name,
      // Group descriptions allow only letters, digits, whitespace, . _ and -: no tag listing here.
      description: `Resources of ${props.name} monitored by CloudWatch Application Insights`,
      resourceQuery: { type: 'TAG_FILTERS_1_0', query: JSON.stringify({ ResourceTypeFilters: [...resourceTypes], TagFilters: tagFilters }) },
    });
    this.application = new ApplicationinsightsApplication(this, 'application', {
      resourceGroupName: this.group.name,
      autoConfigEnabled,
      cweMonitorEnabled,
      opsCenterEnabled,
      opsItemSnsTopicArn: props.opsItemTopicArn,
    });
  }

  get arn(): string {
    return this.application.arn;
  }
}
