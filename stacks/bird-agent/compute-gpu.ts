import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { GpuCapacityConfig } from '../../src/config/layers/compute';
import { GpuCapacityProvider } from '../../src/constructs/compute/gpu-capacity-provider';
import { ContainerDefinition, FargateService } from '../../src/constructs/compute/fargate-service';
import { policyJson } from '../../src/core/iam/policy-document';

export interface GpuCapacityProps {
  readonly prefix: string;
  readonly accountId: string;
  /** The cluster's name, literal (the cluster lists this provider, so it is built after). */
  readonly clusterName: string;
  readonly config: GpuCapacityConfig;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

/**
 * The GPU option ("GPU: 1 (if available)"; Fargate has no GPUs): a customer-managed key for the
 * instances' root volumes whose policy lets the Auto Scaling service-linked role use it (the
 * role exists once the account has had any Auto Scaling group; create it first in a new account),
 * and the EC2 GPU capacity provider on the ECS GPU-optimized AMI pinned in config.
 */
export function addGpuCapacity(scope: Construct, p: GpuCapacityProps): GpuCapacityProvider {
  const autoScalingRole = `arn:aws:iam::${p.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
  const key = new KmsKey(scope, 'gpu-volume-key', {
    description: `${p.prefix}: root volumes of the ECS GPU instances`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyJson({
      Statement: [
        { Sid: 'AccountAdministersKeyThroughIam', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${p.accountId}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'AutoScalingEncryptsInstanceVolumes',
          Effect: 'Allow',
          Principal: { AWS: autoScalingRole },
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
          Resource: '*',
        },
        {
          Sid: 'AutoScalingGrantsToEc2',
          Effect: 'Allow',
          Principal: { AWS: autoScalingRole },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
        },
      ],
    }),
  });
  new KmsAlias(scope, 'gpu-volume-key-alias', { name: `alias/${p.prefix}/gpu-volumes`, targetKeyId: key.keyId });
  return new GpuCapacityProvider(scope, 'gpu-capacity', {
    name: `${p.prefix}-gpu`,
    clusterName: p.clusterName,
    amiId: p.config.amiId,
    instanceType: p.config.instanceType,
    subnetIds: p.subnetIds,
    securityGroupIds: p.securityGroupIds,
    ebsKmsKeyArn: key.arn,
    maxSize: p.config.maxInstances,
    roleName: `${p.prefix}-gpu-instance`,
  });
}

/**
 * Moves a FargateService onto the GPU capacity provider: the task definition becomes EC2-compatible
 * (still awsvpc, read-only root, no privileges) with a GPU resource requirement on the application
 * container, and the service's strategy names the GPU provider instead of FARGATE/FARGATE_SPOT
 * (platform versions are Fargate-only).
 */
export function placeOnGpu(service: FargateService, capacityProviderName: string, appContainer: string, gpusPerTask: number): void {
  const containers = service.containers.map((c): ContainerDefinition & { resourceRequirements?: { type: 'GPU'; value: string }[] } =>
    c.name === appContainer ? { ...c, resourceRequirements: [{ type: 'GPU', value: String(gpusPerTask) }] } : c,
  );
  service.taskDefinition.requiresCompatibilities = ['EC2'];
  service.taskDefinition.containerDefinitions = JSON.stringify(containers);
  service.service.putCapacityProviderStrategy([{ capacityProvider: capacityProviderName, weight: 1, base: 0 }]);
  service.service.resetPlatformVersion();
}
