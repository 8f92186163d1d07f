import { EnvName } from '../../../core/names';
import { EdgeLayerConfig } from '../../layers/edge';

/** BidOps.ai edge: prod serves bidops.ai; dev and staging get their own delegated subdomains. */
export function bidopsEdge(env: EnvName): EdgeLayerConfig {
  return { domainName: env === 'prod' ? 'bidops.ai' : `${env}.bidops.ai` };
}
