import { ProviderServer, hasSingleAwsConfiguration, reattachFrom } from '../../src/verify/provider-server';

const MIRROR_BINARY = '/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5';

describe('which stacks may share a provider process', () => {
  test('one aws configuration (object or one-element list) or none: yes', () => {
    expect(hasSingleAwsConfiguration({ provider: { aws: [{ region: 'us-east-1' }] } })).toBe(true);
    expect(hasSingleAwsConfiguration({ provider: { aws: { region: 'us-east-1' } } })).toBe(true);
    expect(hasSingleAwsConfiguration({ resource: {} })).toBe(true);
  });

  test('an alias (a second configuration would re-configure the shared process): no', () => {
    expect(hasSingleAwsConfiguration({ provider: { aws: [{ region: 'us-east-1' }, { alias: 'us_west_2', region: 'us-west-2' }] } })).toBe(false);
  });
});

describe('re-attach settings', () => {
  test('are read from what the provider prints in debug mode', () => {
    const printed = `Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","ProtocolVersion":5,"Pid":1,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin1"}}}'\n`;
    expect(JSON.parse(reattachFrom(printed)!)['registry.terraform.io/hashicorp/aws'].Addr.String).toBe('/tmp/plugin1');
  });

  test('are absent until printed, and must name the AWS provider', () => {
    expect(reattachFrom('Starting github.com/hashicorp/terraform-provider-aws@5.100.0')).toBeUndefined();
    expect(reattachFrom(`TF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/random":{}}'`)).toBeUndefined();
  });
});

describe('a shared provider process (the binary of the local mirror)', () => {
  test('starts, is attachable, and is gone after stop', () => {
    const server = ProviderServer.startSync(MIRROR_BINARY, { PATH: process.env.PATH, HOME: process.env.HOME });
    const reattach = JSON.parse(server.reattach)['registry.terraform.io/hashicorp/aws'];
    expect(server.alive).toBe(true);
    expect(reattach.Addr.Network).toBe('unix');
    expect(server.env({ A: '1' })).toEqual({ A: '1', TF_REATTACH_PROVIDERS: server.reattach });
    server.stop();
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 60 && isRunning(reattach.Pid); i++) Atomics.wait(pause, 0, 0, 100);
    expect(isRunning(reattach.Pid)).toBe(false);
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
