import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { StackContext, StackDocument, groupStacks } from '../../src/policy/context';
import { ruleById } from '../../src/policy/rules';
import { CheckResult } from '../../src/policy/types';

/** A stack named like the real ones (`<system>-<env>-<layer>`): the env drives "prod:" rules. */
export function stackOf(name = 'bidops-dev-data', app = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

type ResourceClass<T> = new (scope: Construct, id: string, config: any) => T;

/**
 * Adds a provider resource with its attributes written exactly as Terraform JSON (snake_case), so a
 * fixture reads like the synthesized output it stands for.
 */
export function add<T extends TerraformResource>(stack: Construct, cls: ResourceClass<T>, id: string, attributes: Record<string, unknown> = {}): T {
  const resource = new cls(stack, id, {});
  for (const [key, value] of Object.entries(attributes)) resource.addOverride(key, value);
  return resource;
}

/** `${type.name.attr}` token of a resource. */
export function ref(resource: TerraformResource, attribute = 'id'): string {
  return resource.getStringAttribute(attribute);
}

export function doc(stack: TerraformStack): StackDocument {
  return { name: stack.node.id, json: JSON.parse(Testing.synth(stack)) };
}

/**
 * Runs one rule on the resource `address` of the first stack; the other stacks are the same
 * system/env's other layers (cross-stack lookups).
 */
export function run(ruleId: string, stacks: TerraformStack | TerraformStack[], address: string): CheckResult {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const list = Array.isArray(stacks) ? stacks : [stacks];
  const grouped = groupStacks(list.map(doc));
  const { model, group } = grouped.find((g) => g.model.name === list[0].node.id)!;
  const resource = model.byAddress.get(address);
  if (!resource) throw new Error(`no ${address} in ${model.name} (has ${[...model.byAddress.keys()].join(', ')})`);
  if (!rule.appliesTo.includes(resource.type)) throw new Error(`${ruleId} does not apply to ${resource.type}`);
  return rule.check(resource, new StackContext(model, group));
}

export function expectCompliant(ruleId: string, stacks: TerraformStack | TerraformStack[], address: string): void {
  const result = run(ruleId, stacks, address);
  expect({ ruleId, address, result }).toEqual({ ruleId, address, result: { status: 'compliant' } });
}

export function expectNotApplicable(ruleId: string, stacks: TerraformStack | TerraformStack[], address: string): void {
  expect(run(ruleId, stacks, address)).toEqual({ status: 'not-applicable' });
}

/** Non-compliant, naming the address and (a part of) the attribute to fix. */
export function expectViolation(ruleId: string, stacks: TerraformStack | TerraformStack[], address: string, attribute: string): CheckResult {
  const result = run(ruleId, stacks, address);
  expect(result.status).toBe('non-compliant');
  if (result.status === 'non-compliant') {
    expect(result.message.startsWith(`${address}: `)).toBe(true);
    expect(result.attribute).toContain(attribute);
    expect(result.message).toContain(attribute);
  }
  return result;
}

export const json = (value: unknown): string => JSON.stringify(value);
