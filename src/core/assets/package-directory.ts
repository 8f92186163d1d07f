import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ZipEntry, zip } from './zip';

/** The files under `root`, sorted by relative path (forward slashes). */
export function directoryEntries(root: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (relative: string) => {
    for (const name of fs.readdirSync(path.join(root, relative)).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      const stat = fs.statSync(path.join(root, rel));
      if (stat.isDirectory()) walk(rel);
      else if (stat.isFile()) entries.push({ name: rel, data: fs.readFileSync(path.join(root, rel)) });
    }
  };
  walk('');
  return entries;
}

/** SHA-256 (hex) over the sorted relative paths and contents of `entries`: changes with a rename too. */
export function hashEntries(entries: readonly ZipEntry[]): string {
  const hash = createHash('sha256');
  for (const entry of entries) {
    hash.update(`${entry.name}\0${entry.data.length}\0`);
    hash.update(entry.data);
  }
  return hash.digest('hex');
}

/** Zips already written by this process, by directory: synth packages each directory once. */
const packaged = new Map<string, { readonly hash: string; readonly file: string }>();

/**
 * A zip asset of `directory` (absolute) for one stack: the deterministic zip is built once per
 * process (cdktf's ARCHIVE assets spawn a node process per asset and per stack) into a cache
 * directory keyed by content hash, and each stack copies it as `assets/<id>/<hash>/archive.zip`.
 * Returns undefined when the directory holds no file.
 */
export function packageDirectoryAsset(scope: Construct, id: string, directory: string): { asset: TerraformAsset; hash: string } | undefined {
  let zipped = packaged.get(directory);
  if (!zipped) {
    const entries = directoryEntries(directory);
    if (entries.length === 0) return undefined;
    const hash = hashEntries(entries);
    const file = path.join(os.tmpdir(), 'cdktf-packaged-directories', hash, 'archive.zip');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write beside and rename: a concurrent synth never sees half a zip.
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, zip(entries));
      fs.renameSync(partial, file);
    }
    zipped = { hash, file };
    packaged.set(directory, zipped);
  }
  return { asset: new TerraformAsset(scope, id, { path: zipped.file, type: AssetType.FILE, assetHash: zipped.hash }), hash: zipped.hash };
}
