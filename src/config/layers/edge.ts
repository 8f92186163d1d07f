import { Fail } from './fail';

/** Configuration of the edge layer (DNS, certificates, WAF, Shield). */
export interface EdgeLayerConfig {
  /** Apex domain of the system, for example `bidops.ai`. */
  readonly domainName: string;
  /**
   * Use an existing Route 53 hosted zone instead of creating one.
   * @default - a new public hosted zone for `domainName`
   */
  readonly hostedZoneId?: string;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

export function validateEdgeConfig(edge: EdgeLayerConfig | undefined, hasEdgeLayer: boolean, fail: Fail): void {
  if (!edge) {
    if (hasEdgeLayer) fail('edge.domainName', undefined, 'is required because the system has an edge layer', 'set edge.domainName');
    return;
  }
  if (!edge.domainName || !DOMAIN.test(edge.domainName)) {
    fail('edge.domainName', edge.domainName, 'is not a domain name', 'give the apex domain in lower case, for example bidops.ai');
  }
  if (edge.hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(edge.hostedZoneId)) {
    fail('edge.hostedZoneId', edge.hostedZoneId, 'is not a Route 53 hosted zone ID', 'use the Z... ID or leave it unset to create a zone');
  }
}
