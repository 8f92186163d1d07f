import { SystemBlueprint } from '../src/core/blueprint';
import { bidopsBlueprint } from './bidops';
import { birdAgentBlueprint } from './bird-agent';
import { langPortalBlueprint } from './lang-portal';
import { partnerMgmtBlueprint } from './partner-mgmt';

/**
 * Every system the app builds, in registry order (which also decides the default owner of an
 * account's singletons: the first system configured in the account). A system of SYSTEMS that is
 * not listed here is not built yet.
 */
export const BLUEPRINTS: readonly SystemBlueprint[] = [bidopsBlueprint, partnerMgmtBlueprint, langPortalBlueprint, birdAgentBlueprint];
