import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs, runDiagram } from '../../src/diagram/cli';
import { writeOutdir } from './fixture';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A scratch project directory holding `cdktf.out` with the fixture stacks. */
function project(withStacks = true): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
  roots.push(root);
  if (withStacks) writeOutdir(path.join(root, 'cdktf.out'));
  return root;
}

function run(root: string, argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDiagram(argv, env, root, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run diagram', () => {
  test('writes one page per system x environment and the index, then --check finds them fresh', () => {
    const root = project();
    const first = run(root, []);
    expect(first).toEqual({ code: 0, out: 'diagram: 2 files in docs/diagrams (2 written, 0 removed) from 4 stacks', err: '' });
    expect(fs.readdirSync(path.join(root, 'docs', 'diagrams')).sort()).toEqual(['README.md', 'shop-dev.md']);
    // 12 nodes: 7 resource nodes, 4 in the main VPC box (3 tiers, endpoints), 1 tier in the DR VPC box.
    expect(fs.readFileSync(path.join(root, 'docs', 'diagrams', 'README.md'), 'utf8')).toContain('| shop | dev | 3 | 37 | 25 | 12 | 5 | us-east-1, us-west-2 | [shop-dev](shop-dev.md) |');
    expect(run(root, ['--check'])).toEqual({ code: 0, out: 'diagram: 2 files in docs/diagrams match the synthesized stacks', err: '' });
    // Nothing changed: nothing is rewritten.
    expect(run(root, []).out).toBe('diagram: 2 files in docs/diagrams (0 written, 0 removed) from 4 stacks');
  });

  test('--check exits 1 naming a stale, a missing and a left-over file; writing repairs all three', () => {
    const root = project();
    run(root, []);
    const dir = path.join(root, 'docs', 'diagrams');
    fs.appendFileSync(path.join(dir, 'shop-dev.md'), 'edited by hand\n');
    fs.rmSync(path.join(dir, 'README.md'));
    fs.writeFileSync(path.join(dir, 'shop-prod.md'), 'an environment that is gone\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'not ours: never touched\n');
    const check = run(root, ['--check']);
    expect(check.code).toBe(1);
    expect(check.err.split('\n')).toEqual([
      'stale: docs/diagrams/README.md (missing)',
      'stale: docs/diagrams/shop-dev.md (differs from the synthesized stacks)',
      'stale: docs/diagrams/shop-prod.md (no such system x environment in the synthesized stacks)',
      'diagram: 3 stale diagram files in docs/diagrams; regenerate with `npm run diagram` after a synth and commit them',
    ]);
    expect(run(root, []).out).toBe('diagram: 2 files in docs/diagrams (2 written, 1 removed) from 4 stacks');
    expect(run(root, ['--check']).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['README.md', 'notes.md', 'shop-dev.md']);
  });

  test('reads CDKTF_OUTDIR, and writes another view only with --outdir', () => {
    const root = project();
    fs.renameSync(path.join(root, 'cdktf.out'), path.join(root, 'synth'));
    const all = run(root, ['--all', '--outdir', 'full'], { CDKTF_OUTDIR: 'synth' });
    expect(all.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'full', 'shop-dev.md'), 'utf8')).toContain('SQS dead-letter queue<br/>jobs-dlq');
    expect(fs.existsSync(path.join(root, 'docs'))).toBe(false);
  });

  test('--stack prints one stack in full to stdout', () => {
    const root = project();
    const printed = run(root, ['--stack', 'shop-dev-data']);
    expect(printed.code).toBe(0);
    expect(printed.out.split('\n')[2]).toBe('# shop-dev-data: every resource');
    expect(printed.out).toContain('data_jobs_dlq[/"SQS dead-letter queue<br/>jobs-dlq"/]');
    expect(fs.existsSync(path.join(root, 'docs'))).toBe(false);
  });

  test.each([
    [['--bogus'], "diagram: unknown argument '--bogus' (usage: diagram [--check] [--outdir <dir>] [--all] [--max-per-kind <n>] | --stack <stack> [--max-per-kind <n>])"],
    [['--max-per-kind', 'ten', '--outdir', 'x'], "diagram: --max-per-kind takes a whole number from 1 to 9999, not 'ten'"],
    [['--max-per-kind', '0', '--outdir', 'x'], "diagram: --max-per-kind takes a whole number from 1 to 9999, not '0'"],
    [['--outdir'], 'diagram: --outdir needs a value (usage: diagram [--check] [--outdir <dir>] [--all] [--max-per-kind <n>] | --stack <stack> [--max-per-kind <n>])'],
    [['--all'], 'diagram: --all and --max-per-kind draw another view than the committed diagrams in docs/diagrams; write it elsewhere with --outdir <dir>'],
    [['--stack', 'shop-dev-data', '--check'], 'diagram: --stack prints one stack to stdout; it takes no --check or --outdir'],
  ])('bad arguments %j: one line on stderr, exit 2', (argv, message) => {
    const root = project();
    expect(run(root, argv)).toEqual({ code: 2, out: '', err: message });
  });

  test('an output directory without stacks, or an unknown stack: one line, exit 2', () => {
    const root = project(false);
    expect(run(root, [])).toEqual({ code: 2, out: '', err: `diagram: no synthesized system stacks in ${path.join(root, 'cdktf.out')}; run \`npm run synth\` first (or set CDKTF_OUTDIR)` });
    const full = project();
    const unknown = run(full, ['--stack', 'shop-dev-edge']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^diagram: no stack 'shop-dev-edge' of the form <system>-<env>-<layer> in .*cdktf\.out \(there are 3, e\.g\. shop-dev-compute, shop-dev-data, shop-dev-network\)$/);
  });

  test('a stack file that is not JSON: one line, exit 2', () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'cdktf.out', 'stacks', 'shop-dev-data', 'cdk.tf.json'), '{ not json');
    const broken = run(root, []);
    expect(broken.code).toBe(2);
    expect(broken.err.split('\n')).toHaveLength(1);
    expect(broken.err).toMatch(/^diagram: cannot read the synthesized stacks in .*cdktf\.out: /);
  });

  test('parseArgs keeps the defaults unset', () => {
    expect(parseArgs([])).toEqual({ check: false, all: false, outdir: undefined, stack: undefined, maxPerKind: undefined });
    expect(parseArgs(['--max-per-kind', '8', '--outdir', 'x', '--all'])).toEqual({ check: false, all: true, outdir: 'x', stack: undefined, maxPerKind: 8 });
  });
});
