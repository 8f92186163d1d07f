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
import { OutputError, acquireOutputLock, outputPaths, recoverInterruptedSwaps, swapInOutput } from './output-swap';
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
 * Validates configuration, builds the app into a scratch directory and only then swaps it in for
 * `outdir` (atomically, under a lock, keeping every file synth does not own: `.terraform/`, lock
 * files, state), so a failure (bad config, a construct error, an I/O error) leaves the previous
 * output intact.
 */
export function synthesize(
  vars: Readonly<Record<string, string | undefined>>,
  outdir: string,
  blueprints: readonly SystemBlueprint[] = BLUEPRINTS,
): SynthResult {
  const state = loadStateConfig(vars);
  const selection = selectEnvironments(vars, blueprints);

  const target = path.resolve(outdir);
  const { scratch } = outputPaths(target);
  const release = acquireOutputLock(target);
  try {
    recoverInterruptedSwaps(target);
    fs.rmSync(scratch, { recursive: true, force: true });
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

    swapInOutput(scratch, target);
    return { outdir: target, stacks: [built.bootstrap.node.id, ...built.layers.map((s) => s.node.id)], policy };
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    const e = error as NodeJS.ErrnoException;
    // A file-system failure while writing the new tree (permission, disk full) is one line.
    if (typeof e.code === 'string' && typeof e.syscall === 'string') throw new OutputError(`Cannot write the output under ${e.path ?? target}: ${e.code} (${e.syscall}); the previous output is unchanged`);
    throw error;
  } finally {
    release();
  }
}
