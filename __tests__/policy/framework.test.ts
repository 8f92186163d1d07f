import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { BedrockagentAgent } from '@cdktf/provider-aws/lib/bedrockagent-agent';
import { TerraformStack, Testing } from 'cdktf';
import { ConfigError } from '../../src/config/errors';
import { StackDocument } from '../../src/policy/context';
import { evaluate } from '../../src/policy/engine';
import { formatReport, summaryLine } from '../../src/policy/report';
import { ALL_RULES, PACKS, RULE_IDS } from '../../src/policy/rules';
import {
  NEVER_SUPPRESS,
  PolicySuppressionError,
  recordEnvironmentSuppressions,
  suppressRule,
  suppressStackRule,
  validatePolicySuppressions,
} from '../../src/policy/suppressions';
import { add, ref, stackOf } from './harness';

/** Synthesized JSON with cdktf's "//" metadata kept (Testing.synth strips it; suppressions live there). */
function withMetadata(stack: TerraformStack): StackDocument {
  return { name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) };
}

/** A VPC without flow log (NET-01, medium) and a subnet that maps public IPs (NET-02, medium). */
function findingsStack(name: string): { stack: TerraformStack; vpc: Vpc; subnet: Subnet } {
  const stack = stackOf(name);
  const vpc = add(stack, Vpc, 'vpc', { cidr_block: '10.0.0.0/16' });
  const subnet = add(stack, Subnet, 'public', { vpc_id: ref(vpc), map_public_ip_on_launch: true });
  // Keep the other VPC rules quiet (NET-03 default SG, NET-09 S3 gateway endpoint).
  add(stack, DefaultSecurityGroup, 'default', { vpc_id: ref(vpc) });
  add(stack, VpcEndpoint, 's3', { vpc_id: ref(vpc), service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' });
  return { stack, vpc, subnet };
}

describe('rule catalogue', () => {
  // The second pass: 4 from the checkov scan, LB-07 and S3-09 from its list, 12 from the catalogue comparison.
  const SECOND_PASS = ['IAM-04', 'RDS-10', 'LOG-04', 'BAK-01', 'LB-07', 'S3-09', 'APIG-05', 'ATH-01', 'BAK-02', 'RDS-11', 'CB-01', 'CP-01', 'ECS-06', 'IAM-05', 'COG-03', 'KIN-01', 'ACM-01', 'CW-01'];
  it('implements the 83 rules of POLICY-RULES.md and the 18 of the second pass once each, with mappings and resource types', () => {
    expect(ALL_RULES).toHaveLength(83 + SECOND_PASS.length);
    expect(RULE_IDS.size).toBe(83 + SECOND_PASS.length);
    for (const id of SECOND_PASS) expect(RULE_IDS.has(id)).toBe(true);
    for (const rule of ALL_RULES) {
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      expect(['high', 'medium', 'low']).toContain(rule.severity);
      expect(PACKS[rule.pack]).toContain(rule);
    }
    expect(Object.keys(PACKS)).toHaveLength(16);
    for (const id of NEVER_SUPPRESS) expect(RULE_IDS.has(id)).toBe(true);
  });
});

describe('per-resource suppressions (suppressRule)', () => {
  it('records the suppression in the resource "//" metadata and reports the finding as suppressed', () => {
    const { stack, subnet } = findingsStack('bidops-dev-network');
    suppressRule(subnet, 'NET-02', 'Public subnet for the NAT gateway only');
    const json = withMetadata(stack).json;
    expect(json.resource.aws_subnet.public['//'].policy_suppressions).toEqual([{ id: 'NET-02', reason: 'Public subnet for the NAT gateway only' }]);
    const report = evaluate([withMetadata(stack)]);
    const finding = report.stacks[0].findings.find((f) => f.ruleId === 'NET-02')!;
    expect(finding.suppressed).toEqual({ reason: 'Public subnet for the NAT gateway only', scope: 'resource' });
    expect(report.stacks[0].suppressions).toEqual([
      { ruleId: 'NET-02', stack: 'bidops-dev-network', address: 'aws_subnet.public', reason: 'Public subnet for the NAT gateway only', scope: 'resource', matched: 1 },
    ]);
    expect(formatReport(report)).toContain('Public subnet for the NAT gateway only');
  });

  it('rejects a missing or short reason', () => {
    const { subnet } = findingsStack('bidops-dev-network');
    expect(() => suppressRule(subnet, 'NET-02', '')).toThrow(PolicySuppressionError);
    expect(() => suppressRule(subnet, 'NET-02', 'too short')).toThrow(/at least 10 characters/);
    expect(() => suppressRule(subnet, 'NOPE-01', 'a long enough reason')).toThrow(/not a rule/);
  });

  it('rejects every never-suppress rule', () => {
    const { subnet } = findingsStack('bidops-dev-network');
    for (const id of NEVER_SUPPRESS.filter((r) => r !== 'BR-01')) {
      expect(() => suppressRule(subnet, id, 'a perfectly long reason')).toThrow(/may never be suppressed/);
    }
  });

  it('fails evaluation for a hand-written invalid suppression in cdktf.out (no reason, never-suppress)', () => {
    const { stack, subnet } = findingsStack('bidops-dev-network');
    subnet.addOverride('//.policy_suppressions', [{ id: 'NET-02', reason: 'short' }, { id: 'NET-04', reason: 'long enough reason here' }]);
    expect(() => evaluate([withMetadata(stack)])).toThrow(/at least 10 characters[\s\S]*NET-04 may never be suppressed/);
  });

  it('accepts BR-01 only on an agent tagged Exposure=internal', () => {
    const stack = stackOf('bidops-dev-ai');
    const open = add(stack, BedrockagentAgent, 'public_agent', { agent_name: 'a' });
    const internal = add(stack, BedrockagentAgent, 'internal_agent', { agent_name: 'b', tags: { Exposure: 'internal' } });
    suppressRule(internal, 'BR-01', 'Batch-only agent with no internet-facing caller');
    expect(evaluate([withMetadata(stack)]).stacks[0].findings.find((f) => f.address === 'aws_bedrockagent_agent.internal_agent' && f.ruleId === 'BR-01')?.suppressed).toBeDefined();
    suppressRule(open, 'BR-01', 'Trying to silence a public agent');
    expect(() => evaluate([withMetadata(stack)])).toThrow(/BR-01 may not be suppressed on a public-facing agent/);
  });
});

describe('environment suppressions (EnvironmentConfig.policySuppressions)', () => {
  it('validates like config: never-suppress and short reasons are ConfigErrors naming system/env, field and value', () => {
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'S3-01', reason: 'we really want a public bucket' }])).toThrow(ConfigError);
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'S3-01', reason: 'we really want a public bucket' }])).toThrow(
      /bidops\/dev: policySuppressions\[0\]\.ruleId = "S3-01" may never be suppressed/,
    );
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'NET-08', reason: 'cheap' }])).toThrow(/policySuppressions\[0\]\.reason = "cheap"/);
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'NET-08', reason: '' }])).toThrow(ConfigError);
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'BR-01', reason: 'agents are internal anyway' }])).toThrow(ConfigError);
    expect(() => validatePolicySuppressions('bidops/dev', [{ ruleId: 'NET-08', reason: 'dev runs one NAT gateway to save cost', layer: 'network' }])).not.toThrow();
  });

  it('records the layer-matching suppressions in the stack "//" and applies them by resource pattern', () => {
    const { stack } = findingsStack('bidops-dev-network');
    recordEnvironmentSuppressions(stack, 'bidops/dev', 'network', [
      { ruleId: 'NET-02', reason: 'dev public subnets host a bastion for demos', resource: 'aws_subnet.*' },
      { ruleId: 'NET-01', reason: 'only for the data layer, must not apply here', layer: 'data' },
    ]);
    const document = withMetadata(stack);
    expect(document.json['//'].policy_suppressions).toEqual([{ id: 'NET-02', reason: 'dev public subnets host a bastion for demos', resource: 'aws_subnet.*' }]);
    const report = evaluate([document]);
    const byRule = Object.fromEntries(report.stacks[0].findings.map((f) => [f.ruleId, f]));
    expect(byRule['NET-02'].suppressed).toEqual({ reason: 'dev public subnets host a bastion for demos', scope: 'stack' });
    expect(byRule['NET-01'].suppressed).toBeUndefined();
  });

  it('a stack-level suppression whose pattern does not match leaves the finding open', () => {
    const { stack } = findingsStack('bidops-dev-network');
    recordEnvironmentSuppressions(stack, 'bidops/dev', 'network', [{ ruleId: 'NET-02', reason: 'only the other subnet is meant', resource: 'aws_subnet.other*' }]);
    const report = evaluate([withMetadata(stack)]);
    expect(report.stacks[0].findings.find((f) => f.ruleId === 'NET-02')!.suppressed).toBeUndefined();
    expect(report.stacks[0].suppressions[0].matched).toBe(0);
  });

  it('merges code-level stack suppressions with the environment ones and validates them', () => {
    const { stack } = findingsStack('bidops-dev-network');
    recordEnvironmentSuppressions(stack, 'bidops/dev', 'network', [{ ruleId: 'NET-02', reason: 'dev demo subnets may map public IPs' }]);
    suppressStackRule(stack, 'NET-01', 'flow logs for this sandbox VPC go to the account-level trail');
    expect(withMetadata(stack).json['//'].policy_suppressions.map((r: any) => r.id)).toEqual(['NET-02', 'NET-01']);
    expect(evaluate([withMetadata(stack)]).stacks[0].findings.every((f) => f.suppressed?.scope === 'stack')).toBe(true);
    expect(() => suppressStackRule(stack, 'S3-02', 'a long enough reason')).toThrow(/may never be suppressed/);
    expect(() => suppressStackRule(stack, 'NET-05', 'short')).toThrow(/at least 10 characters/);
  });

  it('rejects an invalid stack-level record at evaluation', () => {
    const { stack } = findingsStack('bidops-dev-network');
    stack.addOverride('//.policy_suppressions', [{ id: 'IAM-01', reason: 'we need admin here for now' }]);
    expect(() => evaluate([withMetadata(stack)])).toThrow(/IAM-01 may never be suppressed/);
  });
});

describe('gate', () => {
  it('passes non-prod medium findings, fails on the same medium findings in prod', () => {
    const dev = findingsStack('bidops-dev-network').stack;
    const devReport = evaluate([withMetadata(dev)]);
    expect(devReport.stacks[0].findings.map((f) => f.severity)).toEqual(['medium', 'medium']);
    expect(devReport.passed).toBe(true);

    const prod = findingsStack('bidops-prod-network').stack;
    const prodReport = evaluate([withMetadata(prod)]);
    expect(prodReport.passed).toBe(false);
    expect(prodReport.blocking.map((f) => f.ruleId).sort()).toEqual(['NET-01', 'NET-02']);
    expect(summaryLine(prodReport)).toMatch(/2 blocking, 0 unmatched suppressions \(0 in prod\) -> FAIL$/);
  });

  it('takes the environment from the provider default tags when the stack name has none', () => {
    const stack = new TerraformStack(Testing.app(), 'shared-thing');
    stack.addOverride('provider.aws', [{ region: 'us-east-1', default_tags: [{ tags: { Environment: 'prod' } }] }]);
    add(stack, Vpc, 'vpc', { cidr_block: '10.0.0.0/16' });
    const report = evaluate([withMetadata(stack)]);
    expect(report.stacks[0].isProd).toBe(true);
    expect(report.passed).toBe(false);
  });

  it('fails on an unsuppressed high finding in any environment', () => {
    const stack = stackOf('bidops-dev-network');
    add(stack, DefaultNetworkAcl, 'nacl', { ingress: [] });
    const vpc = add(stack, Vpc, 'vpc', { cidr_block: '10.0.0.0/16' });
    add(stack, FlowLog, 'flow', { vpc_id: ref(vpc) });
    add(stack, SecurityGroupRule, 'ssh', { type: 'ingress', security_group_id: 'sg-1', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'], description: 'ssh' });
    const report = evaluate([withMetadata(stack)]);
    expect(report.blocking.map((f) => f.ruleId)).toContain('NET-04');
    expect(report.passed).toBe(false);
  });

  it('a suppressed prod finding does not fail the gate', () => {
    const { stack, vpc, subnet } = findingsStack('bidops-prod-network');
    suppressRule(subnet, 'NET-02', 'NAT-only public subnet, reviewed by security');
    add(stack, FlowLog, 'flow', { vpc_id: ref(vpc) });
    const report = evaluate([withMetadata(stack)]);
    expect(report.stacks[0].findings).toHaveLength(1);
    expect(report.passed).toBe(true);
  });
});

describe('docs/POLICY.md', () => {
  it('lists every rule with its severity in the mapping table', () => {
    const text = require('fs').readFileSync(require('path').join(__dirname, '../../docs/POLICY.md'), 'utf8') as string;
    for (const rule of ALL_RULES) expect(text).toContain(`| ${rule.id} | ${rule.pack} | ${rule.severity} |`);
  });
});

describe('suppressions that cover nothing', () => {
  /** A VPC whose only finding is NET-01 (no flow log); a NET-02 suppression there covers nothing. */
  function staleSuppression(env: 'dev' | 'prod', how: 'resource' | 'environment') {
    const { stack, subnet } = findingsStack(`bidops-${env}-network`);
    subnet.addOverride('map_public_ip_on_launch', false);
    suppressRule(stack.node.findChild('vpc') as Vpc, 'NET-01', 'Flow logs go to the central account in this fixture');
    if (how === 'resource') suppressRule(subnet, 'NET-02', 'Public subnet for the NAT gateway only');
    else recordEnvironmentSuppressions(stack, `bidops/${env}`, 'network', [{ ruleId: 'NET-02', reason: 'Public subnets for the NAT gateways only' }]);
    return evaluate([withMetadata(stack)]);
  }

  it.each(['resource', 'environment'] as const)('an unmatched %s suppression warns outside prod', (how) => {
    const report = staleSuppression('dev', how);
    expect(report.unmatched.map((u) => [u.ruleId, u.scope, u.isProd])).toEqual([['NET-02', how === 'resource' ? 'resource' : 'stack', false]]);
    expect(report.passed).toBe(true);
    expect(formatReport(report)).toContain('Unmatched suppressions (1): they cover no finding; remove them (blocking in prod)');
    expect(summaryLine(report)).toMatch(/0 blocking, 1 unmatched suppressions \(0 in prod\) -> PASS$/);
  });

  it.each(['resource', 'environment'] as const)('an unmatched %s suppression fails the gate in prod', (how) => {
    const report = staleSuppression('prod', how);
    expect(report.unmatched).toHaveLength(1);
    expect(report.passed).toBe(false);
    expect(summaryLine(report)).toMatch(/1 unmatched suppressions \(1 in prod\) -> FAIL$/);
  });

  it('an environment suppression that matches in one layer stack is not unmatched in the others', () => {
    const network = findingsStack('bidops-prod-network');
    const data = stackOf('bidops-prod-data');
    for (const stack of [network.stack, data]) recordEnvironmentSuppressions(stack, 'bidops/prod', stack === data ? 'data' : 'network', [
      { ruleId: 'NET-02', reason: 'Public subnets for the NAT gateways only' },
      { ruleId: 'NET-01', reason: 'Flow logs go to the central account in this fixture' },
    ]);
    const report = evaluate([withMetadata(network.stack), withMetadata(data)]);
    expect(report.unmatched).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
