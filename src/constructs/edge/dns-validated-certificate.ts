import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

export interface DnsValidatedCertificateProps extends ProviderScopedProps {
  /** Primary name of the certificate, for example `*.example.com`. */
  readonly domainName: string;
  /**
   * Additional names (SANs).
   * @default []
   */
  readonly subjectAlternativeNames?: readonly string[];
  /** Route 53 hosted zone that receives the validation CNAMEs. */
  readonly hostedZoneId: string;
  /**
   * TTL of the validation records in seconds.
   * @default 300
   */
  readonly validationRecordTtl?: number;
}

/**
 * An ACM certificate (RSA-2048, certificate transparency logging on) validated through DNS records
 * in Route 53. `arn` is the validated ARN: listeners using it wait for validation to complete.
 */
export class DnsValidatedCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** ARN of the certificate, available only once validated. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const sans = props.subjectAlternativeNames ?? [];
    const ttl = props.validationRecordTtl ?? 300;
    const name = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
    for (const domain of [props.domainName, ...sans]) {
      if (!name.test(domain)) throw new Error(`DnsValidatedCertificate: "${domain}" is not a lower-case domain name (a leading *. is allowed)`);
    }
    if (new Set([props.domainName, ...sans]).size !== sans.length + 1) {
      throw new Error(`DnsValidatedCertificate: names [${[props.domainName, ...sans].join(', ')}] repeat; list each once`);
    }
    if (sans.length > 9) throw new Error(`DnsValidatedCertificate: ${sans.length} SANs exceed ACM's default quota of 10 names per certificate`);
    if (ttl < 60 || ttl > 86400) throw new Error(`DnsValidatedCertificate: validationRecordTtl ${ttl} is outside 60-86400 seconds`);

    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: [...sans],
      validationMethod: 'DNS',
      keyAlgorithm: 'RSA_2048',
      options: { certificateTransparencyLoggingPreference: 'ENABLED' },
      lifecycle: { createBeforeDestroy: true },
    });

    // One record per name; `*.x` and `x` share a record, hence allow_overwrite.
    // Iterate the set itself: cdktf's fromComplexList wraps it in tolist(), which is unknown at
    // plan time for a new certificate (a set with unknown members has no order).
    const cert = `${this.certificate.terraformResourceType}.${this.certificate.friendlyUniqueId}`;
    const options = TerraformIterator.fromMap(
      Token.asAnyMap(`\${{ for dvo in ${cert}.domain_validation_options : dvo.domain_name => dvo }}`),
    );
    const records = new Route53Record(this, 'validation-record', {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl,
      allowOverwrite: true,
    });
    const recordIterator = TerraformIterator.fromResources(records);

    this.validation = new AcmCertificateValidation(this, 'validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: recordIterator.pluckProperty('fqdn') as unknown as string[],
    });
    this.arn = this.validation.certificateArn;
    useProvider(this, props.provider);
  }
}
