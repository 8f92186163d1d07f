import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockagentAgent } from '@cdktf/provider-aws/lib/bedrockagent-agent';
import { BedrockagentDataSource } from '@cdktf/provider-aws/lib/bedrockagent-data-source';
import { CloudcontrolapiResource } from '@cdktf/provider-aws/lib/cloudcontrolapi-resource';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { add, expectCompliant, expectViolation, json, stackOf } from './harness';

describe('IAM-01 least privilege', () => {
  it('passes for scoped actions/resources, unscopable actions on "*", constrained PassRole, SMS-only publish', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamRolePolicy, 'p', {
      role: 'r',
      policy: json({
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bidops-dev-data/*' },
          { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments'], Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/task', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
          { Sid: 'Sms', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
          { Sid: 'NoTopics', Effect: 'Deny', Action: 'sns:Publish', Resource: 'arn:aws:sns:*:*:*' },
          { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      }),
    });
    expectCompliant('IAM-01', stack, 'aws_iam_role_policy.p');
  });
  it('fails for s3:*, scopable actions on "*" and PassRole on any role (also in role inline_policy)', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamPolicy, 'p', { policy: json({ Statement: [{ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::x' }, { Sid: 'Star', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }, { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }) });
    expectViolation('IAM-01', stack, 'aws_iam_policy.p', 'policy.Statement[All].Action');
    expectViolation('IAM-01', stack, 'aws_iam_policy.p', 'policy.Statement[Star].Resource');
    expectViolation('IAM-01', stack, 'aws_iam_policy.p', 'policy.Statement[Pass]');
    add(stack, IamRole, 'role', { assume_role_policy: json({ Statement: [] }), inline_policy: [{ name: 'admin', policy: json({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }] });
    expectViolation('IAM-01', stack, 'aws_iam_role.role', 'inline_policy[admin].policy');
  });
});

describe('IAM-02 trust policies', () => {
  it('passes for a service with SourceAccount and for Lambda (no source keys supported)', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamRole, 'task', { assume_role_policy: json({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }] }) });
    add(stack, IamRole, 'fn', { assume_role_policy: json({ Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
    expectCompliant('IAM-02', stack, 'aws_iam_role.task');
    expectCompliant('IAM-02', stack, 'aws_iam_role.fn');
  });
  it('fails for Principal "*" and for a service without source conditions', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamRole, 'any', { assume_role_policy: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) });
    add(stack, IamRole, 'svc', { assume_role_policy: json({ Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
    expectViolation('IAM-02', stack, 'aws_iam_role.any', 'Principal');
    expectViolation('IAM-02', stack, 'aws_iam_role.svc', 'Condition');
  });
});

describe('IAM-03 managed policies', () => {
  it('passes for a narrow AWS service-role policy', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamRolePolicyAttachment, 'a', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' });
    expectCompliant('IAM-03', stack, 'aws_iam_role_policy_attachment.a');
  });
  it('fails for AdministratorAccess and broad FullAccess policies', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, IamRolePolicyAttachment, 'admin', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    add(stack, IamRolePolicyAttachment, 's3', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' });
    expectViolation('IAM-03', stack, 'aws_iam_role_policy_attachment.admin', 'policy_arn');
    expectViolation('IAM-03', stack, 'aws_iam_role_policy_attachment.s3', 'policy_arn');
  });
});

const guardrailGood = {
  name: 'g', blocked_input_messaging: 'no', blocked_outputs_messaging: 'no', kms_key_arn: 'arn:kms',
  content_policy_config: { filters_config: [{ type: 'PROMPT_ATTACK', input_strength: 'HIGH', output_strength: 'NONE' }, { type: 'HATE', input_strength: 'HIGH', output_strength: 'HIGH' }] },
  sensitive_information_policy_config: { pii_entities_config: [{ type: 'EMAIL', action: 'ANONYMIZE' }] },
};

describe('BR-01 guardrail on agents', () => {
  it('passes with identifier and version (provider resource and Cloud Control)', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, BedrockagentAgent, 'agent', { agent_name: 'a', guardrail_configuration: [{ guardrail_identifier: 'g', guardrail_version: '1' }] });
    add(stack, CloudcontrolapiResource, 'cc', { type_name: 'AWS::Bedrock::Agent', desired_state: json({ AgentName: 'a', GuardrailConfiguration: { GuardrailIdentifier: 'g', GuardrailVersion: '1' } }) });
    expectCompliant('BR-01', stack, 'aws_bedrockagent_agent.agent');
    expectCompliant('BR-01', stack, 'aws_cloudcontrolapi_resource.cc');
  });
  it('passes for an AgentCore runtime handed a guardrail id and version', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, CloudcontrolapiResource, 'runtime', { type_name: 'AWS::BedrockAgentCore::Runtime', desired_state: json({ AgentRuntimeName: 'a', EnvironmentVariables: { GUARDRAIL_ID: 'g', GUARDRAIL_VERSION: '1' } }) });
    expectCompliant('BR-01', stack, 'aws_cloudcontrolapi_resource.runtime');
  });
  it('fails without a guardrail version, and for an AgentCore runtime without a guardrail', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, BedrockagentAgent, 'agent', { agent_name: 'a', guardrail_configuration: [{ guardrail_identifier: 'g' }] });
    expectViolation('BR-01', stack, 'aws_bedrockagent_agent.agent', 'guardrail_configuration');
    add(stack, CloudcontrolapiResource, 'runtime', { type_name: 'AWS::BedrockAgentCore::Runtime', desired_state: json({ AgentRuntimeName: 'a', EnvironmentVariables: { GUARDRAIL_ID: 'g' } }) });
    expectViolation('BR-01', stack, 'aws_cloudcontrolapi_resource.runtime', 'desired_state.EnvironmentVariables');
  });
});

describe('BR-02 Bedrock encryption', () => {
  it('passes with customer keys on agent, guardrail and data source', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, BedrockagentAgent, 'agent', { agent_name: 'a', customer_encryption_key_arn: 'arn:kms' });
    add(stack, BedrockGuardrail, 'g', guardrailGood);
    add(stack, BedrockagentDataSource, 'ds', { name: 'd', knowledge_base_id: 'kb', server_side_encryption_configuration: { kms_key_arn: 'arn:kms' } });
    for (const address of ['aws_bedrockagent_agent.agent', 'aws_bedrock_guardrail.g', 'aws_bedrockagent_data_source.ds']) expectCompliant('BR-02', stack, address);
  });
  it('fails without', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, BedrockagentAgent, 'agent', { agent_name: 'a' });
    add(stack, BedrockGuardrail, 'g', { ...guardrailGood, kms_key_arn: undefined });
    add(stack, BedrockagentDataSource, 'ds', { name: 'd', knowledge_base_id: 'kb' });
    expectViolation('BR-02', stack, 'aws_bedrockagent_agent.agent', 'customer_encryption_key_arn');
    expectViolation('BR-02', stack, 'aws_bedrock_guardrail.g', 'kms_key_arn');
    expectViolation('BR-02', stack, 'aws_bedrockagent_data_source.ds', 'server_side_encryption_configuration.kms_key_arn');
  });
});

describe('BR-03 guardrail content', () => {
  it('passes with PROMPT_ATTACK at HIGH and PII entities', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, BedrockGuardrail, 'g', guardrailGood);
    expectCompliant('BR-03', stack, 'aws_bedrock_guardrail.g');
  });
  it('fails with MEDIUM prompt-attack strength and no PII (Cloud Control guardrail)', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, CloudcontrolapiResource, 'g', { type_name: 'AWS::Bedrock::Guardrail', desired_state: json({ ContentPolicyConfig: { FiltersConfig: [{ Type: 'PROMPT_ATTACK', InputStrength: 'MEDIUM' }] } }) });
    expectViolation('BR-03', stack, 'aws_cloudcontrolapi_resource.g', 'content_policy_config.filters_config');
    expectViolation('BR-03', stack, 'aws_cloudcontrolapi_resource.g', 'sensitive_information_policy_config');
  });
});

describe('IAM-04 account-root trust', () => {
  const trust = (statement: Record<string, unknown>) => json({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });
  it('passes for named roles, an account root scoped by aws:PrincipalArn, and roles trusting services', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, IamRole, 'named', { assume_role_policy: trust({ Principal: { AWS: ['arn:aws:iam::111122223333:role/ops-admin'] } }) });
    add(stack, IamRole, 'sso', {
      assume_role_policy: trust({
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Condition: { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*'] } },
      }),
    });
    add(stack, IamRole, 'org', { assume_role_policy: trust({ Principal: { AWS: '111122223333' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }) });
    add(stack, IamRole, 'svc', { assume_role_policy: trust({ Principal: { Service: 'ecs-tasks.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }) });
    for (const name of ['named', 'sso', 'org', 'svc']) expectCompliant('IAM-04', stack, `aws_iam_role.${name}`);
  });
  it('fails for an account root with no condition, or with only MFA / ExternalId', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, IamRole, 'root', { assume_role_policy: trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }) });
    add(stack, IamRole, 'mfa', { assume_role_policy: trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } } }) });
    add(stack, IamRole, 'bare', { assume_role_policy: trust({ Principal: { AWS: ['444455556666'] }, Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }) });
    for (const name of ['root', 'mfa', 'bare']) expectViolation('IAM-04', stack, `aws_iam_role.${name}`, 'Condition');
  });
});
