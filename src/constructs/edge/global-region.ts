import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';

/** Region where CloudFront-scope WAF, CloudFront certificates and CloudFront log delivery must live. */
export const CLOUDFRONT_REGION = 'us-east-1';

/**
 * Region of the AWS provider resources under `scope` will use: `provider` if given, else the
 * stack's default (unaliased) AWS provider. Undefined when it cannot be told at synth (no AWS
 * provider found, or a region that is a token).
 */
export function providerRegion(scope: Construct, provider: TerraformProvider | undefined): string | undefined {
  const aws =
    provider ??
    TerraformStack.of(scope)
      .node.children.filter((c): c is AwsProvider => c instanceof AwsProvider)
      .find((p) => p.alias === undefined);
  if (!(aws instanceof AwsProvider)) return undefined;
  const region = aws.region;
  return region === undefined || Token.isUnresolved(region) ? undefined : region;
}

/**
 * Throws when the provider of `scope` is known to be in another region than us-east-1. `where`
 * names the construct, `what` what needs us-east-1.
 */
export function requireCloudFrontRegion(scope: Construct, provider: TerraformProvider | undefined, where: string, what: string): void {
  const region = providerRegion(scope, provider);
  if (region !== undefined && region !== CLOUDFRONT_REGION) {
    throw new Error(
      `${where}: its provider is in ${region}, but ${what} must be created in ${CLOUDFRONT_REGION}; pass provider: stack.providerFor('${CLOUDFRONT_REGION}')`,
    );
  }
}

/** The region of an ARN literal (`arn:<partition>:<service>:<region>:...`), or undefined for a token or a regionless ARN. */
export function arnRegion(arn: string): string | undefined {
  if (Token.isUnresolved(arn)) return undefined;
  const region = arn.split(':')[3];
  return region ? region : undefined;
}
