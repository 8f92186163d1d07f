import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { CloudControlResource, loadResourceSchema, schemaFileName } from '../../../src/constructs/ai/cloud-control-resource';
import { Json, onlyResource } from '../../helpers';

const SCHEMAS = path.join(__dirname, '../../../src/schemas');

describe('CloudControlResource', () => {
  test('passes our schema file verbatim (no cloudformation:DescribeType at plan) and the desired state as JSON', () => {
    const json: Json = JSON.parse(Testing.synthScope((scope) => {
      new CloudControlResource(scope, 'memory', {
        typeName: 'AWS::BedrockAgentCore::Memory',
        desiredState: { Name: 'bidops_dev_memory', EventExpiryDuration: 30 },
      });
    }));
    const r = onlyResource(json, 'aws_cloudcontrolapi_resource');
    expect(r.type_name).toBe('AWS::BedrockAgentCore::Memory');
    expect(JSON.parse(r.schema)).toEqual(JSON.parse(readFileSync(path.join(SCHEMAS, 'aws-bedrockagentcore-memory.json'), 'utf8')));
    expect(JSON.parse(r.desired_state)).toEqual({ Name: 'bidops_dev_memory', EventExpiryDuration: 30 });
  });

  test('rejects unknown, read-only and missing required properties at synth', () => {
    const make = (desiredState: Record<string, unknown>) => () => Testing.synthScope((scope) => {
      new CloudControlResource(scope, 'memory', { typeName: 'AWS::BedrockAgentCore::Memory', desiredState });
    });
    expect(make({ Name: 'm', EventExpiryDuration: 30, Retention: 3 })).toThrow(/property "Retention" is not in its schema/);
    expect(make({ Name: 'm', EventExpiryDuration: 30, MemoryId: 'x' })).toThrow(/"MemoryId" is read-only/);
    expect(make({ Name: 'm' })).toThrow(/required property "EventExpiryDuration" is missing/);
    expect(() => loadResourceSchema('AWS::Nope::Thing')).toThrow(/add src\/schemas\/aws-nope-thing.json/);
  });

  test('every schema file is a well-formed CloudFormation resource schema named after its type', () => {
    const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8'));
      expect(schemaFileName(schema.typeName)).toBe(file);
      expect(schema.additionalProperties).toBe(false);
      for (const key of ['properties', 'definitions', 'required', 'readOnlyProperties', 'createOnlyProperties', 'primaryIdentifier']) expect(schema).toHaveProperty(key);
      const pointers = [...schema.readOnlyProperties, ...schema.createOnlyProperties, ...schema.primaryIdentifier, ...(schema.writeOnlyProperties ?? [])];
      for (const pointer of pointers) expect(Object.keys(schema.properties)).toContain(pointer.split('/')[2]);
      for (const name of schema.required) expect(Object.keys(schema.properties)).toContain(name);
      // Every $ref resolves inside the file.
      for (const [, ref] of JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([A-Za-z]+)"/g)) expect(schema.definitions).toHaveProperty(ref);
    }
  });
});
