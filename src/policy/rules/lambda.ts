import { COMPLIANT, NOT_APPLICABLE, block, collector, fail, isSet, literal, num, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';
import { isSecretVariable } from './containers';
import { subnetAzCount } from './topology';

/**
 * Lambda runtimes past their deprecation date (AWS Lambda runtime deprecation policy), as of the
 * pack's release. Update with https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html.
 */
export const DEPRECATED_RUNTIMES: readonly string[] = [
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x',
  'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
  'ruby2.5', 'ruby2.7', 'ruby3.2',
  'java8', 'go1.x', 'provided',
  'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0', 'dotnet6', 'dotnet7',
];

export const LAMBDA_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'LAM-01',
    title: 'Lambda runtime not deprecated',
    severity: 'medium',
    pack: 'lambda',
    mappings: { checkov: ['CKV_AWS_363'], cdkNag: ['AwsSolutions-L1'], fsbp: ['Lambda.2'] },
    appliesTo: ['aws_lambda_function'],
    check(fn) {
      if (fn.body.package_type === 'Image') return NOT_APPLICABLE;
      const runtime = literal(fn.body.runtime);
      if (runtime === undefined) return fn.body.runtime === undefined ? fail(fn, 'runtime', 'is not set; choose a supported runtime') : COMPLIANT;
      return DEPRECATED_RUNTIMES.includes(runtime) ? fail(fn, 'runtime', `is ${runtime}, which is deprecated; move to a supported runtime`) : COMPLIANT;
    },
  }),
  defineRule({
    id: 'LAM-02',
    title: 'No secrets in Lambda environment variables; KMS key when environment is set',
    severity: 'high',
    pack: 'lambda',
    mappings: { checkov: ['CKV_AWS_45', 'CKV_AWS_173'] },
    appliesTo: ['aws_lambda_function'],
    check(fn) {
      const variables = block(fn.body.environment)?.variables;
      if (!variables || typeof variables !== 'object' || Object.keys(variables).length === 0) return NOT_APPLICABLE;
      const c = collector();
      for (const [name, value] of Object.entries<any>(variables)) {
        c.expect(!isSecretVariable(name, value), `environment.variables.${name}`, 'holds a secret; read it from Secrets Manager/SSM at runtime and pass only its ARN or name');
      }
      c.expect(isSet(fn.body.kms_key_arn), 'kms_key_arn', 'is not set although environment variables are; encrypt them with a customer-managed key');
      return verdict(fn, c.problems);
    },
  }),
  defineRule({
    id: 'LAM-03',
    title: 'Lambda permissions name a principal; service principals carry source_arn',
    severity: 'high',
    pack: 'lambda',
    mappings: { checkov: ['CKV_AWS_301'], trivy: ['AVD-AWS-0067'], fsbp: ['Lambda.1'] },
    appliesTo: ['aws_lambda_permission'],
    check(permission) {
      const principal = String(permission.body.principal ?? '');
      if (principal === '*') return fail(permission, 'principal', 'is "*"; name the service or account that may invoke the function');
      if (/\.amazonaws\.com$/.test(principal) && !isSet(permission.body.source_arn)) {
        return fail(permission, 'source_arn', `is not set for service principal ${principal}; scope the permission to the invoking resource`);
      }
      return COMPLIANT;
    },
  }),
  defineRule({
    id: 'LAM-04',
    title: 'X-Ray active; DLQ for async; reserved concurrency; VPC subnets in 2+ AZs',
    severity: 'low',
    pack: 'lambda',
    mappings: { checkov: ['CKV_AWS_50', 'CKV_AWS_116', 'CKV_AWS_115', 'CKV_AWS_117'], trivy: ['AVD-AWS-0066'], fsbp: ['Lambda.5'] },
    appliesTo: ['aws_lambda_function'],
    check(fn, context) {
      const c = collector();
      c.expect(block(fn.body.tracing_config)?.mode === 'Active', 'tracing_config.mode', 'is not Active; enable X-Ray tracing');
      const onFailure = context.referrers(fn, 'aws_lambda_function_event_invoke_config', 'function_name').some((r) => isSet(block(block(r.resource.body.destination_config)?.on_failure)?.destination));
      c.expect(isSet(block(fn.body.dead_letter_config)?.target_arn) || onFailure, 'dead_letter_config.target_arn', 'is not set; give asynchronous invocations a DLQ or on-failure destination');
      const reserved = num(fn.body.reserved_concurrent_executions);
      c.expect(fn.body.reserved_concurrent_executions !== undefined && reserved !== -1, 'reserved_concurrent_executions', 'is not set; reserve concurrency so one function cannot starve the account');
      const vpc = block(fn.body.vpc_config);
      if (vpc) {
        const azs = subnetAzCount(vpc.subnet_ids, context);
        c.expect(azs === undefined || azs >= 2, 'vpc_config.subnet_ids', `span ${azs} AZ; use subnets in 2+ AZs`);
      }
      return verdict(fn, c.problems);
    },
  }),
];

