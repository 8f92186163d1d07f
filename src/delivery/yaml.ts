import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import { ACTIONS } from './actions';

// Keys GitHub's docs write in this order (workflow, job, step); any other key keeps the order the
// generator gave it (Array.prototype.sort is stable), so jobs stay in pipeline order.
const KEY_ORDER = [
  'name', 'id', 'on', 'needs', 'if', 'runs-on', 'environment', 'timeout-minutes', 'permissions', 'concurrency',
  'defaults', 'strategy', 'outputs', 'continue-on-error', 'uses', 'with', 'env', 'run', 'jobs', 'steps',
];
const rank = (key: unknown): number => {
  const i = KEY_ORDER.indexOf(String(isScalar(key) ? key.value : key));
  return i < 0 ? KEY_ORDER.length : i;
};

const TAGS = new Map<string, string>(Object.values(ACTIONS).map((a) => [a.sha, a.tag]));

/**
 * Renders a workflow object as YAML: the header as comment lines, keys in GitHub's usual order,
 * no line folding, and each pinned action's release tag as a comment beside its SHA.
 */
export function renderWorkflow(workflow: Record<string, unknown>, header: readonly string[]): string {
  // No anchors: a step object the generator reuses is written out again where it is used.
  const doc = new Document(workflow, { aliasDuplicateObjects: false, sortMapEntries: (a, b) => rank(a.key) - rank(b.key) });
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      // Short lists on one line: `needs: [build, plan-dev-1]`, `branches: [main]`.
      if ((pair.key.value === 'needs' || pair.key.value === 'branches') && isSeq(pair.value)) pair.value.flow = true;
      if (pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const sha = /@([0-9a-f]{40})$/.exec(String(pair.value.value))?.[1];
      const tag = sha && TAGS.get(sha);
      if (tag) pair.value.comment = ` ${tag}`;
    },
  });
  doc.commentBefore = header.map((line) => (line ? ` ${line}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}
