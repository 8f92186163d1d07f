import { ResolvedCiDelivery } from '../config/delivery';
import { EnvName } from '../core/names';
import { ACTIONS, uses } from './actions';
import { waveOutput } from './changes';
import { StackGraph, waveCount } from './stack-graph';

/** Where the generated workflows live, relative to the repository root. */
export const WORKFLOW_FILE = '.github/workflows/terraform.yml';
export const STACK_WORKFLOW_FILE = '.github/workflows/terraform-stack.yml';

export interface WorkflowInput {
  readonly delivery: ResolvedCiDelivery;
  readonly graph: StackGraph;
  /** From .terraform-version: the version every job installs. */
  readonly terraformVersion: string;
}

type Json = Record<string, unknown>;

const expr = (body: string) => `\${{ ${body} }}`;
const SYNTH_ARTIFACT = 'synth';

/** The environments the graph has stacks in, in promotion order. */
function environmentsOf(input: WorkflowInput): EnvName[] {
  return (['dev', 'staging', 'prod'] as const).filter((env) => input.graph.nodes.some((n) => n.env === env));
}

function ciEnvironment(input: WorkflowInput, env: EnvName) {
  const entry = input.delivery.environments[env];
  // resolveCiDelivery refuses a config without an entry for a configured environment.
  if (!entry) throw new Error(`ci delivery: no entry for environment ${env}`);
  return entry;
}

const setupNode = { name: 'Set up Node (version from package.json engines)', uses: uses(ACTIONS.setupNode), with: { 'node-version-file': 'package.json', cache: 'npm' } };
const install = { name: 'Install (npm ci)', run: 'npm ci --no-audit --no-fund' };
const setupTerraform = (version: string) => ({ name: `Set up Terraform ${version}`, uses: uses(ACTIONS.setupTerraform), with: { terraform_version: version, terraform_wrapper: false } });

/**
 * The pipeline (.github/workflows/terraform.yml). Pull requests: build (install, type-check,
 * synth, policy gate with SARIF, changed stacks), unit tests, and a plan of every changed stack,
 * one job per stack in waves that follow the stacks' reads. The branch: the same checks, then per
 * environment (dev, staging, prod) and wave a plan job and an apply job of that plan; applies run
 * in the environment's GitHub environment (required reviewers for staging and prod).
 */
export function terraformWorkflow(input: WorkflowInput): Json {
  const { delivery } = input;
  const waves = waveCount(input.graph);
  const envs = environmentsOf(input);
  const branchRef = `refs/heads/${delivery.branch}`;

  const outputs: Record<string, string> = {};
  for (const kind of ['pr', 'apply'] as const) {
    for (const env of envs) for (let k = 1; k <= waves; k++) outputs[waveOutput(kind, env, k)] = expr(`steps.changes.outputs.${waveOutput(kind, env, k)}`);
  }

  const jobs: Record<string, Json> = {};
  jobs.build = {
    name: 'Build, policy gate, changed stacks',
    'runs-on': delivery.runner,
    'timeout-minutes': 45,
    permissions: {
      // gh run list: the last run that succeeded on the branch (the base of a push).
      actions: 'read',
      contents: 'read',
      // Policy findings to code scanning.
      'security-events': 'write',
    },
    outputs,
    steps: [
      // Full history: the base commit of the comparison is synthesized from a worktree.
      { name: 'Check out', uses: uses(ACTIONS.checkout), with: { 'fetch-depth': 0, 'persist-credentials': false } },
      setupNode,
      install,
      { name: 'Type-check', run: 'npm run typecheck' },
      { name: 'Synthesize', run: 'npm run synth' },
      { name: 'Policy gate', run: 'npm run policy -- --no-synth --sarif policy.sarif' },
      {
        name: 'Upload policy findings to code scanning',
        // Fork pull requests get a read-only token: no upload (the gate above still ran).
        if: "always() && hashFiles('policy.sarif') != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)",
        uses: uses(ACTIONS.uploadSarif),
        with: { sarif_file: 'policy.sarif', category: 'terraform-policy' },
      },
      {
        name: 'Find the base to compare with',
        id: 'base',
        env: { GH_TOKEN: expr('github.token'), GH_REPO: expr('github.repository'), ALL_STACKS: expr("inputs.all-stacks || 'false'"), BRANCH: delivery.branch },
        run: [
          'if [ "$GITHUB_EVENT_NAME" = pull_request ]; then',
          '  # The merge commit\'s first parent: the branch as the pull request would change it.',
          '  base=$(git rev-parse HEAD^1)',
          'elif [ "$ALL_STACKS" = true ]; then',
          '  base=',
          'else',
          '  # The last commit whose run succeeded here: everything since is not applied yet.',
          '  base=$(gh run list --workflow terraform.yml --branch "$BRANCH" --status success --limit 1 --json headSha --jq \'.[0].headSha // ""\')',
          'fi',
          'echo "sha=$base" >> "$GITHUB_OUTPUT"',
          '',
        ].join('\n'),
      },
      {
        name: 'Synthesize the base',
        id: 'base-synth',
        if: "steps.base.outputs.sha != ''",
        env: { BASE_SHA: expr('steps.base.outputs.sha') },
        run: [
          'if git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA" \\',
          '  && (cd "$RUNNER_TEMP/base" && npm ci --no-audit --no-fund && CDKTF_OUTDIR="$RUNNER_TEMP/base-out" npm run synth); then',
          '  echo "outdir=$RUNNER_TEMP/base-out" >> "$GITHUB_OUTPUT"',
          'else',
          '  echo "::warning::Cannot synthesize the base $BASE_SHA: every stack counts as changed"',
          'fi',
          '',
        ].join('\n'),
      },
      {
        name: 'Changed stacks',
        id: 'changes',
        env: { BASE_SHA: expr('steps.base.outputs.sha'), BASE_OUT: expr('steps.base-synth.outputs.outdir') },
        // The wave count is this workflow's; the graph comes from the synthesized contracts.json.
        run: `node dist/scripts/ci-workflow.js changes --waves ${waves}${delivery.applyDependents ? ' --with-dependents' : ''} --head cdktf.out \${BASE_OUT:+--base "$BASE_OUT"} \${BASE_SHA:+--base-ref "$BASE_SHA"} --github-output "$GITHUB_OUTPUT" --summary "$GITHUB_STEP_SUMMARY"\n`,
      },
      {
        // Every later job plans or applies exactly this output.
        name: 'Upload the synthesized output',
        uses: uses(ACTIONS.uploadArtifact),
        with: { name: SYNTH_ARTIFACT, path: 'cdktf.out/', 'if-no-files-found': 'error', 'retention-days': delivery.artifactRetentionDays },
      },
    ],
  };

  jobs['unit-tests'] = {
    name: 'Unit tests',
    'runs-on': delivery.runner,
    'timeout-minutes': 60,
    permissions: { contents: 'read' },
    steps: [
      { name: 'Check out', uses: uses(ACTIONS.checkout), with: { 'persist-credentials': false } },
      setupNode,
      setupTerraform(input.terraformVersion),
      install,
      {
        // The offline plans in the tests read providers from /opt/tf-plugins, as on the dev machines.
        name: 'Provider mirror for the offline plans',
        run: [
          'SYSTEMS=bidops ENVS=dev LAYERS=network npm run synth',
          'sudo install -d -o "$(id -u)" -g "$(id -g)" /opt/tf-plugins',
          'terraform -chdir=cdktf.out/stacks/bootstrap providers mirror -platform=linux_amd64 /opt/tf-plugins',
          '',
        ].join('\n'),
      },
      { name: 'Unit tests', run: 'npm run test:unit' },
    ],
  };

  const stackJob = (kind: 'plan' | 'apply', stacksOutput: string, role: string, extra: Json): Json => ({
    strategy: { 'fail-fast': false, matrix: { stack: expr(`fromJSON(needs.build.outputs.${stacksOutput})`) } },
    permissions: { contents: 'read', 'id-token': 'write' },
    uses: `./${STACK_WORKFLOW_FILE}`,
    with: { stack: expr('matrix.stack'), command: kind, 'role-to-assume': role, 'aws-region': delivery.awsRegion, ...extra },
  });

  // Pull requests: one chain of waves per environment; a wave waits for the one before (order), not
  // for its success (every changed stack gets a plan to review). Forks get no OIDC token: no plans.
  const prJobs: string[] = [];
  for (const env of envs) {
    for (let k = 1; k <= waves; k++) {
      const id = `pr-plan-${env}-${k}`;
      const out = waveOutput('pr', env, k);
      jobs[id] = {
        name: `plan ${env} wave ${k}`,
        needs: k === 1 ? ['build'] : ['build', `pr-plan-${env}-${k - 1}`],
        if: expr(`!cancelled() && github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository && needs.build.result == 'success' && needs.build.outputs.${out} != '[]'`),
        ...stackJob('plan', out, ciEnvironment(input, env).planRoleArn, {}),
      };
      prJobs.push(id);
    }
  }
  jobs['pr-summary'] = {
    name: 'Plan summary',
    needs: ['build', ...prJobs],
    if: expr("!cancelled() && github.event_name == 'pull_request' && needs.build.result == 'success'"),
    'runs-on': delivery.runner,
    'timeout-minutes': 10,
    permissions: { contents: 'read' },
    steps: [
      { name: 'Download the plans', 'continue-on-error': true, uses: uses(ACTIONS.downloadArtifact), with: { pattern: 'plan-*', path: 'plans' } },
      {
        name: 'Summarise',
        env: { BUILD_OUTPUTS: expr('toJSON(needs.build.outputs)') },
        run: [
          "stacks=$(jq -r 'to_entries[] | select(.key | startswith(\"pr_\")) | .value | fromjson | .[]' <<<\"$BUILD_OUTPUTS\")",
          '{',
          "  echo '## Terraform plans'",
          '  echo',
          '  if [ -z "$stacks" ]; then',
          "    echo 'No stack changed.'",
          '  else',
          "    echo '| stack | plan |'",
          "    echo '|---|---|'",
          '    for stack in $stacks; do',
          '      plan="plans/plan-$stack/plan.txt"',
          '      if [ -f "$plan" ]; then',
          "        result=$(grep -m1 -E '^(Plan: |No changes\\.|Changes to Outputs:)' \"$plan\" || echo 'see the plan')",
          '      else',
          "        result='**no plan**: see the stack\\'s job'",
          '      fi',
          '      echo "| \\`$stack\\` | $result |"',
          '    done',
          '    echo',
          "    echo 'Each plan is attached to this run as the artifact plan-<stack>.'",
          '  fi',
          '} >> "$GITHUB_STEP_SUMMARY"',
          '',
        ].join('\n'),
      },
    ],
  };

  // The branch: dev, staging, prod; per wave a plan job, then an apply of that plan. Every job
  // needs all earlier ones, so a failure (or a superseded, cancelled apply) stops everything after it.
  const earlier = ['build', 'unit-tests'];
  for (const env of envs) {
    const entry = ciEnvironment(input, env);
    for (let k = 1; k <= waves; k++) {
      const out = waveOutput('apply', env, k);
      const guard = `!cancelled() && github.event_name != 'pull_request' && github.ref == '${branchRef}' && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') && needs.build.outputs.${out} != '[]'`;
      const planId = `plan-${env}-${k}`;
      jobs[planId] = { name: `plan ${env} wave ${k}`, needs: [...earlier], if: expr(guard), ...stackJob('plan', out, entry.planRoleArn, {}) };
      earlier.push(planId);
      const applyId = `apply-${env}-${k}`;
      jobs[applyId] = {
        name: `apply ${env} wave ${k}`,
        needs: [...earlier],
        if: expr(`${guard} && needs.${planId}.result == 'success'`),
        ...stackJob('apply', out, entry.applyRoleArn, { environment: entry.githubEnvironment }),
      };
      earlier.push(applyId);
    }
  }

  return {
    name: 'terraform',
    on: {
      pull_request: { branches: [delivery.branch] },
      push: { branches: [delivery.branch] },
      workflow_dispatch: {
        inputs: { 'all-stacks': { description: 'Plan and apply every stack, not only those changed since the last successful run', type: 'boolean', default: false, required: false } },
      },
    },
    permissions: { contents: 'read' },
    // A newer push to a pull request cancels its older run; branch runs never cancel each other
    // (each apply job has its own per-stack concurrency group instead).
    concurrency: { group: expr("github.event_name == 'pull_request' && format('terraform-{0}', github.ref) || format('terraform-{0}', github.run_id)"), 'cancel-in-progress': expr("github.event_name == 'pull_request'") },
    defaults: { run: { shell: 'bash' } },
    env: { BOOTSTRAP_STATE: 's3', CHECKPOINT_DISABLE: '1' },
    jobs,
  };
}

const PLAN_RESULT = "grep -m1 -E '^(Plan: |No changes\\.|Changes to Outputs:)'";

/**
 * The reusable per-stack workflow (.github/workflows/terraform-stack.yml): plan one stack of the
 * run's synthesized output (the plan, its text and lock file as artifact plan-<stack>), or apply
 * that plan in a GitHub environment. Plain terraform: no Node, no cdktf.
 */
export function stackWorkflow(input: WorkflowInput): Json {
  const { delivery } = input;
  const download = { name: 'Download the synthesized output', uses: uses(ACTIONS.downloadArtifact), with: { name: SYNTH_ARTIFACT, path: 'cdktf.out' } };
  const credentials = (purpose: string) => ({
    name: 'AWS credentials (OIDC)',
    uses: uses(ACTIONS.awsCredentials),
    with: { 'role-to-assume': expr('inputs.role-to-assume'), 'aws-region': expr('inputs.aws-region'), 'role-session-name': `${purpose}-${expr('inputs.stack')}-${expr('github.run_id')}` },
  });
  const init = { name: 'terraform init', run: 'terraform -chdir="$STACK_DIR" init -input=false -no-color\n' };
  const summary = (file: string, what: string, result: string, otherwise: string, whole: string) => ({
    name: 'Summary',
    if: 'always()',
    run: [
      `out="$STACK_DIR/${file}"`,
      `if [ -f "$out" ]; then result=$(${result} "$out" || echo '${otherwise}'); else result='failed: see the job log'; fi`,
      '{',
      '  echo "### \\`$STACK\\`: $result"',
      '  if [ -f "$out" ]; then',
      `    echo; echo '<details><summary>${what}</summary>'; echo; echo '\`\`\`'`,
      '    head -c 60000 "$out"',
      `    echo '\`\`\`'`,
      `    if [ "$(wc -c < "$out")" -gt 60000 ]; then echo '(cut at 60 kB: ${whole} has all of it)'; fi`,
      "    echo '</details>'",
      '  fi',
      '} >> "$GITHUB_STEP_SUMMARY"',
      '',
    ].join('\n'),
  });

  return {
    name: 'terraform-stack',
    on: {
      workflow_call: {
        inputs: {
          stack: { description: 'Stack to plan or apply (cdktf.out/stacks/<stack> of the artifact synth)', required: true, type: 'string' },
          command: { description: 'plan, or apply (the artifact plan-<stack> of this run)', required: true, type: 'string' },
          'role-to-assume': { description: 'IAM role in the state account, assumed through OIDC', required: true, type: 'string' },
          'aws-region': { description: 'Region of the credentials', required: true, type: 'string' },
          environment: { description: 'GitHub environment of an apply (its reviewers gate it)', required: false, type: 'string', default: '' },
        },
      },
    },
    permissions: { contents: 'read' },
    defaults: { run: { shell: 'bash' } },
    env: { STACK: expr('inputs.stack'), STACK_DIR: `cdktf.out/stacks/${expr('inputs.stack')}`, TF_IN_AUTOMATION: 'true', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' },
    jobs: {
      plan: {
        name: 'plan',
        if: "inputs.command == 'plan'",
        'runs-on': delivery.runner,
        'timeout-minutes': 60,
        permissions: { contents: 'read', 'id-token': 'write' },
        // A newer push to a pull request cancels the older plan of the same stack.
        concurrency: { group: `terraform-plan-${expr('inputs.stack')}-${expr('github.ref')}`, 'cancel-in-progress': expr("github.event_name == 'pull_request'") },
        steps: [
          download,
          setupTerraform(input.terraformVersion),
          credentials('plan'),
          init,
          {
            // No lock: a plan changes nothing, and the plan role cannot write the lock table.
            name: 'terraform plan',
            run: ['terraform -chdir="$STACK_DIR" plan -input=false -no-color -lock=false -out=tfplan', 'terraform -chdir="$STACK_DIR" show -no-color tfplan > "$STACK_DIR/plan.txt"', ''].join('\n'),
          },
          summary('plan.txt', 'terraform show', PLAN_RESULT, 'see the plan', 'the artifact plan-<stack>'),
          {
            name: 'Upload the plan',
            uses: uses(ACTIONS.uploadArtifact),
            with: {
              name: `plan-${expr('inputs.stack')}`,
              path: ['${{ env.STACK_DIR }}/tfplan', '${{ env.STACK_DIR }}/plan.txt', '${{ env.STACK_DIR }}/.terraform.lock.hcl', ''].join('\n'),
              'include-hidden-files': true,
              'if-no-files-found': 'error',
              overwrite: true,
              'retention-days': delivery.artifactRetentionDays,
            },
          },
        ],
      },
      apply: {
        name: 'apply',
        if: "inputs.command == 'apply'",
        'runs-on': delivery.runner,
        environment: expr('inputs.environment'),
        'timeout-minutes': 120,
        permissions: { contents: 'read', 'id-token': 'write' },
        // Two runs never apply one stack at once; a newer run's apply waits, it never cancels one.
        concurrency: { group: `terraform-apply-${expr('inputs.stack')}`, 'cancel-in-progress': false },
        steps: [
          download,
          { name: 'Download the plan', uses: uses(ACTIONS.downloadArtifact), with: { name: `plan-${expr('inputs.stack')}`, path: expr('env.STACK_DIR') } },
          setupTerraform(input.terraformVersion),
          credentials('apply'),
          init,
          {
            // The saved plan: exactly what the plan job showed; Terraform refuses it if the state moved since.
            name: 'terraform apply',
            run: 'terraform -chdir="$STACK_DIR" apply -input=false -no-color tfplan 2>&1 | tee "$STACK_DIR/apply.txt"\n',
          },
          summary('apply.txt', 'terraform apply', "grep -m1 -E '^Apply complete!'", 'failed: see the log', 'the job log'),
        ],
      },
    },
  };
}
