import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { GithubConnection } from '../../../src/constructs/cicd/github-connection';
import { onlyResource, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { cicdStack } from './fixtures';

describe('GithubConnection', () => {
  test('creates a GitHub connection and exposes its ARN', () => {
    const stack = cicdStack();
    const connection = new GithubConnection(stack, 'github', { connectionName: 'portal-dev-github' });
    new TerraformOutput(stack, 'connection-arn', { value: connection.arn });
    const json = synthJson(stack);
    expect(onlyResource(json, 'aws_codestarconnections_connection')).toEqual({ name: 'portal-dev-github', provider_type: 'GitHub' });
    expect(json.output['connection-arn'].value).toMatch(/^\$\{aws_codestarconnections_connection\.github_connection_[A-Z0-9]+\.arn\}$/);
    expect(connection.name).toBe('portal-dev-github');
  });

  test('rejects names CodeConnections does not take', () => {
    expect(() => new GithubConnection(cicdStack(), 'github', { connectionName: 'x'.repeat(33) })).toThrow(/GithubConnection github: connectionName "x+" is not a literal of 1-32 letters/);
    expect(() => new GithubConnection(cicdStack(), 'github', { connectionName: '' })).toThrow(/connectionName ""/);
    expect(() => new GithubConnection(cicdStack(), 'github', { connectionName: 'has space' })).toThrow(/connectionName "has space"/);
  });

  test('follows the provider it is given', () => {
    const stack = cicdStack();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    new GithubConnection(stack, 'github', { connectionName: 'portal-dev-github', provider: west });
    expect(onlyResource(synthJson(stack), 'aws_codestarconnections_connection').provider).toBe('aws.west');
  });

  test('validates and plans offline against the real provider', () => {
    const stack = cicdStack();
    new GithubConnection(stack, 'github', { connectionName: 'portal-dev-github' });
    expectOfflinePlan(synthJson(stack));
  });
});
