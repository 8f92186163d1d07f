import { Lazy, TerraformProvider } from 'cdktf';
import { NetworkConfig } from '../config/types';
import { VpcFlowLog } from '../constructs/network/flow-log';
import { centralFlowLogDestination } from './central-logging';
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

/** Where a second copy of the foundation goes (the secondary region's VPC of a DR setup). */
export interface FoundationPlacement {
  /** Region of the network (endpoint service names, log key principal). */
  readonly region: string;
  readonly provider: TerraformProvider;
  /** Prepended to construct IDs (`dr-` gives `dr-vpc`), resource names and, with `_`, output names. */
  readonly label: string;
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
export function addNetworkFoundation(stack: LayerStack, net: NetworkConfig, placement?: FoundationPlacement): NetworkFoundation {
  const { config } = stack;
  const azs = net.availabilityZones;
  const region = placement?.region ?? config.region;
  const provider = placement?.provider;
  // The primary network keeps the historical IDs and names; a placed copy is labelled throughout.
  const id = (name: string) => (placement ? `${placement.label}-${name}` : name);
  const output = (name: string) => (placement ? `${placement.label}_${name}` : name);
  const prefix = placement ? `${stack.prefix}-${placement.label}` : stack.prefix;
  const seed = placement ? `${stack.node.id}:${placement.label}` : stack.node.id;
  const publish: LayerStack['publish'] = (name, value, options) => stack.publish(output(name), value, options);

  const logsKey = new EncryptionKey(stack, id('logs-key'), {
    alias: `${prefix}-network-logs`,
    description: `${prefix} CloudWatch Logs (flow logs and every later layer's log groups)`,
    accountId: config.accountId,
    services: [
      {
        servicePrincipal: `logs.${region}.amazonaws.com`,
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${config.accountId}:log-group:*` } },
      },
    ],
    provider,
  });

  const vpc = new TieredVpc(stack, id('vpc'), {
    namePrefix: prefix,
    cidrBlock: net.vpcCidr,
    availabilityZones: azs,
    publicSubnetCidrs: net.publicSubnetCidrs,
    privateAppSubnetCidrs: net.privateAppSubnetCidrs,
    privateDataSubnetCidrs: net.privateDataSubnetCidrs,
    enableNatGateway: net.enableNatGateway,
    singleNatGateway: net.singleNatGateway,
    // Configured tier ACLs (addTierIsolationAcls) take every subnet; the VPC's own ACLs step aside.
    manageNetworkAcls: net.networkAcls === undefined,
    provider,
  });

  // Security group rules may name the gateway endpoints' prefix lists, which exist only once the
  // endpoints (created after the groups, which they reference) do: resolved lazily at synth.
  let endpoints: VpcEndpoints | undefined;
  const securityGroups = new SecurityGroupGraph(stack, id('security-groups'), {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    groups: net.securityGroups,
    prefixLists: {
      s3: Lazy.stringValue({ produce: () => endpoints!.s3Gateway.prefixListId }),
      dynamodb: Lazy.stringValue({ produce: () => endpoints!.dynamodbGateway!.prefixListId }),
    },
    provider,
  });

  // Buckets and tables keep their names in every region (replicas, global tables).
  endpoints = new VpcEndpoints(stack, id('endpoints'), {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    region,
    accountId: config.accountId,
    gatewayRouteTableIds: vpc.privateRouteTables.map((t) => t.id),
    s3BucketPatterns: [`${stack.prefix}-*`],
    dynamodbTablePatterns: net.dynamodbGatewayEndpoint ? [`${stack.prefix}-*`] : [],
    interfaceServices: net.interfaceEndpoints ?? [],
    interfaceSubnetIds: vpc.privateAppSubnets.map((s) => s.id),
    interfaceSecurityGroupId: net.endpointSecurityGroup ? securityGroups.id(net.endpointSecurityGroup) : '',
    provider,
  });

  const flowLog = new VpcFlowLog(stack, id('flow-log'), {
    namePrefix: prefix,
    vpcId: vpc.vpc.id,
    accountId: config.accountId,
    region,
    logGroupName: `/aws/vpc/flowlogs/${prefix}`,
    retentionDays: net.flowLogRetentionDays,
    kmsKeyArn: logsKey.arn,
    s3Destination: centralFlowLogDestination(config, region),
    provider,
  });

  publish('vpc_id', vpc.vpc.id, { description: 'ID of the VPC', sample: sampleId('vpc', seed) });
  publish('vpc_cidr_block', vpc.vpc.cidrBlock, { description: 'IPv4 CIDR block of the VPC', sample: net.vpcCidr });
  publish('availability_zones', [...azs], { description: 'Availability zones of the subnets, in subnet order', sample: [...azs] });
  if (vpc.publicSubnets.length > 0) {
    publish('public_subnet_ids', vpc.publicSubnets.map((s) => s.id), { description: 'Public subnet IDs, one per AZ (load balancers, NAT)', sample: sampleIds('subnet', `${seed}:public`, azs.length) });
  }
  publish('private_app_subnet_ids', vpc.privateAppSubnets.map((s) => s.id), { description: 'Private application subnet IDs, one per AZ (ECS tasks, agents)', sample: sampleIds('subnet', `${seed}:app`, azs.length) });
  if (vpc.privateDataRouteTable) {
    publish('private_data_subnet_ids', vpc.privateDataSubnets.map((s) => s.id), { description: 'Private data subnet IDs, one per AZ (databases, search); no internet route', sample: sampleIds('subnet', `${seed}:data`, azs.length) });
  }
  publish('private_app_route_table_ids', vpc.privateAppRouteTables.map((t) => t.id), { description: 'Route table IDs of the private app subnets, one per AZ', sample: sampleIds('rtb', `${seed}:app`, azs.length) });
  if (vpc.privateDataRouteTable) {
    publish('private_data_route_table_id', vpc.privateDataRouteTable.id, { description: 'Route table ID shared by the private data subnets', sample: sampleId('rtb', `${seed}:data`) });
  }
  if (vpc.natPublicIps.length > 0) {
    publish('nat_gateway_public_ips', vpc.natPublicIps.map((e) => e.publicIp), { description: 'Public IPs of the NAT gateways (egress allow-listing)', sample: vpc.natPublicIps.map((_, i) => `203.0.113.${10 + i}`) });
  }
  publish('s3_gateway_endpoint_id', endpoints.s3Gateway.id, { description: 'ID of the S3 gateway endpoint', sample: sampleId('vpce', `${seed}:s3`) });
  publish('s3_gateway_endpoint_prefix_list_id', endpoints.s3Gateway.prefixListId, { description: 'Prefix list of the S3 gateway endpoint, for security group rules', sample: sampleId('pl', `${seed}:s3`).slice(0, 11) });
  if (endpoints.dynamodbGateway) {
    publish('dynamodb_gateway_endpoint_id', endpoints.dynamodbGateway.id, { description: 'ID of the DynamoDB gateway endpoint', sample: sampleId('vpce', `${seed}:dynamodb`) });
  }
  for (const group of securityGroups.names) {
    publish(securityGroupOutputName(group), securityGroups.id(group), { description: `ID of the ${group} security group`, sample: sampleId('sg', `${seed}:${group}`) });
  }
  publish('flow_log_group_name', flowLog.logGroup.name, { description: 'CloudWatch log group of the VPC flow logs', sample: `/aws/vpc/flowlogs/${prefix}` });
  publish('logs_kms_key_arn', logsKey.arn, {
    description: 'KMS key ARN for the environment\'s CloudWatch log groups (its policy admits CloudWatch Logs for every log group of the account and region)',
    sample: sampleArn({ service: 'kms', region, account: config.accountId, resource: `key/${sampleUuid(`${seed}:logs`)}` }),
  });
  return { logsKey, vpc, securityGroups, endpoints, flowLog };
}
