import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack } from 'cdktf';
import { FargateCluster } from '../../../src/constructs/compute/fargate-cluster';
import { GpuCapacityProvider, GpuCapacityProviderProps, gpuInstanceTypeProblem } from '../../../src/constructs/compute/gpu-capacity-provider';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, parsed, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '123456789012';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const AMI = 'ami-0123456789abcdef0';

function props(change: Partial<GpuCapacityProviderProps> = {}): GpuCapacityProviderProps {
  return {
    name: 'agent-prod-gpu',
    clusterName: 'agent-prod',
    amiId: AMI,
    instanceType: 'g5.xlarge',
    subnetIds: ['subnet-aaaa1111', 'subnet-bbbb2222'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    ebsKmsKeyArn: KEY,
    maxSize: 4,
    ...change,
  };
}

function synth(change: Partial<GpuCapacityProviderProps> = {}, stackName = 'agent-dev-compute'): Json {
  const stack = stackOf(stackName);
  new GpuCapacityProvider(stack, 'gpu', props(change));
  return synthJson(stack);
}

const decoded = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('GpuCapacityProvider', () => {
  const json = synth();

  test('launch template: the given GPU AMI and type, IMDSv2 with hop limit 2, KMS-encrypted root, no public IP, the given groups', () => {
    const lt = onlyResource(json, 'aws_launch_template');
    expect(lt).toMatchObject({
      name: 'agent-prod-gpu',
      image_id: AMI,
      instance_type: 'g5.xlarge',
      update_default_version: true,
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 2 },
      network_interfaces: [{ device_index: 0, associate_public_ip_address: 'false', security_groups: ['sg-0123456789abcdef0'] }],
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', kms_key_id: KEY, volume_type: 'gp3', volume_size: 100, delete_on_termination: 'true' } }],
    });
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.iam_instance_profile.arn).toMatch(/^\$\{aws_iam_instance_profile\.gpu_instance-profile_[A-Z0-9]+\.arn\}$/);
  });

  test('user data joins the cluster with GPU support and blocks task access to instance metadata', () => {
    const script = decoded(onlyResource(json, 'aws_launch_template').user_data);
    expect(script.split('\n')).toEqual(['#!/bin/bash', "cat <<'EOF' >> /etc/ecs/ecs.config", 'ECS_CLUSTER=agent-prod', 'ECS_ENABLE_GPU_SUPPORT=true', 'ECS_AWSVPC_BLOCK_IMDS=true', 'EOF', '']);
    const open = decoded(onlyResource(synth({ blockTaskMetadataAccess: false }), 'aws_launch_template').user_data);
    expect(open).not.toContain('ECS_AWSVPC_BLOCK_IMDS');
  });

  test('instance role: EC2 trust, the ECS container instance policy and SSM core; a profile of the same name', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('agent-prod-gpu-instance');
    expect(parsed(role.assume_role_policy).Statement).toEqual([{ Sid: 'Ec2AssumesRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(Object.values<Json>(json.resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    ]);
    expect(onlyResource(json, 'aws_iam_instance_profile').name).toBe('agent-prod-gpu-instance');
  });

  test('auto scaling group: private subnets, 0 to maxSize, scale-in protection, AmazonECSManaged tag, desired count left to ECS', () => {
    const asg = onlyResource(json, 'aws_autoscaling_group');
    expect(asg).toMatchObject({
      name: 'agent-prod-gpu',
      min_size: 0,
      max_size: 4,
      vpc_zone_identifier: ['subnet-aaaa1111', 'subnet-bbbb2222'],
      protect_from_scale_in: true,
      tag: [{ key: 'AmazonECSManaged', value: 'true', propagate_at_launch: true }],
      lifecycle: { ignore_changes: ['desired_capacity'] },
    });
    expect(asg.desired_capacity).toBeUndefined();
    expect(asg.launch_template.version).toMatch(/latest_version\}$/);
  });

  test('capacity provider: managed scaling at 100 %, managed termination protection and draining', () => {
    const provider = onlyResource(json, 'aws_ecs_capacity_provider');
    expect(provider.name).toBe('agent-prod-gpu');
    expect(provider.auto_scaling_group_provider).toMatchObject({
      managed_termination_protection: 'ENABLED',
      managed_draining: 'ENABLED',
      managed_scaling: { status: 'ENABLED', target_capacity: 100, instance_warmup_period: 300 },
    });
    expect(provider.auto_scaling_group_provider.auto_scaling_group_arn).toMatch(/^\$\{aws_autoscaling_group\..+\.arn\}$/);
  });

  test('the root volume size, device, role name and target capacity can be changed', () => {
    const custom = synth({ rootVolumeSizeGiB: 200, rootDeviceName: '/dev/sda1', roleName: 'gpu-nodes', targetCapacityPercent: 80 });
    expect(onlyResource(custom, 'aws_launch_template').block_device_mappings[0]).toMatchObject({ device_name: '/dev/sda1', ebs: { volume_size: 200 } });
    expect(onlyResource(custom, 'aws_iam_role').name).toBe('gpu-nodes');
    expect(onlyResource(custom, 'aws_ecs_capacity_provider').auto_scaling_group_provider.managed_scaling.target_capacity).toBe(80);
  });

  test('instance types: GPU families with their sizes pass; others are rejected with the families or sizes to use', () => {
    for (const ok of ['g4dn.xlarge', 'g4dn.metal', 'g5.48xlarge', 'g6.2xlarge', 'g6e.xlarge', 'p3.2xlarge', 'p4d.24xlarge', 'p5.48xlarge']) expect(gpuInstanceTypeProblem(ok)).toBeUndefined();
    expect(() => synth({ instanceType: 'm5.xlarge' })).toThrow(
      'GpuCapacityProvider agent-prod-gpu: instanceType "m5.xlarge" is not an NVIDIA GPU instance type the ECS GPU-optimized AMI supports; use a family of g4dn, g5, g6, g6e, gr6, p3, p3dn, p4d, p4de, p5, p5e, p5en with a size, for example g5.xlarge',
    );
    expect(() => synth({ instanceType: 'g4ad.xlarge' })).toThrow(/g4ad\.xlarge" is not an NVIDIA GPU instance type/);
    expect(() => synth({ instanceType: 'g5.metal' })).toThrow('instanceType "g5.metal" has no size metal in family g5; use one of g5.xlarge, g5.2xlarge');
    expect(() => synth({ instanceType: 'p4d.xlarge' })).toThrow('has no size xlarge in family p4d; use one of p4d.24xlarge');
  });

  test('bad props are rejected with what is wrong and the fix', () => {
    const where = 'GpuCapacityProvider agent-prod-gpu: ';
    expect(() => synth({ amiId: 'ami-123' })).toThrow(`${where}amiId "ami-123" is not an AMI ID (ami- and 8 or 17 hex digits); put the ECS GPU-optimized AMI's ID in config`);
    expect(() => synth({ amiId: '/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id' })).toThrow(/is not an AMI ID/);
    expect(() => synth({ name: 'ecs-gpu' })).toThrow(/not starting with aws, ecs or fargate/);
    expect(() => synth({ name: 'x' })).toThrow(/name is not 3-128 letters/);
    expect(() => synth({ maxSize: 0 })).toThrow(`${where}maxSize 0 is not a whole number of 1 or more`);
    expect(() => synth({ subnetIds: [] })).toThrow(`${where}subnetIds is empty; give the private app subnets`);
    expect(() => synth({ securityGroupIds: [] })).toThrow(/securityGroupIds is empty/);
    expect(() => synth({ ebsKmsKeyArn: 'alias/aws/ebs' })).toThrow(/ebsKmsKeyArn "alias\/aws\/ebs" is not a KMS key ARN/);
    expect(() => synth({ rootVolumeSizeGiB: 20 })).toThrow(/rootVolumeSizeGiB 20 is outside 30-16384/);
    expect(() => synth({ targetCapacityPercent: 0 })).toThrow(/targetCapacityPercent 0 is outside 1-100/);
    expect(() => synth({ roleName: 'r'.repeat(65) })).toThrow(/longer than 64 characters/);
    expect(() => synth({ clusterName: 'bad name' })).toThrow(/clusterName "bad name" is not an ECS cluster name/);
  });
});

describe('FargateCluster with an extra capacity provider', () => {
  test('the GPU provider joins the provider list by reference; the default strategy stays on Fargate', () => {
    const stack = stackOf('agent-dev-compute');
    const gpu = new GpuCapacityProvider(stack, 'gpu', props());
    new FargateCluster(stack, 'cluster', { clusterName: 'agent-prod', capacity: { onDemandBase: 0, onDemandWeight: 70, spotWeight: 30 }, extraCapacityProviders: [gpu.capacityProviderName] });
    const providers = onlyResource(synthJson(stack), 'aws_ecs_cluster_capacity_providers');
    expect(providers.capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT', expect.stringMatching(/^\$\{aws_ecs_capacity_provider\..+\.name\}$/)]);
    expect(providers.default_capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 0, weight: 70 },
      { capacity_provider: 'FARGATE_SPOT', weight: 30 },
    ]);
  });

  test('without extra providers the cluster is unchanged; repeats and the Fargate names are rejected', () => {
    for (const extra of [undefined, []]) {
      const stack = stackOf('agent-dev-compute');
      new FargateCluster(stack, 'cluster', { clusterName: 'agent-dev', extraCapacityProviders: extra });
      expect(onlyResource(synthJson(stack), 'aws_ecs_cluster_capacity_providers').capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    }
    expect(() => new FargateCluster(stackOf(), 'c', { clusterName: 'agent-dev', extraCapacityProviders: ['FARGATE'] })).toThrow(
      'FargateCluster agent-dev: extraCapacityProviders repeats "FARGATE" (FARGATE and FARGATE_SPOT are always in); list each extra provider once',
    );
    expect(() => new FargateCluster(stackOf(), 'c', { clusterName: 'agent-dev', extraCapacityProviders: ['gpu', 'gpu'] })).toThrow(/repeats "gpu"/);
  });
});

describe('policy pack', () => {
  test('no open finding for the default provider, in dev and prod', () => {
    for (const name of ['agent-dev-compute', 'agent-prod-compute']) {
      const stack = stackOf(name);
      new GpuCapacityProvider(stack, 'gpu', props());
      const open = evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
      expect({ name, open }).toEqual({ name, open: [] });
    }
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('a cluster with the GPU provider in a minimal VPC validates and plans', () => {
    const stack: TerraformStack = stackOf('agent-dev-compute');
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
    const subnets = ['10.0.11.0/24', '10.0.12.0/24'].map((cidr, i) => new Subnet(stack, `app-${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: `us-east-1${'ab'[i]}` }).id);
    const sg = new SecurityGroup(stack, 'gpu-sg', {
      name: 'agent-dev-gpu',
      description: 'GPU container instances: no inbound, HTTPS out',
      vpcId: vpc.id,
      egress: [{ description: 'HTTPS to AWS APIs', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }],
    });
    const gpu = new GpuCapacityProvider(stack, 'gpu', props({ name: 'agent-dev-gpu', clusterName: 'agent-dev', subnetIds: subnets, securityGroupIds: [sg.id], maxSize: 2 }));
    new FargateCluster(stack, 'cluster', { clusterName: 'agent-dev', extraCapacityProviders: [gpu.capacityProviderName] });
    expectOfflinePlan(synthJson(stack));
  });
});
