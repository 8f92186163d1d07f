import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/delivery/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tmpdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-cli-'));
  scratch.push(dir);
  return dir;
}

async function run(argv: string[], root = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { root, out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('ci-workflow command', () => {
  it.each([
    [['--bogus'], 'ci-workflow: unknown argument(s) --bogus (use --check, or the changes command)'],
    [['changes', '--waves', '0', '--head', 'x'], 'ci-workflow: changes: --waves "0" is not a positive whole number (the workflow passes its wave count)'],
    [['changes', '--waves', '5'], 'ci-workflow: changes: --head <outdir> is required (the synthesized output to plan)'],
    [['changes', '--waves', '5', '--head'], 'ci-workflow: --head needs a value'],
    [['changes', '--waves', '5', '--head', '/nonexistent-outdir'], 'ci-workflow: changes: /nonexistent-outdir/contracts.json does not exist; synthesize first'],
    [['changes', '--jobs', '2'], 'ci-workflow: changes: unknown argument --jobs (use --waves, --with-dependents, --head, --base, --base-ref, --github-output, --summary)'],
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err: `${message}\n` });
  });

  it('refuses a contracts.json whose graph cannot be ordered, in one line', async () => {
    const head = tmpdir();
    fs.writeFileSync(path.join(head, 'contracts.json'), JSON.stringify({ 'a-dev-data': { dependsOn: ['a-dev-network'], outputs: [] } }));
    fs.writeFileSync(path.join(head, 'manifest.json'), JSON.stringify({ stacks: {} }));
    expect(await run(['changes', '--waves', '5', '--head', head])).toEqual({ code: 2, out: '', err: 'ci-workflow: stack a-dev-data reads a-dev-network, which is not in the graph\n' });
  });

  it('writes the generated files, then --check passes; a stale or missing file fails --check by name', async () => {
    const root = tmpdir();
    for (const file of ['.terraform-version', 'backend.tf.json']) fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
    const written = await run([], root);
    expect(written).toEqual({ code: 0, out: 'ci-workflow: wrote .github/workflows/terraform-stack.yml, .github/workflows/terraform.yml, delivery/ci-roles.json, delivery/tfc-workspaces.json\n', err: '' });
    expect(fs.readFileSync(path.join(root, '.github/workflows/terraform.yml'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, '.github/workflows/terraform.yml'), 'utf8'));
    expect(await run(['--check'], root)).toEqual({ code: 0, out: 'ci-workflow: 4 generated files are fresh\n', err: '' });

    fs.appendFileSync(path.join(root, '.github/workflows/terraform.yml'), '# edited by hand\n');
    fs.rmSync(path.join(root, 'delivery/tfc-workspaces.json'));
    expect(await run(['--check'], root)).toEqual({ code: 1, out: '', err: 'ci-workflow: stale: .github/workflows/terraform.yml, delivery/tfc-workspaces.json; run npm run ci-workflow and commit\n' });
  });

  it('refuses a .terraform-version that is not an exact version, in one line', async () => {
    const root = tmpdir();
    fs.copyFileSync(path.join(ROOT, 'backend.tf.json'), path.join(root, 'backend.tf.json'));
    fs.writeFileSync(path.join(root, '.terraform-version'), 'latest\n');
    expect(await run(['--check'], root)).toEqual({ code: 2, out: '', err: 'ci-workflow: Invalid configuration for ci delivery: .terraform-version = "latest" is not an exact Terraform version. Fix: write one such as 1.11.4.\n' });
  });
});
