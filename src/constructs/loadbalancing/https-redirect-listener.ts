import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Construct } from 'constructs';

export interface HttpsRedirectListenerProps {
  readonly loadBalancerArn: string;
  /**
   * @default 80
   */
  readonly port?: number;
  /**
   * @default 443
   */
  readonly httpsPort?: number;
}

/** A plain-HTTP listener whose only action is a permanent (301) redirect to HTTPS (LB-01). */
export class HttpsRedirectListener extends Construct {
  readonly listener: LbListener;

  constructor(scope: Construct, id: string, props: HttpsRedirectListenerProps) {
    super(scope, id);
    const port = props.port ?? 80;
    const httpsPort = props.httpsPort ?? 443;
    if (port === httpsPort) throw new Error(`HttpsRedirectListener ${id}: port ${port} equals httpsPort; the redirect would loop`);
    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: props.loadBalancerArn,
      protocol: 'HTTP',
      port,
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: String(httpsPort), statusCode: 'HTTP_301' } }],
    });
  }
}
