/** The generated diagram files: build them all in memory, compare with a directory, write them. */
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../core/names';
import { PageSummary, renderIndex, renderPage, summarize } from './document';
import { buildEnvGraph, environmentsOf } from './graph';
import { StackJson } from './terraform';
import { buildView } from './view';
import { byText } from './labels';

export const INDEX_FILE = 'README.md';

export interface GenerateOptions {
  readonly all: boolean;
  readonly maxPerKind: number;
}

/** File name -> content, in name order: one page per system x environment, and README.md. */
export function generateFiles(stacks: readonly StackJson[], options: GenerateOptions): Map<string, string> {
  const files = new Map<string, string>();
  const pages: PageSummary[] = [];
  for (const { system, env } of environmentsOf(stacks)) {
    const graph = buildEnvGraph(stacks, system, env);
    const diagram = buildView(graph, options);
    const summary = summarize(graph, diagram);
    pages.push(summary);
    files.set(summary.file, renderPage(graph, diagram, options));
  }
  files.set(INDEX_FILE, renderIndex(pages));
  return new Map([...files.entries()].sort(([a], [b]) => byText(a, b)));
}

/** A file of ours: README.md or `<system>-<env>.md`; others in the directory are never touched. */
const OWN_FILE = new RegExp(`^(README|[a-z][a-z0-9-]*-(${ENVIRONMENTS.join('|')}))\\.md$`);

/** Stale files: differing, missing, or generated earlier for an environment that is gone. */
export function staleFiles(dir: string, files: ReadonlyMap<string, string>): { readonly file: string; readonly reason: string }[] {
  const stale: { file: string; reason: string }[] = [];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) stale.push({ file: name, reason: 'missing' });
    else if (fs.readFileSync(file, 'utf8') !== content) stale.push({ file: name, reason: 'differs from the synthesized stacks' });
  }
  for (const name of ownFilesIn(dir)) if (!files.has(name)) stale.push({ file: name, reason: 'no such system x environment in the synthesized stacks' });
  return stale.sort((a, b) => byText(a.file, b.file));
}

function ownFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => OWN_FILE.test(name))
    .sort();
}

/** Writes the files (only those that changed) and removes our files for environments that are gone. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): { readonly written: string[]; readonly removed: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const removed: string[] = [];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
    fs.writeFileSync(file, content);
    written.push(name);
  }
  for (const name of ownFilesIn(dir)) {
    if (files.has(name)) continue;
    fs.rmSync(path.join(dir, name));
    removed.push(name);
  }
  return { written, removed };
}
