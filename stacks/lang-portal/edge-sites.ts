import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformProvider } from 'cdktf';
import { APPS, SITES } from '../../src/config/systems/lang-portal/apps';
import { CloudFrontWebAcl } from '../../src/constructs/edge/cloudfront-web-acl';
import { RegionalWebAcl, WebAclRuleSpec } from '../../src/constructs/edge/regional-web-acl';
import { CLOUDFRONT_HOSTED_ZONE_ID, StaticSiteDistribution } from '../../src/constructs/edge/static-site-distribution';
import { LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { outputName } from './data';

/** The upstream layers the edge reads, and the us-east-1 provider of its global resources. */
export interface LangPortalEdgeInputs {
  readonly network: RemoteLayer;
  readonly data: RemoteLayer;
  readonly ai: RemoteLayer;
  readonly compute: RemoteLayer;
  /** Provider of CloudFront's WAF, certificate and log delivery (undefined: the stack's own region is us-east-1). */
  readonly global: TerraformProvider | undefined;
  /** execute-api host (no scheme) of a site's HTTP API (its `/api/*` origin), from compute. */
  readonly apiHost: (site: SiteName) => string;
  /** ID of a site's HTTP API (the `ApiId` metric dimension), from compute. */
  readonly apiId: (site: SiteName) => string;
}

export type SiteName = (typeof SITES)[number]['name'];

/** The seed's WAF rules of the ALB ("AWS Managed Rules: core rule set, known bad inputs, IP reputation list; rate limiting; geo-blocking"), in its order. */
export function langPortalWafRules(rateLimit: number, blockedCountries: readonly string[]): WebAclRuleSpec[] {
  return [
    // Streamlit and Gradio upload files (writing practice takes photos of handwriting) in bodies over
    // the rule set's 8 KB: that one rule only counts, the rest of the core rule set blocks.
    { kind: 'managed', name: 'AWSManagedRulesCommonRuleSet', overrides: { SizeRestrictions_BODY: 'count' } },
    { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
    { kind: 'managed', name: 'AWSManagedRulesAmazonIpReputationList' },
    { kind: 'rate-limit', name: 'RateLimitRule', limit: rateLimit },
    // The seed: "Geo-blocking: None (unless specific countries need to be blocked)".
    ...(blockedCountries.length > 0 ? [{ kind: 'geo-block' as const, name: 'GeoBlockingRule', countryCodes: blockedCountries }] : []),
  ];
}

/** The two web ACLs: CLOUDFRONT scope (us-east-1) for both distributions, REGIONAL on the ALB. */
export interface LangPortalWebAcls {
  readonly cloudFront: CloudFrontWebAcl;
  readonly regional: RegionalWebAcl;
  /** The `WebACL` dimension of each ACL's metrics (its name: both constructs use it as the metric name). */
  readonly metricNames: { readonly cloudFront: string; readonly regional: string };
  /** ISO codes blocked: by the regional ACL's geo rule and by the distributions' geo restriction. */
  readonly blockedCountries: readonly string[];
}

/**
 * The seed's WAF on CloudFront and on the ALB: core rule set, known bad inputs, IP reputation, a
 * per-IP rate limit per 5 minutes, optional geo blocking, logs to encrypted `aws-waf-logs-*` groups.
 * The CLOUDFRONT-scope construct has no geo rule: the distributions refuse those countries with
 * CloudFront's own geo restriction instead (same effect, no WAF request charge).
 */
export function addWebAcls(stack: LayerStack, inputs: LangPortalEdgeInputs): LangPortalWebAcls {
  const { config, prefix } = stack;
  const edge = stack.section('edge');
  const logsKey = inputs.network.string('logs_kms_key_arn');
  const rateLimit = edge.wafRateLimit ?? 2000;
  const blockedCountries = edge.wafBlockedCountries ?? [];
  const retention = edge.wafLogRetentionDays ?? 30;
  const names = { cloudFront: `${prefix}-cloudfront`, regional: `${prefix}-alb` };
  const cloudFront = new CloudFrontWebAcl(stack, 'cloudfront-waf', {
    name: names.cloudFront,
    accountId: config.accountId,
    rateLimit,
    logRetentionDays: retention,
    logsKmsKeyArn: logsKey,
    provider: inputs.global,
  });
  const regional = new RegionalWebAcl(stack, 'alb-waf', {
    name: names.regional,
    rules: langPortalWafRules(rateLimit, blockedCountries),
    associateWith: [inputs.compute.string('alb_arn')],
    logGroupName: `aws-waf-logs-${prefix}-alb`,
    logRetentionDays: retention,
    logsKmsKeyArn: logsKey,
  });
  return { cloudFront, regional, metricNames: names, blockedCountries };
}

/**
 * Content-Security-Policy of the two SPAs: everything from their own origin (the API is `/api/*`,
 * haiku's media `/media/*`), plus the Cognito endpoints the browser calls itself: the token
 * endpoint of the hosted UI on `auth.<domain>` (code flow with PKCE) and the user and identity pool
 * APIs; blob: media for generated audio.
 */
export function siteContentSecurityPolicy(authDomain: string, region: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' https://${authDomain} https://cognito-idp.${region}.amazonaws.com https://cognito-identity.${region}.amazonaws.com`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' https://${authDomain}`,
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * The two frontends (SITES): CloudFront over the private frontend bucket (origin access control),
 * haiku's `/media/*` from the haiku-media bucket, `/api/*` to the app's HTTP API, HTTPS only with
 * TLS 1.2 (2021 policy) on `<subdomain>.<domain>` (lang-portal also on the apex), the security
 * headers, the CloudFront WAF, access logs in CloudWatch Logs. The buckets admit the account's
 * distributions already (data layer, cloudFrontReadStatement without a distribution).
 */
export function addSites(stack: LayerStack, inputs: LangPortalEdgeInputs, waf: LangPortalWebAcls): Record<SiteName, StaticSiteDistribution> {
  const { config, prefix } = stack;
  const edge = stack.section('edge');
  const { data, network } = inputs;
  const domain = edge.domainName;
  const csp = siteContentSecurityPolicy(authDomainName(stack), config.region);
  const bucket = (purpose: string) => ({
    regionalDomainName: data.string(`${outputName(purpose)}_bucket_regional_domain_name`),
    arn: data.string(`${outputName(purpose)}_bucket_arn`),
  });
  const sites = {} as Record<SiteName, StaticSiteDistribution>;
  for (const site of SITES) {
    sites[site.name] = new StaticSiteDistribution(stack, `site-${site.name}`, {
      name: `${prefix}-${site.name}`,
      accountId: config.accountId,
      siteBucket: bucket(site.bucket),
      // CloudFront forwards the full path: `/media/x.png` is the key `media/x.png` of the media bucket.
      extraS3Origins: site.mediaBucket ? [{ name: 'media', bucket: bucket(site.mediaBucket), pathPattern: '/media/*' }] : [],
      // The HTTP API's $default stage routes the full path, so no origin path.
      api: { domainName: inputs.apiHost(site.name), pathPattern: '/api/*' },
      aliases: site.name === APEX_SITE ? [`${site.subdomain}.${domain}`, domain] : [`${site.subdomain}.${domain}`],
      certificateArn: network.string('global_certificate_arn'),
      webAclArn: waf.cloudFront.arn,
      accessLogs: { retentionDays: edge.wafLogRetentionDays ?? 30, kmsKeyArn: network.string('logs_kms_key_arn') },
      contentSecurityPolicy: csp,
      // Error responses would turn the API's 401/403/404 (and WAF blocks) into index.html.
      spaRouting: 'rewrite-function',
      geoRestriction: waf.blockedCountries.length > 0 ? { type: 'blacklist', countries: waf.blockedCountries } : undefined,
      provider: inputs.global,
    });
  }
  return sites;
}

/** The site the apex domain serves. */
export const APEX_SITE: SiteName = 'lang-portal';

/** `auth.<domain>`: the hosted UI's custom domain. */
export function authDomainName(stack: LayerStack): string {
  const subdomain = stack.section('data').userPool?.hostedUiSubdomain ?? 'auth';
  return `${subdomain}.${stack.section('edge').domainName}`;
}

/** What the DNS step built. */
export interface LangPortalDns {
  readonly cognitoDomain: CognitoUserPoolDomain;
  readonly records: Readonly<Record<string, Route53Record>>;
}

/**
 * Route 53 in the network's zone: the two sites and the apex (A and AAAA aliases to their
 * distributions), vocab and writing (A aliases to the ALB), and the Cognito hosted UI on
 * `auth.<domain>` (us-east-1 certificate) with its alias. Cognito refuses a custom domain whose
 * parent does not resolve, so the domain waits for the apex record.
 */
export function addDns(stack: LayerStack, inputs: LangPortalEdgeInputs, sites: Record<SiteName, StaticSiteDistribution>): LangPortalDns {
  const { network, compute, data } = inputs;
  const domain = stack.section('edge').domainName;
  const zoneId = network.string('hosted_zone_id');
  const records: Record<string, Route53Record> = {};
  const alias = (id: string, name: string, types: readonly ('A' | 'AAAA')[], target: { name: string; zoneId: string; evaluateTargetHealth: boolean }) => {
    for (const type of types) records[`${id}-${type.toLowerCase()}`] = new Route53Record(stack, `record-${id}-${type.toLowerCase()}`, { zoneId, name, type, alias: target });
  };

  for (const site of SITES) {
    alias(site.name, `${site.subdomain}.${domain}`, ['A', 'AAAA'], { name: sites[site.name].domainName, zoneId: sites[site.name].hostedZoneId, evaluateTargetHealth: false });
  }
  alias('apex', domain, ['A', 'AAAA'], { name: sites[APEX_SITE].domainName, zoneId: sites[APEX_SITE].hostedZoneId, evaluateTargetHealth: false });
  const alb = { name: compute.string('alb_dns_name'), zoneId: compute.string('alb_zone_id'), evaluateTargetHealth: true };
  for (const app of APPS) {
    // The ALB listens on IPv4 only: A records, no AAAA.
    if (app.ingress.via === 'alb') alias(app.ingress.subdomain, `${app.ingress.subdomain}.${domain}`, ['A'], alb);
  }

  const authName = authDomainName(stack);
  const cognitoDomain = new CognitoUserPoolDomain(stack, 'cognito-domain', {
    domain: authName,
    certificateArn: network.string('global_certificate_arn'),
    userPoolId: data.string('cognito_user_pool_id'),
    dependsOn: [records['apex-a']],
  });
  // Cognito serves the custom domain from a CloudFront distribution of its own.
  alias('auth', authName, ['A', 'AAAA'], { name: cognitoDomain.cloudfrontDistribution, zoneId: CLOUDFRONT_HOSTED_ZONE_ID, evaluateTargetHealth: false });
  return { cognitoDomain, records };
}
