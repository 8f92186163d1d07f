import { Fail } from './fail';

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttributeConfig {
  readonly name: string;
  readonly type: KeyType;
}

/** Attributes a global secondary index carries: all, the keys only, or the keys plus these (INCLUDE). */
export type IndexProjection = 'ALL' | 'KEYS_ONLY' | readonly string[];

export interface IndexConfig {
  readonly partitionKey: KeyAttributeConfig;
  /** @default - partition key only */
  readonly sortKey?: KeyAttributeConfig;
  /**
   * Attributes projected into the index.
   * @default 'ALL'
   */
  readonly projection?: IndexProjection;
}

/** Provisioned capacity of a table (and its indexes), optionally auto scaled. */
export interface TableCapacityConfig {
  /** Read capacity units (the initial value when auto scaled), 1-40000. */
  readonly read: number;
  /** Write capacity units (the initial value when auto scaled), 1-40000. */
  readonly write: number;
  /**
   * Target tracking of read and write capacity between the same bounds (tables and indexes).
   * @default - fixed capacity
   */
  readonly autoScaling?: TableAutoScalingConfig;
}

export interface TableAutoScalingConfig {
  /** Fewest capacity units (1-40000, at most `read` and `write`). */
  readonly minCapacity: number;
  /** Most capacity units (1-40000, at least `read` and `write`). */
  readonly maxCapacity: number;
  /** Consumed/provisioned capacity (%) held, 20-90. */
  readonly targetUtilizationPercent: number;
}

/** One DynamoDB table, named `<system>-<env>-<key>` (on demand unless `capacity`, customer-managed KMS, PITR). */
export interface TableConfig {
  readonly partitionKey: KeyAttributeConfig;
  /** @default - partition key only */
  readonly sortKey?: KeyAttributeConfig;
  /**
   * Attribute holding each item's expiry (epoch seconds); DynamoDB deletes expired items.
   * @default - items never expire
   */
  readonly ttlAttribute?: string;
  /**
   * How long the application keeps an item: it writes `ttlAttribute` = now + this (functions get it
   * as an environment variable). Needs `ttlAttribute`.
   * @default - no expiry
   */
  readonly ttlHours?: number;
  /**
   * Global secondary indexes keyed by index name.
   * @default {}
   */
  readonly globalSecondaryIndexes?: Readonly<Record<string, IndexConfig>>;
  /**
   * DynamoDB stream of item changes.
   * @default - no stream (a table replicated to the secondary region always streams NEW_AND_OLD_IMAGES)
   */
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /**
   * Provisioned capacity (PROVISIONED billing), shared by the indexes. Not with
   * `replicateToSecondaryRegion`: global tables are on demand here.
   * @default - on demand (PAY_PER_REQUEST)
   */
  readonly capacity?: TableCapacityConfig;
}

const TABLE_KEY = /^[a-z][a-z0-9-]{1,40}$/;
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
const INDEX = /^[A-Za-z0-9_.-]{3,255}$/;
// DynamoDB's default per-table capacity quota.
const MAX_UNITS = 40000;

export function validateTables(tables: Readonly<Record<string, TableConfig>>, fail: Fail): void {
  for (const [name, table] of Object.entries(tables)) {
    const f = `data.tables.${name}`;
    if (!TABLE_KEY.test(name)) fail('data.tables', name, 'is not a table key (2-41 lower-case letters, digits, dashes)', 'use a name such as user-sessions');
    const types = new Map<string, KeyType>();
    const key = (field: string, attr: KeyAttributeConfig | undefined) => {
      if (!attr) return;
      if (!ATTRIBUTE.test(attr.name ?? '')) fail(`${field}.name`, attr.name, 'is not a DynamoDB attribute name', 'use letters, digits and _ . -');
      if (!['S', 'N', 'B'].includes(attr.type)) fail(`${field}.type`, attr.type, 'is not a key type', "use 'S', 'N' or 'B'");
      const known = types.get(attr.name);
      if (known && known !== attr.type) fail(`${field}.type`, attr.type, `differs from the type ${known} that ${attr.name} has elsewhere in the table`, 'give an attribute one type in every key');
      types.set(attr.name, attr.type);
    };
    if (!table.partitionKey) fail(`${f}.partitionKey`, undefined, 'is required', "give { name, type: 'S' }");
    key(`${f}.partitionKey`, table.partitionKey);
    key(`${f}.sortKey`, table.sortKey);
    const indexes = Object.entries(table.globalSecondaryIndexes ?? {});
    if (indexes.length > 20) fail(`${f}.globalSecondaryIndexes`, indexes.length, 'exceeds the 20 global secondary indexes DynamoDB allows', 'drop or merge indexes');
    for (const [index, spec] of indexes) {
      if (!INDEX.test(index)) fail(`${f}.globalSecondaryIndexes`, index, 'is not an index name (3-255 letters, digits, _ . -)', 'use a name such as customerId-timestamp-index');
      key(`${f}.globalSecondaryIndexes.${index}.partitionKey`, spec.partitionKey);
      key(`${f}.globalSecondaryIndexes.${index}.sortKey`, spec.sortKey);
      validateProjection(`${f}.globalSecondaryIndexes.${index}.projection`, spec.projection, fail);
    }
    if (table.ttlAttribute !== undefined) {
      if (!ATTRIBUTE.test(table.ttlAttribute)) fail(`${f}.ttlAttribute`, table.ttlAttribute, 'is not a DynamoDB attribute name', 'use for example expiresAt');
      const typed = types.get(table.ttlAttribute);
      if (typed && typed !== 'N') fail(`${f}.ttlAttribute`, table.ttlAttribute, `is a key of type ${typed}; TTL needs a Number of epoch seconds`, 'use a separate attribute such as expiresAt');
    }
    if (table.ttlHours !== undefined) {
      if (!(Number.isInteger(table.ttlHours) && table.ttlHours > 0)) fail(`${f}.ttlHours`, table.ttlHours, 'is not a whole number of hours above 0', 'use for example 24 (a day) or 168 (a week)');
      if (table.ttlAttribute === undefined) fail(`${f}.ttlHours`, table.ttlHours, 'needs ttlAttribute', 'name the attribute that holds the expiry, for example expiresAt');
    }
    if (table.stream !== undefined && !['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'].includes(table.stream)) {
      fail(`${f}.stream`, table.stream, 'is not a stream view type', 'use NEW_AND_OLD_IMAGES, NEW_IMAGE, OLD_IMAGE or KEYS_ONLY');
    }
    if (table.capacity !== undefined) validateCapacity(`${f}.capacity`, table.capacity, fail);
  }
}

function validateProjection(field: string, projection: IndexProjection | undefined, fail: Fail): void {
  if (projection === undefined || projection === 'ALL' || projection === 'KEYS_ONLY') return;
  if (!Array.isArray(projection)) fail(field, projection, 'is not a projection', "use 'ALL', 'KEYS_ONLY' or a list of attribute names to include");
  if (projection.length === 0 || projection.length > 100) fail(field, projection, 'is not 1 to 100 attribute names', "list the attributes to include, or use 'KEYS_ONLY'");
  projection.forEach((name, i) => {
    if (!ATTRIBUTE.test(name ?? '')) fail(`${field}[${i}]`, name, 'is not a DynamoDB attribute name', 'use letters, digits and _ . -');
  });
  if (new Set(projection).size !== projection.length) fail(field, projection, 'repeats an attribute', 'list each attribute once');
}

function validateCapacity(f: string, capacity: TableCapacityConfig, fail: Fail): void {
  const units = (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_UNITS;
  if (!units(capacity.read)) fail(`${f}.read`, capacity.read, `is not 1 to ${MAX_UNITS} capacity units`, 'use for example 10');
  if (!units(capacity.write)) fail(`${f}.write`, capacity.write, `is not 1 to ${MAX_UNITS} capacity units`, 'use for example 5');
  const scaling = capacity.autoScaling;
  if (!scaling) return;
  if (!units(scaling.minCapacity)) fail(`${f}.autoScaling.minCapacity`, scaling.minCapacity, `is not 1 to ${MAX_UNITS} capacity units`, 'use for example 5');
  if (!units(scaling.maxCapacity)) fail(`${f}.autoScaling.maxCapacity`, scaling.maxCapacity, `is not 1 to ${MAX_UNITS} capacity units`, 'use for example 200');
  if (scaling.minCapacity > scaling.maxCapacity) fail(`${f}.autoScaling.minCapacity`, scaling.minCapacity, `is above maxCapacity (${scaling.maxCapacity})`, 'make minCapacity <= maxCapacity');
  for (const unit of ['read', 'write'] as const) {
    if (capacity[unit] < scaling.minCapacity || capacity[unit] > scaling.maxCapacity) {
      fail(`${f}.${unit}`, capacity[unit], `is outside autoScaling ${scaling.minCapacity}-${scaling.maxCapacity}`, 'start within the scaling bounds');
    }
  }
  const target = scaling.targetUtilizationPercent;
  if (!(typeof target === 'number' && target >= 20 && target <= 90)) fail(`${f}.autoScaling.targetUtilizationPercent`, target, 'is outside the 20-90 % DynamoDB auto scaling accepts', 'use for example 70');
}
