import { Fail } from './fail';

/** A column of a Glue table: name and Hive/Athena type (`string`, `double`, `date`, `array<string>`, ...). */
export interface ColumnConfig {
  readonly name: string;
  readonly type: string;
  /** @default - none */
  readonly comment?: string;
}

/** An integer partition key projected by Athena (no crawler, no MSCK REPAIR): `year` 2015-2035. */
export interface ProjectedPartitionConfig {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** Zero-padded digits, for example 2 for `month=03`. @default - no padding */
  readonly digits?: number;
}

/** A Glue table over a data-lake prefix, in Parquet, with partition projection. */
export interface LakeTableConfig {
  /** Prefix under the data-lake bucket, for example `historical/opportunities/`. */
  readonly prefix: string;
  readonly columns: readonly ColumnConfig[];
  readonly partitions: readonly ProjectedPartitionConfig[];
  readonly description: string;
}

/** Athena over the data lake: the workgroup and the Glue catalog. */
export interface AnalyticsConfig {
  /** Bucket purpose (in `data.buckets`) holding the lake. */
  readonly lakeBucket: string;
  /** Bucket purpose (in `data.buckets`) receiving query results. */
  readonly resultsBucket: string;
  /** Largest scan a single query may make, in MB (Athena's minimum is 10). */
  readonly bytesScannedCutoffPerQueryMb: number;
  /** Glue tables keyed by table name (lower-case, underscores). */
  readonly tables: Readonly<Record<string, LakeTableConfig>>;
}

const COLUMN = /^[a-z_][a-z0-9_]{0,127}$/;
const TYPE = /^(string|boolean|tinyint|smallint|int|bigint|float|double|date|timestamp|binary|decimal\(\d+,\d+\)|varchar\(\d+\)|char\(\d+\)|array<.+>|map<.+>|struct<.+>)$/;

export function validateAnalytics(analytics: AnalyticsConfig, bucketPurposes: readonly string[], fail: Fail): void {
  for (const key of ['lakeBucket', 'resultsBucket'] as const) {
    if (!bucketPurposes.includes(analytics[key])) fail(`data.analytics.${key}`, analytics[key], 'is not a bucket in data.buckets', `use one of ${bucketPurposes.join(', ') || '(none configured)'}`);
  }
  if (analytics.lakeBucket === analytics.resultsBucket) fail('data.analytics.resultsBucket', analytics.resultsBucket, 'is the lake bucket', 'write query results to their own, expiring bucket');
  const cutoff = analytics.bytesScannedCutoffPerQueryMb;
  if (!(Number.isInteger(cutoff) && cutoff >= 10)) fail('data.analytics.bytesScannedCutoffPerQueryMb', cutoff, 'is below the 10 MB Athena accepts', 'use for example 10240 (10 GB)');
  for (const [name, table] of Object.entries(analytics.tables ?? {})) {
    const f = `data.analytics.tables.${name}`;
    if (!COLUMN.test(name)) fail('data.analytics.tables', name, 'is not a Glue table name', 'use lower-case letters, digits and underscores');
    if (!/^[a-z0-9][a-z0-9/_-]*\/$/.test(table.prefix ?? '')) fail(`${f}.prefix`, table.prefix, 'is not a prefix ending in /', 'use for example historical/opportunities/');
    if (!table.columns?.length) fail(`${f}.columns`, table.columns, 'is empty', 'list the columns of the data');
    const seen = new Set<string>();
    [...(table.columns ?? []), ...(table.partitions ?? []).map((p) => ({ name: p.name, type: 'int' }))].forEach((column) => {
      if (!COLUMN.test(column.name)) fail(`${f}.columns`, column.name, 'is not a column name', 'use lower-case letters, digits and underscores');
      if (!TYPE.test(column.type)) fail(`${f}.columns.${column.name}.type`, column.type, 'is not an Athena column type', 'use string, bigint, double, date, timestamp, decimal(p,s), ...');
      if (seen.has(column.name)) fail(`${f}.columns`, column.name, 'appears twice (partition keys count as columns)', 'give every column one name');
      seen.add(column.name);
    });
    for (const p of table.partitions ?? []) {
      if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && p.from <= p.to)) fail(`${f}.partitions.${p.name}`, `${p.from}-${p.to}`, 'is not an integer range', 'use for example from 2015 to 2035');
    }
  }
}
