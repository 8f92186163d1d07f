import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { CI_DELIVERY } from '../../src/config/delivery';
import { ACTIONS } from '../../src/delivery/actions';
import { DeliveryInputs, generatedFiles, readDeliveryInputs, staleFiles } from '../../src/delivery/generate';
import { waveCount } from '../../src/delivery/stack-graph';
import { STACK_WORKFLOW_FILE, WORKFLOW_FILE } from '../../src/delivery/workflow';
import { BLUEPRINTS } from '../../stacks';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Validates workflows with GitHub's own parser and workflow schema (@actions/workflow-parser, the
 * one behind the Actions VS Code extension): keys and value types per the schema, expressions and
 * the contexts each key allows, `needs` (unknown jobs, cycles), and the `with:` of each call of the
 * reusable workflow against its inputs. The package is ESM and imports its schema JSON without an
 * import attribute, so it runs in a child node with a loader hook that adds the attribute.
 */
const VALIDATOR = `
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
register('data:text/javascript,' + encodeURIComponent("export async function load(url, context, next) { return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context); }"));
const { parseWorkflow, NoOperationTraceWriter, convertWorkflowTemplate } = await import('@actions/workflow-parser');
const files = JSON.parse(readFileSync(0, 'utf8'));
const provider = { async getFileContent(ref) { const name = ref.path.replace(/^\\.\\//, ''); if (!(name in files)) throw new Error('no such workflow: ' + name); return { name, content: files[name] }; } };
const result = {};
for (const [name, content] of Object.entries(files)) {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, provider, { fetchReusableWorkflowDepth: 1, errorPolicy: 1 /* ErrorPolicy.TryConversion: report every error */ });
  const errors = [...parsed.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)];
  result[name] = { errors: [...new Set(errors)], jobs: (template.jobs ?? []).map((j) => j.id.value) };
}
process.stdout.write(JSON.stringify(result));
`;

function validate(files: Record<string, string>): Record<string, { errors: string[]; jobs: string[] }> {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATOR], { cwd: ROOT, input: JSON.stringify(files), encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`validator failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

let inputs: DeliveryInputs;
let files: Record<string, string>;
let workflow: any;
let stackWorkflow: any;

beforeAll(() => {
  inputs = readDeliveryInputs(ROOT, BLUEPRINTS, CI_DELIVERY);
  files = generatedFiles(inputs);
  workflow = parse(files[WORKFLOW_FILE]);
  stackWorkflow = parse(files[STACK_WORKFLOW_FILE]);
});

describe('generated CI files', () => {
  it('match the committed files (run npm run ci-workflow and commit when this fails)', () => {
    expect(Object.keys(files)).toEqual(['.github/workflows/terraform-stack.yml', '.github/workflows/terraform.yml', 'delivery/ci-roles.json', 'delivery/tfc-workspaces.json']);
    expect(staleFiles(ROOT, files)).toEqual([]);
  });

  it('are the same on every run', () => {
    expect(generatedFiles(readDeliveryInputs(ROOT, BLUEPRINTS, CI_DELIVERY))).toEqual(files);
  });

  it('are valid GitHub Actions workflows per GitHub\'s workflow schema', () => {
    const result = validate({ [WORKFLOW_FILE]: files[WORKFLOW_FILE], [STACK_WORKFLOW_FILE]: files[STACK_WORKFLOW_FILE] });
    expect(result[WORKFLOW_FILE].errors).toEqual([]);
    expect(result[STACK_WORKFLOW_FILE].errors).toEqual([]);
    expect(result[WORKFLOW_FILE].jobs).toEqual(Object.keys(workflow.jobs));
    expect(result[STACK_WORKFLOW_FILE].jobs).toEqual(['plan', 'apply']);
  });

  it('the schema check catches a broken workflow (an unknown key, a missing input, an unknown job)', () => {
    const broken = files[WORKFLOW_FILE]
      .replace('    timeout-minutes: 45\n', '    timeout-minutes: 45\n    timeout: 45\n')
      .replace(/      command: plan\n/, '')
      .replace('needs: [ build, pr-plan-dev-1 ]', 'needs: [ build, pr-plan-dev-0 ]');
    const errors = validate({ [WORKFLOW_FILE]: broken, [STACK_WORKFLOW_FILE]: files[STACK_WORKFLOW_FILE] })[WORKFLOW_FILE].errors.join('\n');
    expect(errors).toContain("Unexpected value 'timeout'");
    expect(errors).toContain('Input command is required, but not provided while calling.');
    expect(errors).toContain("Job 'pr-plan-dev-2' depends on unknown job 'pr-plan-dev-0'.");
  });
});

describe('the pipeline', () => {
  const envs = ['dev', 'staging', 'prod'] as const;

  it('pins every action to a full commit SHA with its release tag beside it', () => {
    const lines = [...files[WORKFLOW_FILE].split('\n'), ...files[STACK_WORKFLOW_FILE].split('\n')].filter((l) => /^\s*(- )?uses: /.test(l));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const value = line.replace(/^\s*(- )?uses: /, '');
      if (value === `./${STACK_WORKFLOW_FILE}`) continue;
      expect(value).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+(\/[a-z0-9-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    const used = new Set(lines.map((l) => /uses: ([^@]+)@/.exec(l)?.[1]).filter(Boolean));
    expect([...used].sort()).toEqual(Object.values(ACTIONS).map((a) => a.action).sort());
  });

  it('gets AWS credentials only through OIDC: no access keys, no secrets, id-token only where a stack is planned or applied', () => {
    const all = files[WORKFLOW_FILE] + files[STACK_WORKFLOW_FILE];
    expect(all).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\./);
    for (const [id, job] of Object.entries<any>(workflow.jobs)) {
      expect({ id, idToken: job.permissions['id-token'] }).toEqual({ id, idToken: job.uses ? 'write' : undefined });
    }
    for (const job of Object.values<any>(stackWorkflow.jobs)) {
      const credentials = job.steps.find((s: any) => s.uses?.startsWith(ACTIONS.awsCredentials.action));
      expect(credentials.with['role-to-assume']).toBe('${{ inputs.role-to-assume }}');
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    }
  });

  it('builds, type-checks, synthesizes and runs the policy gate with its SARIF upload', () => {
    const steps = workflow.jobs.build.steps;
    const runs = steps.filter((s: any) => s.run).map((s: any) => s.run.trim());
    expect(runs.slice(0, 4)).toEqual(['npm ci --no-audit --no-fund', 'npm run typecheck', 'npm run synth', 'npm run policy -- --no-synth --sarif policy.sarif']);
    const sarif = steps.find((s: any) => s.uses?.startsWith(ACTIONS.uploadSarif.action));
    expect(sarif).toMatchObject({ with: { sarif_file: 'policy.sarif' } });
    expect(sarif.if).toMatch(/^always\(\) && hashFiles\('policy.sarif'\) != ''/);
    expect(workflow.jobs.build.permissions['security-events']).toBe('write');
    expect(workflow.jobs['unit-tests'].steps.at(-1).run).toBe('npm run test:unit');
    expect(steps.at(-1)).toMatchObject({ with: { name: 'synth', path: 'cdktf.out/' } });
  });

  it('has one job per environment and wave, each a matrix over the stacks the build job lists', () => {
    const waves = waveCount(inputs.graph);
    // bidops and lang-portal: network, data, ai, compute, edge in a chain of reads.
    expect(waves).toBe(5);
    for (const env of envs) {
      for (let k = 1; k <= waves; k++) {
        expect(workflow.jobs[`pr-plan-${env}-${k}`].strategy.matrix.stack).toBe(`\${{ fromJSON(needs.build.outputs.pr_${env}_${k}) }}`);
        expect(workflow.jobs[`apply-${env}-${k}`].strategy.matrix.stack).toBe(`\${{ fromJSON(needs.build.outputs.apply_${env}_${k}) }}`);
        expect(workflow.jobs.build.outputs[`apply_${env}_${k}`]).toBe(`\${{ steps.changes.outputs.apply_${env}_${k} }}`);
      }
    }
    expect(workflow.jobs.build.steps.find((s: any) => s.id === 'changes').run).toContain('changes --waves 5 --with-dependents --head cdktf.out');
  });

  it('plans pull requests with the plan role, wave after wave, and never applies them', () => {
    for (const env of envs) {
      const job = workflow.jobs[`pr-plan-${env}-2`];
      expect(job.needs).toEqual(['build', `pr-plan-${env}-1`]);
      expect(job.if).toContain("github.event_name == 'pull_request'");
      expect(job.with).toEqual({ stack: '${{ matrix.stack }}', command: 'plan', 'role-to-assume': CI_DELIVERY.environments[env]!.planRoleArn, 'aws-region': 'us-east-1' });
    }
    const applies = Object.values<any>(workflow.jobs).filter((j) => j.with?.command === 'apply');
    for (const job of applies) expect(job.if).toContain("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'");
    expect(workflow.jobs['pr-summary'].needs).toEqual(['build', ...envs.flatMap((env) => [1, 2, 3, 4, 5].map((k) => `pr-plan-${env}-${k}`))]);
  });

  it('on the branch, applies dev, then staging, then prod, each wave after its plan and after everything before it', () => {
    const chain = Object.keys(workflow.jobs).filter((id) => /^(plan|apply)-/.test(id));
    expect(chain.slice(0, 4)).toEqual(['plan-dev-1', 'apply-dev-1', 'plan-dev-2', 'apply-dev-2']);
    expect(chain.at(-1)).toBe('apply-prod-5');
    chain.forEach((id, i) => expect(workflow.jobs[id].needs).toEqual(['build', 'unit-tests', ...chain.slice(0, i)]));
    for (const env of envs) {
      const apply = workflow.jobs[`apply-${env}-3`];
      expect(apply.with).toMatchObject({ command: 'apply', environment: env, 'role-to-assume': CI_DELIVERY.environments[env]!.applyRoleArn });
      expect(apply.if).toContain(`needs.plan-${env}-3.result == 'success'`);
      expect(apply.if).toContain("!contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled')");
      expect(workflow.jobs[`plan-${env}-3`].with['role-to-assume']).toBe(CI_DELIVERY.environments[env]!.planRoleArn);
    }
  });

  it('applies the planned synth: one concurrency group per stack, the plan artifact, the GitHub environment', () => {
    const { plan, apply } = stackWorkflow.jobs;
    expect(apply.environment).toBe('${{ inputs.environment }}');
    expect(apply.concurrency).toEqual({ group: 'terraform-apply-${{ inputs.stack }}', 'cancel-in-progress': false });
    expect(apply.steps.slice(0, 2).map((s: any) => s.with)).toEqual([{ name: 'synth', path: 'cdktf.out' }, { name: 'plan-${{ inputs.stack }}', path: '${{ env.STACK_DIR }}' }]);
    expect(apply.steps.find((s: any) => s.name === 'terraform apply').run).toContain('apply -input=false -no-color tfplan');
    expect(plan.steps.find((s: any) => s.name === 'terraform plan').run).toContain('plan -input=false -no-color -lock=false -out=tfplan');
    expect(plan.steps.at(-1).with).toMatchObject({ name: 'plan-${{ inputs.stack }}', 'include-hidden-files': true, 'retention-days': 30 });
    expect(plan.steps.find((s: any) => s.name === 'Summary').run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    // Plain terraform on the synthesized directory: no checkout, no Node, no cdktf.
    for (const job of [plan, apply]) expect(job.steps.some((s: any) => s.uses?.startsWith(ACTIONS.checkout.action) || s.uses?.startsWith(ACTIONS.setupNode.action))).toBe(false);
    const terraformVersion = fs.readFileSync(path.join(ROOT, '.terraform-version'), 'utf8').trim();
    expect(plan.steps.find((s: any) => s.uses?.startsWith(ACTIONS.setupTerraform.action)).with).toEqual({ terraform_version: terraformVersion, terraform_wrapper: false });
  });
});
