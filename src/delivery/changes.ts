import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS, EnvName } from '../core/names';
import { StackGraph, StackGraphError, withDependents } from './stack-graph';

/** Stack name -> sha256 over what synth owns in its directory: `cdk.tf.json` and every file under `assets/`. */
export type StackDigests = Record<string, string>;

/**
 * Digests every stack of a synthesized output (through manifest.json). Lambda bundles under
 * `assets/` count: code can change while cdk.tf.json keeps its asset path. Files synth does not
 * own (.terraform/, lock files, plans) do not.
 */
export function stackDigests(outdir: string): StackDigests {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new StackGraphError(`${outdir} has no manifest.json: synthesize first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
  const digests: StackDigests = {};
  for (const name of Object.keys(manifest.stacks).sort()) {
    const dir = path.join(outdir, manifest.stacks[name].workingDirectory);
    const hash = createHash('sha256');
    for (const rel of ['cdk.tf.json', ...filesUnder(dir, 'assets')]) {
      const file = path.join(dir, rel);
      if (!fs.existsSync(file)) continue;
      hash.update(`${rel}\0`).update(fs.readFileSync(file)).update('\0');
    }
    digests[name] = hash.digest('hex');
  }
  return digests;
}

function filesUnder(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) return [];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((child) => {
      const childRel = path.posix.join(rel, child);
      return fs.statSync(path.join(root, childRel)).isDirectory() ? filesUnder(root, childRel) : [childRel];
    });
}

/** How a head synth differs from its base, stack by stack (names sorted). */
export interface ChangeSet {
  /** No base to compare with: every stack counts as changed. */
  readonly everything: boolean;
  /** In both, with different content. */
  readonly changed: readonly string[];
  /** Only in the head. */
  readonly added: readonly string[];
  /** Only in the base: nothing plans or destroys them here (docs/ci.md). */
  readonly removed: readonly string[];
}

export function diffDigests(base: StackDigests | undefined, head: StackDigests): ChangeSet {
  const names = Object.keys(head).sort();
  if (!base) return { everything: true, changed: [], added: names, removed: [] };
  return {
    everything: false,
    changed: names.filter((n) => n in base && base[n] !== head[n]),
    added: names.filter((n) => !(n in base)),
    removed: Object.keys(base).filter((n) => !(n in head)).sort(),
  };
}

/** Stacks per wave (index 0 = wave 1) and environment, for the workflow's matrices. */
export type Waves = Record<EnvName, string[][]>;

/** What the pipeline runs for one change set. */
export interface PipelinePlan {
  /** Pull requests: plan the changed and added layer stacks. */
  readonly pullRequest: Waves;
  /** The branch: plan and apply those, and (applyDependents) the stacks reading them. */
  readonly branch: Waves;
  /** Stacks on the branch only because they read a changed stack. */
  readonly dependents: readonly string[];
  /** The bootstrap stack (or another stack outside the layer graph) changed: applied by hand. */
  readonly outsideGraph: readonly string[];
  readonly changes: ChangeSet;
}

export interface PipelinePlanOptions {
  /** Waves the committed workflow has; a deeper graph means the workflow is stale. */
  readonly waves: number;
  readonly applyDependents: boolean;
}

export function pipelinePlan(graph: StackGraph, changes: ChangeSet, options: PipelinePlanOptions): PipelinePlan {
  const inGraph = new Set(graph.nodes.map((n) => n.name));
  const touched = [...changes.changed, ...changes.added];
  const direct = new Set(touched.filter((n) => inGraph.has(n)));
  const onBranch = options.applyDependents ? withDependents(graph, direct) : direct;
  const deepest = graph.nodes.find((n) => n.depth >= options.waves && onBranch.has(n.name));
  if (deepest) {
    throw new StackGraphError(`stack ${deepest.name} is in wave ${deepest.depth + 1}, but the workflow has ${options.waves}: regenerate it (npm run ci-workflow) and commit`);
  }
  const waves = (wanted: ReadonlySet<string>): Waves => {
    const result = Object.fromEntries(ENVIRONMENTS.map((env) => [env, Array.from({ length: options.waves }, () => [] as string[])])) as Waves;
    for (const node of graph.nodes) if (wanted.has(node.name)) result[node.env][node.depth].push(node.name);
    return result;
  };
  return {
    pullRequest: waves(direct),
    branch: waves(onBranch),
    dependents: graph.nodes.filter((n) => onBranch.has(n.name) && !direct.has(n.name)).map((n) => n.name),
    outsideGraph: touched.filter((n) => !inGraph.has(n)),
    changes,
  };
}

/** Output name of one wave's stack list: `pr_dev_1`, `apply_prod_3`. */
export function waveOutput(kind: 'pr' | 'apply', env: EnvName, wave: number): string {
  return `${kind}_${env}_${wave}`;
}

/** `name=value` lines for $GITHUB_OUTPUT: every wave's stack list as a JSON array (empty: `[]`). */
export function githubOutputs(plan: PipelinePlan): string {
  const lines: string[] = [];
  for (const [kind, waves] of [['pr', plan.pullRequest], ['apply', plan.branch]] as const) {
    for (const env of ENVIRONMENTS) waves[env].forEach((stacks, i) => lines.push(`${waveOutput(kind, env, i + 1)}=${JSON.stringify(stacks)}`));
  }
  return lines.join('\n') + '\n';
}

/** Markdown for $GITHUB_STEP_SUMMARY: what changed and what each wave will plan or apply. */
export function changesSummary(plan: PipelinePlan, base: string | undefined): string {
  const { changes } = plan;
  const out: string[] = ['## Changed stacks', ''];
  out.push(changes.everything ? `No base synth to compare with${base ? ` (${base})` : ''}: every stack counts as changed.` : `Compared with the synthesized output of \`${base ?? 'the base'}\`: ${changes.changed.length} changed, ${changes.added.length} new, ${changes.removed.length} removed.`);
  out.push('');
  const table = (title: string, waves: Waves) => {
    const rows = ENVIRONMENTS.flatMap((env) => waves[env].flatMap((stacks, i) => (stacks.length > 0 ? [`| ${env} | ${i + 1} | ${stacks.map((s) => `\`${s}\``).join(', ')} |`] : [])));
    out.push(`### ${title}`, '');
    if (rows.length === 0) out.push('Nothing.', '');
    else out.push('| environment | wave | stacks |', '|---|---|---|', ...rows, '');
  };
  table('Plan on the pull request', plan.pullRequest);
  table('Plan and apply on the branch, in this order', plan.branch);
  if (plan.dependents.length > 0) out.push(`Applied on the branch because they read a changed stack: ${plan.dependents.map((s) => `\`${s}\``).join(', ')}.`, '');
  for (const stack of plan.outsideGraph) out.push(`> [!WARNING]`, `> \`${stack}\` changed. The pipeline does not apply it: apply it by hand from the state account (docs/ci.md, "The bootstrap stack").`, '');
  for (const stack of changes.removed) out.push(`> [!WARNING]`, `> \`${stack}\` is no longer synthesized. Its resources still exist: destroy them by hand from the base's output (docs/ci.md, "Removed stacks").`, '');
  return out.join('\n') + '\n';
}
