/**
 * Every action the generated workflows use, pinned to the full commit SHA of a release tag (a tag
 * can be moved; a commit cannot). The tag is written beside each `uses:` as a comment. To update:
 * `git ls-remote https://github.com/<repo> refs/tags/<tag>^{}` (the peeled commit of an annotated
 * tag), change the row, regenerate (npm run ci-workflow) and commit both.
 */
export interface PinnedAction {
  /** `owner/repo` or `owner/repo/path`. */
  readonly action: string;
  readonly sha: string;
  readonly tag: string;
}

export const ACTIONS = {
  checkout: { action: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { action: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  uploadArtifact: { action: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  downloadArtifact: { action: 'actions/download-artifact', sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', tag: 'v8.0.1' },
  awsCredentials: { action: 'aws-actions/configure-aws-credentials', sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c', tag: 'v6.2.3' },
  setupTerraform: { action: 'hashicorp/setup-terraform', sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e', tag: 'v4.0.1' },
  uploadSarif: { action: 'github/codeql-action/upload-sarif', sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e', tag: 'v4.36.2' },
} as const satisfies Record<string, PinnedAction>;

/** The `uses:` value of a pinned action. */
export function uses(action: PinnedAction): string {
  return `${action.action}@${action.sha}`;
}
