import { SystemName } from '../../core/names';
import { SystemDefinition } from '../types';
import { bidops } from './bidops';

/** Systems whose configuration exists. A known system missing here is not built yet. */
export const SYSTEM_DEFINITIONS: Readonly<Partial<Record<SystemName, SystemDefinition>>> = {
  bidops,
};
