import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../config/errors';
import { CI_DELIVERY } from '../config/delivery';
import { changesSummary, diffDigests, githubOutputs, pipelinePlan, stackDigests } from './changes';
import { generatedFiles, readDeliveryInputs, staleFiles, writeFiles } from './generate';
import { StackGraphError, graphFromContracts } from './stack-graph';

class UsageError extends Error {}

/** Where the CLI reads and writes: the repository root, and the streams it prints to. */
export interface CliIo {
  readonly root: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

async function generate(argv: readonly string[], io: CliIo): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) throw new UsageError(`unknown argument(s) ${unknown.join(' ')} (use --check, or the changes command)`);
  // The blueprints load every stack module: only this command needs them.
  const { BLUEPRINTS } = await import('../../stacks');
  const files = generatedFiles(readDeliveryInputs(io.root, BLUEPRINTS, CI_DELIVERY));
  if (argv.includes('--check')) {
    const stale = staleFiles(io.root, files);
    if (stale.length === 0) {
      io.out(`ci-workflow: ${Object.keys(files).length} generated files are fresh`);
      return 0;
    }
    io.err(`ci-workflow: stale: ${stale.join(', ')}; run npm run ci-workflow and commit`);
    return 1;
  }
  const written = writeFiles(io.root, files);
  io.out(written.length === 0 ? 'ci-workflow: every generated file is fresh' : `ci-workflow: wrote ${written.join(', ')}`);
  return 0;
}

function changes(argv: readonly string[], io: CliIo): number {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--with-dependents') flags.add(arg);
    else if (['--waves', '--head', '--base', '--base-ref', '--github-output', '--summary'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      values.set(arg, value);
    } else throw new UsageError(`changes: unknown argument ${arg} (use --waves, --with-dependents, --head, --base, --base-ref, --github-output, --summary)`);
  }
  const wavesText = values.get('--waves');
  const waves = Number(wavesText);
  if (!wavesText || !/^\d+$/.test(wavesText) || waves < 1) throw new UsageError(`changes: --waves "${wavesText ?? ''}" is not a positive whole number (the workflow passes its wave count)`);
  const head = values.get('--head');
  if (!head) throw new UsageError('changes: --head <outdir> is required (the synthesized output to plan)');
  const contractsFile = path.join(head, 'contracts.json');
  if (!fs.existsSync(contractsFile)) throw new UsageError(`changes: ${contractsFile} does not exist; synthesize first`);
  const base = values.get('--base');
  if (base !== undefined && !fs.existsSync(path.join(base, 'manifest.json'))) throw new UsageError(`changes: --base ${base} has no manifest.json`);

  const graph = graphFromContracts(JSON.parse(fs.readFileSync(contractsFile, 'utf8')));
  const changeSet = diffDigests(base === undefined ? undefined : stackDigests(base), stackDigests(head));
  const plan = pipelinePlan(graph, changeSet, { waves, applyDependents: flags.has('--with-dependents') });
  const outputs = githubOutputs(plan);
  const summary = changesSummary(plan, values.get('--base-ref'));
  const outputFile = values.get('--github-output');
  const summaryFile = values.get('--summary');
  if (outputFile) fs.appendFileSync(outputFile, outputs);
  else io.out(outputs);
  if (summaryFile) fs.appendFileSync(summaryFile, summary);
  else io.out(summary);
  return 0;
}

/**
 * The ci-workflow command (scripts/ci-workflow.ts): generate (default), `--check`, or `changes`.
 * Returns the exit code: 0 done, 1 stale files, 2 bad arguments, configuration or input.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return argv[0] === 'changes' ? changes(argv.slice(1), io) : await generate(argv, io);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (error instanceof UsageError || error instanceof StackGraphError || error instanceof ConfigError) io.err(`ci-workflow: ${e.message}`);
    else if (typeof e.code === 'string' && typeof e.syscall === 'string') io.err(`ci-workflow: cannot ${e.syscall} ${e.path ?? ''}: ${e.code}`);
    else if (error instanceof SyntaxError) io.err(`ci-workflow: ${e.message} (is the synthesized output complete?)`);
    else throw error;
    return 2;
  }
}
