import * as fs from 'fs';
import * as path from 'path';

/**
 * What synth owns in its output directory. Everything else there (a stack's `.terraform/`, its
 * `.terraform.lock.hcl`, state files, plan files, a user's notes) belongs to the user or to
 * Terraform and survives every synth.
 */
export const GENERATED_ROOT_ENTRIES: readonly string[] = ['manifest.json', 'contracts.json', 'stacks'];
export const GENERATED_STACK_ENTRIES: readonly string[] = ['cdk.tf.json', 'assets'];

/** A problem writing the output, reported as one line (path and cause), never a stack trace. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

const ioError = (what: string, file: string, error: unknown): OutputError => {
  const e = error as NodeJS.ErrnoException;
  return new OutputError(`Cannot ${what} ${file}: ${e.code ?? ''}${e.code ? ' ' : ''}${(e.message ?? String(error)).replace(/^\w+: /, '').split('\n')[0]}`);
};

/** Sibling paths of an output directory: the lock, scratch trees, and old trees set aside. */
export function outputPaths(target: string) {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return {
    lock: `${target}.lock`,
    scratch: `${target}.partial-${process.pid}`,
    aside: `${target}.old-${process.pid}`,
    siblings: (kind: 'partial' | 'old') => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(`${base}.${kind}-`)).map((n) => path.join(dir, n)) : []),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the output directory's lock (a `<outdir>.lock` file created exclusively). A second synth
 * into the same directory fails at once with one line; a lock left by a killed process is taken over.
 */
export function acquireOutputLock(target: string): () => void {
  const { lock } = outputPaths(target);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
  } catch (error) {
    throw ioError('create the output directory', path.dirname(target), error);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError('create the lock', lock, error);
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new OutputError(`Another synth (pid ${holder}) is writing ${target}; wait for it to finish, or delete ${lock} if that process is gone`);
      }
      fs.rmSync(lock, { force: true }); // left by a process that no longer runs
    }
  }
  throw new OutputError(`Cannot take the lock ${lock}; delete it if no synth is running`);
}

/** Moves every entry of `from` that synth does not own into `to` (creating it), never overwriting. */
function carryUserEntries(from: string, to: string, generated: readonly string[]): void {
  if (!fs.existsSync(from)) return;
  for (const name of fs.readdirSync(from)) {
    if (generated.includes(name)) continue;
    const destination = path.join(to, name);
    if (fs.existsSync(destination)) continue;
    fs.mkdirSync(to, { recursive: true });
    fs.renameSync(path.join(from, name), destination);
  }
}

/** Moves the user's files from an old output tree into the current one: root entries and each stack's. */
function carryUserFiles(oldTree: string, newTree: string): void {
  carryUserEntries(oldTree, newTree, GENERATED_ROOT_ENTRIES);
  const oldStacks = path.join(oldTree, 'stacks');
  if (!fs.existsSync(oldStacks)) return;
  for (const stack of fs.readdirSync(oldStacks)) {
    // A stack no longer synthesized keeps its directory with the user's files (its state may be live).
    carryUserEntries(path.join(oldStacks, stack), path.join(newTree, 'stacks', stack), GENERATED_STACK_ENTRIES);
  }
}

/**
 * Repairs what a killed synth left: if the output directory is missing but an old tree was set
 * aside, it is put back; the user's files in any remaining old tree move into the output; scratch
 * trees (generated files only) are removed. Runs under the lock.
 */
export function recoverInterruptedSwaps(target: string): void {
  const paths = outputPaths(target);
  const olds = paths.siblings('old');
  if (!fs.existsSync(target) && olds.length > 0) {
    const newest = olds.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    fs.renameSync(newest, target);
  }
  for (const old of paths.siblings('old')) {
    carryUserFiles(old, target);
    fs.rmSync(old, { recursive: true, force: true });
  }
  for (const scratch of paths.siblings('partial')) fs.rmSync(scratch, { recursive: true, force: true });
}

/**
 * Puts a complete new tree in place of the output directory: the old tree is renamed aside, the
 * new one renamed in (each a single atomic rename), the user's files move from the old tree into
 * the new one, and the old tree is removed. A crash at any point leaves the complete old output or
 * the complete new one; `recoverInterruptedSwaps` finishes the job on the next run.
 */
export function swapInOutput(scratch: string, target: string): void {
  const { aside } = outputPaths(target);
  const hadOutput = fs.existsSync(target);
  try {
    if (hadOutput) fs.renameSync(target, aside);
  } catch (error) {
    throw ioError('move aside the previous output', target, error);
  }
  try {
    fs.renameSync(scratch, target);
  } catch (error) {
    if (hadOutput) fs.renameSync(aside, target); // put the old output back
    throw ioError('move the new output into', target, error);
  }
  if (hadOutput) {
    try {
      carryUserFiles(aside, target);
      fs.rmSync(aside, { recursive: true, force: true });
    } catch (error) {
      throw ioError(`keep the user's files from ${aside} in`, target, error);
    }
  }
}
