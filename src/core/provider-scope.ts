import { TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/** Props of a construct that can live in another region than its stack's default provider. */
export interface ProviderScopedProps {
  /**
   * Provider for every resource of the construct, for example `stack.providerFor('us-west-2')`
   * (a DR replica) or `stack.providerFor('us-east-1')` (CloudFront certificates and WAF).
   * @default - the stack's default AWS provider (the environment's region)
   */
  readonly provider?: TerraformProvider;
}

/**
 * Puts every resource and data source under `scope` on `provider`; nothing changes when it is
 * undefined. Call it last in a constructor, after every child exists.
 */
export function useProvider(scope: Construct, provider: TerraformProvider | undefined): void {
  if (!provider) return;
  for (const child of scope.node.findAll()) {
    if (child instanceof TerraformResource || child instanceof TerraformDataSource) child.provider = provider;
  }
}
