import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/app/synthesize';
import { generateFiles } from '../../src/diagram/files';
import { buildEnvGraph } from '../../src/diagram/graph';
import { buildView } from '../../src/diagram/view';
import { readStacks } from '../../src/policy/report';

describe('diagram of a real synth (bidops dev)', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-synth-')), 'cdktf.out');
  synthesize({ SYSTEMS: 'bidops', ENVS: 'dev' }, outdir);
  const stacks = readStacks(outdir);
  const view = buildView(buildEnvGraph(stacks, 'bidops', 'dev'), { all: false, maxPerKind: 5 });
  const labelOf = (id: string) => view.nodes.find((n) => n.id === id)?.lines;
  afterAll(() => fs.rmSync(path.dirname(outdir), { recursive: true, force: true }));

  test('the five layers, the VPC with its three tiers over three AZs, and far fewer nodes than resources', () => {
    const files = generateFiles(stacks, { all: false, maxPerKind: 5 });
    expect([...files.keys()]).toEqual(['README.md', 'bidops-dev.md']);
    const page = files.get('bidops-dev.md')!;
    for (const layer of ['edge', 'compute', 'ai', 'data', 'network']) expect(page).toContain(`subgraph L_${layer}["${layer} · bidops-dev-${layer}"]`);
    const vpc = view.vpcs[0];
    expect(vpc.nodes.map((n) => n.lines[0])).toEqual(['public subnets · 3 AZs', 'private-app subnets · 3 AZs', 'private-data subnets · 3 AZs', expect.stringMatching(/^\d+ VPC endpoints$/)]);
    expect(vpc.nodes[0].lines).toContain('us-east-1a 10.0.1.0/24');
    expect(view.drawn + view.leftOut.reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(250);
    expect(view.nodes.length).toBeLessThan(40);
  });

  test('edges: WAF and DNS in front of the external ALB, ALB -> frontend -> internal ALB -> backend, and the backend reaching data and AI through remote state', () => {
    const alb = view.nodes.find((n) => n.lines[0] === 'ALB · internet-facing')!.id;
    const internal = view.nodes.find((n) => n.lines[0] === 'ALB · internal')!.id;
    const service = (name: string) => view.nodes.find((n) => n.lines[0] === 'ECS service' && n.lines[1] === name)!.id;
    const waf = view.nodes.find((n) => n.lines[0].startsWith('WAF web ACL'))!.id;
    const zone = view.nodes.find((n) => n.lines[0].startsWith('Route 53 zone'))!.id;
    const aurora = view.nodes.find((n) => n.lines[0].startsWith('Aurora cluster'))!.id;
    const kb = view.nodes.find((n) => n.lines[0] === 'Bedrock knowledge base')!.id;
    expect(view.edges).toEqual(
      expect.arrayContaining([
        [waf, alb],
        [zone, alb],
        [alb, service('frontend')],
        [service('frontend'), internal],
        [internal, service('backend')],
        [service('backend'), aurora],
        [service('backend'), kb],
      ]),
    );
    expect(labelOf(aurora)![0]).toBe('Aurora cluster · aurora-postgresql serverless v2');
    // Six buckets in the data layer exceed the cap of 5: one node.
    expect(view.nodes.find((n) => n.id === 'G_data_s3')!.lines[0]).toBe('6 S3 buckets');
  });
});
