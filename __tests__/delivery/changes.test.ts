import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { changesSummary, diffDigests, githubOutputs, pipelinePlan, stackDigests } from '../../src/delivery/changes';
import { graphFromContracts } from '../../src/delivery/stack-graph';

// shop (dev): network <- data <- compute; blog (prod): data <- compute.
const GRAPH = graphFromContracts({
  'shop-dev-network': { dependsOn: [] },
  'shop-dev-data': { dependsOn: ['shop-dev-network'] },
  'shop-dev-compute': { dependsOn: ['shop-dev-data'] },
  'blog-prod-data': { dependsOn: [] },
  'blog-prod-compute': { dependsOn: ['blog-prod-data'] },
});

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes a minimal synthesized output: manifest.json and each stack's files. */
function writeOutput(stacks: Record<string, Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-changes-'));
  scratch.push(dir);
  const manifest = { stacks: Object.fromEntries(Object.keys(stacks).map((name) => [name, { workingDirectory: `stacks/${name}` }])) };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  for (const [name, files] of Object.entries(stacks)) {
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'stacks', name, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', name, rel), content);
    }
  }
  return dir;
}

describe('stack digests', () => {
  it('cover cdk.tf.json and assets/, not the files synth does not own', () => {
    const base = writeOutput({ a: { 'cdk.tf.json': '{}', 'assets/fn/code.zip': 'v1' }, b: { 'cdk.tf.json': '{}' } });
    const head = writeOutput({
      // Lambda code changed under the same asset path: a change.
      a: { 'cdk.tf.json': '{}', 'assets/fn/code.zip': 'v2' },
      // A plan, a lock file and .terraform/ appeared: not a change.
      b: { 'cdk.tf.json': '{}', tfplan: 'x', '.terraform.lock.hcl': 'x', '.terraform/providers/p': 'x' },
    });
    const before = stackDigests(base);
    const after = stackDigests(head);
    expect(Object.keys(after)).toEqual(['a', 'b']);
    expect(after.a).not.toBe(before.a);
    expect(after.b).toBe(before.b);
    expect(after.b).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse a directory without manifest.json', () => {
    expect(() => stackDigests(os.tmpdir())).toThrow(/has no manifest\.json: synthesize first/);
  });
});

describe('change sets', () => {
  it('sort stacks into changed, added and removed', () => {
    expect(diffDigests({ a: '1', b: '2', gone: '3' }, { a: '1', b: '9', c: '4' })).toEqual({ everything: false, changed: ['b'], added: ['c'], removed: ['gone'] });
  });

  it('count every stack as new without a base', () => {
    expect(diffDigests(undefined, { b: '1', a: '2' })).toEqual({ everything: true, changed: [], added: ['a', 'b'], removed: [] });
  });
});

describe('pipeline plan', () => {
  const changes = diffDigests(
    { 'shop-dev-network': 'n', 'shop-dev-data': 'd', 'shop-dev-compute': 'c', 'blog-prod-data': 'bd', 'blog-prod-compute': 'bc', bootstrap: 'b' },
    { 'shop-dev-network': 'n', 'shop-dev-data': 'D', 'shop-dev-compute': 'c', 'blog-prod-data': 'bd', 'blog-prod-compute': 'BC', bootstrap: 'B' },
  );

  it('plans the changed stacks on a pull request and adds their readers on the branch, by wave', () => {
    const plan = pipelinePlan(GRAPH, changes, { waves: 3, applyDependents: true });
    // Changed: shop-dev-data (depth 1), blog-prod-compute (depth 1); shop-dev-compute reads shop-dev-data.
    expect(plan.pullRequest).toEqual({ dev: [[], ['shop-dev-data'], []], staging: [[], [], []], prod: [[], ['blog-prod-compute'], []] });
    expect(plan.branch).toEqual({ dev: [[], ['shop-dev-data'], ['shop-dev-compute']], staging: [[], [], []], prod: [[], ['blog-prod-compute'], []] });
    expect(plan.dependents).toEqual(['shop-dev-compute']);
    expect(plan.outsideGraph).toEqual(['bootstrap']);
  });

  it('applies only the changed stacks when applyDependents is off', () => {
    const plan = pipelinePlan(GRAPH, changes, { waves: 3, applyDependents: false });
    expect(plan.branch.dev).toEqual([[], ['shop-dev-data'], []]);
    expect(plan.dependents).toEqual([]);
  });

  it('fails when a stack sits deeper than the workflow has waves (stale workflow)', () => {
    expect(() => pipelinePlan(GRAPH, changes, { waves: 2, applyDependents: true })).toThrow('stack shop-dev-compute is in wave 3, but the workflow has 2: regenerate it (npm run ci-workflow) and commit');
  });

  it('writes one JSON list per kind, environment and wave for $GITHUB_OUTPUT', () => {
    const lines = githubOutputs(pipelinePlan(GRAPH, changes, { waves: 2, applyDependents: false })).trimEnd().split('\n');
    // 2 kinds x 3 environments x 2 waves = 12 lines, pull requests first, in promotion order.
    expect(lines).toEqual([
      'pr_dev_1=[]',
      'pr_dev_2=["shop-dev-data"]',
      'pr_staging_1=[]',
      'pr_staging_2=[]',
      'pr_prod_1=[]',
      'pr_prod_2=["blog-prod-compute"]',
      'apply_dev_1=[]',
      'apply_dev_2=["shop-dev-data"]',
      'apply_staging_1=[]',
      'apply_staging_2=[]',
      'apply_prod_1=[]',
      'apply_prod_2=["blog-prod-compute"]',
    ]);
  });

  it('summarises waves, readers, the bootstrap stack and removed stacks in Markdown', () => {
    const withRemoved = diffDigests({ 'shop-dev-data': 'd', 'old-dev-data': 'o' }, { 'shop-dev-data': 'D' });
    const summary = changesSummary(pipelinePlan(GRAPH, withRemoved, { waves: 3, applyDependents: true }), 'abc1234');
    expect(summary).toContain('Compared with the synthesized output of `abc1234`: 1 changed, 0 new, 1 removed.');
    expect(summary).toContain('| dev | 2 | `shop-dev-data` |');
    expect(summary).toContain('| dev | 3 | `shop-dev-compute` |');
    expect(summary).toContain('Applied on the branch because they read a changed stack: `shop-dev-compute`.');
    expect(summary).toContain('`old-dev-data` is no longer synthesized');
    const bootstrap = changesSummary(pipelinePlan(GRAPH, changes, { waves: 3, applyDependents: true }), undefined);
    expect(bootstrap).toContain('`bootstrap` changed. The pipeline does not apply it');
  });
});
