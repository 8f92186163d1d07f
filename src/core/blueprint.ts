import { Construct } from 'constructs';
import { AccountSingleton } from '../config/baseline';
import { Fail } from '../config/layers/fail';
import { ConfigSection, EnvironmentConfig, SystemDefinition } from '../config/types';
import { LayerContext, LayerStack } from './layer-stack';
import { LayerName } from './names';

/** One layer of a system: what it reads, what configuration it needs, and how its stack is built. */
export interface LayerBlueprint {
  /** Layers of the same system and environment whose outputs this layer reads (no cycles). */
  readonly reads: readonly LayerName[];
  /**
   * Configuration sections the layer cannot be built without; a missing one is a ConfigError.
   * @default []
   */
  readonly needs?: readonly ConfigSection[];
  /** Builds the layer's stack; `context.upstreams` holds exactly the stacks of `reads`. */
  readonly build: (scope: Construct, context: LayerContext) => LayerStack;
}

/**
 * A system as the app builds it: its configuration per environment (SystemDefinition), the layers it
 * has with their reads (its own dependency graph), and the checks its layers need beyond the shared
 * per-section validation (names other layers read, cross-section requirements).
 */
export interface SystemBlueprint extends SystemDefinition {
  /** Layers by name, in the order a reader should meet them; the deploy order follows `reads`. */
  readonly layers: Readonly<Partial<Record<LayerName, LayerBlueprint>>>;
  /**
   * The account singletons this system's layers create when its environment owns them; an
   * environment is only made default owner of singletons its system creates.
   * @default [] - the system creates no account singleton
   */
  readonly createsSingletons?: readonly AccountSingleton[];
  /**
   * System-specific validation, run after the shared validation of every section, before any
   * stack is built. Report with `fail(field, value, problem, fix)`.
   * @default - none
   */
  readonly validate?: (config: EnvironmentConfig, fail: Fail) => void;
}
