import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CloudFrontWebAcl } from '../../../src/constructs/edge/cloudfront-web-acl';
import { DnsFailover } from '../../../src/constructs/edge/dns-failover';
import { StaticSiteDistribution, StaticSiteDistributionProps } from '../../../src/constructs/edge/static-site-distribution';
import { evaluate } from '../../../src/policy/engine';
import { Finding } from '../../../src/policy/types';
import { expectOfflinePlan } from '../../terraform-offline';
import { doc, expectViolation } from '../../policy/harness';

/**
 * The three edge constructs together, as the partner-mgmt prod edge layer would use them: the
 * dashboard distribution (site bucket, API under /api/* with its key injected, certificate, WAF,
 * access logs), its CLOUDFRONT-scope web ACL, and DNS failover of the API between us-east-1 and
 * us-west-2 on alarm health checks.
 */
const ACCOUNT = '601000000003';
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const BUCKET = `partner-mgmt-prod-frontend-site-${ACCOUNT}`;

function typicalEdge(name = 'partner-mgmt-prod-edge', change: Partial<StaticSiteDistributionProps> = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
  const apiKey = new TerraformVariable(stack, 'api_key', { type: 'string', sensitive: true, default: 'offline-placeholder-api-key-0000' });
  const waf = new CloudFrontWebAcl(stack, 'waf', {
    name: 'partner-mgmt-prod-cloudfront',
    accountId: ACCOUNT,
    rateLimit: 2000,
    rateLimitPathPrefix: '/api/',
    logRetentionDays: 365,
    logsKmsKeyArn: LOGS_KEY,
  });
  new StaticSiteDistribution(stack, 'dashboard', {
    name: 'partner-mgmt-prod-dashboard',
    accountId: ACCOUNT,
    siteBucket: { regionalDomainName: `${BUCKET}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${BUCKET}` },
    api: { domainName: 'api.partners.example.com', customHeaders: { 'x-api-key': apiKey.stringValue } },
    aliases: ['partners.example.com'],
    certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
    webAclArn: waf.arn,
    accessLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY },
    ...change,
  });
  new DnsFailover(stack, 'api-failover', {
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    recordName: 'api.partners.example.com',
    primary: { dnsName: 'd-abc123.execute-api.us-east-1.amazonaws.com', zoneId: 'Z1UJRXOUMOOFQ8', healthCheck: { kind: 'alarm', alarmName: 'partner-mgmt-prod-api-5xx', region: 'us-east-1' } },
    secondary: { dnsName: 'd-def456.execute-api.us-west-2.amazonaws.com', zoneId: 'Z2OJLYMUO9EFXC', healthCheck: { kind: 'alarm', alarmName: 'partner-mgmt-prod-api-5xx', region: 'us-west-2' } },
  });
  return stack;
}

describe('policy pack on the dashboard edge', () => {
  const findings = (stack: TerraformStack): Finding[] => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings);
  const open = (stack: TerraformStack) => findings(stack).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('no open finding for the typical use in a prod stack with a certificate (CF-01..05, WAF-01/02, LOG-01 pass)', () => {
    const stack = typicalEdge();
    const report = evaluate([doc(stack)]);
    expect(report.stacks[0]).toMatchObject({ stack: 'partner-mgmt-prod-edge', isProd: true });
    expect(open(stack)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('without a certificate CF-01 fires, rightly: the default certificate keeps TLSv1 and serves no own name', () => {
    const stack = typicalEdge('partner-mgmt-dev-edge', { aliases: undefined, certificateArn: undefined });
    expect(findings(stack).map((f) => `${f.ruleId} ${f.severity} ${f.attribute}`)).toEqual([
      'CF-01 high viewer_certificate.acm_certificate_arn, viewer_certificate.minimum_protocol_version',
    ]);
    const address = Object.keys(JSON.parse(Testing.synth(stack)).resource.aws_cloudfront_distribution).map((n) => `aws_cloudfront_distribution.${n}`)[0];
    const result = expectViolation('CF-01', stack, address, 'minimum_protocol_version');
    expect(result.status === 'non-compliant' && result.message).toContain('is TLSv1; use TLSv1.2_2021');
  });

  test('without a web ACL only CF-02 fires', () => {
    const stack = typicalEdge('partner-mgmt-dev-edge', { webAclArn: undefined });
    expect(findings(stack).map((f) => `${f.ruleId} ${f.attribute}`)).toEqual(['CF-02 web_acl_id']);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('the dashboard edge validates and plans', () => {
    const source = JSON.parse(Testing.synth(typicalEdge()));
    const planOutput = expectOfflinePlan(source);
    expect(planOutput).not.toContain('offline-placeholder-api-key');
  });
});
