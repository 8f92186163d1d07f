import { Fail } from './fail';

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttributeConfig {
  readonly name: string;
  readonly type: KeyType;
}

/** One DynamoDB table, named `<system>-<env>-<key>` (on demand, customer-managed KMS, PITR). */
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
   * Global secondary indexes keyed by index name (projection ALL).
   * @default {}
   */
  readonly globalSecondaryIndexes?: Readonly<Record<string, { readonly partitionKey: KeyAttributeConfig; readonly sortKey?: KeyAttributeConfig }>>;
  /**
   * DynamoDB stream of item changes.
   * @default - no stream (a table replicated to the secondary region always streams NEW_AND_OLD_IMAGES)
   */
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
}

const TABLE_KEY = /^[a-z][a-z0-9-]{1,40}$/;
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
const INDEX = /^[A-Za-z0-9_.-]{3,255}$/;

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
  }
}
