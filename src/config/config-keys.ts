import type { CiDeliveryConfig } from './delivery';
import { KeyShape } from './known-keys';
import { AiLayerConfig } from './layers/ai';
import { AnalyticsConfig } from './layers/analytics';
import { BackupConfig } from './layers/backup';
import { ComputeLayerConfig } from './layers/compute';
import { DataLayerConfig, UserPoolConfig } from './layers/data';
import { EdgeLayerConfig } from './layers/edge';
import { GovernanceConfig } from './layers/governance';
import { KeyAttributeConfig, TableConfig } from './layers/tables';
import { EnvironmentConfig, NetworkConfig } from './types';

// The known keys of every configuration section. Adding a field to an interface without adding it
// here (or the reverse) does not compile; see known-keys.ts.

const KEY_ATTRIBUTE: KeyShape<KeyAttributeConfig> = { name: true, type: true };

const NETWORK_FIELDS: KeyShape<NonNullable<NetworkConfig['secondary']>> = {
  vpcCidr: true,
  availabilityZones: true,
  publicSubnetCidrs: true,
  privateAppSubnetCidrs: true,
  privateDataSubnetCidrs: true,
  enableNatGateway: true,
  singleNatGateway: true,
  interfaceEndpoints: true,
  securityGroups: {
    $entries: {
      description: true,
      ingress: { $items: { port: true, toPort: true, protocol: true, description: true, peer: { securityGroup: true, cidr: true, prefixList: true } } },
      egress: { $items: { port: true, toPort: true, protocol: true, description: true, peer: { securityGroup: true, cidr: true, prefixList: true } } },
    },
  },
  endpointSecurityGroup: true,
  flowLogRetentionDays: true,
  dynamodbGatewayEndpoint: true,
  networkAcls: { databasePorts: true, managementCidr: true },
};

export const NETWORK_KEYS: KeyShape<NetworkConfig> = { ...NETWORK_FIELDS, secondary: NETWORK_FIELDS };

const TABLE_KEYS: KeyShape<TableConfig> = {
  partitionKey: KEY_ATTRIBUTE,
  sortKey: KEY_ATTRIBUTE,
  ttlAttribute: true,
  ttlHours: true,
  globalSecondaryIndexes: { $entries: { partitionKey: KEY_ATTRIBUTE, sortKey: KEY_ATTRIBUTE, projection: true } },
  stream: true,
  capacity: { read: true, write: true, autoScaling: { minCapacity: true, maxCapacity: true, targetUtilizationPercent: true } },
};

const ANALYTICS_KEYS: KeyShape<AnalyticsConfig> = {
  lakeBucket: true,
  resultsBucket: true,
  bytesScannedCutoffPerQueryMb: true,
  tables: {
    $entries: {
      prefix: true,
      description: true,
      columns: { $items: { name: true, type: true, comment: true } },
      partitions: { $items: { name: true, from: true, to: true, digits: true } },
    },
  },
};

const BACKUP_KEYS: KeyShape<BackupConfig> = {
  rules: { $entries: { schedule: true, deleteAfterDays: true, moveToColdStorageAfterDays: true, resources: true, copyToSecondaryRegion: true } },
  copyToSecondaryRegion: true,
  vaultLock: { minRetentionDays: true, maxRetentionDays: true, changeableForDays: true },
};

const USER_POOL_KEYS: KeyShape<UserPoolConfig> = {
  advancedSecurityMode: true,
  groups: { $items: { name: true, description: true, precedence: true } },
  appSubdomain: true,
  hostedUiSubdomain: true,
  appClients: { $entries: { subdomain: true } },
  accessTokenValidityMinutes: true,
  idTokenValidityMinutes: true,
  refreshTokenValidityDays: true,
  rememberDevices: true,
  identityPool: { allowUnauthenticatedIdentities: true },
};

export const DATA_KEYS: KeyShape<DataLayerConfig> = {
  aurora: {
    engineVersion: true,
    minCapacity: true,
    maxCapacity: true,
    autoPauseSeconds: true,
    instanceCount: true,
    backupRetentionDays: true,
    databaseName: true,
    masterUsername: true,
    masterPasswordRotationDays: true,
    connectionsAlarmThreshold: true,
    readLatencyAlarmSeconds: true,
    monitoringIntervalSeconds: true,
  },
  search: { engineVersion: true, instanceType: true, instanceCount: true, volumeSizeGb: true, createServiceLinkedRole: true, adminPrincipalArns: true, dedicatedMasters: { instanceType: true, count: true } },
  buckets: {
    $entries: {
      infrequentAccessAfterDays: true,
      expireAfterDays: true,
      intelligentTiering: true,
      replicate: true,
      recoveryClass: true,
      glacierAfterDays: true,
      abortIncompleteUploadsAfterDays: true,
      prefixExpirations: { $entries: true },
      encryption: true,
    },
  },
  logsBucketExpirationDays: true,
  logsBucketGlacierAfterDays: true,
  userPool: USER_POOL_KEYS,
  containerRepositories: true,
  containerImageRetention: { prodImagesKept: true, devImagesKept: true, untaggedExpiryDays: true },
  enhancedImageScanning: true,
  secrets: { $items: { id: true, name: true, description: true, generatedLength: true } },
  logRetentionDays: true,
  tables: { $entries: TABLE_KEYS },
  replicateToSecondaryRegion: true,
  analytics: ANALYTICS_KEYS,
  backup: BACKUP_KEYS,
  databases: {
    $entries: {
      engineVersion: true,
      instanceClass: true,
      readerCount: true,
      backupRetentionDays: true,
      databaseName: true,
      masterUsername: true,
      performanceInsightsRetentionDays: true,
      monitoringIntervalSeconds: true,
      readOnlyProxyEndpoint: true,
      proxyMaxConnectionsPercent: true,
      rdsProxy: true,
      readerAutoScaling: { minReaders: true, maxReaders: true, targetCpuPercent: true, scaleInCooldownSeconds: true, scaleOutCooldownSeconds: true },
      backupWindow: true,
      maintenanceWindow: true,
      masterPasswordRotationDays: true,
      globalSecondary: { instanceCount: true },
    },
  },
  cache: {
    engineVersion: true,
    nodeType: true,
    numCacheClusters: true,
    multiAz: true,
    snapshotRetentionDays: true,
    snapshotWindow: true,
    maintenanceWindow: true,
    parameters: { $entries: true },
    authTokenSecret: true,
  },
};

export const AI_KEYS: KeyShape<AiLayerConfig> = {
  modelIds: true,
  inferenceProfileIds: true,
  embeddingModelId: true,
  embeddingDimensions: true,
  knowledgeBaseSyncSchedule: true,
  chunkMaxTokens: true,
  chunkOverlapPercentage: true,
  vectorStoreStandbyReplicas: true,
  agentcoreImageTag: true,
  memoryEventExpiryDays: true,
  agentIdleSessionTtlSeconds: true,
  promptCandidatePercent: true,
  logRetentionDays: true,
};

export const COMPUTE_KEYS: KeyShape<ComputeLayerConfig> = {
  services: {
    $entries: {
      cpu: true,
      memory: true,
      minTasks: true,
      maxTasks: true,
      desiredTasks: true,
      imageTag: true,
      requestsPerTarget: true,
      scaling: { cpuTarget: true, memoryTarget: true, scaleOutCooldownSeconds: true, scaleInCooldownSeconds: true, queueBacklogPerTask: true },
    },
  },
  github: { repository: true, branch: true, oidcProviderArn: true },
  functions: { $entries: { timeoutSeconds: true, memoryMb: true, reservedConcurrency: true, provisionedConcurrency: true, layerArns: true } },
  restApi: {
    stageName: true,
    throttle: { rateLimit: true, burstLimit: true },
    quota: { limit: true, period: true },
    corsOrigins: true,
    apiKeys: true,
    authorization: true,
    stageVariables: { $entries: true },
    customDomain: { subdomain: true, secondarySubdomain: true },
  },
  lambdaDeploymentConfig: true,
  standbyInSecondaryRegion: true,
  internalLoadBalancerTls: true,
  targetTls: { repository: true, imageTag: true, port: true },
  capacity: { onDemandBase: true, onDemandWeight: true, spotWeight: true },
  logRetentionDays: true,
  offHours: { stopSchedule: true, startSchedule: true, timezone: true },
  httpApi: { throttle: { rateLimit: true, burstLimit: true } },
  gpuCapacity: { amiId: true, instanceType: true, maxInstances: true, services: true, gpusPerTask: true },
  bedrockModelIds: true,
};

export const EDGE_KEYS: KeyShape<EdgeLayerConfig> = {
  domainName: true,
  hostedZoneId: true,
  enableShieldAdvanced: true,
  wafRateLimit: true,
  wafBlockedCountries: true,
  wafLogRetentionDays: true,
  wafAllowedIps: true,
  apiFailover: { subdomain: true, primarySubdomain: true, secondarySubdomain: true },
  delivery: { repository: true, branch: true, buildLogRetentionDays: true },
};

export const GOVERNANCE_KEYS: KeyShape<GovernanceConfig> = {
  alertEmail: true,
  monthlyBudgetUsd: true,
  budgetThresholdsPercent: true,
  auditLogRetentionDays: true,
  replicateAuditTrail: true,
  anomalyThresholdUsd: true,
  centralLogging: { accountId: true, bucketName: true, secondaryRegionBucketName: true, cloudTrailKmsKeyArn: true, wafBucketName: true },
};

export const ENVIRONMENT_KEYS: KeyShape<EnvironmentConfig> = {
  system: true,
  env: true,
  accountId: true,
  region: true,
  secondaryRegion: true,
  accountSingletons: true,
  deployRoleArn: true,
  project: true,
  owner: true,
  costCenter: true,
  protectStatefulResources: true,
  network: NETWORK_KEYS,
  data: DATA_KEYS,
  ai: AI_KEYS,
  compute: COMPUTE_KEYS,
  edge: EDGE_KEYS,
  policySuppressions: { $items: { ruleId: true, reason: true, layer: true, resource: true } },
  governance: GOVERNANCE_KEYS,
};

export const CI_DELIVERY_KEYS: KeyShape<CiDeliveryConfig> = {
  repository: true,
  branch: true,
  oidcSubjectPrefix: true,
  awsRegion: true,
  runner: true,
  artifactRetentionDays: true,
  applyDependents: true,
  environments: {
    dev: { githubEnvironment: true, requiresApproval: true, planRoleArn: true, applyRoleArn: true },
    staging: { githubEnvironment: true, requiresApproval: true, planRoleArn: true, applyRoleArn: true },
    prod: { githubEnvironment: true, requiresApproval: true, planRoleArn: true, applyRoleArn: true },
  },
};
