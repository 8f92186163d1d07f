import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { VerifyOptions } from '../../src/verify/verify';

/** A scratch synthesized output and verify work directory for tests that plan real stacks. */
export interface RealOutput {
  readonly root: string;
  readonly outdir: string;
  /** Every line the verify logged (clear it with `lines.length = 0`). */
  readonly lines: string[];
  /** Verify options on the local provider mirror and the shared plugin cache, two jobs. */
  readonly options: VerifyOptions;
  /** The synthesized `cdk.tf.json` of a stack. */
  stackFile(stack: string): string;
  /** Rewrites a JSON file of the output in place. */
  editJson(file: string, change: (json: any) => void): void;
}

export function realOutput(prefix: string): RealOutput {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const outdir = path.join(root, 'out');
  const lines: string[] = [];
  return {
    root,
    outdir,
    lines,
    options: {
      outdir,
      workdir: path.join(root, 'work'),
      mirror: '/opt/tf-plugins',
      pluginCacheDir: path.resolve('.verify/plugin-cache'),
      jobs: 2,
      log: (line) => lines.push(line),
    },
    stackFile: (stack) => path.join(outdir, 'stacks', stack, 'cdk.tf.json'),
    editJson: (file, change) => {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      change(json);
      fs.writeFileSync(file, JSON.stringify(json, null, 2));
    },
  };
}
