import { NetworkConfig } from '../config/types';
import { VpcFlowLog } from '../constructs/network/flow-log';
import { SecurityGroupGraph } from '../constructs/network/security-group-graph';
import { TieredVpc } from '../constructs/network/tiered-vpc';
import { VpcEndpoints } from '../constructs/network/vpc-endpoints';
import { EncryptionKey } from '../constructs/security/kms-key';
import { LayerStack } from '../core/layer-stack';
import { sampleArn, sampleId, sampleIds, sampleUuid } from '../core/samples';

/** Output name of a security group's ID: `frontend` -> `frontend_security_group_id`. */
export function securityGroupOutputName(group: string): string {
  return `${group.replace(/-/g, '_')}_security_group_id`;
}

/** What `addNetworkFoundation` built, for the rest of the network layer. */
export interface NetworkFoundation {
  /** CloudWatch Logs key of the environment (flow logs and every later layer's log groups). */
  readonly logsKey: EncryptionKey;
  readonly vpc: TieredVpc;
  readonly securityGroups: SecurityGroupGraph;
  readonly endpoints: VpcEndpoints;
  readonly flowLog: VpcFlowLog;
}

/**
 * The network every VPC-based system starts from, built directly in the network stack (construct
 * IDs `logs-key`, `vpc`, `security-groups`, `endpoints`, `flow-log` are Terraform addresses):
 * the environment's CloudWatch Logs key, the tiered VPC with NAT as configured, every security
 * group, the S3 gateway and interface endpoints, and the VPC flow log; then its published contract
 * (`vpc_id`, subnet and route table IDs, `<group>_security_group_id`, `logs_kms_key_arn`, ...).
 */
export function addNetworkFoundation(stack: LayerStack, net: NetworkConfig): NetworkFoundation {
  const { config, prefix } = stack;
  const azs = net.availabilityZones;
  const seed = stack.node.id;

  const logsKey = new EncryptionKey(stack, 'logs-key', {
    alias: `${prefix}-network-logs`,
    description: `${prefix} CloudWatch Logs (flow logs and every later layer's log groups)`,
    accountId: config.accountId,
    services: [
      {
        servicePrincipal: `logs.${config.region}.amazonaws.com`,
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${config.region}:${config.accountId}:log-group:*` } },
      },
    ],
  });

  const vpc = new TieredVpc(stack, 'vpc', {
    namePrefix: prefix,
    cidrBlock: net.vpcCidr,
    availabilityZones: azs,
    publicSubnetCidrs: net.publicSubnetCidrs,
    privateAppSubnetCidrs: net.privateAppSubnetCidrs,
    privateDataSubnetCidrs: net.privateDataSubnetCidrs,
    enableNatGateway: net.enableNatGateway,
    singleNatGateway: net.singleNatGateway,
  });

  const securityGroups = new SecurityGroupGraph(stack, 'security-groups', {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    groups: net.securityGroups,
  });

  const endpoints = new VpcEndpoints(stack, 'endpoints', {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    region: config.region,
    accountId: config.accountId,
    gatewayRouteTableIds: vpc.privateRouteTables.map((t) => t.id),
    s3BucketPatterns: [`${prefix}-*`],
    interfaceServices: net.interfaceEndpoints ?? [],
    interfaceSubnetIds: vpc.privateAppSubnets.map((s) => s.id),
    interfaceSecurityGroupId: net.endpointSecurityGroup ? securityGroups.id(net.endpointSecurityGroup) : '',
  });

  const flowLog = new VpcFlowLog(stack, 'flow-log', {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    accountId: config.accountId,
    region: config.region,
    logGroupName: `/aws/vpc/flowlogs/${prefix}`,
    retentionDays: net.flowLogRetentionDays,
    kmsKeyArn: logsKey.arn,
  });

  stack.publish('vpc_id', vpc.vpc.id, { description: 'ID of the VPC', sample: sampleId('vpc', seed) });
  stack.publish('vpc_cidr_block', vpc.vpc.cidrBlock, { description: 'IPv4 CIDR block of the VPC', sample: net.vpcCidr });
  stack.publish('availability_zones', [...azs], { description: 'Availability zones of the subnets, in subnet order', sample: [...azs] });
  stack.publish('public_subnet_ids', vpc.publicSubnets.map((s) => s.id), { description: 'Public subnet IDs, one per AZ (load balancers, NAT)', sample: sampleIds('subnet', `${seed}:public`, azs.length) });
  stack.publish('private_app_subnet_ids', vpc.privateAppSubnets.map((s) => s.id), { description: 'Private application subnet IDs, one per AZ (ECS tasks, agents)', sample: sampleIds('subnet', `${seed}:app`, azs.length) });
  stack.publish('private_data_subnet_ids', vpc.privateDataSubnets.map((s) => s.id), { description: 'Private data subnet IDs, one per AZ (databases, search); no internet route', sample: sampleIds('subnet', `${seed}:data`, azs.length) });
  stack.publish('private_app_route_table_ids', vpc.privateAppRouteTables.map((t) => t.id), { description: 'Route table IDs of the private app subnets, one per AZ', sample: sampleIds('rtb', `${seed}:app`, azs.length) });
  stack.publish('private_data_route_table_id', vpc.privateDataRouteTable.id, { description: 'Route table ID shared by the private data subnets', sample: sampleId('rtb', `${seed}:data`) });
  stack.publish('nat_gateway_public_ips', vpc.natPublicIps.map((e) => e.publicIp), { description: 'Public IPs of the NAT gateways (egress allow-listing)', sample: vpc.natPublicIps.map((_, i) => `203.0.113.${10 + i}`) });
  stack.publish('s3_gateway_endpoint_id', endpoints.s3Gateway.id, { description: 'ID of the S3 gateway endpoint', sample: sampleId('vpce', `${seed}:s3`) });
  stack.publish('s3_gateway_endpoint_prefix_list_id', endpoints.s3Gateway.prefixListId, { description: 'Prefix list of the S3 gateway endpoint, for security group rules', sample: sampleId('pl', `${seed}:s3`).slice(0, 11) });
  for (const group of securityGroups.names) {
    stack.publish(securityGroupOutputName(group), securityGroups.id(group), { description: `ID of the ${group} security group`, sample: sampleId('sg', `${seed}:${group}`) });
  }
  stack.publish('flow_log_group_name', flowLog.logGroup.name, { description: 'CloudWatch log group of the VPC flow logs', sample: `/aws/vpc/flowlogs/${prefix}` });
  stack.publish('logs_kms_key_arn', logsKey.arn, {
    description: 'KMS key ARN for the environment\'s CloudWatch log groups (its policy admits CloudWatch Logs for every log group of the account and region)',
    sample: sampleArn({ service: 'kms', region: config.region, account: config.accountId, resource: `key/${sampleUuid(`${seed}:logs`)}` }),
  });
  return { logsKey, vpc, securityGroups, endpoints, flowLog };
}
