import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `text` to `file` atomically: into a temporary file beside it, then one rename, so a reader
 * (a CI upload step, a concurrent run) sees the old file or the new one, never half of one. Creates
 * the parent directory. The temporary file is removed when anything fails.
 */
export function writeFileAtomic(file: string, text: string): void {
  const target = path.resolve(file);
  ensureDirectory(path.dirname(target));
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdirSync(dir, { recursive: true })` spins forever
 * where the kernel refuses a directory with ENOENT (under /proc), instead of failing.
 */
function ensureDirectory(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) ensureDirectory(parent);
  try {
    fs.mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
