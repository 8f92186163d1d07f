import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformRemoteState,
  TerraformStack,
} from 'cdktf';
import { Construct } from 'constructs';
import { StateConfig } from '../config/platform';

/** Where one stack's state lives: its S3 key, and its Terraform Cloud workspace name. */
export interface StateLocation {
  readonly key: string;
  readonly workspace: string;
}

/**
 * Configures the stack's backend from the state config: S3 (DynamoDB and/or S3-native locking),
 * Terraform Cloud (one workspace per stack) or local files.
 */
export function configureStateBackend(stack: TerraformStack, state: StateConfig, where: StateLocation): void {
  switch (state.kind) {
    case 's3': {
      new S3Backend(stack, {
        bucket: state.s3.bucket,
        key: where.key,
        region: state.s3.region,
        encrypt: state.s3.encrypt,
        kmsKeyId: state.s3.kmsKeyId,
        dynamodbTable: state.s3.dynamodbTable,
      });
      // cdktf 0.21's S3Backend has no useLockfile (Terraform 1.10+ S3-native locking).
      if (state.s3.locking !== 'dynamodb') stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    }
    case 'cloud': {
      const cloud = state.cloud!;
      new CloudBackend(stack, {
        organization: cloud.organization,
        hostname: cloud.hostname,
        workspaces: new NamedCloudWorkspace(where.workspace, cloud.project),
      });
      return;
    }
    case 'local':
      new LocalBackend(stack, { path: `${state.localDir}/${where.key}` });
      return;
  }
}

/** A `terraform_remote_state` data source reading another stack's state, for the same backend. */
export function remoteStateOf(scope: Construct, id: string, state: StateConfig, where: StateLocation): TerraformRemoteState {
  switch (state.kind) {
    case 's3':
      return new DataTerraformRemoteStateS3(scope, id, {
        bucket: state.s3.bucket,
        key: where.key,
        region: state.s3.region,
      });
    case 'cloud': {
      const cloud = state.cloud!;
      return new DataTerraformRemoteState(scope, id, {
        organization: cloud.organization,
        hostname: cloud.hostname,
        workspaces: { name: where.workspace },
      });
    }
    case 'local':
      return new DataTerraformRemoteStateLocal(scope, id, { path: `${state.localDir}/${where.key}` });
  }
}
