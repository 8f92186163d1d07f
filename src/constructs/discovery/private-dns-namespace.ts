import { ServiceDiscoveryPrivateDnsNamespace } from '@cdktf/provider-aws/lib/service-discovery-private-dns-namespace';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** DNS record types a discovery service may publish for ECS tasks (awsvpc). */
export type DiscoveryRecordType = 'A' | 'SRV';

export interface PrivateDnsNamespaceProps extends ProviderScopedProps {
  /** DNS name of the namespace (a private Route 53 zone in the VPC), for example `<system>.internal`. */
  readonly namespaceName: string;
  /** VPC whose resolver answers for the namespace. */
  readonly vpcId: string;
  /**
   * Services registered in the namespace; each resolves as `<service>.<namespaceName>` (DNS labels:
   * 1-63 lowercase letters, digits or `-`).
   */
  readonly services: readonly string[];
  /**
   * Record types by service; services not listed publish `['A']`. `['A', 'SRV']` adds an SRV record
   * with each task's port: API Gateway HTTP API private integrations to Cloud Map need it (they
   * read the instance attributes AWS_INSTANCE_IPV4 and AWS_INSTANCE_PORT, and ECS registers a port
   * only for services with SRV records), while the A record keeps `<service>.<namespaceName>`
   * resolvable for clients in the VPC (ECS allows any mix of A and SRV with awsvpc). The ECS
   * service of an SRV service must register its container name and port
   * (`FargateService.registerContainerPort`).
   * @default {} - A records only
   */
  readonly recordTypes?: Readonly<Record<string, readonly DiscoveryRecordType[]>>;
  /**
   * TTL (seconds) of every service's records. Short, because tasks come and go: a resolver may
   * keep a stopped task's address this long.
   * @default 60
   */
  readonly dnsTtlSeconds?: number;
  /**
   * `MULTIVALUE` answers with up to eight healthy addresses (clients spread over tasks);
   * `WEIGHTED` answers with one address picked at random.
   * @default 'MULTIVALUE'
   */
  readonly routingPolicy?: 'MULTIVALUE' | 'WEIGHTED';
  /**
   * Let ECS report each task's health to Cloud Map (custom health check), so DNS drops tasks that
   * are unhealthy or stopping. Off only for registrations that have no health source.
   * @default true
   */
  readonly ecsHealthStatus?: boolean;
  /**
   * @default `Service discovery for <namespaceName>`
   */
  readonly description?: string;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_TTL_SECONDS = 2147483647;
const RECORD_TYPES: readonly DiscoveryRecordType[] = ['A', 'SRV'];

/** Every service's record types, checked and in a stable order (A, then SRV). */
function resolveRecordTypes(where: string, services: readonly string[], given: Readonly<Record<string, readonly DiscoveryRecordType[]>>): Record<string, DiscoveryRecordType[]> {
  for (const [service, types] of Object.entries(given)) {
    if (!services.includes(service)) throw new Error(`${where}: recordTypes names service ${service}, which is not in services (${services.join(', ')})`);
    const bad = types.filter((t) => !RECORD_TYPES.includes(t));
    if (types.length === 0 || bad.length > 0) throw new Error(`${where}: recordTypes.${service} ${JSON.stringify(types)} must be ['A'], ['SRV'] or ['A', 'SRV']`);
    if (new Set(types).size !== types.length) throw new Error(`${where}: recordTypes.${service} ${JSON.stringify(types)} repeats a type`);
  }
  return Object.fromEntries(services.map((service) => [service, RECORD_TYPES.filter((t) => (given[service] ?? ['A']).includes(t))]));
}

/**
 * A Cloud Map private DNS namespace in a VPC and one discovery service per name, for ECS services
 * that reach each other without a load balancer (`FargateService.serviceRegistryArn`). Each service
 * publishes A records (the awsvpc task addresses), plus SRV records (address and port) where
 * `recordTypes` asks for them, with a short TTL and MULTIVALUE routing, and uses the custom health
 * check that ECS drives from task health.
 *
 * `health_check_custom_config.failure_threshold` is written as 1: AWS no longer supports other
 * values (it always stores 1), and with provider 5.100 an empty block leaves the attribute null
 * against AWS's 1, a diff that forces replacement on every plan. Provider 6.x marks the argument
 * deprecated (a warning only); drop it when moving to a provider that allows the empty block.
 */
export class PrivateDnsNamespace extends Construct {
  readonly namespace: ServiceDiscoveryPrivateDnsNamespace;
  /** The discovery services by name. */
  readonly services: Readonly<Record<string, ServiceDiscoveryService>>;
  /** Discovery service ARNs by name (an ECS service's `service_registries.registry_arn`). */
  readonly serviceArns: Readonly<Record<string, string>>;
  /** Record types each service publishes, A first. */
  readonly recordTypes: Readonly<Record<string, readonly DiscoveryRecordType[]>>;
  readonly namespaceId: string;
  readonly namespaceArn: string;
  /** The namespace's DNS name as given. */
  readonly namespaceName: string;
  /** The private hosted zone Cloud Map created for the namespace. */
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: PrivateDnsNamespaceProps) {
    super(scope, id);
    const ttl = props.dnsTtlSeconds ?? 60;
    const routingPolicy = props.routingPolicy ?? 'MULTIVALUE';
    const ecsHealthStatus = props.ecsHealthStatus ?? true;
    const description = props.description ?? `Service discovery for ${props.namespaceName}`;
    const where = `PrivateDnsNamespace ${props.namespaceName}`;

    const labels = props.namespaceName.split('.');
    if (props.namespaceName.length > 253 || labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) {
      throw new Error(`${where}: namespaceName must be a lowercase DNS name of 2+ labels (letters, digits, -), for example app.internal`);
    }
    if (props.services.length === 0) throw new Error(`${where}: services is empty; name the services that register in the namespace`);
    for (const service of props.services) {
      if (!DNS_LABEL.test(service)) throw new Error(`${where}: service name "${service}" is not a DNS label (1-63 lowercase letters, digits or -, not starting or ending with -)`);
      if (`${service}.${props.namespaceName}`.length > 253) throw new Error(`${where}: ${service}.${props.namespaceName} is longer than 253 characters`);
    }
    const twice = props.services.filter((s, i) => props.services.indexOf(s) !== i);
    if (twice.length > 0) throw new Error(`${where}: service ${twice[0]} is listed twice`);
    if (!(Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL_SECONDS)) throw new Error(`${where}: dnsTtlSeconds ${ttl} is not a whole number of seconds 0-${MAX_TTL_SECONDS}`);
    const recordTypes = resolveRecordTypes(where, props.services, props.recordTypes ?? {});

    this.namespace = new ServiceDiscoveryPrivateDnsNamespace(this, 'namespace', {
      name: props.namespaceName,
      vpc: props.vpcId,
      description,
    });
    const services: Record<string, ServiceDiscoveryService> = {};
    for (const name of [...props.services].sort()) {
      services[name] = new ServiceDiscoveryService(this, `service-${name}`, {
        name,
        description: `${name}.${props.namespaceName}`,
        dnsConfig: {
          namespaceId: this.namespace.id,
          routingPolicy,
          dnsRecords: recordTypes[name].map((type) => ({ type, ttl })),
        },
        ...(ecsHealthStatus ? { healthCheckCustomConfig: { failureThreshold: 1 } } : {}),
      });
    }
    this.services = services;
    this.serviceArns = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.arn]));
    this.recordTypes = recordTypes;
    this.namespaceId = this.namespace.id;
    this.namespaceArn = this.namespace.arn;
    this.namespaceName = props.namespaceName;
    this.hostedZoneId = this.namespace.hostedZone;
    useProvider(this, props.provider);
  }

  /** The DNS name clients use for a service of this namespace, `<service>.<namespaceName>`. */
  fqdn(service: string): string {
    if (!(service in this.services)) throw new Error(`PrivateDnsNamespace ${this.namespaceName}: no service ${service} (has ${Object.keys(this.services).join(', ')})`);
    return `${service}.${this.namespaceName}`;
  }
}
