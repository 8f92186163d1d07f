import { Testing, TerraformStack } from 'cdktf';
import { AppDnsRecords } from '../../../src/constructs/edge/app-dns-records';
import { DnsValidatedCertificate } from '../../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../../src/constructs/edge/public-hosted-zone';
import { RegionalWebAcl } from '../../../src/constructs/edge/regional-web-acl';
import { bidopsWafRules } from '../../../stacks/bidops/edge';
import { resourcesOf, synthJson } from '../../helpers';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('PublicHostedZone and DnsValidatedCertificate', () => {
  test('validation records iterate the certificate set directly (no tolist, plans offline)', () => {
    const s = stack();
    const zone = new PublicHostedZone(s, 'zone', { domainName: 'x.io' });
    new DnsValidatedCertificate(s, 'cert', { domainName: '*.x.io', subjectAlternativeNames: ['x.io'], hostedZoneId: zone.zoneId });
    const json = synthJson(s);
    const [[, record]] = resourcesOf(json, 'aws_route53_record');
    expect(record.for_each).toMatch(/^\$\{\{ for dvo in aws_acm_certificate\.\S+\.domain_validation_options : dvo\.domain_name => dvo \}\}$/);
    expect(record.for_each).not.toContain('tolist');
  });

  test('rejects bad names and repeats', () => {
    expect(() => new PublicHostedZone(stack(), 'z', { domainName: 'Not A Domain' })).toThrow(/not a lower-case domain/);
    expect(() => new DnsValidatedCertificate(stack(), 'c', { domainName: 'x.io', subjectAlternativeNames: ['x.io'], hostedZoneId: 'Z1' })).toThrow(/repeat/);
  });
});

describe('RegionalWebAcl', () => {
  const base = { name: 'acl', associateWith: ['arn:alb'], logGroupName: 'aws-waf-logs-x', logRetentionDays: 30, logsKmsKeyArn: 'arn:key' };
  test('priorities follow the given order and the log group must use the WAF prefix', () => {
    const s = stack();
    new RegionalWebAcl(s, 'w', { ...base, rules: bidopsWafRules(500, ['KP']) });
    const [[, acl]] = resourcesOf(synthJson(s), 'aws_wafv2_web_acl');
    expect(acl.rule.map((r: any) => r.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(acl.rule[4].statement.rate_based_statement[0].limit).toBe(500);
    expect(() => new RegionalWebAcl(stack(), 'w', { ...base, logGroupName: '/aws/waf/x', rules: bidopsWafRules(2000, ['CN']) })).toThrow(/aws-waf-logs-/);
    expect(() => new RegionalWebAcl(stack(), 'w', { ...base, rules: [] })).toThrow(/WAF-01/);
  });
});

describe('AppDnsRecords', () => {
  test('refuses a CNAME that is also an alias', () => {
    expect(() => new AppDnsRecords(stack(), 'd', { hostedZoneId: 'Z1', domainName: 'x.io', aliasTarget: { dnsName: 'lb', zoneId: 'Z2' }, cnameName: 'app' })).toThrow(/both an alias and the CNAME/);
  });
});
