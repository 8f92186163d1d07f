import { ENVIRONMENTS, LAYERS, layerRank } from '../core/names';
import { contains, overlaps, parseCidr } from './cidr';
import { ConfigError } from './errors';
import { DatabaseConfig, EnvironmentConfig, NetworkConfig, SecurityGroupRuleSpec, ServiceConfig } from './types';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384];

/**
 * Checks one environment's configuration and throws the first problem as a ConfigError that names
 * system, env, field and value. Runs before any stack is built, so bad input never reaches synth.
 */
export function validateEnvironmentConfig(config: EnvironmentConfig): void {
  const scope = `${config.system}/${config.env}`;
  const fail = (field: string, value: unknown, problem: string, fix?: string): never => {
    throw new ConfigError(scope, field, value, problem, fix);
  };

  if (!(ENVIRONMENTS as readonly string[]).includes(config.env)) {
    fail('env', config.env, 'is not a known environment', `use one of ${ENVIRONMENTS.join(', ')}`);
  }
  if (!ACCOUNT_ID.test(config.accountId ?? '')) {
    fail('accountId', config.accountId, 'is not a 12-digit AWS account ID', 'give the 12 digits, quoted, with no dashes');
  }
  if (!REGION.test(config.region ?? '')) {
    fail('region', config.region, 'is not an AWS region name', 'use a region such as us-east-1');
  }
  if (config.deployRoleArn !== undefined) {
    const match = ROLE_ARN.exec(config.deployRoleArn);
    if (!match) {
      fail('deployRoleArn', config.deployRoleArn, 'is not an IAM role ARN', 'use arn:aws:iam::<account>:role/<name>');
    } else if (match[1] !== config.accountId) {
      fail('deployRoleArn', config.deployRoleArn, `is in account ${match[1]}, not in accountId ${config.accountId}`, 'assume a role in the environment account');
    }
  }
  if (!config.owner) fail('owner', config.owner, 'is empty', 'name the owning team (the Owner tag)');
  if (!config.costCenter) fail('costCenter', config.costCenter, 'is empty', 'give the cost center (the CostCenter tag)');
  if (config.env === 'prod' && config.protectStatefulResources !== true) {
    fail('protectStatefulResources', config.protectStatefulResources, 'must be true in prod', 'prod stateful resources are always protected');
  }
  validateLayers(config, fail);
  validateNetwork(config.network, config.region, fail);
  if (config.database) validateDatabase(config.database, fail);
  for (const [name, service] of Object.entries(config.services ?? {})) validateService(name, service, fail);
  if (config.edge) {
    if (!config.edge.domainName || !DOMAIN.test(config.edge.domainName)) {
      fail('edge.domainName', config.edge.domainName, 'is not a domain name', 'give the apex domain in lower case, for example bidops.ai');
    }
    if (config.edge.hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(config.edge.hostedZoneId)) {
      fail('edge.hostedZoneId', config.edge.hostedZoneId, 'is not a Route 53 hosted zone ID', 'use the Z... ID or leave it unset to create a zone');
    }
  } else if (config.layers.includes('edge')) {
    fail('edge.domainName', undefined, 'is required because the system has an edge layer', 'set edge.domainName');
  }
}

type Fail = (field: string, value: unknown, problem: string, fix?: string) => never;

function validateLayers(config: EnvironmentConfig, fail: Fail): void {
  const layers = config.layers ?? [];
  if (layers.length === 0 || layers[0] !== 'network') {
    fail('layers', layers, 'must start with network', 'list the layers in order network, data, ai, compute, edge');
  }
  layers.forEach((layer, i) => {
    if (!(LAYERS as readonly string[]).includes(layer)) {
      fail(`layers[${i}]`, layer, 'is not a known layer', `use ${LAYERS.join(', ')}`);
    }
    if (i > 0 && layerRank(layer) <= layerRank(layers[i - 1])) {
      fail('layers', layers, 'are not in dependency order without repeats', `order them as ${LAYERS.join(' -> ')}`);
    }
  });
}

function validateNetwork(network: NetworkConfig, region: string, fail: Fail): void {
  const vpc = parseCidr(network.vpcCidr ?? '');
  if (!vpc) fail('network.vpcCidr', network.vpcCidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n with no host bits set');
  if (vpc.prefix < 16 || vpc.prefix > 24) {
    fail('network.vpcCidr', network.vpcCidr, 'has a prefix AWS does not allow for a VPC', 'use a prefix from /16 to /24');
  }

  const azs = network.availabilityZones ?? [];
  if (azs.length < 2) fail('network.availabilityZones', azs, 'must name at least two zones', 'list two or three AZs of the region');
  azs.forEach((az, i) => {
    if (!new RegExp(`^${region}[a-z]$`).test(az)) {
      fail(`network.availabilityZones[${i}]`, az, `is not an AZ of region ${region}`, `use ${region}a, ${region}b, ...`);
    }
  });
  if (new Set(azs).size !== azs.length) fail('network.availabilityZones', azs, 'repeats a zone', 'list each AZ once');

  const seen: { field: string; cidr: string; range: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
  for (const tier of ['publicSubnetCidrs', 'privateAppSubnetCidrs', 'privateDataSubnetCidrs'] as const) {
    const cidrs = network[tier] ?? [];
    if (cidrs.length !== azs.length) {
      fail(`network.${tier}`, cidrs, `has ${cidrs.length} subnets for ${azs.length} availability zones`, 'give exactly one subnet per AZ, in AZ order');
    }
    cidrs.forEach((cidr, i) => {
      const field = `network.${tier}[${i}]`;
      const range = parseCidr(cidr);
      if (!range) fail(field, cidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n with no host bits set');
      if (range.prefix > 28) fail(field, cidr, 'is smaller than the /28 AWS allows for a subnet', 'use a prefix of /28 or shorter');
      if (!contains(vpc, range)) fail(field, cidr, `is outside the VPC ${network.vpcCidr}`, 'choose a subnet inside network.vpcCidr');
      const clash = seen.find((other) => overlaps(other.range, range));
      if (clash) fail(field, cidr, `overlaps ${clash.field} (${clash.cidr})`, 'give every subnet its own range');
      seen.push({ field, cidr, range });
    });
  }

  if (network.singleNatGateway && network.enableNatGateway === false) {
    fail('network.singleNatGateway', true, 'needs enableNatGateway', 'drop singleNatGateway or enable NAT');
  }
  if (!LOG_RETENTION_DAYS.includes(network.flowLogRetentionDays)) {
    fail('network.flowLogRetentionDays', network.flowLogRetentionDays, 'is not a retention CloudWatch Logs accepts', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }

  const groups = network.securityGroups ?? {};
  for (const [name, group] of Object.entries(groups)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`network.securityGroups`, name, 'is not a lower-case name', 'use letters, digits and dashes');
    if (!group.description) fail(`network.securityGroups.${name}.description`, group.description, 'is empty', 'describe what the group is for');
    for (const direction of ['ingress', 'egress'] as const) {
      (group[direction] ?? []).forEach((rule, i) => validateRule(`network.securityGroups.${name}.${direction}[${i}]`, rule, groups, fail));
    }
  }
  const endpoints = network.interfaceEndpoints ?? [];
  if (endpoints.length > 0) {
    if (!network.endpointSecurityGroup || !groups[network.endpointSecurityGroup]) {
      fail('network.endpointSecurityGroup', network.endpointSecurityGroup, 'does not name a security group in network.securityGroups', 'name the group attached to the interface endpoints');
    }
  }
  endpoints.forEach((service, i) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(service)) fail(`network.interfaceEndpoints[${i}]`, service, 'is not an AWS service endpoint name', 'use names such as ssm or ecr.dkr');
  });
  if (new Set(endpoints).size !== endpoints.length) fail('network.interfaceEndpoints', endpoints, 'repeats a service', 'list each service once');
}

function validateRule(field: string, rule: SecurityGroupRuleSpec, groups: NetworkConfig['securityGroups'], fail: Fail): void {
  const toPort = rule.toPort ?? rule.port;
  if (!Number.isInteger(rule.port) || rule.port < 0 || rule.port > 65535 || toPort < rule.port || toPort > 65535) {
    fail(`${field}.port`, rule.port, 'is not a port range from 0 to 65535', 'give port (and toPort >= port)');
  }
  if (!rule.description) fail(`${field}.description`, rule.description, 'is empty', 'every rule needs a description');
  const peer = rule.peer as Record<string, string>;
  if ('securityGroup' in peer && !groups[peer.securityGroup]) {
    fail(`${field}.peer.securityGroup`, peer.securityGroup, 'is not a group in network.securityGroups', 'reference a group by its key');
  }
  if ('cidr' in peer && !parseCidr(peer.cidr)) fail(`${field}.peer.cidr`, peer.cidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n');
}

function validateDatabase(db: DatabaseConfig, fail: Fail): void {
  if (!/^\d+\.\d+$/.test(db.engineVersion ?? '')) fail('database.engineVersion', db.engineVersion, 'is not an Aurora PostgreSQL version', 'use major.minor, for example 16.4');
  if (!(db.minCapacity >= 0 && db.minCapacity <= 256 && (db.minCapacity * 2) % 1 === 0)) {
    fail('database.minCapacity', db.minCapacity, 'is not an ACU value from 0 to 256 in steps of 0.5', 'use 0, 0.5, 1, ...');
  }
  if (!(db.maxCapacity >= 1 && db.maxCapacity <= 256 && (db.maxCapacity * 2) % 1 === 0)) {
    fail('database.maxCapacity', db.maxCapacity, 'is not an ACU value from 1 to 256 in steps of 0.5', 'use 1, 1.5, 2, ...');
  }
  if (db.minCapacity > db.maxCapacity) {
    fail('database.minCapacity', db.minCapacity, `is greater than database.maxCapacity (${db.maxCapacity})`, 'make minCapacity <= maxCapacity');
  }
  if (db.autoPauseSeconds !== undefined) {
    if (db.minCapacity !== 0) fail('database.autoPauseSeconds', db.autoPauseSeconds, `needs database.minCapacity 0 (it is ${db.minCapacity})`, 'set minCapacity to 0 or drop autoPauseSeconds');
    if (db.autoPauseSeconds < 300 || db.autoPauseSeconds > 86400) fail('database.autoPauseSeconds', db.autoPauseSeconds, 'is outside 300-86400 seconds', 'use at least 300 (5 minutes)');
  }
  if (!Number.isInteger(db.instanceCount) || db.instanceCount < 1 || db.instanceCount > 16) fail('database.instanceCount', db.instanceCount, 'is not 1 to 16 instances', 'use a writer plus readers');
  if (!Number.isInteger(db.backupRetentionDays) || db.backupRetentionDays < 1 || db.backupRetentionDays > 35) fail('database.backupRetentionDays', db.backupRetentionDays, 'is outside 1-35 days', 'use 7 or more');
}

function validateService(name: string, svc: ServiceConfig, fail: Fail): void {
  const field = `services.${name}`;
  if (!FARGATE_CPU.includes(svc.cpu)) fail(`${field}.cpu`, svc.cpu, 'is not a Fargate CPU size', `use one of ${FARGATE_CPU.join(', ')}`);
  if (!(svc.memory >= svc.cpu / 512 * 1024 && svc.memory <= svc.cpu * 8) || svc.memory % 512 !== 0) {
    fail(`${field}.memory`, svc.memory, `is not a Fargate memory size for cpu ${svc.cpu}`, 'use 2x to 8x the CPU units, in MiB, a multiple of 512');
  }
  if (!Number.isInteger(svc.minTasks) || svc.minTasks < 0) fail(`${field}.minTasks`, svc.minTasks, 'is not a task count', 'use 0 or more');
  if (svc.minTasks > svc.maxTasks) fail(`${field}.minTasks`, svc.minTasks, `is greater than ${field}.maxTasks (${svc.maxTasks})`, 'make minTasks <= maxTasks');
  if (svc.desiredTasks < svc.minTasks || svc.desiredTasks > svc.maxTasks) {
    fail(`${field}.desiredTasks`, svc.desiredTasks, `is outside minTasks-maxTasks (${svc.minTasks}-${svc.maxTasks})`, 'pick a desired count inside the scaling range');
  }
}
