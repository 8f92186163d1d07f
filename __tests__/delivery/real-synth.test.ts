import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/app/synthesize';
import { runCli } from '../../src/delivery/cli';
import { graphFromBlueprints, graphFromContracts } from '../../src/delivery/stack-graph';
import { TfcWorkspaceList } from '../../src/delivery/tfc';
import { BLUEPRINTS } from '../../stacks';

const ROOT = path.resolve(__dirname, '..', '..');
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-real-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs `changes` in-process and returns its $GITHUB_OUTPUT lists that are not empty. */
async function changes(args: string[]): Promise<Record<string, string[]>> {
  const output = path.join(work, `out-${Math.random().toString(36).slice(2)}`);
  const code = await runCli(['changes', '--waves', '5', '--with-dependents', ...args, '--github-output', output, '--summary', path.join(work, 'summary.md')], { root: ROOT, out: () => undefined, err: (t) => { throw new Error(t); } });
  expect(code).toBe(0);
  const lines = fs.readFileSync(output, 'utf8').trim().split('\n').map((line) => line.split('=') as [string, string]);
  return Object.fromEntries(lines.map(([k, v]) => [k, JSON.parse(v)]).filter(([, v]) => v.length > 0));
}

describe('the pipeline on a real synth (bidops dev)', () => {
  it('reads the app graph from contracts.json and plans what a change touches', async () => {
    const head = path.join(work, 'head');
    synthesize({ SYSTEMS: 'bidops', ENVS: 'dev' }, head);

    // The graph the workflow is generated from (blueprints) is the one synth records.
    const recorded = graphFromContracts(JSON.parse(fs.readFileSync(path.join(head, 'contracts.json'), 'utf8')));
    expect(recorded.nodes).toEqual(graphFromBlueprints(BLUEPRINTS).nodes.filter((n) => n.system === 'bidops' && n.env === 'dev'));

    // No base: every stack, in the waves of its reads.
    expect(await changes(['--head', head])).toEqual({
      pr_dev_1: ['bidops-dev-network'],
      pr_dev_2: ['bidops-dev-data'],
      pr_dev_3: ['bidops-dev-ai'],
      pr_dev_4: ['bidops-dev-compute'],
      pr_dev_5: ['bidops-dev-edge'],
      apply_dev_1: ['bidops-dev-network'],
      apply_dev_2: ['bidops-dev-data'],
      apply_dev_3: ['bidops-dev-ai'],
      apply_dev_4: ['bidops-dev-compute'],
      apply_dev_5: ['bidops-dev-edge'],
    });
    // The same output as base: nothing to do.
    expect(await changes(['--head', head, '--base', head])).toEqual({});

    // A base whose ai layer differed: plan ai; apply ai and what reads it (compute, then edge).
    const base = path.join(work, 'base');
    fs.cpSync(head, base, { recursive: true });
    const aiFile = path.join(base, 'stacks/bidops-dev-ai/cdk.tf.json');
    fs.writeFileSync(aiFile, fs.readFileSync(aiFile, 'utf8').replace('"terraform": {', '"terraform": {"required_version": ">= 1.0",'));
    expect(await changes(['--head', head, '--base', base])).toEqual({
      pr_dev_3: ['bidops-dev-ai'],
      apply_dev_3: ['bidops-dev-ai'],
      apply_dev_4: ['bidops-dev-compute'],
      apply_dev_5: ['bidops-dev-edge'],
    });
  });

  it('names the workspaces of a STATE_BACKEND=cloud synth as the TFC list does, with a run trigger for every remote state read', () => {
    const cloud = path.join(work, 'cloud');
    synthesize({ SYSTEMS: 'bidops', ENVS: 'dev', STATE_BACKEND: 'cloud', TF_CLOUD_ORGANIZATION: 'acme', TF_CLOUD_PROJECT: 'platform' }, cloud);
    const list: TfcWorkspaceList = JSON.parse(fs.readFileSync(path.join(ROOT, 'delivery/tfc-workspaces.json'), 'utf8'));
    const stacks = fs.readdirSync(path.join(cloud, 'stacks')).filter((s) => s !== 'bootstrap').sort();
    expect(stacks).toHaveLength(5);
    for (const stack of stacks) {
      const json = JSON.parse(fs.readFileSync(path.join(cloud, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      const workspace = list.workspaces.find((w) => w.name === json.terraform.cloud.workspaces.name)!;
      expect(workspace.name).toBe(stack);
      const reads = Object.values<any>(json.data?.terraform_remote_state ?? {}).map((r) => r.config.workspaces.name).sort();
      expect(reads).toEqual(workspace.run_trigger_sources);
      for (const upstream of reads) expect(list.workspaces.find((w) => w.name === upstream)!.remote_state_consumers).toContain(stack);
    }
  });
});
