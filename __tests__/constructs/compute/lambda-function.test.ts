import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { App, DataTerraformRemoteStateLocal, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BOOTSTRAP_CODE, LambdaFunction, LambdaFunctionProps, hashDirectory } from '../../../src/constructs/compute/lambda-function';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';

const KEY = 'arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555';
const LOGS_KEY = 'arn:aws:kms:us-east-1:111111111111:key/logs';
const QUEUE_KEY = 'arn:aws:kms:us-east-1:111111111111:key/queue';

const base: LambdaFunctionProps = {
  functionName: 'sys-dev-api',
  description: 'API handler',
  accountId: '111111111111',
  region: 'us-east-1',
  kmsKeyArn: KEY,
};

function stack(name = 'test', app: App = Testing.app()): TerraformStack {
  const s = new TerraformStack(app, name);
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  return s;
}

/** Synthesizes one LambdaFunction with `props` over the base props. */
function synthFunction(props: Partial<LambdaFunctionProps> = {}): Json {
  const s = stack();
  new LambdaFunction(s, 'api', { ...base, ...props });
  return synthJson(s);
}

const addressOf = (json: Json, type: string): string => `${type}.${resourcesOf(json, type)[0][0]}`;
const statementsOf = (json: Json, policyName: string): Json[] =>
  parsed(resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.name === policyName)![1].policy).Statement;
const actionsOf = (statements: Json[]): string[] => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('LambdaFunction', () => {
  test('defaults: arm64, nodejs22.x, index.handler, 512 MB, 30 s, active tracing, published, KMS-encrypted, bootstrap code', () => {
    const json = synthFunction();
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn).toMatchObject({
      function_name: 'sys-dev-api',
      description: 'API handler',
      architectures: ['arm64'],
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memory_size: 512,
      timeout: 30,
      publish: true,
      kms_key_arn: KEY,
      tracing_config: { mode: 'Active' },
      role: `\${${addressOf(json, 'aws_iam_role')}.arn}`,
    });
    const hash = hashDirectory(path.resolve(BOOTSTRAP_CODE))!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(fn.source_code_hash).toBe(hash);
    expect(fn.filename).toMatch(new RegExp(`^assets/api_code_[A-Z0-9]+/${hash}/archive\\.zip$`));
    expect(fn.vpc_config).toBeUndefined();
    expect(fn.reserved_concurrent_executions).toBeUndefined();
    expect(fn.environment).toBeUndefined();
    expect(fn.lifecycle).toBeUndefined();
    // The role's permissions exist before Lambda checks them at CreateFunction.
    expect(fn.depends_on).toEqual([addressOf(json, 'aws_iam_role_policy')]);
  });

  test('runtime, architecture, handler, memory, timeout, environment, layers and reserved concurrency as given', () => {
    const fn = onlyResource(
      synthFunction({
        runtime: 'python3.13',
        architecture: 'x86_64',
        handler: 'app.main',
        memorySize: 1769,
        timeoutSeconds: 900,
        environment: { TABLE_NAME: 'orders', API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x' },
        layers: ['arn:aws:lambda:us-east-1:111111111111:layer:utils:3'],
        reservedConcurrency: 20,
      }),
      'aws_lambda_function',
    );
    expect(fn).toMatchObject({
      runtime: 'python3.13',
      architectures: ['x86_64'],
      handler: 'app.main',
      memory_size: 1769,
      timeout: 900,
      environment: { variables: { TABLE_NAME: 'orders', API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x' } },
      kms_key_arn: KEY,
      layers: ['arn:aws:lambda:us-east-1:111111111111:layer:utils:3'],
      reserved_concurrent_executions: 20,
    });
  });

  test('its own log group /aws/lambda/<name> with retention and the KMS key, used by the function', () => {
    const json = synthFunction();
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({ name: '/aws/lambda/sys-dev-api', retention_in_days: 30, kms_key_id: KEY });
    expect(onlyResource(json, 'aws_lambda_function').logging_config).toEqual({ log_format: 'JSON', log_group: `\${${addressOf(json, 'aws_cloudwatch_log_group')}.name}` });

    const custom = synthFunction({ logRetentionDays: 365, logKmsKeyArn: LOGS_KEY, logFormat: 'Text' });
    expect(onlyResource(custom, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 365, kms_key_id: LOGS_KEY });
    expect(onlyResource(custom, 'aws_lambda_function').logging_config.log_format).toBe('Text');
  });

  test('role: only Lambda of this account assumes it (aws:SourceAccount); logs only to its own log group; X-Ray; no ENI actions outside a VPC', () => {
    const json = synthFunction();
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('sys-dev-api-role');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'LambdaAssumesRoleForThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
    const statements = statementsOf(json, 'execution');
    const logGroupArn = `\${${addressOf(json, 'aws_cloudwatch_log_group')}.arn}`;
    expect(statements.find((s) => s.Sid === 'WriteOwnLogGroup')).toEqual({
      Sid: 'WriteOwnLogGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [logGroupArn, `${logGroupArn}:*`],
    });
    expect(actionsOf(statements)).not.toContain('logs:CreateLogGroup');
    expect(statements.find((s) => s.Sid === 'WriteTraces')).toMatchObject({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' });
    expect(actionsOf(statements).filter((a) => a.startsWith('ec2:'))).toEqual([]);
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(1);
  });

  test('one role per function, each writing only to its own log group', () => {
    const s = stack();
    new LambdaFunction(s, 'a', { ...base, functionName: 'sys-dev-a' });
    new LambdaFunction(s, 'b', { ...base, functionName: 'sys-dev-b' });
    const json = synthJson(s);
    expect(resourcesOf(json, 'aws_iam_role').map(([, r]) => r.name)).toEqual(['sys-dev-a-role', 'sys-dev-b-role']);
    for (const [id, fn] of resourcesOf(json, 'aws_lambda_function')) {
      const prefix = id.split('_')[0];
      const [groupId] = resourcesOf(json, 'aws_cloudwatch_log_group').find(([g]) => g.startsWith(`${prefix}_`))!;
      const [, policy] = resourcesOf(json, 'aws_iam_role_policy').find(([p]) => p.startsWith(`${prefix}_`))!;
      expect(policy.role).toBe(fn.role.replace('.arn}', '.id}'));
      const logs = parsed(policy.policy).Statement.find((st: Json) => st.Sid === 'WriteOwnLogGroup');
      expect(logs.Resource).toEqual([`\${aws_cloudwatch_log_group.${groupId}.arn}`, `\${aws_cloudwatch_log_group.${groupId}.arn}:*`]);
    }
  });

  test('its own statements go to a second inline policy of the role', () => {
    const statement = { Sid: 'ReadOrders', Effect: 'Allow' as const, Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/orders' };
    const json = synthFunction({ statements: [statement] });
    expect(statementsOf(json, 'permissions')).toEqual([statement]);
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn.depends_on).toHaveLength(2);
  });

  test('alias live on the published version; invoke ARNs are the alias', () => {
    const s = stack();
    const fn = new LambdaFunction(s, 'api', base);
    for (const attribute of ['aliasArn', 'invokeArn', 'arn', 'name'] as const) new TerraformOutput(s, attribute, { value: fn[attribute] });
    const json = synthJson(s);
    const functionAddress = addressOf(json, 'aws_lambda_function');
    const aliasAddress = addressOf(json, 'aws_lambda_alias');
    expect(onlyResource(json, 'aws_lambda_alias')).toMatchObject({
      name: 'live',
      function_name: `\${${functionAddress}.function_name}`,
      function_version: `\${${functionAddress}.version}`,
    });
    expect(resourcesOf(json, 'aws_lambda_provisioned_concurrency_config')).toEqual([]);
    expect(json.output).toEqual({
      aliasArn: { value: `\${${aliasAddress}.arn}` },
      invokeArn: { value: `\${${aliasAddress}.invoke_arn}` },
      arn: { value: `\${${functionAddress}.arn}` },
      name: { value: `\${${functionAddress}.function_name}` },
    });
    expect(onlyResource(synthFunction({ aliasName: 'prod' }), 'aws_lambda_alias').name).toBe('prod');
  });

  test('provisioned concurrency on the alias', () => {
    const json = synthFunction({ reservedConcurrency: 10, provisionedConcurrency: 2 });
    expect(onlyResource(json, 'aws_lambda_provisioned_concurrency_config')).toMatchObject({
      function_name: `\${${addressOf(json, 'aws_lambda_function')}.function_name}`,
      qualifier: `\${${addressOf(json, 'aws_lambda_alias')}.name}`,
      provisioned_concurrent_executions: 2,
    });
  });

  test('dead-letter queue: KMS-encrypted, TLS-only, the on-failure destination of asynchronous invocations on the alias, writable by the role', () => {
    const json = synthFunction();
    const queueAddress = addressOf(json, 'aws_sqs_queue');
    expect(onlyResource(json, 'aws_sqs_queue')).toMatchObject({ name: 'sys-dev-api-dlq', kms_master_key_id: KEY, message_retention_seconds: 1209600 });
    const queuePolicy = onlyResource(json, 'aws_sqs_queue_policy');
    expect(queuePolicy.queue_url).toBe(`\${${queueAddress}.url}`);
    expect(parsed(queuePolicy.policy).Statement).toEqual([
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: [`\${${queueAddress}.arn}`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
    expect(onlyResource(json, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      function_name: `\${${addressOf(json, 'aws_lambda_function')}.function_name}`,
      qualifier: `\${${addressOf(json, 'aws_lambda_alias')}.name}`,
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 21600,
      destination_config: { on_failure: { destination: `\${${queueAddress}.arn}` } },
      depends_on: [addressOf(json, 'aws_iam_role_policy')],
    });
    const statements = statementsOf(json, 'execution');
    expect(statements.find((s) => s.Sid === 'SendFailedEventsToDeadLetterQueue')).toMatchObject({ Action: 'sqs:SendMessage', Resource: `\${${queueAddress}.arn}` });
    expect(statements.find((s) => s.Sid === 'EncryptDeadLetterMessages')).toMatchObject({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: KEY,
      Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } },
    });

    const custom = synthFunction({ deadLetterQueueKmsKeyArn: QUEUE_KEY, maximumRetryAttempts: 0, maximumEventAgeSeconds: 3600 });
    expect(onlyResource(custom, 'aws_sqs_queue').kms_master_key_id).toBe(QUEUE_KEY);
    expect(onlyResource(custom, 'aws_lambda_function').kms_key_arn).toBe(KEY);
    expect(onlyResource(custom, 'aws_cloudwatch_log_group').kms_key_id).toBe(KEY);
    expect(onlyResource(custom, 'aws_lambda_function_event_invoke_config')).toMatchObject({ maximum_retry_attempts: 0, maximum_event_age_in_seconds: 3600 });
    expect(statementsOf(custom, 'execution').find((s) => s.Sid === 'EncryptDeadLetterMessages')?.Resource).toBe(QUEUE_KEY);
  });

  test('in a VPC: vpc_config and the ENI actions, scoped to the account and region (and the literal subnets and groups)', () => {
    const json = synthFunction({ vpc: { subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-01'] } });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toEqual({ subnet_ids: ['subnet-0a', 'subnet-0b'], security_group_ids: ['sg-01'] });
    const statements = statementsOf(json, 'execution');
    const eni = 'arn:aws:ec2:us-east-1:111111111111:network-interface/*';
    expect(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('ec2:')))).toEqual([
      { Sid: 'DescribeNetworkInterfaces', Effect: 'Allow', Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Resource: '*' },
      {
        Sid: 'CreateNetworkInterfaces',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: [eni, 'arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0a', 'arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0b', 'arn:aws:ec2:us-east-1:111111111111:security-group/sg-01'],
      },
      { Sid: 'ManageNetworkInterfaces', Effect: 'Allow', Action: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'], Resource: eni },
    ]);
  });

  test('in a VPC with subnet IDs known only at apply: creation scoped to the account and region', () => {
    const s = stack();
    const a = new Subnet(s, 'a', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24' });
    new LambdaFunction(s, 'api', { ...base, vpc: { subnetIds: [a.id], securityGroupIds: ['sg-01'] } });
    const json = synthJson(s);
    expect(onlyResource(json, 'aws_lambda_function').vpc_config.subnet_ids).toEqual(['${aws_subnet.a.id}']);
    expect(statementsOf(json, 'execution').find((st) => st.Sid === 'CreateNetworkInterfaces')?.Resource).toEqual([
      'arn:aws:ec2:us-east-1:111111111111:network-interface/*',
      'arn:aws:ec2:us-east-1:111111111111:subnet/*',
      'arn:aws:ec2:us-east-1:111111111111:security-group/sg-01',
    ]);
  });

  test('in a VPC whose subnets are a remote-state list: creation scoped to the account, region and subnet/*', () => {
    const s = stack();
    const network = new DataTerraformRemoteStateLocal(s, 'network', { path: 'network.tfstate' });
    new LambdaFunction(s, 'api', { ...base, vpc: { subnetIds: network.getList('private_app_subnet_ids'), securityGroupIds: [network.getString('sg_id')] } });
    const json = synthJson(s);
    expect(onlyResource(json, 'aws_lambda_function').vpc_config.subnet_ids).toBe('${data.terraform_remote_state.network.outputs.private_app_subnet_ids}');
    expect(statementsOf(json, 'execution').find((st) => st.Sid === 'CreateNetworkInterfaces')?.Resource).toEqual([
      'arn:aws:ec2:us-east-1:111111111111:network-interface/*',
      'arn:aws:ec2:us-east-1:111111111111:subnet/*',
      'arn:aws:ec2:us-east-1:111111111111:security-group/*',
    ]);
  });

  test('ignoreCodeChanges leaves code and canary routing to the pipeline', () => {
    const json = synthFunction({ ignoreCodeChanges: true });
    expect(onlyResource(json, 'aws_lambda_function').lifecycle).toEqual({ ignore_changes: ['filename', 'source_code_hash'] });
    expect(onlyResource(json, 'aws_lambda_alias').lifecycle).toEqual({ ignore_changes: ['routing_config'] });
    expect(onlyResource(synthFunction(), 'aws_lambda_alias').lifecycle).toBeUndefined();
  });

  test('every resource goes on the given provider', () => {
    const s = stack();
    const west = new AwsProvider(s, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new LambdaFunction(s, 'api', { ...base, region: 'us-west-2', provider: west });
    const json = synthJson(s);
    const all = Object.values<Json>(json.resource).flatMap((byName) => Object.values<Json>(byName));
    expect(all.length).toBe(8);
    expect(all.every((r) => r.provider === 'aws.us_west_2')).toBe(true);
  });

  test('deterministic: two synths give the same JSON', () => {
    const once = () => {
      const s = stack('same', Testing.app());
      new LambdaFunction(s, 'api', { ...base, vpc: { subnetIds: ['subnet-0a'], securityGroupIds: ['sg-01'] }, reservedConcurrency: 5, provisionedConcurrency: 1 });
      return Testing.synth(s);
    };
    expect(once()).toBe(once());
  });

  test('the code hash covers file names and contents, not timestamps', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-code-'));
    try {
      fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 1;\n');
      const first = hashDirectory(dir);
      fs.utimesSync(path.join(dir, 'index.js'), new Date(0), new Date(0));
      expect(hashDirectory(dir)).toBe(first);
      fs.renameSync(path.join(dir, 'index.js'), path.join(dir, 'main.js'));
      expect(hashDirectory(dir)).not.toBe(first);
      fs.renameSync(path.join(dir, 'main.js'), path.join(dir, 'index.js'));
      expect(hashDirectory(dir)).toBe(first);
      fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => 2;\n');
      expect(hashDirectory(dir)).not.toBe(first);
      const json = synthFunction({ code: dir });
      expect(onlyResource(json, 'aws_lambda_function').source_code_hash).toBe(hashDirectory(dir));
      expect(onlyResource(json, 'aws_lambda_function').filename).not.toContain(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a full synth writes the zip where filename points', () => {
    const s = stack('packaged');
    new LambdaFunction(s, 'api', base);
    const outdir = Testing.fullSynth(s);
    try {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'packaged', 'cdk.tf.json'), 'utf8'));
      const zip = fs.readFileSync(path.join(outdir, 'stacks', 'packaged', onlyResource(json, 'aws_lambda_function').filename));
      expect(zip.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
      expect(zip.includes(Buffer.from('index.js'))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the bootstrap handler: health check, 503 until deployed, { deployed: false } for other events', async () => {
    const { handler } = require(path.resolve(BOOTSTRAP_CODE));
    const env = { AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION: process.env.AWS_LAMBDA_FUNCTION_VERSION };
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'sys-dev-api';
    process.env.AWS_LAMBDA_FUNCTION_VERSION = '7';
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const rest = await handler({ httpMethod: 'GET', path: '/v1/health', resource: '/v1/health' });
      expect(rest).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
      expect(JSON.parse(rest.body)).toEqual({ status: 'ok', function: 'sys-dev-api', version: '7' });
      const httpApi = await handler({ rawPath: '/prod/health', requestContext: { http: { method: 'GET', path: '/prod/health' } } });
      expect(httpApi.statusCode).toBe(200);
      const other = await handler({ httpMethod: 'POST', path: '/v1/orders' });
      expect(other.statusCode).toBe(503);
      expect(JSON.parse(other.body)).toMatchObject({ deployed: false, function: 'sys-dev-api' });
      expect(await handler({ Records: [{ eventSource: 'aws:sqs' }] })).toEqual({ deployed: false });
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  describe('rejects bad props with the value and the fix', () => {
    const error = (props: Partial<LambdaFunctionProps>) => {
      try {
        new LambdaFunction(stack(), 'api', { ...base, ...props });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected the construct to throw');
    };

    test.each([
      [{ timeoutSeconds: 901 }, 'LambdaFunction sys-dev-api: timeoutSeconds 901 is outside 1-900 seconds'],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds 0 is outside 1-900'],
      [{ memorySize: 64 }, 'LambdaFunction sys-dev-api: memorySize 64 is outside 128-10240 MB'],
      [{ memorySize: 10241 }, 'memorySize 10241 is outside 128-10240'],
      [{ runtime: 'nodejs18.x' }, 'LambdaFunction sys-dev-api: runtime "nodejs18.x" is deprecated (LAM-01); use a supported runtime such as nodejs22.x'],
      [{ runtime: 'nodejs16.x' }, 'runtime "nodejs16.x" is deprecated'],
      [{ logRetentionDays: 10 }, 'LambdaFunction sys-dev-api: logRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30'],
      [{ maximumRetryAttempts: 3 }, 'maximumRetryAttempts 3 is outside 0-2'],
      [{ maximumEventAgeSeconds: 30 }, 'maximumEventAgeSeconds 30 is outside 60-21600'],
      [{ reservedConcurrency: 0 }, 'reservedConcurrency 0 is outside 1 or more executions (0 would stop every invocation)'],
      [{ reservedConcurrency: 2, provisionedConcurrency: 3 }, 'provisionedConcurrency 3 is outside 1-2 executions (at most reservedConcurrency)'],
      [{ functionName: 'bad name' }, 'LambdaFunction api: functionName "bad name" is not a literal of 1-64'],
      [{ accountId: '123' }, 'accountId "123" is not a 12-digit account ID'],
      [{ region: 'useast1' }, 'region "useast1" is not an AWS region name'],
      [{ aliasName: '42' }, 'aliasName "42" is not 1-128 letters'],
      [{ functionName: 'a'.repeat(64) }, `role name "${'a'.repeat(64)}-role" is longer than 64 characters; pass a shorter roleName`],
      [{ layers: ['1', '2', '3', '4', '5', '6'] }, '6 layers given; Lambda allows at most 5'],
      [{ environment: { DB_PASSWORD: 'hunter2' } }, 'environment variable DB_PASSWORD looks like a secret (LAM-02); store it in Secrets Manager/SSM'],
      [{ environment: { AWS_REGION: 'us-east-1' } }, 'environment variable AWS_REGION is reserved by Lambda'],
      [{ environment: { '1X': 'y' } }, 'environment variable name "1X" must start with a letter'],
      [{ vpc: { subnetIds: [], securityGroupIds: ['sg-1'] } }, 'vpc needs subnetIds and securityGroupIds'],
      [{ code: 'assets/lambda/does-not-exist' }, 'code directory "assets/lambda/does-not-exist" does not exist'],
      [{ statements: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, 'statement #0 allows s3:*; list the specific actions (IAM-01)'],
      [{ statements: [{ Sid: 'All', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, 'statement All grants s3:GetObject on "*"; scope it to resource ARNs (IAM-01)'],
      [{ statements: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, 'statement #0 has no Resource'],
    ] as [Partial<LambdaFunctionProps>, string][])('%j', (props, message) => {
      expect(error(props)).toContain(message);
    });

    test('accepts every CloudWatch Logs retention and unscopable actions on "*"', () => {
      for (const days of [1, 90, 3653]) expect(() => synthFunction({ logRetentionDays: days })).not.toThrow();
      expect(() => synthFunction({ statements: [{ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' }] })).not.toThrow();
    });
  });

  describe('policy pack', () => {
    /** Findings of every rule on the construct's resources (address contains its construct id). */
    function findings(props: Partial<LambdaFunctionProps>, withSubnets = false) {
      const s = stack('fnsys-dev-compute');
      const vpc = withSubnets
        ? {
            subnetIds: [
              new Subnet(s, 'subnet-a', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a' }).id,
              new Subnet(s, 'subnet-b', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1b' }).id,
            ],
            securityGroupIds: ['sg-01'],
          }
        : undefined;
      new LambdaFunction(s, 'api', { ...base, vpc, ...props });
      const report = evaluate([{ name: s.node.id, json: synthJson(s) }]);
      const [stackReport] = report.stacks;
      expect(stackReport.evaluated).toBeGreaterThan(0);
      return stackReport.findings.filter((f) => f.address.includes('.api_')).map((f) => ({ ruleId: f.ruleId, address: f.address, attribute: f.attribute }));
    }

    test('no finding for a function in a VPC (subnets in 2 AZs) with reserved concurrency, environment and its own permissions', () => {
      expect(
        findings(
          {
            reservedConcurrency: 10,
            provisionedConcurrency: 2,
            environment: { TABLE_NAME: 'orders', API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x' },
            statements: [{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/orders' }],
          },
          true,
        ),
      ).toEqual([]);
    });

    test('no finding outside a VPC with reserved concurrency', () => {
      expect(findings({ reservedConcurrency: 10 })).toEqual([]);
    });

    test('without reserved concurrency LAM-04 reports exactly that (it is optional in the construct)', () => {
      expect(findings({})).toEqual([{ ruleId: 'LAM-04', address: expect.stringMatching(/^aws_lambda_function\.api_function_/), attribute: 'reserved_concurrent_executions' }]);
    });

    test('LAM-04 reports subnets in one AZ', () => {
      const s = stack('fnsys-dev-compute');
      const a = new Subnet(s, 'subnet-a', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a' });
      new LambdaFunction(s, 'api', { ...base, reservedConcurrency: 1, vpc: { subnetIds: [a.id], securityGroupIds: ['sg-01'] } });
      const lam04 = evaluate([{ name: s.node.id, json: synthJson(s) }]).stacks[0].findings.filter((f) => f.ruleId === 'LAM-04');
      expect(lam04.map((f) => f.attribute)).toEqual(['vpc_config.subnet_ids']);
    });
  });
});
