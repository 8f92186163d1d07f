import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  CLOUDFRONT_HOSTED_ZONE_ID,
  DEFAULT_SPA_CONTENT_SECURITY_POLICY,
  HSTS_MAX_AGE_SECONDS,
  MANAGED_CACHE_POLICY_IDS,
  MANAGED_ORIGIN_REQUEST_POLICY_IDS,
  SPA_REWRITE_FUNCTION_CODE,
  StaticSiteDistribution,
  StaticSiteDistributionProps,
  cloudFrontReadStatement,
} from '../../../src/constructs/edge/static-site-distribution';
import { Json, onlyResource, parsed, synthJson } from '../../helpers';

const ACCOUNT = '601000000003';
const BUCKET = `partner-mgmt-prod-frontend-site-${ACCOUNT}`;
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
const WEB_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/partner-mgmt-prod-cloudfront/0a1b2c3d-1111-2222-3333-444455556666`;
const API_DOMAIN = 'abc123defg.execute-api.us-east-1.amazonaws.com';

function edgeStack(region = 'us-east-1'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'partner-mgmt-prod-edge');
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

function apiKey(stack: TerraformStack): string {
  return new TerraformVariable(stack, 'api_key', { type: 'string', sensitive: true }).stringValue;
}

function props(stack: TerraformStack, change: Partial<StaticSiteDistributionProps> = {}): StaticSiteDistributionProps {
  return {
    name: 'partner-mgmt-prod-dashboard',
    accountId: ACCOUNT,
    siteBucket: { regionalDomainName: `${BUCKET}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${BUCKET}` },
    api: { domainName: API_DOMAIN, originPath: '/prod', customHeaders: { 'x-api-key': apiKey(stack) } },
    aliases: ['partners.example.com'],
    certificateArn: CERT,
    webAclArn: WEB_ACL,
    accessLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY },
    ...change,
  };
}

function synth(change: (stack: TerraformStack) => Partial<StaticSiteDistributionProps> = () => ({})): { json: Json; site: StaticSiteDistribution; cdn: Json; stack: TerraformStack } {
  const stack = edgeStack();
  const site = new StaticSiteDistribution(stack, 'site', props(stack, change(stack)));
  const json = synthJson(stack);
  return { json, site, cdn: onlyResource(json, 'aws_cloudfront_distribution'), stack };
}

/** What a value synthesizes to in `stack` (through an output). */
function resolved(stack: TerraformStack, value: unknown): unknown {
  new TerraformOutput(stack, `probe-${stack.node.children.length}`, { value });
  const outputs = synthJson(stack).output;
  return Object.values<Json>(outputs)[Object.keys(outputs).length - 1].value;
}

const originById = (cdn: Json, id: string): Json => cdn.origin.find((o: Json) => o.origin_id === id);

describe('StaticSiteDistribution: the site', () => {
  test('private S3 origin through origin access control, signed with SigV4 always', () => {
    const { json, cdn } = synth();
    const oac = onlyResource(json, 'aws_cloudfront_origin_access_control');
    expect(oac).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    const site = originById(cdn, 'site');
    expect(site.domain_name).toBe(`${BUCKET}.s3.us-east-1.amazonaws.com`);
    expect(site.origin_access_control_id).toMatch(/^\$\{aws_cloudfront_origin_access_control\.\S+\.id\}$/);
    expect(site.s3_origin_config).toBeUndefined();
    expect(site.custom_origin_config).toBeUndefined();
  });

  test('index.html root, HTTPS redirect, HTTP/2 and 3, IPv6, PriceClass_100, no geo restriction, CachingOptimized', () => {
    const { cdn } = synth();
    expect(cdn).toMatchObject({ enabled: true, default_root_object: 'index.html', http_version: 'http2and3', is_ipv6_enabled: true, price_class: 'PriceClass_100' });
    expect(cdn.restrictions.geo_restriction).toEqual({ restriction_type: 'none', locations: [] });
    expect(cdn.default_cache_behavior).toMatchObject({
      target_origin_id: 'site',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD'],
      cached_methods: ['GET', 'HEAD'],
      compress: true,
      cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingOptimized,
    });
    expect(MANAGED_CACHE_POLICY_IDS.CachingOptimized).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
  });

  test('SPA error responses: 403 and 404 serve /index.html with 200 and a short error TTL', () => {
    const { cdn } = synth();
    expect(cdn.custom_error_response).toEqual([
      { error_code: 403, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
      { error_code: 404, response_code: 200, response_page_path: '/index.html', error_caching_min_ttl: 10 },
    ]);
    expect(cdn.default_cache_behavior.function_association).toBeUndefined();
  });

  test('rewrite-function routing: a viewer-request function on the site behaviour only, no error responses', () => {
    const { json, cdn, site } = synth(() => ({ spaRouting: 'rewrite-function' }));
    const fn = onlyResource(json, 'aws_cloudfront_function');
    expect(fn).toMatchObject({ name: 'partner-mgmt-prod-dashboard-spa-rewrite', runtime: 'cloudfront-js-2.0', publish: true, code: SPA_REWRITE_FUNCTION_CODE });
    expect(cdn.custom_error_response).toBeUndefined();
    expect(cdn.default_cache_behavior.function_association).toEqual([{ event_type: 'viewer-request', function_arn: expect.stringMatching(/^\$\{aws_cloudfront_function\.\S+\.arn\}$/) }]);
    expect(cdn.ordered_cache_behavior[0].function_association).toBeUndefined();
    expect(site.spaRewriteFunction).toBeDefined();
    // The function's logic: app routes get the shell, files and the root pass.
    const handler = new Function(`${SPA_REWRITE_FUNCTION_CODE}; return handler;`)() as (e: Json) => Json;
    const uri = (u: string) => handler({ request: { uri: u } }).uri;
    expect([uri('/partners/42'), uri('/'), uri('/assets/app.3f2a.js'), uri('/favicon.ico'), uri('/v1.2/report')]).toEqual(['/index.html', '/index.html', '/assets/app.3f2a.js', '/favicon.ico', '/index.html']);
  });

  test('security headers: HSTS 2 years with subdomains and preload, nosniff, DENY, strict-origin-when-cross-origin, XSS, default CSP', () => {
    const { json, cdn } = synth();
    const policy = onlyResource(json, 'aws_cloudfront_response_headers_policy');
    expect(policy.security_headers_config).toEqual({
      strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: true, override: true },
      content_type_options: { override: true },
      frame_options: { frame_option: 'DENY', override: true },
      referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
      xss_protection: { protection: true, mode_block: true, override: true },
      content_security_policy: { content_security_policy: DEFAULT_SPA_CONTENT_SECURITY_POLICY, override: true },
    });
    expect(HSTS_MAX_AGE_SECONDS).toBe(2 * 365 * 24 * 3600);
    expect(DEFAULT_SPA_CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(DEFAULT_SPA_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(DEFAULT_SPA_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    const policyRef = expect.stringMatching(/^\$\{aws_cloudfront_response_headers_policy\.\S+\.id\}$/);
    expect(cdn.default_cache_behavior.response_headers_policy_id).toEqual(policyRef);
    expect(cdn.ordered_cache_behavior[0].response_headers_policy_id).toEqual(policyRef);
  });

  test('a configurable Content-Security-Policy', () => {
    const csp = "default-src 'self'; connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com";
    const { json } = synth(() => ({ contentSecurityPolicy: csp }));
    expect(onlyResource(json, 'aws_cloudfront_response_headers_policy').security_headers_config.content_security_policy.content_security_policy).toBe(csp);
  });

  test('price class and geo restriction when given', () => {
    const { cdn } = synth(() => ({ priceClass: 'PriceClass_All', geoRestriction: { type: 'whitelist', countries: ['US', 'CA'] } }));
    expect(cdn.price_class).toBe('PriceClass_All');
    expect(cdn.restrictions.geo_restriction).toEqual({ restriction_type: 'whitelist', locations: ['US', 'CA'] });
  });

  test('exposes the distribution, ARN, domain name, CloudFront zone ID and ID', () => {
    const { site, stack } = synth();
    expect(site.hostedZoneId).toBe('Z2FDTNDATAQYW2');
    expect(CLOUDFRONT_HOSTED_ZONE_ID).toBe('Z2FDTNDATAQYW2');
    expect(resolved(stack, [site.arn, site.domainName, site.id])).toEqual([
      '${aws_cloudfront_distribution.site_distribution_144BC85A.arn}',
      '${aws_cloudfront_distribution.site_distribution_144BC85A.domain_name}',
      '${aws_cloudfront_distribution.site_distribution_144BC85A.id}',
    ]);
  });
});

describe('StaticSiteDistribution: the API behaviour', () => {
  test('/api/* to the API origin: origin path, https-only TLSv1.2, the injected key, every method, CachingDisabled, AllViewerExceptHostHeader', () => {
    const { json, cdn } = synth();
    const api = originById(cdn, 'api');
    expect(api).toMatchObject({
      domain_name: API_DOMAIN,
      origin_path: '/prod',
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
    });
    expect(api.custom_header).toEqual([{ name: 'x-api-key', value: '${var.api_key}' }]);
    expect(json.variable.api_key.sensitive).toBe(true);
    expect(cdn.ordered_cache_behavior).toHaveLength(1);
    expect(cdn.ordered_cache_behavior[0]).toMatchObject({
      path_pattern: '/api/*',
      target_origin_id: 'api',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
      cached_methods: ['GET', 'HEAD'],
      cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      origin_request_policy_id: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    expect(MANAGED_CACHE_POLICY_IDS.CachingDisabled).toBe(cdn.ordered_cache_behavior[0].cache_policy_id);
    expect(MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader).toBe(cdn.ordered_cache_behavior[0].origin_request_policy_id);
    // The API path is not rewritten at the edge: no function, the origin path does the mapping.
    expect(json.resource.aws_cloudfront_function).toBeUndefined();
  });

  test('a custom domain origin without origin path, a custom pattern, no custom headers', () => {
    const { cdn } = synth(() => ({ api: { domainName: 'api.example.com', pathPattern: '/v1/*' } }));
    const api = originById(cdn, 'api');
    expect(api.origin_path).toBeUndefined();
    expect(api.custom_header).toBeUndefined();
    expect(cdn.ordered_cache_behavior[0].path_pattern).toBe('/v1/*');
  });

  test('without an API: one origin, no ordered behaviour', () => {
    const { cdn } = synth(() => ({ api: undefined }));
    expect(cdn.origin.map((o: Json) => o.origin_id)).toEqual(['site']);
    expect(cdn.ordered_cache_behavior).toBeUndefined();
    expect(cdn.comment).toBe('partner-mgmt-prod-dashboard: single-page app');
  });
});

describe('StaticSiteDistribution: TLS, WAF and logging', () => {
  test('with aliases and a us-east-1 certificate: SNI and TLSv1.2_2021', () => {
    const { cdn } = synth();
    expect(cdn.aliases).toEqual(['partners.example.com']);
    expect(cdn.viewer_certificate).toEqual({ acm_certificate_arn: CERT, ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' });
  });

  test('without a certificate: the default certificate, whose minimum stays TLSv1', () => {
    const { cdn } = synth(() => ({ aliases: undefined, certificateArn: undefined }));
    expect(cdn.aliases).toEqual([]);
    expect(cdn.viewer_certificate).toEqual({ cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1' });
  });

  test('the CLOUDFRONT-scope web ACL is attached by web_acl_id; none when not given', () => {
    expect(synth().cdn.web_acl_id).toBe(WEB_ACL);
    expect(synth(() => ({ webAclArn: undefined })).cdn.web_acl_id).toBeUndefined();
  });

  test('standard logging v2: delivery source of the distribution to an encrypted log group with retention, a scoped log resource policy', () => {
    const { json, cdn } = synth();
    expect(cdn.logging_config).toBeUndefined();
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group).toEqual({ name: '/aws/cloudfront/partner-mgmt-prod-dashboard/access', retention_in_days: 365, kms_key_id: LOGS_KEY });
    const source = onlyResource(json, 'aws_cloudwatch_log_delivery_source');
    expect(source).toEqual({ name: 'partner-mgmt-prod-dashboard-access', log_type: 'ACCESS_LOGS', resource_arn: expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\S+\.arn\}$/) });
    const destination = onlyResource(json, 'aws_cloudwatch_log_delivery_destination');
    expect(destination).toEqual({
      name: 'partner-mgmt-prod-dashboard-access',
      output_format: 'json',
      delivery_destination_configuration: [{ destination_resource_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\S+\.arn\}$/) }],
    });
    const delivery = onlyResource(json, 'aws_cloudwatch_log_delivery');
    expect(delivery.delivery_source_name).toMatch(/^\$\{aws_cloudwatch_log_delivery_source\.\S+\.name\}$/);
    expect(delivery.delivery_destination_arn).toMatch(/^\$\{aws_cloudwatch_log_delivery_destination\.\S+\.arn\}$/);
    expect(delivery.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\./)]);
    const policy = parsed(onlyResource(json, 'aws_cloudwatch_log_resource_policy').policy_document);
    expect(policy.Statement).toEqual([
      {
        Sid: 'CloudFrontAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.\S+\.arn\}:log-stream:\*$/),
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:us-east-1:${ACCOUNT}:*` } },
      },
    ]);
  });

  test('every resource goes on the given us-east-1 provider from a stack in another region', () => {
    const stack = edgeStack('us-west-2');
    const east = new AwsProvider(stack, 'aws-us-east-1', { region: 'us-east-1', alias: 'us_east_1' });
    new StaticSiteDistribution(stack, 'site', props(stack, { provider: east }));
    const json = synthJson(stack);
    const providers = Object.values<Json>(json.resource).flatMap((byName) => Object.values<Json>(byName).map((r) => r.provider));
    expect(providers.length).toBeGreaterThan(5);
    expect(new Set(providers)).toEqual(new Set(['aws.us_east_1']));
  });
});

describe('cloudFrontReadStatement', () => {
  test('with the distribution ARN: exact aws:SourceArn and aws:SourceAccount', () => {
    const arn = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`;
    expect(cloudFrontReadStatement(`arn:aws:s3:::${BUCKET}`, ACCOUNT, arn)).toEqual({
      Sid: 'CloudFrontOriginAccessControlRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': arn } },
    });
  });

  test("without it: any of the account's distributions (ArnLike)", () => {
    expect(cloudFrontReadStatement(`arn:aws:s3:::${BUCKET}`, ACCOUNT).Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/*` },
    });
  });

  test('the construct offers the statement for its own distribution', () => {
    const { site, stack } = synth();
    expect(resolved(stack, site.readStatement.Condition)).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': '${aws_cloudfront_distribution.site_distribution_144BC85A.arn}' },
    });
  });

  test('rejects a bad account, bucket ARN or distribution ARN', () => {
    expect(() => cloudFrontReadStatement(`arn:aws:s3:::${BUCKET}`, '1234')).toThrow(/accountId "1234" is not a 12-digit account ID/);
    expect(() => cloudFrontReadStatement(BUCKET, ACCOUNT)).toThrow(/bucketArn "partner-mgmt-prod-frontend-site-601000000003" is not a bucket ARN/);
    expect(() => cloudFrontReadStatement(`arn:aws:s3:::${BUCKET}`, ACCOUNT, 'E2QWRUHAPOMQZL')).toThrow(/distributionArn "E2QWRUHAPOMQZL" is not a distribution ARN .*omit it/);
  });
});

describe('StaticSiteDistribution: bad props', () => {
  const reject = (change: (stack: TerraformStack) => Partial<StaticSiteDistributionProps>, message: RegExp, region = 'us-east-1') => {
    const stack = edgeStack(region);
    expect(() => new StaticSiteDistribution(stack, 'site', props(stack, change(stack)))).toThrow(message);
  };

  test('a certificate outside us-east-1, or not an ACM ARN', () => {
    reject(() => ({ certificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/abc` }), /StaticSiteDistribution partner-mgmt-prod-dashboard: certificateArn "arn:aws:acm:eu-west-1:\S+" is in eu-west-1; CloudFront only uses ACM certificates in us-east-1 \(create it with DnsValidatedCertificate on stack.providerFor\('us-east-1'\)\)/);
    reject(() => ({ certificateArn: 'arn:aws:iam::601000000003:server-certificate/x' }), /certificateArn "arn:aws:iam::\S+" is not an ACM certificate ARN/);
  });

  test('aliases without a certificate, a certificate without aliases, bad or repeated aliases', () => {
    reject(() => ({ certificateArn: undefined }), /aliases \[partners.example.com\] need certificateArn/);
    reject(() => ({ aliases: [] }), /certificateArn is set but aliases is empty/);
    reject(() => ({ aliases: ['Partners.Example.com'] }), /alias "Partners.Example.com" is not a lower-case domain name/);
    reject(() => ({ aliases: ['a.example.com', 'a.example.com'] }), /aliases \[a.example.com, a.example.com\] repeat/);
  });

  test('a REGIONAL web ACL, or something else than a WAFv2 ARN', () => {
    reject(() => ({ webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/x/0a1b` }), /webAclArn "\S+" is a REGIONAL web ACL; CloudFront needs a CLOUDFRONT-scope \(global\) one, such as CloudFrontWebAcl.arn/);
    reject(() => ({ webAclArn: '0a1b2c3d-1111-2222-3333-444455556666' }), /webAclArn "0a1b2c3d-\S+" is not a CLOUDFRONT-scope WAFv2 web ACL ARN/);
  });

  test('API path pattern without a leading slash, or as broad as the site', () => {
    reject(() => ({ api: { domainName: API_DOMAIN, pathPattern: 'api/*' } }), /api.pathPattern "api\/\*" must start with \/ \(for example \/api\/\*\)/);
    reject(() => ({ api: { domainName: API_DOMAIN, pathPattern: '/*' } }), /api.pathPattern "\/\*" must be a narrower path/);
  });

  test('API origin path, domain and custom headers', () => {
    reject(() => ({ api: { domainName: API_DOMAIN, originPath: 'prod' } }), /api.originPath "prod" must look like \/<stage>/);
    reject(() => ({ api: { domainName: API_DOMAIN, originPath: '/prod/' } }), /api.originPath "\/prod\/" must look like \/<stage>/);
    reject(() => ({ api: { domainName: `https://${API_DOMAIN}/prod` } }), /api.domainName "https:\/\/\S+" is not a host name/);
    reject(() => ({ api: { domainName: API_DOMAIN, customHeaders: { 'x-api-key': 'literal-key-value' } } }), /api.customHeaders "x-api-key" carries a credential as a literal, which would land in cdk.tf.json; pass a reference/);
    reject(() => ({ api: { domainName: API_DOMAIN, customHeaders: { Host: 'x' } } }), /api.customHeaders "Host" is a header CloudFront cannot add/);
    reject(() => ({ api: { domainName: API_DOMAIN, customHeaders: { 'X-Amz-Date': 'x' } } }), /api.customHeaders "X-Amz-Date" is a header CloudFront cannot add/);
  });

  test('site bucket: a website endpoint or a bucket name instead of the regional domain name and ARN', () => {
    reject(() => ({ siteBucket: { regionalDomainName: `${BUCKET}.s3-website-us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${BUCKET}` } }), /is a website endpoint; origin access control needs the REST endpoint/);
    reject(() => ({ siteBucket: { regionalDomainName: BUCKET, arn: `arn:aws:s3:::${BUCKET}` } }), /siteBucket.regionalDomainName "\S+" is not <bucket>.s3.<region>.amazonaws.com/);
    reject(() => ({ siteBucket: { regionalDomainName: `${BUCKET}.s3.us-east-1.amazonaws.com`, arn: BUCKET } }), /siteBucket.arn "\S+" is not a bucket ARN/);
  });

  test('logging: a key outside us-east-1, a bad retention; a provider outside us-east-1', () => {
    reject(() => ({ accessLogs: { retentionDays: 365, kmsKeyArn: LOGS_KEY.replace('us-east-1', 'us-west-2') } }), /accessLogs.kmsKeyArn "\S+" is in us-west-2; the access log group is in us-east-1, so pass a us-east-1 key/);
    reject(() => ({ accessLogs: { retentionDays: 100, kmsKeyArn: LOGS_KEY } }), /accessLogs.retentionDays 100 is not a CloudWatch Logs retention/);
    reject(() => ({}), /StaticSiteDistribution partner-mgmt-prod-dashboard: its provider is in eu-west-1, but CloudFront access log delivery \(v2: source, destination and log group\) must be created in us-east-1; pass provider: stack.providerFor\('us-east-1'\)/, 'eu-west-1');
  });

  test('name, account, CSP, geo restriction and error TTL', () => {
    reject(() => ({ name: 'x'.repeat(51) }), /name must be 1-50 letters, digits, - or _/);
    reject(() => ({ accountId: '6010' }), /accountId "6010" is not a 12-digit account ID/);
    reject(() => ({ contentSecurityPolicy: 'x'.repeat(1784) }), /contentSecurityPolicy must be one line of 1-1783 characters/);
    reject(() => ({ geoRestriction: { type: 'blacklist', countries: ['usa'] } }), /geoRestriction.countries \[usa\] must be ISO 3166 alpha-2 codes/);
    reject(() => ({ errorCachingMinTtlSeconds: -1 }), /errorCachingMinTtlSeconds -1 is outside/);
  });
});

describe('StaticSiteDistribution: extra S3 origins (media) and an HTTP API origin', () => {
  const MEDIA = `haiku-prod-media-${ACCOUNT}`;
  const media = (change: Json = {}) => ({ name: 'media', bucket: { regionalDomainName: `${MEDIA}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${MEDIA}` }, pathPattern: '/media/*', ...change });
  const HTTP_API = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

  test('a media bucket under /media/*: the same origin access control, GET/HEAD, HTTPS redirect, CachingOptimized, the security headers, after the API behaviour', () => {
    const { cdn } = synth(() => ({ extraS3Origins: [media()] }));
    expect(cdn.origin.map((o: Json) => o.origin_id)).toEqual(['site', 'api', 'media']);
    const origin = originById(cdn, 'media');
    expect(origin).toEqual({ origin_id: 'media', domain_name: `${MEDIA}.s3.us-east-1.amazonaws.com`, origin_access_control_id: originById(cdn, 'site').origin_access_control_id });
    expect(cdn.ordered_cache_behavior.map((b: Json) => b.path_pattern)).toEqual(['/api/*', '/media/*']);
    expect(cdn.ordered_cache_behavior[1]).toEqual({
      path_pattern: '/media/*',
      target_origin_id: 'media',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD'],
      cached_methods: ['GET', 'HEAD'],
      compress: true,
      cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingOptimized,
      response_headers_policy_id: cdn.default_cache_behavior.response_headers_policy_id,
    });
    expect(cdn.comment).toBe('partner-mgmt-prod-dashboard: single-page app and API under /api/*; media under /media/*');
  });

  test('readStatements: the site (= readStatement) and each extra bucket, for this distribution only', () => {
    const { site, stack } = synth(() => ({ extraS3Origins: [media()] }));
    expect(Object.keys(site.readStatements)).toEqual(['site', 'media']);
    expect(site.readStatements.site).toBe(site.readStatement);
    expect(resolved(stack, site.readStatements.media)).toEqual({
      Sid: 'CloudFrontOriginAccessControlRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${MEDIA}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': '${aws_cloudfront_distribution.site_distribution_144BC85A.arn}' } },
    });
  });

  test('a cache policy of its own; without an API the media behaviour is the only ordered one', () => {
    const { cdn } = synth(() => ({ api: undefined, extraS3Origins: [media({ cachePolicyId: MANAGED_CACHE_POLICY_IDS.CachingDisabled })] }));
    expect(cdn.ordered_cache_behavior).toHaveLength(1);
    expect(cdn.ordered_cache_behavior[0]).toMatchObject({ target_origin_id: 'media', cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingDisabled });
    expect(cdn.comment).toBe('partner-mgmt-prod-dashboard: single-page app; media under /media/*');
  });

  test('without extra origins readStatements holds the site alone', () => {
    const { site, cdn } = synth();
    expect(Object.keys(site.readStatements)).toEqual(['site']);
    expect(cdn.origin).toHaveLength(2);
  });

  test('an HTTP API execute-api host ($default stage, no origin path): https-only TLSv1.2; every viewer header but Host, Authorization included (caching disabled)', () => {
    const { cdn } = synth(() => ({ api: { domainName: HTTP_API } }));
    expect(originById(cdn, 'api')).toEqual({
      origin_id: 'api',
      domain_name: HTTP_API,
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
    });
    expect(cdn.ordered_cache_behavior[0]).toMatchObject({
      path_pattern: '/api/*',
      cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingDisabled,
      origin_request_policy_id: MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader,
      allowed_methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
    });
  });

  test('bad extra origins: a taken or malformed name, a repeated path or bucket, a bad path, a website endpoint', () => {
    const reject = (extras: Json[], message: RegExp) => {
      const stack = edgeStack();
      expect(() => new StaticSiteDistribution(stack, 'site', props(stack, { extraS3Origins: extras as any }))).toThrow(message);
    };
    reject([media({ name: 'api' })], /StaticSiteDistribution partner-mgmt-prod-dashboard: extraS3Origins name "api" is taken/);
    reject([media(), media({ pathPattern: '/img/*' })], /extraS3Origins name "media" is taken/);
    reject([media({ name: 'media files' })], /extraS3Origins name "media files" must be 1-64 letters, digits, - or _/);
    reject([media({ pathPattern: '/api/*' })], /extraS3Origins\[media\].pathPattern "\/api\/\*" is already the path of api; CloudFront would never reach the second behaviour/);
    reject([media(), media({ name: 'images' })], /extraS3Origins\[images\].pathPattern "\/media\/\*" is already the path of media/);
    reject([media({ pathPattern: 'media/*' })], /extraS3Origins\[media\].pathPattern "media\/\*" must start with \/ \(for example \/media\/\*\)/);
    reject([media({ pathPattern: '/*' })], /extraS3Origins\[media\].pathPattern "\/\*" must be a narrower path such as \/media\/\*/);
    reject([media({ bucket: { regionalDomainName: `${BUCKET}.s3.us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${BUCKET}` } })], /extraS3Origins\[media\].bucket "arn:aws:s3:::\S+" is already the bucket of origin site; serve each bucket through one origin/);
    reject([media({ bucket: { regionalDomainName: `${MEDIA}.s3-website-us-east-1.amazonaws.com`, arn: `arn:aws:s3:::${MEDIA}` } })], /extraS3Origins\[media\].bucket.regionalDomainName "\S+" is a website endpoint/);
    reject([media({ bucket: { regionalDomainName: `${MEDIA}.s3.us-east-1.amazonaws.com`, arn: MEDIA } })], /extraS3Origins\[media\].bucket.arn "\S+" is not a bucket ARN/);
  });
});
