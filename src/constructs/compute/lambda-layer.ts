import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { DEPRECATED_RUNTIMES } from '../../policy/rules/lambda';
import { LambdaArchitecture, packageDirectory } from './lambda-function';

export interface LambdaLayerProps extends ProviderScopedProps {
  /** Layer name (1-140 letters, digits, `-`, `_`), for example `<system>-<env>-shared-utilities`. */
  readonly layerName: string;
  readonly description: string;
  /**
   * Directory packaged as the layer's zip, relative to the repository root or absolute. It holds the
   * runtime's top folder (`nodejs/node_modules/<module>` for Node.js, `python/` for Python). Its
   * SHA-256 (file names and contents) is the `source_code_hash`: a change publishes a new version.
   */
  readonly code: string;
  /**
   * Runtimes that may use the layer (at most 15); deprecated runtimes are rejected.
   * @default ['nodejs22.x']
   */
  readonly compatibleRuntimes?: readonly string[];
  /**
   * Instruction sets the layer's contents run on.
   * @default ['arm64']
   */
  readonly compatibleArchitectures?: readonly LambdaArchitecture[];
  /**
   * License of the layer's contents (SPDX identifier or URL).
   * @default - none
   */
  readonly licenseInfo?: string;
}

/** Top folder a runtime family loads layer contents from (`/opt/<folder>`), and a layout example. */
const LAYER_FOLDERS: Readonly<Record<string, { folder: string; example: string }>> = {
  nodejs: { folder: 'nodejs', example: 'nodejs/node_modules/<module>/index.js' },
  python: { folder: 'python', example: 'python/<package>/__init__.py' },
};

/**
 * A Lambda layer version built from a directory in the repository, with a deterministic
 * `source_code_hash` (layer versions are immutable: a content change replaces the version, and
 * functions on the old version ARN keep running it).
 */
export class LambdaLayer extends Construct {
  readonly layerVersion: LambdaLayerVersion;
  /** ARN of this layer version: what `LambdaFunctionProps.layers` takes. */
  readonly arn: string;
  /** ARN of the layer without version. */
  readonly layerArn: string;
  readonly version: string;

  constructor(scope: Construct, id: string, props: LambdaLayerProps) {
    super(scope, id);
    const runtimes = props.compatibleRuntimes ?? ['nodejs22.x'];
    const architectures = props.compatibleArchitectures ?? ['arm64'];
    const where = `LambdaLayer ${props.layerName}`;
    if (!/^[A-Za-z0-9_-]{1,140}$/.test(props.layerName)) {
      throw new Error(`LambdaLayer ${id}: layerName "${props.layerName}" is not 1-140 letters, digits, - or _; pass a name like <system>-<env>-<purpose>`);
    }
    if (runtimes.length === 0 || runtimes.length > 15) throw new Error(`${where}: ${runtimes.length} compatibleRuntimes given; give 1-15`);
    const deprecated = runtimes.filter((r) => DEPRECATED_RUNTIMES.includes(r));
    if (deprecated.length > 0) throw new Error(`${where}: compatibleRuntimes ${deprecated.join(', ')} are deprecated (LAM-01); use supported runtimes such as nodejs22.x`);
    if (architectures.length === 0 || architectures.length > 2 || architectures.some((a) => !['arm64', 'x86_64'].includes(a)) || new Set(architectures).size !== architectures.length) {
      throw new Error(`${where}: compatibleArchitectures [${architectures.join(', ')}] must be arm64 and/or x86_64, each once`);
    }

    const { asset: code, directory } = packageDirectory(this, 'code', props.code, where);
    for (const family of new Set(runtimes.map((r) => /^[a-z]+/.exec(r)?.[0] ?? r))) {
      const layout = LAYER_FOLDERS[family];
      if (layout && !fs.existsSync(path.join(directory, layout.folder))) {
        throw new Error(`${where}: code directory "${props.code}" has no ${layout.folder}/ folder; ${family} loads layers from /opt/${layout.folder} (e.g. ${layout.example})`);
      }
    }

    this.layerVersion = new LambdaLayerVersion(this, 'layer', {
      layerName: props.layerName,
      description: props.description,
      filename: code.path,
      sourceCodeHash: code.assetHash,
      compatibleRuntimes: [...runtimes],
      compatibleArchitectures: [...architectures],
      licenseInfo: props.licenseInfo,
    });
    this.arn = this.layerVersion.arn;
    this.layerArn = this.layerVersion.layerArn;
    this.version = this.layerVersion.version;
    useProvider(this, props.provider);
  }
}
