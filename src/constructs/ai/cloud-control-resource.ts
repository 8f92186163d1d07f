import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { CloudcontrolapiResource } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { Fn, ITerraformDependable, TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';

/** A CloudFormation resource schema, as far as this project reads it. */
export interface ResourceSchema {
  readonly typeName: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly readOnlyProperties?: readonly string[];
  readonly createOnlyProperties?: readonly string[];
  readonly primaryIdentifier: readonly string[];
}

/** Directories holding our schemas, for code run from `dist/` or straight from the sources (ts-jest). */
function schemaDirs(): string[] {
  return [
    path.resolve(__dirname, '../../schemas'),
    path.resolve(__dirname, '../../../../src/schemas'),
    path.join(process.cwd(), 'src', 'schemas'),
  ];
}

/** `AWS::BedrockAgentCore::Runtime` -> `aws-bedrockagentcore-runtime.json`. */
export function schemaFileName(typeName: string): string {
  return `${typeName.toLowerCase().replace(/::/g, '-')}.json`;
}

const cache = new Map<string, { text: string; schema: ResourceSchema }>();

/** Loads `src/schemas/<type>.json` (the schema text is passed to Terraform verbatim). */
export function loadResourceSchema(typeName: string): { text: string; schema: ResourceSchema } {
  const cached = cache.get(typeName);
  if (cached) return cached;
  const file = schemaFileName(typeName);
  const dir = schemaDirs().find((d) => existsSync(path.join(d, file)));
  if (!dir) throw new Error(`No CloudFormation schema for ${typeName}: add src/schemas/${file} (looked in ${schemaDirs().join(', ')})`);
  const text = readFileSync(path.join(dir, file), 'utf8');
  const schema = JSON.parse(text) as ResourceSchema;
  if (schema.typeName !== typeName) throw new Error(`src/schemas/${file} describes ${schema.typeName}, not ${typeName}`);
  const loaded = { text: JSON.stringify(schema), schema };
  cache.set(typeName, loaded);
  return loaded;
}

export interface CloudControlResourceProps {
  /** CloudFormation type name, for example `AWS::BedrockAgentCore::Runtime`. */
  readonly typeName: string;
  /**
   * Desired state: top-level CloudFormation properties. Strings may hold Terraform references
   * (`${aws_iam_role.x.arn}`); the object is rendered with JSON.stringify.
   */
  readonly desiredState: Readonly<Record<string, unknown>>;
  /**
   * Resources the Cloud Control call must wait for (IAM policies the service checks at creation).
   * @default []
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Terraform lifecycle of the resource.
   * @default - none
   */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/**
 * `aws_cloudcontrolapi_resource` for a CloudFormation type provider 5.100.0 lacks. Always passes
 * the `schema` argument (our `src/schemas/<type>.json`): without it the provider calls
 * `cloudformation:DescribeType` at plan time, which breaks offline plans. The desired state is
 * checked against the schema at synth (known properties only, required present, nothing read-only).
 */
export class CloudControlResource extends Construct {
  readonly resource: CloudcontrolapiResource;
  readonly schema: ResourceSchema;

  constructor(scope: Construct, id: string, props: CloudControlResourceProps) {
    super(scope, id);
    const { text, schema } = loadResourceSchema(props.typeName);
    const known = new Set(Object.keys(schema.properties));
    const readOnly = new Set((schema.readOnlyProperties ?? []).map((p) => p.replace('/properties/', '')));
    for (const key of Object.keys(props.desiredState)) {
      if (!known.has(key)) throw new Error(`${props.typeName} ${id}: property "${key}" is not in its schema (has: ${[...known].join(', ')}); fix the name or extend src/schemas/${schemaFileName(props.typeName)}`);
      if (readOnly.has(key)) throw new Error(`${props.typeName} ${id}: property "${key}" is read-only; read it from the resource's properties instead`);
    }
    for (const key of schema.required ?? []) {
      if (props.desiredState[key] === undefined) throw new Error(`${props.typeName} ${id}: required property "${key}" is missing from the desired state`);
    }
    this.schema = schema;
    this.resource = new CloudcontrolapiResource(this, 'resource', {
      typeName: props.typeName,
      schema: text,
      desiredState: JSON.stringify(props.desiredState),
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      lifecycle: props.lifecycle,
    });
  }

  /** A property of the created resource (read-only ones included), from its `properties` JSON. */
  property(name: string): string {
    if (!(name in this.schema.properties)) throw new Error(`${this.schema.typeName}: no property "${name}" in its schema`);
    return Fn.lookup(Fn.jsondecode(this.resource.properties), name);
  }
}
