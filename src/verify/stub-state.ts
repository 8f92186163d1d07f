import { OutputValue, PublishedOutput } from '../core/layer-stack';

/**
 * A Terraform state (format 4) holding only outputs: what `terraform_remote_state` reads.
 * Values are the upstream layer's declared samples, so a downstream stack plans before its
 * upstream is applied.
 */
export function stubState(stack: string, outputs: readonly PublishedOutput[]): string {
  const values: Record<string, { value: OutputValue; type: unknown; sensitive?: boolean }> = {};
  for (const output of outputs) {
    values[output.name] = { value: output.sample, type: ctyType(output.sample), ...(output.sensitive ? { sensitive: true } : {}) };
  }
  return JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: `offline-stub-${stack}`, outputs: values, resources: [], check_results: null }, null, 2);
}

function ctyType(value: OutputValue): unknown {
  if (Array.isArray(value)) return ['list', 'string'];
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}
