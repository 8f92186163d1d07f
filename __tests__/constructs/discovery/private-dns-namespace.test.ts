import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, Testing } from 'cdktf';
import { PrivateDnsNamespace, PrivateDnsNamespaceProps } from '../../../src/constructs/discovery/private-dns-namespace';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const SERVICES = ['lang-portal-api', 'haiku-api', 'vocab-generator-frontend', 'vocab-generator-backend', 'writing-practice'];
const BASE: PrivateDnsNamespaceProps = { namespaceName: 'app-dw.internal', vpcId: 'vpc-0123456789abcdef0', services: SERVICES };

function synth(change: Partial<PrivateDnsNamespaceProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new PrivateDnsNamespace(scope, 'sd', { ...BASE, ...change })));
}

const servicesOf = (json: Json): Record<string, Json> => Object.fromEntries(resourcesOf(json, 'aws_service_discovery_service').map(([, s]) => [s.name, s]));

describe('PrivateDnsNamespace', () => {
  const json = synth();

  test('a private DNS namespace in the VPC', () => {
    expect(onlyResource(json, 'aws_service_discovery_private_dns_namespace')).toEqual({
      name: 'app-dw.internal',
      vpc: 'vpc-0123456789abcdef0',
      description: 'Service discovery for app-dw.internal',
    });
  });

  test('one discovery service per name: A records with TTL 60, MULTIVALUE, ECS-driven custom health check', () => {
    const services = servicesOf(json);
    expect(Object.keys(services).sort()).toEqual([...SERVICES].sort());
    expect(services['haiku-api']).toEqual({
      name: 'haiku-api',
      description: 'haiku-api.app-dw.internal',
      dns_config: {
        namespace_id: expect.stringMatching(/^\$\{aws_service_discovery_private_dns_namespace\.sd_namespace_[A-F0-9]{8}\.id\}$/),
        routing_policy: 'MULTIVALUE',
        dns_records: [{ type: 'A', ttl: 60 }],
      },
      health_check_custom_config: { failure_threshold: 1 },
    });
  });

  test('TTL, routing policy and the custom health check follow the props', () => {
    const s = servicesOf(synth({ dnsTtlSeconds: 10, routingPolicy: 'WEIGHTED', ecsHealthStatus: false, services: ['worker'] })).worker;
    expect(s.dns_config).toMatchObject({ routing_policy: 'WEIGHTED', dns_records: [{ type: 'A', ttl: 10 }] });
    expect(s.health_check_custom_config).toBeUndefined();
  });

  test('recordTypes adds SRV records (A first) to the services that need a port; the others keep A only', () => {
    const json = synth({ recordTypes: { 'haiku-api': ['SRV', 'A'], 'lang-portal-api': ['A', 'SRV'], 'writing-practice': ['A'] } });
    const services = servicesOf(json);
    expect(services['haiku-api'].dns_config.dns_records).toEqual([{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 60 }]);
    expect(services['lang-portal-api'].dns_config.dns_records).toEqual([{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 60 }]);
    for (const name of ['vocab-generator-frontend', 'vocab-generator-backend', 'writing-practice']) expect(services[name].dns_config.dns_records).toEqual([{ type: 'A', ttl: 60 }]);
    const stack = stackOf('sys-dev-compute');
    const sd = new PrivateDnsNamespace(stack, 'sd', { ...BASE, recordTypes: { 'haiku-api': ['SRV'] } });
    expect(sd.recordTypes['haiku-api']).toEqual(['SRV']);
    expect(sd.recordTypes['lang-portal-api']).toEqual(['A']);
  });

  test('outputs: service ARNs by name, namespace id/name/ARN, fqdn; the provider is applied', () => {
    const stack = stackOf('sys-dev-network');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const sd = new PrivateDnsNamespace(stack, 'sd', { ...BASE, provider: west });
    expect(Object.keys(sd.serviceArns).sort()).toEqual([...SERVICES].sort());
    expect(sd.namespaceName).toBe('app-dw.internal');
    expect(sd.fqdn('haiku-api')).toBe('haiku-api.app-dw.internal');
    expect(() => sd.fqdn('nope')).toThrow('PrivateDnsNamespace app-dw.internal: no service nope');
    new TerraformOutput(stack, 'arn', { value: sd.serviceArns['haiku-api'] });
    new TerraformOutput(stack, 'ns', { value: sd.namespaceId });
    new TerraformOutput(stack, 'zone', { value: sd.hostedZoneId });
    const out = synthJson(stack);
    expect(out.output.arn.value).toMatch(/^\$\{aws_service_discovery_service\.sd_service-haiku-api_[A-F0-9]{8}\.arn\}$/);
    expect(out.output.ns.value).toMatch(/^\$\{aws_service_discovery_private_dns_namespace\.sd_namespace_[A-F0-9]{8}\.id\}$/);
    expect(out.output.zone.value).toMatch(/\.hosted_zone\}$/);
    expect(resourcesOf(out, 'aws_service_discovery_service').every(([, r]) => r.provider === 'aws.us_west_2')).toBe(true);
    expect(onlyResource(out, 'aws_service_discovery_private_dns_namespace').provider).toBe('aws.us_west_2');
  });

  describe('rejects', () => {
    const rejects = (change: Partial<PrivateDnsNamespaceProps>, message: string) => expect(() => synth(change)).toThrow(message);

    test('a namespace name that is not a DNS name', () => {
      rejects({ namespaceName: 'internal' }, 'PrivateDnsNamespace internal: namespaceName must be a lowercase DNS name of 2+ labels');
      rejects({ namespaceName: 'App.Internal' }, 'namespaceName must be a lowercase DNS name');
      rejects({ namespaceName: 'a..internal' }, 'namespaceName must be a lowercase DNS name');
    });

    test('no services, a service name that is not a DNS label, a service listed twice', () => {
      rejects({ services: [] }, 'PrivateDnsNamespace app-dw.internal: services is empty');
      rejects({ services: ['lang_portal'] }, 'service name "lang_portal" is not a DNS label');
      rejects({ services: ['-api'] }, 'service name "-api" is not a DNS label');
      rejects({ services: ['a'.repeat(64)] }, 'is not a DNS label');
      rejects({ services: ['api', 'api'] }, 'service api is listed twice');
    });

    test('record types for an unknown service, empty, unknown or repeated', () => {
      rejects({ recordTypes: { nope: ['A'] } }, 'PrivateDnsNamespace app-dw.internal: recordTypes names service nope, which is not in services');
      rejects({ recordTypes: { 'haiku-api': [] } }, `recordTypes.haiku-api [] must be ['A'], ['SRV'] or ['A', 'SRV']`);
      rejects({ recordTypes: { 'haiku-api': ['CNAME' as 'A'] } }, `recordTypes.haiku-api ["CNAME"] must be ['A'], ['SRV'] or ['A', 'SRV']`);
      rejects({ recordTypes: { 'haiku-api': ['A', 'A'] } }, 'recordTypes.haiku-api ["A","A"] repeats a type');
    });

    test('a TTL that is negative or fractional', () => {
      rejects({ dnsTtlSeconds: -1 }, 'dnsTtlSeconds -1 is not a whole number of seconds 0-2147483647');
      rejects({ dnsTtlSeconds: 1.5 }, 'dnsTtlSeconds 1.5 is not a whole number');
    });
  });

  test('policy pack: no rule applies to Cloud Map, so no finding', () => {
    const stack = stackOf('sys-dev-network');
    new PrivateDnsNamespace(stack, 'sd', BASE);
    const report = evaluate([{ name: stack.node.id, json: synthJson(stack) }]);
    expect(report.stacks[0].findings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('terraform validates and plans the namespace and services in a VPC offline, without warnings', () => {
    const stack = stackOf('sys-dev-network');
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
    new PrivateDnsNamespace(stack, 'sd', { ...BASE, vpcId: vpc.id, recordTypes: { 'haiku-api': ['A', 'SRV'] } });
    const plan = expectOfflinePlan(synthJson(stack));
    expect(plan).not.toMatch(/Warning/);
  });
});
