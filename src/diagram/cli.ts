/**
 * `npm run diagram`: arguments, then write / check / print. scripts/diagram.ts only calls `runDiagram`.
 * Exit codes: 0 done (or fresh); 1 `--check` found stale files; 2 bad arguments or input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readStacks } from '../policy/report';
import { renderPage } from './document';
import { generateFiles, staleFiles, writeFiles } from './files';
import { buildEnvGraph } from './graph';
import { renderMermaid } from './mermaid';
import { parseStackName } from './terraform';
import { buildView } from './view';

export const DEFAULT_DIAGRAM_DIR = path.join('docs', 'diagrams');
export const DEFAULT_MAX_PER_KIND = 5;
/** Mermaid's default maxTextSize and maxEdges (GitHub renders with them; a diagram cannot raise them). */
export const MERMAID_MAX_TEXT = 50000;
export const MERMAID_MAX_EDGES = 500;

export interface DiagramArgs {
  readonly check: boolean;
  readonly all: boolean;
  readonly outdir?: string;
  readonly stack?: string;
  readonly maxPerKind?: number;
}

export class UsageError extends Error {}

const USAGE = 'usage: diagram [--check] [--outdir <dir>] [--all] [--max-per-kind <n>] | --stack <stack> [--max-per-kind <n>]';

export function parseArgs(argv: readonly string[]): DiagramArgs {
  let check = false;
  let all = false;
  let outdir: string | undefined;
  let stack: string | undefined;
  let maxPerKind: number | undefined;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value (${USAGE})`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--all') all = true;
    else if (arg === '--outdir') outdir = value(i++, arg);
    else if (arg === '--stack') stack = value(i++, arg);
    else if (arg === '--max-per-kind') {
      const raw = value(i++, arg);
      if (!/^[1-9][0-9]{0,3}$/.test(raw)) throw new UsageError(`--max-per-kind takes a whole number from 1 to 9999, not '${raw}'`);
      maxPerKind = Number(raw);
    } else throw new UsageError(`unknown argument '${arg}' (${USAGE})`);
  }
  if (stack !== undefined && (check || outdir !== undefined)) throw new UsageError('--stack prints one stack to stdout; it takes no --check or --outdir');
  // The committed diagrams are the default view: another view must be written elsewhere.
  if (stack === undefined && outdir === undefined && (all || maxPerKind !== undefined)) {
    throw new UsageError(`--all and --max-per-kind draw another view than the committed diagrams in ${DEFAULT_DIAGRAM_DIR}; write it elsewhere with --outdir <dir>`);
  }
  return { check, all, outdir, stack, maxPerKind };
}

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the command from `cwd` with `env` (CDKTF_OUTDIR); returns the exit code. */
export function runDiagram(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string, io: Io): number {
  let args: DiagramArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`diagram: ${error.message}`);
    return 2;
  }
  const input = path.resolve(cwd, env.CDKTF_OUTDIR || 'cdktf.out');
  let stacks;
  try {
    stacks = readStacks(input);
  } catch (error) {
    io.err(`diagram: cannot read the synthesized stacks in ${input}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  if (!stacks.some((s) => parseStackName(s.name))) {
    io.err(`diagram: no synthesized system stacks in ${input}; run \`npm run synth\` first (or set CDKTF_OUTDIR)`);
    return 2;
  }

  if (args.stack !== undefined) {
    const id = parseStackName(args.stack);
    if (!id || !stacks.some((s) => s.name === args.stack)) {
      const names = stacks.map((s) => s.name).filter((n) => parseStackName(n));
      io.err(`diagram: no stack '${args.stack}' of the form <system>-<env>-<layer> in ${input} (there are ${names.length}, e.g. ${names.slice(0, 3).join(', ')})`);
      return 2;
    }
    const options = { all: true, maxPerKind: args.maxPerKind ?? Number.MAX_SAFE_INTEGER, stack: args.stack };
    const graph = buildEnvGraph(stacks, id.system, id.env);
    const diagram = buildView(graph, options);
    io.out(renderPage(graph, diagram, options).trimEnd());
    const size = renderMermaid(diagram).length;
    if (size > MERMAID_MAX_TEXT || diagram.edges.length > MERMAID_MAX_EDGES) {
      io.err(`diagram: ${size} characters and ${diagram.edges.length} edges, above Mermaid's default limits (${MERMAID_MAX_TEXT}, ${MERMAID_MAX_EDGES}) that GitHub keeps: add --max-per-kind 5 to group repeated kinds`);
    }
    return 0;
  }

  const options = { all: args.all, maxPerKind: args.maxPerKind ?? DEFAULT_MAX_PER_KIND };
  const dir = path.resolve(cwd, args.outdir ?? DEFAULT_DIAGRAM_DIR);
  const shown = path.relative(cwd, dir) || '.';
  const files = generateFiles(stacks, options);
  if (args.check) {
    const stale = staleFiles(dir, files);
    for (const s of stale) io.err(`stale: ${path.join(shown, s.file)} (${s.reason})`);
    if (stale.length > 0) {
      io.err(`diagram: ${stale.length} stale diagram file${stale.length === 1 ? '' : 's'} in ${shown}; regenerate with \`npm run diagram\` after a synth and commit them`);
      return 1;
    }
    io.out(`diagram: ${files.size} files in ${shown} match the synthesized stacks`);
    return 0;
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    io.err(`diagram: --outdir ${shown} is a file, not a directory`);
    return 2;
  }
  const { written, removed } = writeFiles(dir, files);
  io.out(`diagram: ${files.size} files in ${shown} (${written.length} written, ${removed.length} removed) from ${stacks.length} stacks`);
  return 0;
}
