import { offlineCopy, upstreamStackOf } from '../../src/verify/offline-copy';
import { stubState } from '../../src/verify/stub-state';

const source = {
  terraform: {
    backend: { s3: { bucket: 'b', key: 'bidops/dev/data.tfstate' } },
    required_providers: { aws: { source: 'aws', version: '5.100.0' }, random: { source: 'hashicorp/random', version: '3.7.2' } },
  },
  provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['222222222222'], assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/x' }] }], random: [{}] },
  data: { terraform_remote_state: { network: { backend: 's3', config: { bucket: 'b', key: 'bidops/dev/network.tfstate', region: 'us-east-1' } } } },
  resource: {
    random_password: { jwt: { length: 64, special: true } },
    aws_secretsmanager_secret_version: { v: { secret_id: 'x', secret_string: '${random_password.jwt.result}' } },
    aws_subnet: { s: { vpc_id: '${data.terraform_remote_state.network.outputs.vpc_id}' } },
  },
};

describe('offline verification copy', () => {
  const copy = offlineCopy(source, { stubPath: (s) => `/stubs/${s}.tfstate`, unavailableProviders: ['random'] });

  test('drops the backend and the assume_role, adds fake credentials and skip flags', () => {
    expect(copy.json.terraform.backend).toBeUndefined();
    const [aws] = copy.json.provider.aws;
    expect(aws.assume_role).toBeUndefined();
    expect(aws).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, region: 'us-east-1' });
  });

  test('redirects remote state to the upstream stub', () => {
    expect(copy.upstreams).toEqual(['bidops-dev-network']);
    expect(copy.json.data.terraform_remote_state.network).toEqual({ backend: 'local', config: { path: '/stubs/bidops-dev-network.tfstate' } });
  });

  test('stands in resources of a provider with no binary, and rewrites their references', () => {
    expect(copy.stoodIn).toEqual(['random_password.jwt']);
    expect(copy.json.resource.random_password).toBeUndefined();
    expect(copy.json.resource.terraform_data.random_password_jwt.input).toContain('random_password.jwt');
    expect(copy.json.resource.aws_secretsmanager_secret_version.v.secret_string).toBe('${terraform_data.random_password_jwt.output}');
    expect(copy.json.terraform.required_providers.random).toBeUndefined();
    expect(copy.json.provider.random).toBeUndefined();
  });

  test('leaves the synthesized source untouched', () => {
    expect(source.terraform.backend.s3.key).toBe('bidops/dev/data.tfstate');
    expect(source.resource.random_password.jwt.length).toBe(64);
  });

  test('finds the upstream stack for every backend kind', () => {
    expect(upstreamStackOf({ backend: 's3', config: { key: 'lang-portal/prod/ai.tfstate' } })).toBe('lang-portal-prod-ai');
    expect(upstreamStackOf({ backend: 'local', config: { path: '../../../terraform-state/bidops/dev/data.tfstate' } })).toBe('bidops-dev-data');
    expect(upstreamStackOf({ backend: 'remote', config: { workspaces: { name: 'bidops-dev-compute' } } })).toBe('bidops-dev-compute');
    expect(upstreamStackOf({ backend: 'gcs', config: {} })).toBeUndefined();
  });

  test('stub states carry each declared output with a cty type', () => {
    const state = JSON.parse(stubState('bidops-dev-network', [
      { name: 'vpc_id', description: '', sample: 'vpc-0abc', sensitive: false },
      { name: 'subnet_ids', description: '', sample: ['subnet-1', 'subnet-2'], sensitive: false },
      { name: 'port', description: '', sample: 5432, sensitive: false },
    ]));
    expect(state.version).toBe(4);
    expect(state.outputs).toEqual({
      vpc_id: { value: 'vpc-0abc', type: 'string' },
      subnet_ids: { value: ['subnet-1', 'subnet-2'], type: ['list', 'string'] },
      port: { value: 5432, type: 'number' },
    });
  });
});
