import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { PLATFORM, loadStateConfig } from '../config/platform';
import { selectEnvironments } from '../config/selection';
import { SystemBlueprint } from '../core/blueprint';
import { BLUEPRINTS } from '../../stacks';
import { PublishedOutput } from '../core/layer-stack';
import { PolicyReport, evaluate, readStacks } from '../policy';
import { buildApp } from './build-app';
import { withoutTokenStackTraces } from './token-stack-traces';

/** Name of the file, beside manifest.json, that lists every stack's published outputs. */
export const CONTRACTS_FILE = 'contracts.json';

export type Contracts = Record<string, { readonly dependsOn: readonly string[]; readonly outputs: readonly PublishedOutput[] }>;

export interface SynthResult {
  readonly outdir: string;
  readonly stacks: readonly string[];
  /** The policy pack's report on the synthesized stacks (findings never fail synth). */
  readonly policy: PolicyReport;
}

/**
 * Validates configuration, builds the app into a scratch directory and only then replaces `outdir`,
 * so a failure (bad config, a construct error) leaves no partial output behind.
 */
export function synthesize(
  vars: Readonly<Record<string, string | undefined>>,
  outdir: string,
  blueprints: readonly SystemBlueprint[] = BLUEPRINTS,
): SynthResult {
  const state = loadStateConfig(vars);
  const selection = selectEnvironments(vars, blueprints);

  const target = path.resolve(outdir);
  const scratch = `${target}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    const app = new App({ outdir: scratch, stackTraces: false });
    const built = withoutTokenStackTraces(vars, () => {
      const stacks = buildApp(app, selection, state, PLATFORM);
      app.synth();
      return stacks;
    });
    // Policy pack on every stack: an invalid suppression (no reason, never-suppress rule) throws
    // here, so synth fails with no output; findings are only reported (`npm run policy` gates).
    const policy = evaluate(readStacks(scratch));

    const contracts: Contracts = {};
    for (const stack of built.layers) {
      contracts[stack.node.id] = { dependsOn: stack.dependencies.map((d) => d.node.id), outputs: stack.contract };
    }
    fs.writeFileSync(path.join(scratch, CONTRACTS_FILE), JSON.stringify(contracts, null, 2) + '\n');

    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(scratch, target);
    return { outdir: target, stacks: [built.bootstrap.node.id, ...built.layers.map((s) => s.node.id)], policy };
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
