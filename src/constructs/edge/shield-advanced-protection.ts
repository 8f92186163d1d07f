import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { Construct } from 'constructs';

export interface ShieldAdvancedProtectionProps {
  /** Protection name, for example `<system>-prod-external-alb`. */
  readonly name: string;
  /** ARN of the protected resource (an ALB). */
  readonly resourceArn: string;
}

/**
 * AWS Shield Advanced protection of one resource. Needs an active Shield Advanced subscription
 * (about $3,000/month per organization, one-year commitment); build it only when opted in.
 */
export class ShieldAdvancedProtection extends Construct {
  readonly protection: ShieldProtection;

  constructor(scope: Construct, id: string, props: ShieldAdvancedProtectionProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(props.name)) throw new Error(`ShieldAdvancedProtection: name "${props.name}" must be 1-128 letters, digits, _ . -`);
    this.protection = new ShieldProtection(this, 'protection', { name: props.name, resourceArn: props.resourceArn });
  }
}
