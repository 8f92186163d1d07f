import { SystemBlueprint } from '../core/blueprint';
import { LayerGraph } from '../core/layer-graph';
import { ENVIRONMENTS, SYSTEM_NAME } from '../core/names';
import { REGION_ZONES, SECURITY_GROUP_DESCRIPTION, nearest } from './aws-limits';
import { ACCOUNT_SINGLETONS, AccountBaseline, isAccountSingleton } from './baseline';
import { ENDPOINT_ACTIONS } from '../constructs/network/vpc-endpoints';
import { contains, overlaps, parseCidr } from './cidr';
import { ConfigError } from './errors';
import { ENVIRONMENT_KEYS } from './config-keys';
import { checkKnownKeys } from './known-keys';
import { validateAiConfig } from './layers/ai';
import { validateComputeConfig } from './layers/compute';
import { validateDataConfig } from './layers/data';
import { validateEdgeConfig } from './layers/edge';
import { validateGovernanceConfig } from './layers/governance';
import { Fail, LOG_RETENTION_DAYS } from './layers/fail';
import { validateRetentionClasses } from './retention-classes';
import { validatePolicySuppressions } from '../policy/suppressions';
import { EnvironmentConfig, NetworkConfig, SecurityGroupRuleSpec } from './types';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;

/** A `fail` that throws a ConfigError scoped to `<system>/<env>`. */
export function failFor(config: EnvironmentConfig): Fail {
  const scope = `${config.system}/${config.env}`;
  return (field, value, problem, fix) => {
    throw new ConfigError(scope, field, value, problem, fix);
  };
}

/**
 * Everything checked of one environment of a system before any stack is built: the shared checks
 * of every section, the sections its layers need, the singletons it owns, then the system's own
 * cross-section checks (names one layer reads from another). Throws the first problem as one
 * ConfigError naming system, env, field, value and fix.
 */
export function validateSystemEnvironment(blueprint: SystemBlueprint, graph: LayerGraph, config: EnvironmentConfig, baseline: AccountBaseline): void {
  const fail = failFor(config);
  validateEnvironmentConfig(config);
  for (const layer of graph.layers) {
    for (const section of blueprint.layers[layer]!.needs ?? []) {
      if (!config[section]) fail(section, undefined, `is required by the ${layer} layer of ${blueprint.name}`, `add the ${section} section to the ${config.env} config`);
    }
  }
  if (config.data?.search?.createServiceLinkedRole && !baseline.owns('opensearch-service-linked-role')) {
    fail('data.search.createServiceLinkedRole', true, `creates an account singleton that another environment of account ${config.accountId} owns`, 'set it to false (the owner creates the role), or move opensearch-service-linked-role into this environment\'s accountSingletons');
  }
  blueprint.validate?.(config, fail);
}

/**
 * Checks one environment's configuration section by section and throws the first problem as a
 * ConfigError that names system, env, field and value. Runs before any stack is built.
 */
export function validateEnvironmentConfig(config: EnvironmentConfig): void {
  const fail = failFor(config);
  // First, so a misspelled key reads as itself rather than as its missing or defaulted twin.
  checkKnownKeys(config, ENVIRONMENT_KEYS, fail);

  if (!(ENVIRONMENTS as readonly string[]).includes(config.env)) {
    fail('env', config.env, 'is not a known environment', `use one of ${ENVIRONMENTS.join(', ')}`);
  }
  if (!ACCOUNT_ID.test(config.accountId ?? '')) {
    fail('accountId', config.accountId, 'is not a 12-digit AWS account ID', 'give the 12 digits, quoted, with no dashes');
  }
  if (!REGION_ZONES[config.region ?? '']) {
    fail('region', config.region, 'is not an AWS region', `use ${REGION.test(config.region ?? '') ? nearest(config.region, Object.keys(REGION_ZONES)) : 'a region such as us-east-1'}`);
  }
  if (config.deployRoleArn !== undefined) {
    const match = ROLE_ARN.exec(config.deployRoleArn);
    if (!match) {
      fail('deployRoleArn', config.deployRoleArn, 'is not an IAM role ARN', 'use arn:aws:iam::<account>:role/<name>');
    } else if (match[1] !== config.accountId) {
      fail('deployRoleArn', config.deployRoleArn, `is in account ${match[1]}, not in accountId ${config.accountId}`, 'assume a role in the environment account');
    }
  }
  if (config.secondaryRegion !== undefined) {
    if (!REGION_ZONES[config.secondaryRegion]) fail('secondaryRegion', config.secondaryRegion, 'is not an AWS region', `use ${REGION.test(config.secondaryRegion) ? nearest(config.secondaryRegion, Object.keys(REGION_ZONES)) : 'a region such as us-west-2'}`);
    if (config.secondaryRegion === config.region) fail('secondaryRegion', config.secondaryRegion, 'is the primary region', 'choose a different region for disaster recovery, or leave it unset');
  }
  (config.accountSingletons ?? []).forEach((singleton, i) => {
    if (!isAccountSingleton(singleton)) fail(`accountSingletons[${i}]`, singleton, 'is not an account singleton', `use ${Object.keys(ACCOUNT_SINGLETONS).join(', ')}`);
  });
  if (!config.owner) fail('owner', config.owner, 'is empty', 'name the owning team (the Owner tag)');
  if (!config.costCenter) fail('costCenter', config.costCenter, 'is empty', 'give the cost center (the CostCenter tag)');
  if (config.env === 'prod' && config.protectStatefulResources !== true) {
    fail('protectStatefulResources', config.protectStatefulResources, 'must be true in prod', 'prod stateful resources are always protected');
  }
  if (!SYSTEM_NAME.test(config.system ?? '')) fail('system', config.system, 'is not a system name', 'use lower-case letters, digits and single dashes');
  // Env suppressions fail here, before any stack is built (LayerStack re-checks when it records them).
  validatePolicySuppressions(`${config.system}/${config.env}`, config.policySuppressions);
  if (config.network) validateNetwork(config.network, config.region, fail);
  if (config.network?.secondary) {
    if (!config.secondaryRegion) fail('network.secondary', '(set)', 'needs secondaryRegion', 'set secondaryRegion, or drop network.secondary');
    validateNetwork(config.network.secondary, config.secondaryRegion!, fail, 'network.secondary');
  }
  if (config.data) validateDataConfig(config.data, fail, config.secondaryRegion);
  if (config.governance?.replicateAuditTrail && !config.secondaryRegion) fail('governance.replicateAuditTrail', true, 'needs secondaryRegion', 'set secondaryRegion, or turn the replica off');
  if (config.ai) validateAiConfig(config.ai, fail);
  if (config.compute) validateComputeConfig(config.compute, fail, config.secondaryRegion);
  if (config.edge) validateEdgeConfig(config.edge, fail);
  if (config.governance) validateGovernanceConfig(config.governance, fail, config.accountId);
  validateRetentionClasses(config, fail);
}

function validateNetwork(network: NetworkConfig, region: string, fail: Fail, at = 'network'): void {
  const vpc = parseCidr(network.vpcCidr ?? '');
  if (!vpc) fail(`${at}.vpcCidr`, network.vpcCidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n with no host bits set');
  if (vpc.prefix < 16 || vpc.prefix > 24) {
    fail(`${at}.vpcCidr`, network.vpcCidr, 'has a prefix AWS does not allow for a VPC', 'use a prefix from /16 to /24');
  }

  const azs = network.availabilityZones ?? [];
  if (azs.length < 2) fail(`${at}.availabilityZones`, azs, 'must name at least two zones', 'list two or three AZs of the region');
  const zones = [...(REGION_ZONES[region] ?? '')].map((letter) => `${region}${letter}`);
  azs.forEach((az, i) => {
    if (!zones.includes(az)) fail(`${at}.availabilityZones[${i}]`, az, `is not an availability zone of ${region}`, `use ${zones.join(', ')}`);
  });
  if (new Set(azs).size !== azs.length) fail(`${at}.availabilityZones`, azs, 'repeats a zone', 'list each AZ once');

  const seen: { field: string; cidr: string; range: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
  for (const tier of ['publicSubnetCidrs', 'privateAppSubnetCidrs', 'privateDataSubnetCidrs'] as const) {
    const cidrs = network[tier] ?? [];
    // The public and data tiers may be left out (a private-only VPC, a system without databases).
    const optional = tier !== 'privateAppSubnetCidrs' && cidrs.length === 0;
    if (cidrs.length !== azs.length && !optional) {
      fail(`${at}.${tier}`, cidrs, `has ${cidrs.length} subnets for ${azs.length} availability zones`, tier === 'privateAppSubnetCidrs' ? 'give exactly one subnet per AZ, in AZ order' : 'give exactly one subnet per AZ, in AZ order, or none');
    }
    cidrs.forEach((cidr, i) => {
      const field = `${at}.${tier}[${i}]`;
      const range = parseCidr(cidr);
      if (!range) fail(field, cidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n with no host bits set');
      if (range.prefix > 28) fail(field, cidr, 'is smaller than the /28 AWS allows for a subnet', 'use a prefix of /28 or shorter');
      if (!contains(vpc, range)) fail(field, cidr, `is outside the VPC ${network.vpcCidr}`, 'choose a subnet inside network.vpcCidr');
      const clash = seen.find((other) => overlaps(other.range, range));
      if (clash) fail(field, cidr, `overlaps ${clash.field} (${clash.cidr})`, 'give every subnet its own range');
      seen.push({ field, cidr, range });
    });
  }

  if (network.enableNatGateway !== false && (network.publicSubnetCidrs ?? []).length === 0) {
    fail(`${at}.enableNatGateway`, network.enableNatGateway ?? true, 'needs public subnets for the NAT gateways', 'set enableNatGateway: false for a private-only VPC, or give publicSubnetCidrs');
  }
  if (network.singleNatGateway && network.enableNatGateway === false) {
    fail(`${at}.singleNatGateway`, true, 'needs enableNatGateway', 'drop singleNatGateway or enable NAT');
  }
  if (!LOG_RETENTION_DAYS.includes(network.flowLogRetentionDays)) {
    fail(`${at}.flowLogRetentionDays`, network.flowLogRetentionDays, 'is not a retention CloudWatch Logs accepts', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }

  if (network.networkAcls) {
    const ports = network.networkAcls.databasePorts ?? [];
    if ((network.privateDataSubnetCidrs ?? []).length === 0) fail(`${at}.networkAcls`, '(set)', 'needs private data subnets to isolate', 'give privateDataSubnetCidrs, or drop networkAcls');
    if (ports.length === 0) fail(`${at}.networkAcls.databasePorts`, ports, 'is empty', 'list the ports the data tier serves, for example [5432]');
    ports.forEach((port, i) => {
      if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) fail(`${at}.networkAcls.databasePorts[${i}]`, port, 'is not a port from 1 to 65535', 'use for example 5432');
    });
    const management = network.networkAcls.managementCidr;
    if (management !== undefined) {
      const range = parseCidr(management);
      if (!range) fail(`${at}.networkAcls.managementCidr`, management, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n with no host bits set');
      if (range.prefix < 16) fail(`${at}.networkAcls.managementCidr`, management, 'admits SSH from more than a /16', 'give the administrators\' own network, for example 203.0.113.0/24');
    }
  }
  const groups = network.securityGroups ?? {};
  for (const [name, group] of Object.entries(groups)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) fail(`${at}.securityGroups`, name, 'is not a lower-case name', 'use letters, digits and dashes');
    if (!group.description) fail(`${at}.securityGroups.${name}.description`, group.description, 'is empty', 'describe what the group is for');
    for (const direction of ['ingress', 'egress'] as const) {
      (group[direction] ?? []).forEach((rule, i) => validateRule(`${at}.securityGroups.${name}.${direction}[${i}]`, rule, network, fail));
    }
  }
  const endpoints = network.interfaceEndpoints ?? [];
  if (endpoints.length > 0) {
    if (!network.endpointSecurityGroup || !groups[network.endpointSecurityGroup]) {
      fail(`${at}.endpointSecurityGroup`, network.endpointSecurityGroup, 'does not name a security group in network.securityGroups', 'name the group attached to the interface endpoints');
    }
  }
  endpoints.forEach((service, i) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(service)) fail(`${at}.interfaceEndpoints[${i}]`, service, 'is not an AWS service endpoint name', 'use names such as ssm or ecr.dkr');
    if (!ENDPOINT_ACTIONS[service]) {
      fail(`${at}.interfaceEndpoints[${i}]`, service, 'has no scoped endpoint policy', `use one of ${Object.keys(ENDPOINT_ACTIONS).join(', ')}, or add the service's actions to ENDPOINT_ACTIONS in src/constructs/network/vpc-endpoints.ts`);
    }
  });
  if (new Set(endpoints).size !== endpoints.length) fail(`${at}.interfaceEndpoints`, endpoints, 'repeats a service', 'list each service once');
}

function validateRule(field: string, rule: SecurityGroupRuleSpec, network: NetworkConfig, fail: Fail): void {
  const groups = network.securityGroups;
  const toPort = rule.toPort ?? rule.port;
  if (!Number.isInteger(rule.port) || rule.port < 0 || rule.port > 65535 || toPort < rule.port || toPort > 65535) {
    fail(`${field}.port`, rule.port, 'is not a port range from 0 to 65535', 'give port (and toPort >= port)');
  }
  if (!rule.description) fail(`${field}.description`, rule.description, 'is empty', 'every rule needs a description');
  if (!SECURITY_GROUP_DESCRIPTION.test(rule.description)) {
    fail(`${field}.description`, rule.description, 'has characters AWS refuses in a rule description', 'use letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ * (at most 255)');
  }
  const peer = rule.peer as Record<string, string>;
  if ('securityGroup' in peer && !groups[peer.securityGroup]) {
    fail(`${field}.peer.securityGroup`, peer.securityGroup, 'is not a group in network.securityGroups', 'reference a group by its key');
  }
  if ('cidr' in peer && !parseCidr(peer.cidr)) fail(`${field}.peer.cidr`, peer.cidr, 'is not a valid IPv4 CIDR block', 'use a.b.c.d/n');
  if ('prefixList' in peer) {
    if (peer.prefixList !== 's3' && peer.prefixList !== 'dynamodb') fail(`${field}.peer.prefixList`, peer.prefixList, 'is not a gateway endpoint prefix list', "use 's3' or 'dynamodb'");
    if (peer.prefixList === 'dynamodb' && !network.dynamodbGatewayEndpoint) fail(`${field}.peer.prefixList`, peer.prefixList, 'needs the DynamoDB gateway endpoint', 'set dynamodbGatewayEndpoint: true');
  }
}
