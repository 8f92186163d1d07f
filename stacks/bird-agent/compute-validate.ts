import { EnvironmentConfig } from '../../src/config/types';
import { Fail } from '../../src/config/layers/fail';
import { SERVICE_NAMES } from './compute-service-spec';

/**
 * The compute layer's checks across sections (the services' own checks are in
 * src/config/layers/compute.ts): the seed's two services are configured and nothing else, the REST
 * API is IAM-authorized, the standby has a network in the secondary region, and the custom domains
 * agree with the edge layer's failover names.
 */
export function validateBirdAgentCompute(config: EnvironmentConfig, fail: Fail): void {
  const compute = config.compute;
  if (!compute) return;
  const configured = Object.keys(compute.services ?? {});
  for (const name of SERVICE_NAMES) {
    if (!configured.includes(name)) fail(`compute.services.${name}`, undefined, 'is missing', `configure both of the seed's services (${SERVICE_NAMES.join(', ')})`);
  }
  for (const name of configured) {
    if (!(SERVICE_NAMES as readonly string[]).includes(name)) fail('compute.services', name, 'is not a bird-agent service', `use ${SERVICE_NAMES.join(' and ')}`);
  }
  const api = compute.restApi;
  if (!api) fail('compute.restApi', undefined, 'is missing', 'configure the seed\'s REST API (stage, throttle, authorization AWS_IAM)');
  if ((api.authorization ?? 'API_KEY') !== 'AWS_IAM') fail('compute.restApi.authorization', api.authorization ?? 'API_KEY', 'is not AWS_IAM, which the seed\'s POST /api/v1/agents/process requires', "set authorization: 'AWS_IAM' and apiKeys: []");
  if (compute.internalLoadBalancerTls !== undefined) fail('compute.internalLoadBalancerTls', compute.internalLoadBalancerTls, 'is not built by bird-agent (its internal ALB listens on HTTPS already)', 'remove it');
  if (compute.standbyInSecondaryRegion && !config.network?.secondary) {
    fail('compute.standbyInSecondaryRegion', true, 'needs network.secondary (the standby services run in the secondary region\'s VPC)', 'configure network.secondary, or turn the standby off');
  }
  if (compute.standbyInSecondaryRegion && !config.data?.replicateToSecondaryRegion) {
    fail('compute.standbyInSecondaryRegion', true, 'needs data.replicateToSecondaryRegion (the standby reads the replicated secrets and media, and logs to the secondary region\'s logs bucket)', 'set data.replicateToSecondaryRegion: true, or turn the standby off');
  }
  const failover = config.edge?.apiFailover;
  const domain = api.customDomain;
  if (failover && domain) {
    if (failover.primarySubdomain !== domain.subdomain) {
      fail('compute.restApi.customDomain.subdomain', domain.subdomain, `differs from edge.apiFailover.primarySubdomain (${failover.primarySubdomain}), the name the edge layer's records point at`, `use ${failover.primarySubdomain}`);
    }
    if (compute.standbyInSecondaryRegion && failover.secondarySubdomain !== domain.secondarySubdomain) {
      fail('compute.restApi.customDomain.secondarySubdomain', domain.secondarySubdomain, `differs from edge.apiFailover.secondarySubdomain (${failover.secondarySubdomain})`, `use ${failover.secondarySubdomain}`);
    }
  }
}
