/**
 * The traffic the "depends on traffic" part of the estimate assumes: one small, steady workload per
 * resource, the same in every environment. Every usage line of the report names the numbers it used
 * from here. Edit a value to model your own traffic; the configured-capacity part of the estimate
 * (instance hours, tasks, provisioned capacity, endpoints) does not depend on this file.
 */
export interface UsageAssumptions {
  /** Hours in a billing month (AWS pricing examples use 730). */
  readonly hoursPerMonth: number;
  /** GB processed per NAT gateway per month. */
  readonly natGbPerGateway: number;
  /** Average LCUs of an ALB / NLCUs of an NLB over the month. */
  readonly albLcu: number;
  readonly nlbNlcu: number;
  /** GB processed per interface endpoint per month. */
  readonly endpointGb: number;
  /** Invocations per Lambda function per month, and their average duration. */
  readonly lambdaInvocations: number;
  readonly lambdaAverageMs: number;
  /** Aurora: storage and I/O per cluster; serverless v2 capacity above the floor while busy. */
  readonly auroraStorageGb: number;
  readonly auroraIoMillions: number;
  readonly auroraServerlessExtraAcu: number;
  readonly auroraServerlessBusyHours: number;
  /** Replicated write I/Os per month of a global database (millions). */
  readonly auroraGlobalReplicatedIoMillions: number;
  /** DynamoDB per table: on-demand requests (millions) and stored GB (also the PITR size). */
  readonly dynamodbWriteMillions: number;
  readonly dynamodbReadMillions: number;
  readonly dynamodbStorageGb: number;
  readonly opensearchServerlessStorageGb: number;
  readonly elasticacheBackupGb: number;
  /** Kinesis: GB ingested and PUT payload units (millions) per stream. */
  readonly kinesisIngestGb: number;
  readonly kinesisPutMillions: number;
  readonly s3StorageGbPerBucket: number;
  readonly s3ReplicatedGb: number;
  readonly backupGbPerVault: number;
  /** CloudWatch Logs ingested per log group per month (stored for its retention, at most 12 months). */
  readonly logGbPerGroup: number;
  /** Vended logs (WAF, flow logs, delivery sources) per log destination per month. */
  readonly vendedLogGb: number;
  readonly flowLogGb: number;
  readonly containerInsightsGbPerCluster: number;
  readonly sqsRequestMillions: number;
  readonly snsPublishMillions: number;
  readonly eventBusEventMillions: number;
  readonly eventArchiveGb: number;
  readonly stepFunctionsStandardTransitionsThousands: number;
  readonly stepFunctionsExpressExecutionMillions: number;
  readonly stepFunctionsExpressSeconds: number;
  readonly stepFunctionsExpressMemoryGb: number;
  readonly apiRequestMillions: number;
  readonly cloudfrontGbOut: number;
  readonly cloudfrontRequestMillions: number;
  readonly cloudfrontFunctionMillions: number;
  readonly wafRequestMillions: number;
  readonly cognitoMonthlyActiveUsers: number;
  readonly codebuildMinutesPerProject: number;
  readonly pipelineActionMinutes: number;
  readonly ecrGbPerRepository: number;
  readonly ecrImageScans: number;
  readonly secretApiCalls: number;
  readonly kmsRequests: number;
  readonly route53QueryMillionsPerZone: number;
  readonly xrayTraceMillions: number;
  readonly athenaTbScanned: number;
  readonly cloudtrailDataEventsPerTrail: number;
  readonly metricFilterMetrics: number;
}

export const ASSUMPTIONS: UsageAssumptions = {
  hoursPerMonth: 730,
  natGbPerGateway: 50,
  albLcu: 1,
  nlbNlcu: 1,
  endpointGb: 10,
  lambdaInvocations: 1_000_000,
  lambdaAverageMs: 200,
  auroraStorageGb: 20,
  auroraIoMillions: 10,
  // One ACU above the floor during ~30% of the month (working hours); idle the rest.
  auroraServerlessExtraAcu: 1,
  auroraServerlessBusyHours: 219,
  auroraGlobalReplicatedIoMillions: 10,
  dynamodbWriteMillions: 1,
  dynamodbReadMillions: 5,
  dynamodbStorageGb: 1,
  opensearchServerlessStorageGb: 1,
  elasticacheBackupGb: 1,
  kinesisIngestGb: 10,
  kinesisPutMillions: 1,
  s3StorageGbPerBucket: 10,
  s3ReplicatedGb: 1,
  backupGbPerVault: 10,
  logGbPerGroup: 1,
  vendedLogGb: 1,
  flowLogGb: 5,
  containerInsightsGbPerCluster: 1,
  sqsRequestMillions: 1,
  snsPublishMillions: 1,
  eventBusEventMillions: 1,
  eventArchiveGb: 1,
  stepFunctionsStandardTransitionsThousands: 100,
  stepFunctionsExpressExecutionMillions: 0.1,
  stepFunctionsExpressSeconds: 2,
  stepFunctionsExpressMemoryGb: 0.0625,
  apiRequestMillions: 1,
  cloudfrontGbOut: 10,
  cloudfrontRequestMillions: 1,
  cloudfrontFunctionMillions: 1,
  wafRequestMillions: 1,
  cognitoMonthlyActiveUsers: 100,
  codebuildMinutesPerProject: 100,
  pipelineActionMinutes: 100,
  ecrGbPerRepository: 5,
  ecrImageScans: 100,
  secretApiCalls: 10_000,
  kmsRequests: 10_000,
  route53QueryMillionsPerZone: 1,
  xrayTraceMillions: 0.1,
  athenaTbScanned: 0.01,
  cloudtrailDataEventsPerTrail: 1_000_000,
  metricFilterMetrics: 1,
};
