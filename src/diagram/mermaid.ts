/**
 * A diagram as a Mermaid flowchart: a subgraph per layer (inside a subgraph per region when the
 * environment has resources in a second region), the VPC boxes in their layer, then the edges.
 */
import { LAYERS } from '../core/names';
import { Shape } from './kinds';
import { byText, escapeLabel, sanitizeId } from './labels';
import { Diagram, DiagramNode } from './view';

/** Layers left to right in the order a request meets them. */
const LAYER_ORDER: readonly string[] = ['edge', 'compute', 'ai', 'data', 'network'];
const layerRank = (layer: string) => {
  const i = LAYER_ORDER.indexOf(layer);
  return i >= 0 ? i : LAYER_ORDER.length + (LAYERS as readonly string[]).indexOf(layer as any);
};

const SHAPES: Readonly<Record<Shape, readonly [string, string]>> = {
  box: ['["', '"]'],
  round: ['("', '")'],
  cylinder: ['[("', '")]'],
  queue: ['[/"', '"/]'],
  hexagon: ['{{"', '"}}'],
  stadium: ['(["', '"])'],
};

function nodeLine(id: string, shape: Shape, textLines: readonly string[]): string {
  const [open, close] = SHAPES[shape];
  return `${id}${open}${textLines.map(escapeLabel).join('<br/>')}${close}`;
}

export function renderMermaid(diagram: Diagram): string {
  const out: string[] = ['flowchart LR'];
  const indent = (depth: number) => '  '.repeat(depth);
  const regions = [...new Set([...diagram.nodes.map((n) => n.region), ...diagram.vpcs.map((v) => v.region)])].sort((a, b) => Number(a !== diagram.primaryRegion) - Number(b !== diagram.primaryRegion) || byText(a, b));
  const multiRegion = regions.length > 1;

  for (const region of regions) {
    let depth = 1;
    const regionId = sanitizeId(`R_${region}`);
    if (multiRegion) {
      out.push(`${indent(depth)}subgraph ${regionId}["${escapeLabel(region === diagram.primaryRegion ? `${region} (primary region)` : `${region} (second region)`)}"]`);
      depth++;
    }
    const layers = [...new Set([...diagram.nodes.filter((n) => n.region === region).map((n) => n.layer), ...diagram.vpcs.filter((v) => v.region === region).map((v) => v.layer)])].sort((a, b) => layerRank(a) - layerRank(b));
    for (const layer of layers) {
      const layerId = sanitizeId(multiRegion ? `L_${layer}_${region}` : `L_${layer}`);
      out.push(`${indent(depth)}subgraph ${layerId}["${escapeLabel(`${layer} · ${diagram.system}-${diagram.env}-${layer}`)}"]`);
      for (const vpc of diagram.vpcs.filter((v) => v.region === region && v.layer === layer)) {
        out.push(`${indent(depth + 1)}subgraph ${vpc.id}["${escapeLabel(vpc.title)}"]`);
        for (const n of vpc.nodes) out.push(indent(depth + 2) + nodeLine(n.id, 'box', n.lines));
        out.push(`${indent(depth + 1)}end`);
      }
      for (const n of diagram.nodes.filter((x: DiagramNode) => x.region === region && x.layer === layer)) out.push(indent(depth + 1) + nodeLine(n.id, n.shape, n.lines));
      out.push(`${indent(depth)}end`);
    }
    if (multiRegion) out.push(`${indent(1)}end`);
  }
  for (const [from, to] of diagram.edges) out.push(`  ${from} --> ${to}`);
  return out.join('\n') + '\n';
}
