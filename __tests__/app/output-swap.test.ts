import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputError, swapInOutput } from '../../src/app/output-swap';
import { synthesize } from '../../src/app/synthesize';

const NARROW = { SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'network' };
const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'output-'));

/** Files a deploy leaves in a stack directory: state, the providers, the lock file, a plan. */
function deployShapedFiles(stackDir: string): void {
  fs.mkdirSync(path.join(stackDir, '.terraform', 'providers'), { recursive: true });
  fs.writeFileSync(path.join(stackDir, '.terraform', 'providers', 'marker'), 'provider binary');
  fs.writeFileSync(path.join(stackDir, '.terraform.lock.hcl'), '# lock');
  fs.writeFileSync(path.join(stackDir, 'terraform.tfstate'), '{"version":4}');
  fs.writeFileSync(path.join(stackDir, 'plan.out'), 'plan');
}
const survived = (stackDir: string) =>
  ['.terraform/providers/marker', '.terraform.lock.hcl', 'terraform.tfstate', 'plan.out'].every((f) => fs.existsSync(path.join(stackDir, f)));

describe('synth never deletes what it did not write', () => {
  test('state, .terraform/, lock and plan files in stack directories survive a synth; a root file too', () => {
    const out = path.join(scratch(), 'cdktf.out');
    synthesize(NARROW, out);
    for (const stack of ['bootstrap', 'bidops-dev-network']) deployShapedFiles(path.join(out, 'stacks', stack));
    fs.writeFileSync(path.join(out, 'NOTES.md'), 'mine');
    synthesize(NARROW, out);
    for (const stack of ['bootstrap', 'bidops-dev-network']) expect(survived(path.join(out, 'stacks', stack))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'NOTES.md'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(out, 'stacks', 'bidops-dev-network', 'cdk.tf.json'))).toBe(true);
  });

  test('a stack left out of a narrowed synth keeps the user\'s files (its generated ones go)', () => {
    const out = path.join(scratch(), 'cdktf.out');
    synthesize({ SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'data' }, out);
    deployShapedFiles(path.join(out, 'stacks', 'bidops-dev-data'));
    synthesize(NARROW, out);
    expect(survived(path.join(out, 'stacks', 'bidops-dev-data'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'stacks', 'bidops-dev-data', 'cdk.tf.json'))).toBe(false);
  });

  test('cdktf synth (the CLI) keeps them too', () => {
    const out = path.join(scratch(), 'cdktf.out');
    synthesize(NARROW, out);
    deployShapedFiles(path.join(out, 'stacks', 'bidops-dev-network'));
    const cli = spawnSync(process.execPath, [require.resolve('cdktf-cli/bundle/bin/cdktf'), 'synth', '--output', out], {
      env: { ...process.env, ...NARROW, CHECKPOINT_DISABLE: '1', CI: '1' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect({ status: cli.status, stderr: cli.status === 0 ? '' : cli.stderr }).toEqual({ status: 0, stderr: '' });
    expect(survived(path.join(out, 'stacks', 'bidops-dev-network'))).toBe(true);
  });
});

describe('the output swap is atomic, locked and self-repairing', () => {
  test('a second synth into the same directory fails at once with one line while the first holds the lock', () => {
    const out = path.join(scratch(), 'cdktf.out');
    fs.writeFileSync(`${out}.lock`, String(process.ppid)); // a live process holds it
    expect(() => synthesize(NARROW, out)).toThrow(new OutputError(`Another synth (pid ${process.ppid}) is writing ${out}; wait for it to finish, or delete ${out}.lock if that process is gone`));
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a lock left by a killed synth is taken over, and released afterwards', () => {
    const out = path.join(scratch(), 'cdktf.out');
    fs.writeFileSync(`${out}.lock`, '2147483646');
    synthesize(NARROW, out);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
  });

  test('what killed synths left is repaired: the set-aside output comes back with the user\'s files, scratch trees go', () => {
    const root = scratch();
    const out = path.join(root, 'cdktf.out');
    synthesize(NARROW, out);
    deployShapedFiles(path.join(out, 'stacks', 'bidops-dev-network'));
    // Killed between the two renames: the old tree is aside, nothing at cdktf.out, a scratch tree left.
    fs.renameSync(out, `${out}.old-99999`);
    fs.mkdirSync(`${out}.partial-99998/stacks`, { recursive: true });
    synthesize(NARROW, out);
    expect(survived(path.join(out, 'stacks', 'bidops-dev-network'))).toBe(true);
    expect(fs.readdirSync(root)).toEqual(['cdktf.out']);
  });

  test('a failure while moving the new tree in puts the complete old output back, as one line', () => {
    const out = path.join(scratch(), 'cdktf.out');
    synthesize(NARROW, out);
    const before = fs.readFileSync(path.join(out, 'manifest.json'), 'utf8');
    // The new tree vanished before the swap (a disk error, a cleaner): the rename in fails.
    expect(() => swapInOutput(`${out}.partial-missing`, out)).toThrow(/^Cannot move the new output into .*cdktf\.out: ENOENT no such file or directory/);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']);
  });

  test('an output path that cannot be written is one line naming it, not a trace', () => {
    const root = scratch();
    fs.writeFileSync(path.join(root, 'file'), '');
    const out = path.join(root, 'file', 'cdktf.out');
    expect(() => synthesize(NARROW, out)).toThrow(OutputError);
    expect(() => synthesize(NARROW, out)).toThrow(/^Cannot create the output directory .*\/file: EEXIST/);
  });

  test('concurrent synths into one directory: each either completes or fails with the lock line, the output stays complete', async () => {
    const out = path.join(scratch(), 'cdktf.out');
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<{ status: number | null; stderr: string }>((resolve) => {
          const child = require('child_process').spawn(process.execPath, ['dist/main.js'], { env: { ...process.env, ...NARROW, CDKTF_OUTDIR: out } });
          let stderr = '';
          child.stderr.on('data', (d: Buffer) => (stderr += d));
          child.on('close', (status: number | null) => resolve({ status, stderr }));
        }),
      ),
    );
    for (const run of runs) {
      if (run.status !== 0) expect(run.stderr.trim()).toMatch(/^Another synth \(pid \d+\) is writing .*; wait for it to finish, or delete .*\.lock if that process is gone$/);
    }
    expect(runs.some((r) => r.status === 0)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks).toHaveProperty('bidops-dev-network');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cdktf.out']);
  });
});
