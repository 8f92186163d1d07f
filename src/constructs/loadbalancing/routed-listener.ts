import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { Construct } from 'constructs';

/** TLS 1.3 + 1.2 only (LB-02). */
export const TLS13_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export type ListenerRuleAction =
  | { readonly forwardTo: string }
  | { readonly fixedResponse: { readonly statusCode: string; readonly body: string; readonly contentType?: 'text/plain' | 'application/json' } };

export interface ListenerRoute {
  readonly priority: number;
  /**
   * Host headers the rule matches.
   * @default - any host
   */
  readonly hostHeaders?: string[];
  /**
   * Path patterns the rule matches.
   * @default - any path
   */
  readonly pathPatterns?: string[];
  readonly action: ListenerRuleAction;
}

export interface RoutedListenerProps {
  readonly loadBalancerArn: string;
  /** `HTTPS` for internet traffic; `HTTP` only inside the VPC. */
  readonly protocol: 'HTTPS' | 'HTTP';
  readonly port: number;
  /**
   * ACM certificate (required for HTTPS).
   * @default - none (HTTP)
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of an HTTPS listener.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06'
   */
  readonly sslPolicy?: string;
  /** Rules in priority order; anything unmatched gets a fixed 404. */
  readonly routes: readonly ListenerRoute[];
}

/**
 * A listener whose default action is a fixed 404 and whose traffic is routed by host/path rules to
 * target groups or fixed responses. HTTPS listeners use a TLS 1.2+ policy.
 */
export class RoutedListener extends Construct {
  readonly listener: LbListener;
  readonly rules: LbListenerRule[];

  constructor(scope: Construct, id: string, props: RoutedListenerProps) {
    super(scope, id);
    const sslPolicy = props.sslPolicy ?? TLS13_SSL_POLICY;
    if (props.protocol === 'HTTPS' && !props.certificateArn) throw new Error(`RoutedListener ${id}: an HTTPS listener needs certificateArn`);
    if (props.protocol === 'HTTP' && props.certificateArn) throw new Error(`RoutedListener ${id}: certificateArn is set on an HTTP listener; use HTTPS`);
    if (props.protocol === 'HTTPS' && !/^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/.test(sslPolicy)) {
      throw new Error(`RoutedListener ${id}: sslPolicy ${sslPolicy} allows TLS below 1.2; use ${TLS13_SSL_POLICY}`);
    }
    const priorities = props.routes.map((r) => r.priority);
    if (new Set(priorities).size !== priorities.length) throw new Error(`RoutedListener ${id}: route priorities [${priorities.join(', ')}] repeat`);
    for (const route of props.routes) {
      if (!(Number.isInteger(route.priority) && route.priority >= 1 && route.priority <= 50000)) throw new Error(`RoutedListener ${id}: priority ${route.priority} is outside 1-50000`);
      if (!route.hostHeaders?.length && !route.pathPatterns?.length) throw new Error(`RoutedListener ${id}: route ${route.priority} has no host or path condition`);
    }

    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: props.loadBalancerArn,
      protocol: props.protocol,
      port: props.port,
      ...(props.protocol === 'HTTPS' ? { certificateArn: props.certificateArn, sslPolicy } : {}),
      defaultAction: [{ type: 'fixed-response', fixedResponse: { statusCode: '404', contentType: 'text/plain', messageBody: 'Not Found' } }],
    });
    this.rules = props.routes.map(
      (route) =>
        new LbListenerRule(this, `rule-${route.priority}`, {
          listenerArn: this.listener.arn,
          priority: route.priority,
          condition: [
            ...(route.hostHeaders?.length ? [{ hostHeader: { values: route.hostHeaders } }] : []),
            ...(route.pathPatterns?.length ? [{ pathPattern: { values: route.pathPatterns } }] : []),
          ],
          action: [
            'forwardTo' in route.action
              ? { type: 'forward', targetGroupArn: route.action.forwardTo }
              : {
                  type: 'fixed-response',
                  fixedResponse: { statusCode: route.action.fixedResponse.statusCode, contentType: route.action.fixedResponse.contentType ?? 'text/plain', messageBody: route.action.fixedResponse.body },
                },
          ],
        }),
    );
  }

  get arn(): string {
    return this.listener.arn;
  }
}
