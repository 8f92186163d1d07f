import { XraySamplingRule } from '@cdktf/provider-aws/lib/xray-sampling-rule';
import { Construct } from 'constructs';

export interface TracingSamplingRuleProps {
  /** Rule name (at most 32 characters), for example `<system>-prod`. */
  readonly ruleName: string;
  /** Service name pattern the rule applies to (`*` wildcards allowed), for example `<system>-prod-*`. */
  readonly serviceName: string;
  /**
   * Lower wins; 1-9999.
   * @default 1000
   */
  readonly priority?: number;
  /**
   * Traced requests per second before the fixed rate applies.
   * @default 1
   */
  readonly reservoirSize?: number;
  /**
   * Fraction of further requests traced.
   * @default 0.05
   */
  readonly fixedRate?: number;
}

/** An X-Ray sampling rule for the system's services (reservoir plus a fixed rate). */
export class TracingSamplingRule extends Construct {
  readonly rule: XraySamplingRule;

  constructor(scope: Construct, id: string, props: TracingSamplingRuleProps) {
    super(scope, id);
    const priority = props.priority ?? 1000;
    const reservoir = props.reservoirSize ?? 1;
    const rate = props.fixedRate ?? 0.05;
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(props.ruleName)) throw new Error(`TracingSamplingRule: ruleName "${props.ruleName}" must be 1-32 letters, digits, - or _`);
    if (!(Number.isInteger(priority) && priority >= 1 && priority <= 9999)) throw new Error(`TracingSamplingRule ${props.ruleName}: priority ${priority} is outside 1-9999`);
    if (!(rate >= 0 && rate <= 1)) throw new Error(`TracingSamplingRule ${props.ruleName}: fixedRate ${rate} is outside 0-1`);
    if (!(Number.isInteger(reservoir) && reservoir >= 0)) throw new Error(`TracingSamplingRule ${props.ruleName}: reservoirSize ${reservoir} must be a whole number >= 0`);
    this.rule = new XraySamplingRule(this, 'rule', {
      ruleName: props.ruleName,
      priority,
      version: 1,
      reservoirSize: reservoir,
      fixedRate: rate,
      urlPath: '*',
      host: '*',
      httpMethod: '*',
      serviceType: '*',
      serviceName: props.serviceName,
      resourceArn: '*',
    });
  }
}
