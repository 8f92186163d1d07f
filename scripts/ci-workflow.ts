/**
 * The generated CI pipeline (docs/ci.md).
 *
 *   npm run ci-workflow                       write .github/workflows/terraform.yml, terraform-stack.yml,
 *                                             delivery/tfc-workspaces.json and delivery/ci-roles.json
 *   npm run ci-workflow -- --check            exit 1 naming every generated file that is stale
 *   node dist/scripts/ci-workflow.js changes --waves N [--with-dependents] --head <outdir>
 *        [--base <outdir>] [--base-ref <sha>] [--github-output <file>] [--summary <file>]
 *                                             (in the workflow) which stacks to plan and apply, per wave
 *
 * Exit codes: 0 done (or fresh); 1 stale files (--check); 2 bad arguments, configuration or input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../src/delivery/cli';

/** The repository root: the nearest directory above this file (scripts/ or dist/scripts/) with a package.json. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

runCli(process.argv.slice(2), { root: repositoryRoot(), out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`), err: (text) => process.stderr.write(`${text}\n`) }).then((code) => {
  process.exitCode = code;
});
