/**
 * Where each resource sits in a synthesized `cdk.tf.json`, for SARIF regions. cdktf writes the file
 * pretty-printed with two-space indentation, so a resource starts at the line `      "<name>": {`
 * (depth 3) inside `    "<type>": {` (depth 2) inside `  "resource": {` (depth 1), and ends at the
 * next line at its own indentation that closes it. A pure line scan: no JSON parser keeps positions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SRCROOT, StackArtifact } from './sarif';

/** 1-based lines of one resource block. */
export interface LineRegion {
  readonly startLine: number;
  readonly endLine: number;
}

const KEY_OPENING = /^( *)("(?:[^"\\]|\\.)*"): \{(\},?)?$/;

/**
 * Maps every resource address (`type.name`) to the lines of its block. Returns an empty map for text
 * that is not pretty-printed this way (a region is then left out, the file is still named).
 */
export function resourceRegions(text: string): Map<string, LineRegion> {
  const regions = new Map<string, LineRegion>();
  const lines = text.split(/\r?\n/);
  let inResources = false;
  let type: string | undefined;
  let open: { address: string; startLine: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const opening = KEY_OPENING.exec(line);
    const indent = opening ? opening[1].length : line.length - line.trimStart().length;
    if (!inResources) {
      inResources = opening !== null && indent === 2 && opening[2] === '"resource"' && !opening[3];
      continue;
    }
    // The `resource` object closes at depth 1: nothing after it is a resource.
    if (indent === 2 && /^ {2}\},?$/.test(line)) break;
    if (opening && indent === 4) {
      type = opening[3] ? undefined : (JSON.parse(opening[2]) as string);
    } else if (opening && indent === 6 && type !== undefined) {
      const address = `${type}.${JSON.parse(opening[2]) as string}`;
      // An empty body (`"name": {},`) opens and closes on one line.
      if (opening[3]) regions.set(address, { startLine: i + 1, endLine: i + 1 });
      else open = { address, startLine: i + 1 };
    } else if (open && /^ {6}\},?$/.test(line)) {
      regions.set(open.address, { startLine: open.startLine, endLine: i + 1 });
      open = undefined;
    }
  }
  return regions;
}

/**
 * The file of each stack in `outdir` (`stacks/<stack>/cdk.tf.json`) as SARIF viewers need it: a
 * POSIX path relative to `root` (the repository, `uriBaseId` %SRCROOT%) when the file is inside it,
 * else an absolute `file:` URI; with the line regions of its resources. Stacks without a file are left out.
 */
export function stackArtifacts(outdir: string, stacks: readonly string[], root: string): Map<string, StackArtifact> {
  const artifacts = new Map<string, StackArtifact>();
  for (const stack of stacks) {
    const file = path.resolve(outdir, 'stacks', stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    const relative = path.relative(path.resolve(root), file);
    const inside = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
    const regions = resourceRegions(fs.readFileSync(file, 'utf8'));
    artifacts.set(stack, inside ? { uri: relative.split(path.sep).join('/'), uriBaseId: SRCROOT, regions } : { uri: pathToFileURL(file).href, regions });
  }
  return artifacts;
}
