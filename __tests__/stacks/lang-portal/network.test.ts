import { Json, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalStacks } from './helpers';

const byCidr = (json: Json) => Object.fromEntries(resourcesOf(json, 'aws_subnet').map(([, s]) => [s.cidr_block, s]));

describe('lang-portal network layer', () => {
  const dev = synthJson(langPortalStacks('dev', 'network').network);
  const prod = synthJson(langPortalStacks('prod', 'network').network);

  test('the seed\'s 10.0.0.0/16 over three AZs: public 0-2, private 3-5, database 6-8', () => {
    expect(resourcesOf(dev, 'aws_vpc')[0][1].cidr_block).toBe('10.0.0.0/16');
    const subnets = byCidr(dev);
    ['a', 'b', 'c'].forEach((az, i) => {
      expect(subnets[`10.0.${i}.0/24`].availability_zone).toBe(`us-east-1${az}`);
      expect(subnets[`10.0.${i + 3}.0/24`].availability_zone).toBe(`us-east-1${az}`);
      expect(subnets[`10.0.${i + 6}.0/24`].availability_zone).toBe(`us-east-1${az}`);
    });
    expect(Object.keys(subnets)).toHaveLength(9);
  });

  test('one NAT gateway in dev (cost-optimised), one per AZ in prod', () => {
    expect(resourcesOf(dev, 'aws_nat_gateway')).toHaveLength(1);
    expect(resourcesOf(prod, 'aws_nat_gateway')).toHaveLength(3);
  });

  test('the database tier has no internet route', () => {
    const routes = resourcesOf(dev, 'aws_route').map(([, r]) => r);
    const dataTable = resourcesOf(dev, 'aws_route_table').find(([name]) => /data/.test(name))!;
    expect(routes.filter((r) => String(r.route_table_id).includes(dataTable[0]))).toEqual([]);
  });

  test('interface endpoints for ECR, Secrets Manager, Logs, Bedrock runtime, Polly and X-Ray, each with a scoped policy; S3 gateway', () => {
    const endpoints = resourcesOf(dev, 'aws_vpc_endpoint').map(([, e]) => e);
    const services = endpoints.map((e) => String(e.service_name).replace('com.amazonaws.us-east-1.', '')).sort();
    expect(services).toEqual(['bedrock-runtime', 'ecr.api', 'ecr.dkr', 'logs', 'polly', 's3', 'secretsmanager', 'xray']);
    for (const e of endpoints.filter((x) => x.vpc_endpoint_type === 'Interface')) expect(JSON.parse(e.policy).Statement[0].Condition).toBeDefined();
  });

  test('network ACLs: the database tier admits only the private subnets on 5432 and answers only them', () => {
    const rules: Json[] = resourcesOf(dev, 'aws_network_acl_rule').map(([name, r]) => ({ name, ...r }));
    const dataRules = rules.filter((r) => r.name.includes('private-data'));
    const ingress = dataRules.filter((r) => !r.egress);
    expect(ingress.map((r) => [r.cidr_block, r.from_port, r.to_port]).sort()).toEqual([
      ['10.0.3.0/24', 5432, 5432],
      ['10.0.4.0/24', 5432, 5432],
      ['10.0.5.0/24', 5432, 5432],
    ]);
    expect(dataRules.filter((r) => r.egress).map((r) => r.cidr_block).sort()).toEqual(['10.0.3.0/24', '10.0.4.0/24', '10.0.5.0/24']);
    // Return traffic of NAT'd connections reaches the private tier, split around RDP.
    const privateIn = rules.filter((r) => r.name.includes('private-app') && !r.egress && r.cidr_block === '0.0.0.0/0');
    expect(privateIn.map((r) => [r.from_port, r.to_port])).toEqual([[1024, 3388], [3390, 65535]]);
  });

  test('every seed security group rule exists with its description', () => {
    const ingress = resourcesOf(dev, 'aws_vpc_security_group_ingress_rule').map(([, r]) => `${r.from_port} ${r.description}`);
    for (const rule of [
      '443 Allow HTTPS from internet',
      '80 Allow HTTP for redirect',
      '8000 Allow traffic from Vocab Generator',
      '8000 Allow traffic from Writing Practice',
      '8501 Allow traffic from ALB for Streamlit',
      '8000 Allow internal traffic between frontend and backend',
      '7860 Allow traffic from ALB',
      '5432 Allow traffic from Lang Portal API',
      '5432 Allow traffic from Haiku Generator API',
      '5432 Allow traffic from Lang Portal RDS Proxy',
      '5432 Allow traffic from Haiku RDS Proxy',
      '443 Allow HTTPS from Lang Portal API',
      '443 Allow HTTPS from Haiku Generator API',
      '443 Allow HTTPS from Vocab Generator',
      '443 Allow HTTPS from Writing Practice',
    ]) {
      expect(ingress).toContain(rule);
    }
    const egress = resourcesOf(dev, 'aws_vpc_security_group_egress_rule').map(([, r]) => `${r.from_port} ${r.description}`);
    expect(egress).toContain('5432 Allow traffic to Lang Portal Aurora');
    expect(egress).toContain('5432 Allow traffic to Haiku Aurora');
    // "All traffic" egress is narrowed: no rule allows every protocol.
    expect(resourcesOf(dev, 'aws_vpc_security_group_egress_rule').filter(([, r]) => r.ip_protocol === '-1')).toEqual([]);
  });

  test('zone and certificates: one validated certificate serves the ALB, CloudFront and Cognito in us-east-1', () => {
    expect(resourcesOf(dev, 'aws_route53_zone')[0][1].name).toBe('dev.app-dw.net');
    const certificates = resourcesOf(dev, 'aws_acm_certificate').map(([, c]) => c);
    expect(certificates).toHaveLength(1);
    expect(certificates[0].subject_alternative_names).toEqual(['dev.app-dw.net']);
    expect(dev.output.global_certificate_arn.value).toBe(dev.output.certificate_arn.value);
  });

  test('flow logs keep 7 days in dev and a year in prod', () => {
    const retention = (json: Json) => resourcesOf(json, 'aws_cloudwatch_log_group').find(([name]) => /flow/.test(name))![1].retention_in_days;
    expect(retention(dev)).toBe(7);
    expect(retention(prod)).toBe(365);
  });

  test('plans offline against the real provider', () => {
    expectOfflinePlan(dev);
  }, 300_000);
});
