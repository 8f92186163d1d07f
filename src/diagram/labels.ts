/** Names, ids and label text for the diagram: short, stable and safe inside a Mermaid label. */
import { Json } from './terraform';

/** A Mermaid id: letters, digits and `_` only. */
export function sanitizeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Text safe inside a quoted Mermaid label (quotes and angle brackets as entities). */
export function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

const NAME_ATTRIBUTES = [
  'name',
  'function_name',
  'bucket',
  'cluster_identifier',
  'global_cluster_identifier',
  'replication_group_id',
  'cluster_id',
  'domain_name',
  'agent_name',
  'identity_pool_name',
  'comment',
] as const;

/** The CDKTF unique-id suffix of a Terraform resource name (`_4E921B17`). */
const UNIQUE_SUFFIX = /_[0-9A-F]{8}$/;

/**
 * A short display name: the resource's own name attribute (or its `Name` tag, or the Terraform
 * name without its hash), with interpolations shown as `…`, the `<system>-<env>-` prefix and a
 * trailing account id dropped (the diagram is of one environment and one account).
 */
export function displayName(type: string, name: string, body: Json, prefix: string): string {
  let raw: unknown;
  if (type === 'aws_cloudcontrolapi_resource') {
    try {
      const state = JSON.parse(String(body.desired_state ?? '{}'));
      raw = state.Name ?? state.AgentRuntimeName ?? state.ProjectName;
    } catch {
      raw = undefined;
    }
  }
  for (const attribute of NAME_ATTRIBUTES) {
    if (raw === undefined && typeof body[attribute] === 'string' && body[attribute] !== '') raw = body[attribute];
  }
  if (raw === undefined && typeof body.tags?.Name === 'string') raw = body.tags.Name;
  let text = typeof raw === 'string' ? raw : name.replace(UNIQUE_SUFFIX, '');
  text = text.replace(/\$\{[^}]*\}/g, '…');
  for (const p of [prefix, prefix.replace(/-/g, '_')]) if (text.startsWith(p) && text.length > p.length) text = text.slice(p.length);
  text = text.replace(/-\d{12}$/, '');
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/** `items` joined with `, ` into lines of at most `perLine` items. */
export function lines(items: readonly string[], perLine: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += perLine) out.push(items.slice(i, i + perLine).join(', '));
  return out;
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
