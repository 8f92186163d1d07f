import { ConfigError } from '../../src/config/errors';
import { validateEnvironmentConfig } from '../../src/config/validate';
import { LayerGraph } from '../../src/core/layer-graph';
import { bidopsConfig, configErrorOf } from '../helpers';

/** Runs validation and returns the error message (or fails when validation passes). */
const errorOf = configErrorOf;

describe('environment configuration validation', () => {
  test.each(['dev', 'staging', 'prod'] as const)('the shipped bidops %s config is valid', (env) => {
    expect(() => validateEnvironmentConfig(bidopsConfig(env))).not.toThrow();
  });

  test('names system, env, field and value for an invalid VPC CIDR', () => {
    expect(errorOf((c) => (c.network.vpcCidr = '10.0.0.0/33'))).toBe(
      'Invalid configuration for bidops/dev: network.vpcCidr = "10.0.0.0/33" is not a valid IPv4 CIDR block. Fix: use a.b.c.d/n with no host bits set.',
    );
  });

  test('rejects a CIDR with host bits set', () => {
    expect(errorOf((c) => (c.network.vpcCidr = '10.0.0.1/16'))).toContain('network.vpcCidr = "10.0.0.1/16" is not a valid IPv4 CIDR block');
  });

  test('rejects a VPC prefix AWS does not allow', () => {
    expect(errorOf((c) => (c.network.vpcCidr = '10.0.0.0/8'))).toContain('has a prefix AWS does not allow for a VPC');
  });

  test('rejects overlapping subnets and names both', () => {
    expect(errorOf((c) => (c.network.privateAppSubnetCidrs[1] = '10.0.1.0/25'))).toBe(
      'Invalid configuration for bidops/dev: network.privateAppSubnetCidrs[1] = "10.0.1.0/25" overlaps network.publicSubnetCidrs[0] (10.0.1.0/24). Fix: give every subnet its own range.',
    );
  });

  test('rejects a subnet outside the VPC', () => {
    expect(errorOf((c) => (c.network.privateDataSubnetCidrs[2] = '10.1.23.0/24'), 'prod')).toBe(
      'Invalid configuration for bidops/prod: network.privateDataSubnetCidrs[2] = "10.1.23.0/24" is outside the VPC 10.0.0.0/16. Fix: choose a subnet inside network.vpcCidr.',
    );
  });

  test('rejects a subnet count that does not match the AZs', () => {
    expect(errorOf((c) => c.network.publicSubnetCidrs.pop())).toContain('has 2 subnets for 3 availability zones');
  });

  test('rejects an AZ of another region', () => {
    expect(errorOf((c) => (c.network.availabilityZones[0] = 'eu-west-1a'))).toContain('network.availabilityZones[0] = "eu-west-1a" is not an availability zone of us-east-1. Fix: use us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.');
  });

  test('rejects an account ID that is not 12 digits', () => {
    expect(errorOf((c) => (c.accountId = '12345'), 'staging')).toBe(
      'Invalid configuration for bidops/staging: accountId = "12345" is not a 12-digit AWS account ID. Fix: give the 12 digits, quoted, with no dashes.',
    );
  });

  test('rejects a deploy role in another account', () => {
    expect(errorOf((c) => (c.deployRoleArn = 'arn:aws:iam::999999999999:role/x'))).toContain('is in account 999999999999, not in accountId 222222222222');
  });

  test('rejects min capacity above max capacity', () => {
    expect(errorOf((c) => Object.assign(c.data.aurora, { minCapacity: 32, autoPauseSeconds: undefined }))).toBe(
      'Invalid configuration for bidops/dev: data.aurora.minCapacity = 32 is greater than data.aurora.maxCapacity (16). Fix: make minCapacity <= maxCapacity.',
    );
  });

  test('rejects a service with more minimum tasks than maximum', () => {
    expect(errorOf((c) => (c.compute.services.frontend.minTasks = 12), 'prod')).toContain('compute.services.frontend.minTasks = 12 is greater than compute.services.frontend.maxTasks (10)');
  });

  test('rejects an off-hours schedule that is not a cron expression', () => {
    expect(errorOf((c) => (c.compute.offHours.stopSchedule = '0 20 * * 1-5'))).toBe(
      'Invalid configuration for bidops/dev: compute.offHours.stopSchedule = "0 20 * * 1-5" is not a six-field cron() expression. Fix: use for example cron(0 20 ? * MON-FRI *).',
    );
  });

  test('rejects an Enhanced Monitoring interval RDS does not offer', () => {
    expect(errorOf((c) => (c.data.aurora.monitoringIntervalSeconds = 45))).toContain('data.aurora.monitoringIntervalSeconds = 45 is not an Enhanced Monitoring interval. Fix: use one of 0, 1, 5, 10, 15, 30, 60 (0 turns it off).');
  });

  test('rejects auto-pause without a zero minimum', () => {
    expect(errorOf((c) => (c.data.aurora.minCapacity = 0.5))).toContain('data.aurora.autoPauseSeconds = 300 needs data.aurora.minCapacity 0');
  });

  test('rejects a missing domain when the system has an edge layer', () => {
    expect(errorOf((c) => { delete c.edge; })).toBe(
      'Invalid configuration for bidops/dev: edge = (missing) is required by the data layer of bidops. Fix: add the edge section to the dev config.',
    );
  });

  test('rejects an invalid domain', () => {
    expect(errorOf((c) => (c.edge.domainName = 'BidOps..ai'))).toContain('edge.domainName = "BidOps..ai" is not a domain name');
  });

  test('rejects unprotected stateful resources in prod', () => {
    expect(errorOf((c) => (c.protectStatefulResources = false), 'prod')).toContain('protectStatefulResources = false must be true in prod');
  });

  test('rejects a security group rule that references an unknown group', () => {
    expect(errorOf((c) => (c.network.securityGroups.frontend.egress[1].peer = { securityGroup: 'frontnd' }))).toContain(
      'network.securityGroups.frontend.egress[1].peer.securityGroup = "frontnd" is not a group in network.securityGroups',
    );
  });

  test('rejects a flow log retention CloudWatch does not accept', () => {
    expect(errorOf((c) => (c.network.flowLogRetentionDays = 45))).toContain('network.flowLogRetentionDays = 45 is not a retention CloudWatch Logs accepts');
  });

  test('rejects an environment suppression of a never-suppress rule before any stack is built', () => {
    expect(errorOf((c) => (c.policySuppressions = [{ ruleId: 'NET-04', reason: 'the ALB needs SSH from the internet' }]))).toBe(
      'Invalid configuration for bidops/dev: policySuppressions[0].ruleId = "NET-04" may never be suppressed. Fix: fix the resource instead (never-suppress list in docs/POLICY.md).',
    );
  });

  test('rejects an environment suppression without a real reason', () => {
    expect(errorOf((c) => (c.policySuppressions = [{ ruleId: 'NET-08', reason: 'cost' }]))).toContain('policySuppressions[0].reason = "cost" must explain the exception in at least 10 characters');
  });

  test('rejects layers out of dependency order', () => {
    const cyclic = () => new LayerGraph('bidops', { network: { reads: [] }, data: { reads: ['compute'] }, compute: { reads: ['data'] } });
    expect(cyclic).toThrow(ConfigError);
    expect(cyclic).toThrow('closes a cycle');
  });

  test('a bucket another layer reads is checked before any stack is built (bidops validation)', () => {
    expect(configErrorOf((c) => delete c.data.buckets['bda-input'])).toBe(
      'Invalid configuration for bidops/dev: data.buckets = ["documents","knowledge-base","artifacts","bda-output"] lacks "bda-input", which the ai and compute layers read. Fix: add bda-input.',
    );
    expect(configErrorOf((c) => (c.data.containerRepositories = ['frontend', 'backend']))).toContain('data.containerRepositories = ["frontend","backend"] lacks "agentcore"');
    expect(configErrorOf((c) => delete c.compute.services.backend)).toContain('compute.services = ["frontend"] lacks "backend"');
  });

  test('a section a layer needs is required', () => {
    expect(configErrorOf((c) => delete c.ai)).toBe('Invalid configuration for bidops/dev: ai = (missing) is required by the ai layer of bidops. Fix: add the ai section to the dev config.');
  });

  test('secondaryRegion must be another real region', () => {
    expect(configErrorOf((c) => (c.secondaryRegion = 'us-east-1'))).toContain('secondaryRegion = "us-east-1" is the primary region');
    expect(configErrorOf((c) => (c.secondaryRegion = 'oregon'))).toContain('secondaryRegion = "oregon" is not an AWS region. Fix: use a region such as us-west-2.');
  });

  test('an interface endpoint without a scoped policy is a config error, not a construct failure', () => {
    expect(configErrorOf((c) => (c.network.interfaceEndpoints = ['ssm', 'not-a-known-service']))).toContain(
      'network.interfaceEndpoints[1] = "not-a-known-service" has no scoped endpoint policy. Fix: use one of bedrock-runtime,',
    );
  });

  test('public and data tiers may be left out; NAT then needs to be off', () => {
    expect(configErrorOf((c) => { c.network.publicSubnetCidrs = []; c.network.privateDataSubnetCidrs = []; c.network.singleNatGateway = undefined; })).toContain(
      'network.enableNatGateway = true needs public subnets for the NAT gateways',
    );
    expect(configErrorOf((c) => (c.network.privateAppSubnetCidrs = []))).toContain('network.privateAppSubnetCidrs = [] has 0 subnets for 3 availability zones');
  });

  test('a DynamoDB prefix-list peer needs the DynamoDB gateway endpoint', () => {
    expect(configErrorOf((c) => c.network.securityGroups.backend.egress.push({ port: 443, peer: { prefixList: 'dynamodb' }, description: 'To DynamoDB' }))).toContain(
      'network.securityGroups.backend.egress[4].peer.prefixList = "dynamodb" needs the DynamoDB gateway endpoint',
    );
  });

  test('the secondary network is validated against the secondary region', () => {
    expect(configErrorOf((c) => (c.network.secondary = { ...c.network }))).toContain('network.secondary = "(set)" needs secondaryRegion');
    expect(configErrorOf((c) => { c.secondaryRegion = 'us-west-2'; c.network.secondary = { ...c.network }; })).toContain(
      'network.secondary.availabilityZones[0] = "us-east-1a" is not an availability zone of us-west-2. Fix: use us-west-2a, us-west-2b, us-west-2c, us-west-2d.',
    );
  });

  describe('values only AWS would reject are rejected at synth', () => {
    test('Fargate CPU/memory combinations from the real table', () => {
      for (const [cpu, memory] of [[256, 1536], [1024, 2560], [4096, 32768]]) {
        expect(configErrorOf((c) => Object.assign(c.compute.services.frontend, { cpu, memory }))).toContain(`compute.services.frontend.memory = ${memory} is not a Fargate memory size for cpu ${cpu}`);
      }
      expect(configErrorOf((c) => Object.assign(c.compute.services.frontend, { cpu: 256, memory: 1536 }))).toContain('Fix: use 512, 1024, 2048 MiB.');
      expect(configErrorOf((c) => Object.assign(c.compute.services.frontend, { cpu: 4096, memory: 32768 }))).toContain('Fix: use 8192 to 30720 in steps of 1024 MiB.');
      // A valid pair from the table validates (configErrorOf fails when nothing is rejected).
      expect(() => configErrorOf((c) => Object.assign(c.compute.services.frontend, { cpu: 8192, memory: 20480 }))).toThrow('expected a ConfigError');
    });

    test('availability zones and regions that do not exist', () => {
      expect(configErrorOf((c) => (c.network.availabilityZones = ['us-east-1a', 'us-east-1z', 'us-east-1c']))).toContain('network.availabilityZones[1] = "us-east-1z" is not an availability zone of us-east-1');
      expect(configErrorOf((c) => (c.region = 'us-east-9'))).toBe('Invalid configuration for bidops/dev: region = "us-east-9" is not an AWS region. Fix: use us-east-1.');
    });

    test('time zones and WAF country codes from the runtime\'s own tables', () => {
      expect(configErrorOf((c) => (c.compute.offHours.timezone = 'Europe/Berln'))).toBe(
        'Invalid configuration for bidops/dev: compute.offHours.timezone = "Europe/Berln" is not an IANA time zone. Fix: use Europe/Berlin.',
      );
      expect(configErrorOf((c) => (c.edge.wafBlockedCountries = ['CN', 'XX']))).toContain('edge.wafBlockedCountries[1] = "XX" is not an ISO 3166 alpha-2 country code');
    });

    test('schedule expressions in EventBridge syntax, field by field', () => {
      expect(configErrorOf((c) => (c.compute.offHours.stopSchedule = 'cron(0 25 * * MON-FRI *)'))).toBe(
        'Invalid configuration for bidops/dev: compute.offHours.stopSchedule = "cron(0 25 * * MON-FRI *)" has hours "25" outside 0-23. Fix: use for example cron(0 20 ? * MON-FRI *).',
      );
      expect(configErrorOf((c) => (c.compute.offHours.startSchedule = 'cron(0 7 * * MON-FRI *)'))).toContain('needs "?" in exactly one of day-of-month (3rd field) and day-of-week (5th field)');
      expect(configErrorOf((c) => (c.ai.knowledgeBaseSyncSchedule = 'cron(0 3 * *)'))).toContain('ai.knowledgeBaseSyncSchedule = "cron(0 3 * *)" has 4 cron fields; EventBridge cron has 6');
      expect(configErrorOf((c) => (c.ai.knowledgeBaseSyncSchedule = 'rate(5 hour)'))).toContain('needs the plural unit for 5');
      expect(configErrorOf((c) => (c.ai.knowledgeBaseSyncSchedule = 'cron(0 3 ? 13 MON *)'))).toContain('has month "13" outside 1-12 (or JAN-DEC)');
    });

    test('a suppression reason of padding is not a reason', () => {
      expect(configErrorOf((c) => (c.policySuppressions = [{ ruleId: 'NET-08', reason: '..........' }]))).toBe(
        'Invalid configuration for bidops/dev: policySuppressions[0].reason = ".........." must explain the exception in at least 10 characters and three words. Fix: write why the finding is acceptable in this environment.',
      );
      expect(configErrorOf((c) => (c.policySuppressions = [{ ruleId: 'NET-08', reason: 'xxxxxxxxxxxx' }]))).toContain('and three words');
    });

    test('security group rule descriptions with characters AWS refuses', () => {
      expect(configErrorOf((c) => (c.network.securityGroups.frontend.ingress[0].description = 'From the ALB – HTTPS'))).toContain(
        'network.securityGroups.frontend.ingress[0].description = "From the ALB – HTTPS" has characters AWS refuses in a rule description',
      );
      expect(configErrorOf((c) => (c.network.securityGroups.frontend.ingress[0].description = "ALB's traffic"))).toContain('has characters AWS refuses');
    });
  });
});
