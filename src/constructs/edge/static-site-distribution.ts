import { CloudfrontDistribution, CloudfrontDistributionOrderedCacheBehavior, CloudfrontDistributionOrigin } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { CLOUDFRONT_REGION, arnRegion, requireCloudFrontRegion } from './global-region';

/** Route 53 hosted zone ID of every CloudFront distribution (alias records to it). */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

/** AWS managed cache policies, by their fixed IDs (no data source: plans stay offline). */
export const MANAGED_CACHE_POLICY_IDS = {
  CachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  CachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
} as const;

/** AWS managed origin request policies, by their fixed IDs. */
export const MANAGED_ORIGIN_REQUEST_POLICY_IDS = {
  /** Every viewer header (but Host: API Gateway routes on its own host name), cookie and query string. */
  AllViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

/**
 * Content-Security-Policy of a single-page app that loads everything from, and calls only, its own
 * origin (the API is `/api/*` on the same host): no inline script or style, no framing, no plugins.
 */
export const DEFAULT_SPA_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/** HSTS max-age: two years, the preload list's expectation. */
export const HSTS_MAX_AGE_SECONDS = 63072000;

const INDEX_DOCUMENT = 'index.html';
const SITE_ORIGIN_ID = 'site';
const API_ORIGIN_ID = 'api';

/** Headers CloudFront refuses as origin custom headers (compared in lower case; `x-amz-*`, `x-edge-*` too). */
const FORBIDDEN_CUSTOM_HEADERS = new Set([
  'cache-control', 'connection', 'content-length', 'cookie', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
  'if-unmodified-since', 'max-forwards', 'pragma', 'proxy-authorization', 'proxy-connection', 'range', 'request-range', 'te',
  'trailer', 'transfer-encoding', 'upgrade', 'via', 'x-real-ip',
]);

/** Custom header names whose value is a credential: only a reference may carry it. */
const CREDENTIAL_HEADER = /(api[-_]?key|secret|token|password|authorization)/i;

/** Viewer-request function of the `rewrite-function` SPA routing: extension-less paths get the app shell. */
export const SPA_REWRITE_FUNCTION_CODE = [
  'function handler(event) {',
  '  var request = event.request;',
  "  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);",
  "  if (last.indexOf('.') === -1) request.uri = '/index.html';",
  '  return request;',
  '}',
].join('\n');

/**
 * An API served under a path of the site: an API Gateway REST API stage, an API Gateway HTTP API, or
 * a custom domain in front of either. The behaviour forwards every viewer header but Host
 * (AllViewerExceptHostHeader; with caching disabled that includes `Authorization`, so a Cognito
 * token reaches a JWT authorizer) to the origin over HTTPS only, TLSv1.2.
 */
export interface ApiOriginProps {
  /**
   * Host name of the API: `<api id>.execute-api.<region>.amazonaws.com` (`RestApi.domainName`, or
   * an HTTP API's `api_endpoint` without `https://`) or a custom domain (for example the
   * DnsFailover record name in front of two regional APIs).
   */
  readonly domainName: string;
  /**
   * Prefix CloudFront puts before the viewer path: `/<stage>` for an execute-api host of a named
   * stage (then the API's routes start with the `/api` of `pathPattern`, since CloudFront forwards
   * the full path).
   * @default - none: the host routes the full path itself (an HTTP API's `$default` stage, or a
   *   custom domain whose base path mapping `api` selects the stage and strips `/api`)
   */
  readonly originPath?: string;
  /**
   * Viewer path pattern of the API behaviour; starts with `/`.
   * @default '/api/*'
   */
  readonly pathPattern?: string;
  /**
   * Headers CloudFront adds to every origin request (name -> value), for example `x-api-key`, so
   * browsers never hold the key. A credential-like header (`*key*`, `*secret*`, `*token*`,
   * `authorization`, ...) must be a reference (a token), never a literal in cdk.tf.json.
   * @default {}
   */
  readonly customHeaders?: Readonly<Record<string, string>>;
}

/** A private S3 bucket, read through origin access control. */
export interface S3OriginBucket {
  /** `<bucket>.s3.<region>.amazonaws.com` (`bucket_regional_domain_name`; not a website endpoint). */
  readonly regionalDomainName: string;
  /** `arn:aws:s3:::<bucket>`. */
  readonly arn: string;
}

/**
 * Another private S3 bucket served under a path of the site, for example generated media under
 * `/media/*`: read through the site's origin access control, GET/HEAD only, HTTPS redirect, the
 * security headers policy. CloudFront forwards the full path, so `/media/a.png` is the key
 * `media/a.png`. With `error-responses` SPA routing a missing object answers the app shell (the
 * 403/404 rewrite is distribution-wide); `rewrite-function` routing keeps the bucket's 403.
 */
export interface ExtraS3OriginProps {
  /** Origin ID (letters, digits, - or _; at most 64; not `site` or `api`), for example `media`. */
  readonly name: string;
  /** The bucket; its policy needs `readStatements[name]`. */
  readonly bucket: S3OriginBucket;
  /** Viewer path pattern of the behaviour, for example `/media/*`; starts with `/`. */
  readonly pathPattern: string;
  /**
   * Cache policy of the behaviour.
   * @default MANAGED_CACHE_POLICY_IDS.CachingOptimized
   */
  readonly cachePolicyId?: string;
}

/** CloudFront standard logging (v2): the distribution's access logs delivered to a CloudWatch Logs group. */
export interface AccessLogProps {
  /** Retention of the access log group in days (a CloudWatch Logs retention value). */
  readonly retentionDays: number;
  /** KMS key of the log group: a us-east-1 key whose policy admits CloudWatch Logs there. */
  readonly kmsKeyArn: string;
  /**
   * Log group name.
   * @default `/aws/cloudfront/<name>/access`
   */
  readonly logGroupName?: string;
  /**
   * Record format in the log group.
   * @default 'json'
   */
  readonly outputFormat?: 'json' | 'plain';
}

export interface StaticSiteDistributionProps extends ProviderScopedProps {
  /**
   * Name of the site (letters, digits, - or _; at most 50): the comment, origin access control,
   * headers policy, function and log delivery names derive from it. For example `<system>-<env>-dashboard`.
   */
  readonly name: string;
  /** Account of the distribution (log delivery policy `aws:SourceAccount`, `readStatement`). */
  readonly accountId: string;
  /** The private S3 bucket holding the site. */
  readonly siteBucket: S3OriginBucket;
  /**
   * Further private buckets served under their own paths (after the API behaviour), through the
   * same origin access control.
   * @default [] - only the site bucket
   */
  readonly extraS3Origins?: readonly ExtraS3OriginProps[];
  /**
   * The API served under `pathPattern` on the same host (no CORS needed).
   * @default - none: only the static site
   */
  readonly api?: ApiOriginProps;
  /**
   * Host names of the site (CNAMEs); need `certificateArn`.
   * @default [] - only the `*.cloudfront.net` name
   */
  readonly aliases?: readonly string[];
  /**
   * ACM certificate covering `aliases`; must be in us-east-1. Viewers then need TLSv1.2_2021 (SNI).
   * @default - the CloudFront default certificate, whose minimum protocol stays TLSv1 (CF-01 reports it)
   */
  readonly certificateArn?: string;
  /**
   * ARN of a CLOUDFRONT-scope WAFv2 web ACL (`CloudFrontWebAcl.arn`).
   * @default - none (CF-02 reports it)
   */
  readonly webAclArn?: string;
  /** Access logs (standard logging v2 to CloudWatch Logs, in us-east-1). */
  readonly accessLogs: AccessLogProps;
  /**
   * Content-Security-Policy sent with every response.
   * @default DEFAULT_SPA_CONTENT_SECURITY_POLICY
   */
  readonly contentSecurityPolicy?: string;
  /**
   * How app routes (`/partners/42`) reach the app shell. `error-responses`: S3's 403/404 become
   * `/index.html` with 200 (distribution-wide, so the API's own 403/404 and WAF 403 blocks are
   * turned into the app shell too). `rewrite-function`: a viewer-request CloudFront Function on the
   * site behaviour only serves `/index.html` for extension-less paths; API and WAF statuses pass.
   * @default 'error-responses'
   */
  readonly spaRouting?: 'error-responses' | 'rewrite-function';
  /**
   * Seconds CloudFront caches an error response (`error-responses` routing).
   * @default 10
   */
  readonly errorCachingMinTtlSeconds?: number;
  /**
   * Edge locations served.
   * @default 'PriceClass_100'
   */
  readonly priceClass?: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /**
   * Countries allowed (`whitelist`) or refused (`blacklist`), ISO 3166 alpha-2.
   * @default - no geo restriction
   */
  readonly geoRestriction?: { readonly type: 'whitelist' | 'blacklist'; readonly countries: readonly string[] };
}

/**
 * A CloudFront distribution of a single-page app in a private S3 bucket, read through origin access
 * control (SigV4, always signed), with `index.html` as root object and SPA routing, HTTPS only
 * (redirect), HTTP/2 and 3, IPv6, the AWS CachingOptimized policy, a security headers policy (HSTS
 * 2 years with subdomains and preload, nosniff, DENY framing, strict-origin-when-cross-origin,
 * XSS protection, a CSP) and standard logging v2 to an encrypted CloudWatch log group. An optional
 * API origin is served under `/api/*` (CachingDisabled, AllViewerExceptHostHeader, https-only
 * TLSv1.2, every method, origin custom headers such as the API key); further private buckets (media)
 * under their own paths through the same origin access control. With `aliases` and a us-east-1
 * certificate viewers need TLSv1.2_2021 over SNI.
 *
 * The log delivery lives in us-east-1 (CloudFront delivers its logs only there): create this on a
 * us-east-1 provider. Each bucket's policy must let CloudFront read: `readStatements` (or
 * `cloudFrontReadStatement` where the bucket is built before the distribution).
 */
export class StaticSiteDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly originAccessControl: CloudfrontOriginAccessControl;
  readonly responseHeadersPolicy: CloudfrontResponseHeadersPolicy;
  readonly accessLogGroup: CloudwatchLogGroup;
  readonly accessLogDelivery: CloudwatchLogDelivery;
  /** The SPA rewrite function (`rewrite-function` routing only). */
  readonly spaRewriteFunction?: CloudfrontFunction;
  /** Route 53 zone ID of CloudFront alias targets. */
  readonly hostedZoneId: string = CLOUDFRONT_HOSTED_ZONE_ID;
  /**
   * Bucket policy statement letting this distribution (only) read the site, for a bucket policy
   * written after the distribution exists.
   */
  readonly readStatement: PolicyStatement;
  /**
   * The same statement for every bucket, by origin ID: `site` (= `readStatement`) and the name of
   * each of `extraS3Origins`.
   */
  readonly readStatements: Readonly<Record<string, PolicyStatement>>;

  constructor(scope: Construct, id: string, props: StaticSiteDistributionProps) {
    super(scope, id);
    const where = `StaticSiteDistribution ${props.name}`;
    const aliases = props.aliases ?? [];
    const csp = props.contentSecurityPolicy ?? DEFAULT_SPA_CONTENT_SECURITY_POLICY;
    const spaRouting = props.spaRouting ?? 'error-responses';
    const errorTtl = props.errorCachingMinTtlSeconds ?? 10;
    const priceClass = props.priceClass ?? 'PriceClass_100';
    const logGroupName = props.accessLogs.logGroupName ?? `/aws/cloudfront/${props.name}/access`;
    const outputFormat = props.accessLogs.outputFormat ?? 'json';
    const api = props.api
      ? { domainName: props.api.domainName, originPath: props.api.originPath, pathPattern: props.api.pathPattern ?? '/api/*', customHeaders: props.api.customHeaders ?? {} }
      : undefined;
    const extraS3Origins = (props.extraS3Origins ?? []).map((o) => ({ ...o, cachePolicyId: o.cachePolicyId ?? MANAGED_CACHE_POLICY_IDS.CachingOptimized }));

    // ---- Validation (programming errors) ----
    if (!/^[A-Za-z0-9_-]{1,50}$/.test(props.name)) throw new Error(`StaticSiteDistribution "${props.name}": name must be 1-50 letters, digits, - or _`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID`);
    checkBucket(where, 'siteBucket', props.siteBucket);
    if (api) checkApi(where, api);
    checkExtraS3Origins(where, extraS3Origins, props.siteBucket, api?.pathPattern);
    const domain = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
    for (const alias of aliases) if (!Token.isUnresolved(alias) && !domain.test(alias)) throw new Error(`${where}: alias "${alias}" is not a lower-case domain name (a leading *. is allowed)`);
    if (new Set(aliases).size !== aliases.length) throw new Error(`${where}: aliases [${aliases.join(', ')}] repeat; list each once`);
    if (aliases.length > 0 && props.certificateArn === undefined) {
      throw new Error(`${where}: aliases [${aliases.join(', ')}] need certificateArn (a us-east-1 ACM certificate covering them); CloudFront rejects a CNAME it cannot serve over TLS`);
    }
    if (props.certificateArn !== undefined) {
      if (aliases.length === 0) throw new Error(`${where}: certificateArn is set but aliases is empty; list the host names the certificate covers`);
      checkCertificateArn(where, props.certificateArn);
    }
    if (props.webAclArn !== undefined) checkWebAclArn(where, props.webAclArn);
    if (!LOG_RETENTION_DAYS.includes(props.accessLogs.retentionDays)) {
      throw new Error(`${where}: accessLogs.retentionDays ${props.accessLogs.retentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!props.accessLogs.kmsKeyArn) throw new Error(`${where}: accessLogs.kmsKeyArn is empty; the access log group is KMS-encrypted (LOG-01), pass a ${CLOUDFRONT_REGION} logs key`);
    const keyRegion = arnRegion(props.accessLogs.kmsKeyArn);
    if (keyRegion !== undefined && keyRegion !== CLOUDFRONT_REGION) {
      throw new Error(`${where}: accessLogs.kmsKeyArn "${props.accessLogs.kmsKeyArn}" is in ${keyRegion}; the access log group is in ${CLOUDFRONT_REGION}, so pass a ${CLOUDFRONT_REGION} key`);
    }
    if (!/^[A-Za-z0-9._\-/#]{1,512}$/.test(logGroupName)) throw new Error(`${where}: accessLogs.logGroupName "${logGroupName}" is not a valid log group name`);
    if (!Token.isUnresolved(csp) && (csp.trim() === '' || csp.length > 1783 || /[\r\n]/.test(csp))) {
      throw new Error(`${where}: contentSecurityPolicy must be one line of 1-1783 characters (a CloudFront limit); got ${csp.length} characters`);
    }
    if (!(Number.isInteger(errorTtl) && errorTtl >= 0 && errorTtl <= 31536000)) throw new Error(`${where}: errorCachingMinTtlSeconds ${errorTtl} is outside 0-31536000`);
    if (props.geoRestriction) {
      const { countries } = props.geoRestriction;
      if (countries.length === 0 || countries.some((c) => !/^[A-Z]{2}$/.test(c))) {
        throw new Error(`${where}: geoRestriction.countries [${countries.join(', ')}] must be ISO 3166 alpha-2 codes (upper case), at least one`);
      }
    }
    requireCloudFrontRegion(this, props.provider, where, 'CloudFront access log delivery (v2: source, destination and log group)');

    // ---- Resources ----
    this.originAccessControl = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
      name: props.name,
      description: `${props.name}: CloudFront reads the site bucket with SigV4`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });

    this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: `${props.name}-security-headers`,
      comment: `${props.name}: HSTS, nosniff, DENY framing, referrer policy, XSS protection, CSP`,
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      },
    });

    if (spaRouting === 'rewrite-function') {
      this.spaRewriteFunction = new CloudfrontFunction(this, 'spa-rewrite', {
        name: `${props.name}-spa-rewrite`,
        comment: 'Serves /index.html for app routes (paths whose last segment has no extension)',
        runtime: 'cloudfront-js-2.0',
        code: SPA_REWRITE_FUNCTION_CODE,
        publish: true,
      });
    }

    const origins: CloudfrontDistributionOrigin[] = [
      // No s3_origin_config: with origin access control the provider sends an empty OAI.
      { originId: SITE_ORIGIN_ID, domainName: props.siteBucket.regionalDomainName, originAccessControlId: this.originAccessControl.id },
    ];
    const orderedBehaviors: CloudfrontDistributionOrderedCacheBehavior[] = [];
    if (api) {
      origins.push({
        originId: API_ORIGIN_ID,
        domainName: api.domainName,
        originPath: api.originPath,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
        customHeader: Object.keys(api.customHeaders).length ? Object.entries(api.customHeaders).map(([name, value]) => ({ name, value })) : undefined,
      });
      orderedBehaviors.push({
        pathPattern: api.pathPattern,
        targetOriginId: API_ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: MANAGED_CACHE_POLICY_IDS.CachingDisabled,
        originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICY_IDS.AllViewerExceptHostHeader,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
      });
    }
    for (const extra of extraS3Origins) {
      origins.push({ originId: extra.name, domainName: extra.bucket.regionalDomainName, originAccessControlId: this.originAccessControl.id });
      orderedBehaviors.push({
        pathPattern: extra.pathPattern,
        targetOriginId: extra.name,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: extra.cachePolicyId,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
      });
    }

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${props.name}: single-page app${api ? ` and API under ${api.pathPattern}` : ''}${extraS3Origins.map((o) => `; ${o.name} under ${o.pathPattern}`).join('')}`.slice(0, 128),
      defaultRootObject: INDEX_DOCUMENT,
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass,
      aliases: [...aliases],
      webAclId: props.webAclArn,
      origin: origins,
      defaultCacheBehavior: {
        targetOriginId: SITE_ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: MANAGED_CACHE_POLICY_IDS.CachingOptimized,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
        functionAssociation: this.spaRewriteFunction ? [{ eventType: 'viewer-request', functionArn: this.spaRewriteFunction.arn }] : undefined,
      },
      orderedCacheBehavior: orderedBehaviors.length ? orderedBehaviors : undefined,
      // S3 answers 403 for a missing key when CloudFront may not list the bucket, hence both codes.
      customErrorResponse:
        spaRouting === 'error-responses'
          ? [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: `/${INDEX_DOCUMENT}`, errorCachingMinTtl: errorTtl }))
          : undefined,
      restrictions: {
        geoRestriction: props.geoRestriction
          ? { restrictionType: props.geoRestriction.type, locations: [...props.geoRestriction.countries] }
          : { restrictionType: 'none', locations: [] },
      },
      viewerCertificate: props.certificateArn
        ? { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : // CloudFront fixes the default certificate's minimum at TLSv1; only an own certificate raises it.
          { cloudfrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' },
    });

    // ---- Access logs: standard logging v2 (vended logs) to CloudWatch Logs ----
    this.accessLogGroup = new CloudwatchLogGroup(this, 'access-log-group', {
      name: logGroupName,
      retentionInDays: props.accessLogs.retentionDays,
      kmsKeyId: props.accessLogs.kmsKeyArn,
    });
    // Written here rather than left to the implicit AWSLogDeliveryWrite policy, so it is visible,
    // scoped to this group and removed with it.
    const logPolicy = new CloudwatchLogResourcePolicy(this, 'access-log-policy', {
      policyName: `${props.name}-cloudfront-access-logs`,
      policyDocument: policyJson({
        Statement: [
          {
            Sid: 'CloudFrontAccessLogDelivery',
            Effect: 'Allow',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${this.accessLogGroup.arn}:log-stream:*`,
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:logs:${CLOUDFRONT_REGION}:${props.accountId}:*` },
            },
          },
        ],
      }),
    });
    const source = new CloudwatchLogDeliverySource(this, 'access-log-source', {
      name: `${props.name}-access`,
      logType: 'ACCESS_LOGS',
      resourceArn: this.distribution.arn,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, 'access-log-destination', {
      name: `${props.name}-access`,
      outputFormat,
      deliveryDestinationConfiguration: [{ destinationResourceArn: this.accessLogGroup.arn }],
    });
    this.accessLogDelivery = new CloudwatchLogDelivery(this, 'access-log-delivery', {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      dependsOn: [logPolicy],
    });

    this.readStatement = cloudFrontReadStatement(props.siteBucket.arn, props.accountId, this.distribution.arn);
    this.readStatements = Object.fromEntries([
      [SITE_ORIGIN_ID, this.readStatement],
      ...extraS3Origins.map((o) => [o.name, cloudFrontReadStatement(o.bucket.arn, props.accountId, this.distribution.arn)]),
    ]);
    useProvider(this, props.provider);
  }

  /** `arn:aws:cloudfront::<account>:distribution/<id>`. */
  get arn(): string {
    return this.distribution.arn;
  }

  get id(): string {
    return this.distribution.id;
  }

  /** `<id>.cloudfront.net`. */
  get domainName(): string {
    return this.distribution.domainName;
  }
}

/**
 * The S3 bucket-policy statement that lets CloudFront (origin access control) read the objects of
 * `bucketArn` for requests of `distributionArn`, or of any distribution of `accountId` when the
 * bucket's stack cannot know the distribution yet (it is built in a later layer). Without
 * s3:ListBucket a missing key answers 403, which the SPA routing expects.
 */
export function cloudFrontReadStatement(bucketArn: string, accountId: string, distributionArn?: string): PolicyStatement {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`cloudFrontReadStatement: accountId "${accountId}" is not a 12-digit account ID`);
  if (!Token.isUnresolved(bucketArn) && !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketArn)) {
    throw new Error(`cloudFrontReadStatement: bucketArn "${bucketArn}" is not a bucket ARN (arn:aws:s3:::<bucket>)`);
  }
  if (distributionArn !== undefined && !Token.isUnresolved(distributionArn) && !/^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+$/.test(distributionArn)) {
    throw new Error(`cloudFrontReadStatement: distributionArn "${distributionArn}" is not a distribution ARN (arn:aws:cloudfront::<account>:distribution/<id>); omit it to admit the account's distributions`);
  }
  return {
    Sid: 'CloudFrontOriginAccessControlRead',
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: `${bucketArn}/*`,
    Condition:
      distributionArn !== undefined
        ? { StringEquals: { 'aws:SourceAccount': accountId, 'aws:SourceArn': distributionArn } }
        : { StringEquals: { 'aws:SourceAccount': accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${accountId}:distribution/*` } },
  };
}

/** `label` names the bucket in messages: `siteBucket` or `extraS3Origins[<name>].bucket`. */
function checkBucket(where: string, label: string, bucket: S3OriginBucket): void {
  const name = bucket.regionalDomainName;
  if (!Token.isUnresolved(name)) {
    if (/\.s3-website[.-]/.test(name)) {
      throw new Error(`${where}: ${label}.regionalDomainName "${name}" is a website endpoint; origin access control needs the REST endpoint <bucket>.s3.<region>.amazonaws.com (bucket_regional_domain_name)`);
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\.s3\.[a-z0-9-]+\.amazonaws\.com$/.test(name)) {
      throw new Error(`${where}: ${label}.regionalDomainName "${name}" is not <bucket>.s3.<region>.amazonaws.com (pass bucket_regional_domain_name)`);
    }
  }
  if (!Token.isUnresolved(bucket.arn) && !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket.arn)) {
    throw new Error(`${where}: ${label}.arn "${bucket.arn}" is not a bucket ARN (arn:aws:s3:::<bucket>)`);
  }
}

/** A behaviour's path pattern: starts with `/` and is narrower than the site's default behaviour. */
function checkPathPattern(where: string, label: string, pattern: string, example: string): void {
  if (!pattern.startsWith('/')) {
    throw new Error(`${where}: ${label}.pathPattern "${pattern}" must start with / (for example ${example})`);
  }
  if (pattern === '/*' || pattern === '/' || !/^\/[A-Za-z0-9_\-.*$/~"'@:+?&=]+$/.test(pattern)) {
    throw new Error(`${where}: ${label}.pathPattern "${pattern}" must be a narrower path such as ${example} (the site is the default behaviour)`);
  }
}

function checkExtraS3Origins(where: string, extras: readonly ExtraS3OriginProps[], siteBucket: S3OriginBucket, apiPathPattern: string | undefined): void {
  const patterns = apiPathPattern === undefined ? new Map<string, string>() : new Map([[apiPathPattern, 'api']]);
  const buckets = new Map([[siteBucket.arn, SITE_ORIGIN_ID]]);
  const names = new Set<string>();
  for (const extra of extras) {
    const label = `extraS3Origins[${extra.name}]`;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(extra.name)) throw new Error(`${where}: extraS3Origins name "${extra.name}" must be 1-64 letters, digits, - or _`);
    if (extra.name === SITE_ORIGIN_ID || extra.name === API_ORIGIN_ID || names.has(extra.name)) {
      throw new Error(`${where}: extraS3Origins name "${extra.name}" is taken (site, api and every extra origin need their own origin ID); choose another, for example media`);
    }
    names.add(extra.name);
    checkBucket(where, `${label}.bucket`, extra.bucket);
    checkPathPattern(where, label, extra.pathPattern, '/media/*');
    const patternOwner = patterns.get(extra.pathPattern);
    if (patternOwner !== undefined) throw new Error(`${where}: ${label}.pathPattern "${extra.pathPattern}" is already the path of ${patternOwner}; CloudFront would never reach the second behaviour`);
    patterns.set(extra.pathPattern, extra.name);
    const bucketOwner = buckets.get(extra.bucket.arn);
    if (bucketOwner !== undefined) {
      throw new Error(`${where}: ${label}.bucket "${extra.bucket.arn}" is already the bucket of origin ${bucketOwner}; serve each bucket through one origin (its read statement covers every key)`);
    }
    buckets.set(extra.bucket.arn, extra.name);
  }
}

function checkApi(where: string, api: { domainName: string; originPath?: string; pathPattern: string; customHeaders: Readonly<Record<string, string>> }): void {
  if (!Token.isUnresolved(api.domainName) && !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(api.domainName)) {
    throw new Error(`${where}: api.domainName "${api.domainName}" is not a host name (no scheme, path or port); use RestApi.domainName or a custom domain`);
  }
  if (api.originPath !== undefined && !Token.isUnresolved(api.originPath) && !/^(\/[A-Za-z0-9_.~-]+)+$/.test(api.originPath)) {
    throw new Error(`${where}: api.originPath "${api.originPath}" must look like /<stage> (a leading /, no trailing /); omit it for a custom domain`);
  }
  checkPathPattern(where, 'api', api.pathPattern, '/api/*');
  for (const [name, value] of Object.entries(api.customHeaders)) {
    const lower = name.toLowerCase();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new Error(`${where}: api.customHeaders name "${name}" is not an HTTP header name`);
    if (FORBIDDEN_CUSTOM_HEADERS.has(lower) || lower.startsWith('x-amz-') || lower.startsWith('x-edge-')) {
      throw new Error(`${where}: api.customHeaders "${name}" is a header CloudFront cannot add to origin requests; choose another name`);
    }
    if (CREDENTIAL_HEADER.test(name) && !Token.isUnresolved(value)) {
      throw new Error(`${where}: api.customHeaders "${name}" carries a credential as a literal, which would land in cdk.tf.json; pass a reference (for example the aws_api_gateway_api_key value or a sensitive variable)`);
    }
  }
  const names = Object.keys(api.customHeaders).map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) throw new Error(`${where}: api.customHeaders [${Object.keys(api.customHeaders).join(', ')}] repeat a name (header names are case-insensitive)`);
}

function checkCertificateArn(where: string, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  const match = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(arn);
  if (!match) throw new Error(`${where}: certificateArn "${arn}" is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)`);
  if (match[1] !== CLOUDFRONT_REGION) {
    throw new Error(`${where}: certificateArn "${arn}" is in ${match[1]}; CloudFront only uses ACM certificates in ${CLOUDFRONT_REGION} (create it with DnsValidatedCertificate on stack.providerFor('${CLOUDFRONT_REGION}'))`);
  }
}

function checkWebAclArn(where: string, arn: string): void {
  if (Token.isUnresolved(arn)) return;
  if (/:regional\/webacl\//.test(arn)) {
    throw new Error(`${where}: webAclArn "${arn}" is a REGIONAL web ACL; CloudFront needs a CLOUDFRONT-scope (global) one, such as CloudFrontWebAcl.arn`);
  }
  if (!/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]+\/[A-Za-z0-9-]+$/.test(arn)) {
    throw new Error(`${where}: webAclArn "${arn}" is not a CLOUDFRONT-scope WAFv2 web ACL ARN (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)`);
  }
}
