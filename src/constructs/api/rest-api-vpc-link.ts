import { ApiGatewayVpcLink } from '@cdktf/provider-aws/lib/api-gateway-vpc-link';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

export interface RestApiAlbLinkProps extends ProviderScopedProps {
  /**
   * Name of the NLB and the VPC link (1-32 letters, digits or dashes, not starting with `internal-`),
   * for example `<system>-<env>-api-link`.
   */
  readonly name: string;
  /** VPC of the NLB and the ALB (ALB-type target groups need it). */
  readonly vpcId: string;
  /** Private subnets of the NLB, in the AZs the ALB uses (2+). */
  readonly subnetIds: string[];
  /**
   * Security groups of the NLB (at least one: an NLB created without groups can never get one). Its
   * egress must reach the ALB on 443 (traffic and health checks), and the ALB's group must admit 443
   * from it. No rule from 0.0.0.0/0 is needed: see `enforceSecurityGroupOnPrivateLinkTraffic`.
   */
  readonly securityGroupIds: string[];
  /** ARN of the internal ALB (`...:loadbalancer/app/...`) the NLB forwards to. It must listen on 443. */
  readonly albArn: string;
  /**
   * Bucket and prefix of the NLB's access logs. NLBs log TLS listeners only, so this TCP pass-through
   * writes no entries (the ALB's own access logs record the requests); it is on so a TLS listener
   * added later logs, and for LB-04. An SSE-KMS bucket's key must admit `delivery.logs.amazonaws.com`.
   */
  readonly accessLogs: { readonly bucket: string; readonly prefix: string };
  /**
   * Deletion protection of the NLB (LB-06 asks for it in prod).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Name of the ALB-type target group (1-32 letters, digits or dashes).
   * @default `${name}-alb`
   */
  readonly targetGroupName?: string;
  /**
   * Path of the NLB's HTTPS health check against the ALB (answered by the ALB's listener rules).
   * @default '/'
   */
  readonly healthCheckPath?: string;
  /**
   * Evaluate the NLB's inbound rules on PrivateLink traffic. A REST API's VPC link reaches the NLB
   * over PrivateLink from API Gateway's own addresses, which no security group rule can name, so the
   * default turns the evaluation off: the inbound rules then govern in-VPC clients only, and the VPC
   * link (this account's APIs only) governs API Gateway's path.
   * @default false
   */
  readonly enforceSecurityGroupOnPrivateLinkTraffic?: boolean;
  /**
   * Resources the ALB registration must wait for, typically the ALB's 443 listener when it is in the
   * same stack (an ALB registers in an ALB-type target group only once it listens on the port).
   * @default []
   */
  readonly albDependencies?: readonly ITerraformDependable[];
  /**
   * Description of the VPC link.
   * @default `REST API private integration through NLB ${name} to the internal ALB`
   */
  readonly description?: string;
}

const LB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const ALB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[^/]+\/[0-9a-f]+$/;
const PORT = 443;

/**
 * A REST API (v1) private integration with an internal ALB. A REST API's VPC link can only target
 * Network Load Balancers (HTTP APIs' v2 links reach ALBs directly), so this puts an internal NLB in
 * front of the ALB: cross-zone on, access logs, deletion protection, the caller's security groups, a
 * TCP 443 listener forwarding to a target group of type `alb` whose one target is the ALB on 443.
 * TCP pass-through keeps TLS end to end and the ALB's listener rules (paths, hosts, health routes)
 * in charge, so routing lives in one place. `aws_api_gateway_vpc_link` then targets the NLB.
 *
 * Integrate a method with `connection_type = VPC_LINK`, `connection_id = vpcLinkId`, type
 * HTTP_PROXY and a `https://<host>/...` URI whose host the ALB's certificate covers: API Gateway
 * sends that host as SNI and verifies the certificate; the NLB DNS name (`nlbDnsName`) works only
 * if the certificate covers it. This replaces the seed's "API Gateway security group": a regional
 * REST API has no ENIs to put a group on.
 */
export class RestApiAlbLink extends Construct {
  readonly nlb: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly listener: LbListener;
  readonly albAttachment: LbTargetGroupAttachment;
  readonly vpcLink: ApiGatewayVpcLink;

  constructor(scope: Construct, id: string, props: RestApiAlbLinkProps) {
    super(scope, id);
    const label = `RestApiAlbLink ${props.name}`;
    const deletionProtection = props.deletionProtection ?? true;
    const targetGroupName = props.targetGroupName ?? `${props.name}-alb`;
    const healthCheckPath = props.healthCheckPath ?? '/';
    const enforceOnPrivateLink = props.enforceSecurityGroupOnPrivateLinkTraffic ?? false;
    const albDependencies = props.albDependencies ?? [];
    const description = props.description ?? `REST API private integration through NLB ${props.name} to the internal ALB`;

    for (const [field, name] of [['name', props.name], ['targetGroupName', targetGroupName]] as const) {
      if (!LB_NAME.test(name) || name.startsWith('internal-')) {
        throw new Error(`${label}: ${field} "${name}" is not 1-32 letters, digits or dashes (no leading internal-, no dash at either end); shorten or rename it`);
      }
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
      throw new Error(`${label}: ${props.subnetIds.length} subnet(s); give private subnets in at least two AZs (those of the ALB)`);
    }
    if (!Token.isUnresolved(props.securityGroupIds) && props.securityGroupIds.length === 0) {
      throw new Error(`${label}: securityGroupIds is empty; an NLB created without security groups can never get one, give at least one`);
    }
    if (!Token.isUnresolved(props.albArn) && !ALB_ARN.test(props.albArn)) {
      const kind = props.albArn.includes(':loadbalancer/net/') ? 'a Network Load Balancer' : 'not an Application Load Balancer ARN';
      throw new Error(`${label}: albArn "${props.albArn}" is ${kind}; give the internal ALB's ARN (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>)`);
    }
    if (!props.accessLogs.bucket) throw new Error(`${label}: accessLogs.bucket is empty; give the load balancer log bucket (LB-04)`);
    if (!healthCheckPath.startsWith('/') || healthCheckPath.length > 1024) throw new Error(`${label}: healthCheckPath "${healthCheckPath}" must start with / (at most 1024 characters)`);

    this.nlb = new Lb(this, 'nlb', {
      name: props.name,
      loadBalancerType: 'network',
      internal: true,
      ipAddressType: 'ipv4',
      subnets: props.subnetIds,
      securityGroups: props.securityGroupIds,
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: enforceOnPrivateLink ? 'on' : 'off',
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: deletionProtection,
      accessLogs: { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix, enabled: true },
    });

    this.targetGroup = new LbTargetGroup(this, 'alb-target-group', {
      name: targetGroupName,
      targetType: 'alb',
      protocol: 'TCP',
      port: PORT,
      vpcId: props.vpcId,
      // ALB targets are health-checked over HTTP(S); HTTPS on the listener port exercises TLS too.
      healthCheck: { enabled: true, protocol: 'HTTPS', port: 'traffic-port', path: healthCheckPath, matcher: '200-399', interval: 30, healthyThreshold: 3, unhealthyThreshold: 3 },
    });

    this.albAttachment = new LbTargetGroupAttachment(this, 'alb-attachment', {
      targetGroupArn: this.targetGroup.arn,
      targetId: props.albArn,
      port: PORT,
      dependsOn: albDependencies.length > 0 ? [...albDependencies] : undefined,
    });

    this.listener = new LbListener(this, 'listener', {
      loadBalancerArn: this.nlb.arn,
      port: PORT,
      protocol: 'TCP',
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });

    this.vpcLink = new ApiGatewayVpcLink(this, 'vpc-link', {
      name: props.name,
      description,
      targetArns: [this.nlb.arn],
    });

    useProvider(this, props.provider);
  }

  /** ID of the VPC link: `connection_id` of the REST API's VPC_LINK integrations. */
  get vpcLinkId(): string {
    return this.vpcLink.id;
  }

  get nlbDnsName(): string {
    return this.nlb.dnsName;
  }

  get nlbArn(): string {
    return this.nlb.arn;
  }

  get targetGroupArn(): string {
    return this.targetGroup.arn;
  }
}
