import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { add, expectCompliant, expectViolation, stackOf } from './harness';

describe('ACM-01 certificate transparency logging', () => {
  it('passes when ENABLED and with the default', () => {
    const stack = stackOf('bidops-prod-network');
    add(stack, AcmCertificate, 'on', { domain_name: 'example.com', validation_method: 'DNS', options: { certificate_transparency_logging_preference: 'ENABLED' } });
    add(stack, AcmCertificate, 'default', { domain_name: 'www.example.com', validation_method: 'DNS' });
    expectCompliant('ACM-01', stack, 'aws_acm_certificate.on');
    expectCompliant('ACM-01', stack, 'aws_acm_certificate.default');
  });
  it('fails when DISABLED', () => {
    const stack = stackOf('bidops-prod-network');
    add(stack, AcmCertificate, 'off', { domain_name: 'example.com', validation_method: 'DNS', options: { certificate_transparency_logging_preference: 'DISABLED' } });
    expectViolation('ACM-01', stack, 'aws_acm_certificate.off', 'certificate_transparency_logging_preference');
  });
});
