import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { DynamodbTable, DynamodbTableAttribute, DynamodbTableGlobalSecondaryIndex } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** DynamoDB scalar key types: string, number, binary. */
export type KeyAttributeType = 'S' | 'N' | 'B';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface TableKey {
  /** Attribute name. */
  readonly name: string;
  readonly type: KeyAttributeType;
}

export interface GlobalSecondaryIndex {
  readonly partitionKey: TableKey;
  /**
   * Sort key of the index.
   * @default - partition key only
   */
  readonly sortKey?: TableKey;
  /**
   * Attributes projected into the index: `'ALL'`, `'KEYS_ONLY'`, or the non-key attributes to
   * include besides the keys (INCLUDE).
   * @default 'ALL'
   */
  readonly projection?: 'ALL' | 'KEYS_ONLY' | readonly string[];
  /**
   * Provisioned capacity of the index; only with a provisioned table. Its `autoScaling` needs the
   * table's `capacity.autoScaling`.
   * @default - the table's `capacity` (none when on-demand)
   */
  readonly capacity?: TableCapacity;
}

/** Application Auto Scaling of provisioned read and write capacity (the same bounds for both). */
export interface CapacityAutoScaling {
  /** Fewest capacity units (1-40000, at most the initial `read` and `write`). */
  readonly minCapacity: number;
  /** Most capacity units (1-40000, at least the initial `read` and `write`). */
  readonly maxCapacity: number;
  /** Consumed/provisioned capacity (%) target tracking holds (20-90). */
  readonly targetUtilizationPercent: number;
}

export interface TableCapacity {
  /** Initial (with `autoScaling`) or fixed read capacity units. */
  readonly read: number;
  /** Initial (with `autoScaling`) or fixed write capacity units. */
  readonly write: number;
  /**
   * Scale the read and write capacity between `minCapacity` and `maxCapacity` with target tracking
   * (DynamoDBReadCapacityUtilization / DynamoDBWriteCapacityUtilization). On the table's capacity
   * it also scales every index (an index's own `capacity.autoScaling` overrides the bounds).
   * Terraform then ignores drift of the provisioned capacity (`ignore_changes`) so it does not
   * undo the scaler; with indexes that means the whole `global_secondary_index` block (Terraform
   * cannot ignore one nested attribute of it), so a later change to the index definitions is not
   * applied while autoscaling is on: lift the ignore for that one apply
   * (`table.addOverride('lifecycle.ignore_changes', ['read_capacity', 'write_capacity'])`).
   * @default - fixed capacity
   */
  readonly autoScaling?: CapacityAutoScaling;
}

export interface TableReplica {
  /** Region of the replica, for example the environment's `secondaryRegion` (us-west-2). */
  readonly region: string;
  /** Customer-managed KMS key in that region that encrypts the replica. */
  readonly kmsKeyArn: string;
}

export interface AppTableProps extends ProviderScopedProps {
  /** Table name (3-255 letters, digits, `_ . -`), for example `<system>-<env>-sessions`. */
  readonly tableName: string;
  readonly partitionKey: TableKey;
  /**
   * Sort key of the table.
   * @default - partition key only
   */
  readonly sortKey?: TableKey;
  /** Customer-managed KMS key that encrypts the table (DDB-01). */
  readonly kmsKeyArn: string;
  /**
   * Provisioned read/write capacity; not with replicas (global tables need on-demand or auto scaling).
   * @default - on-demand (PAY_PER_REQUEST)
   */
  readonly capacity?: TableCapacity;
  /**
   * Deletion protection (DDB-01 asks for it in prod; keep it on unless the environment is disposable).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Days of point-in-time recovery (1-35); PITR is always on.
   * @default 35
   */
  readonly pointInTimeRecoveryDays?: number;
  /**
   * Attribute holding the expiry time (epoch seconds, a Number) for TTL.
   * @default - no TTL
   */
  readonly ttlAttribute?: string;
  /**
   * Global secondary indexes keyed by index name.
   * @default {}
   */
  readonly globalSecondaryIndexes?: Readonly<Record<string, GlobalSecondaryIndex>>;
  /**
   * DynamoDB stream. Replicas need NEW_AND_OLD_IMAGES.
   * @default - no stream; NEW_AND_OLD_IMAGES when there are replicas
   */
  readonly streamViewType?: StreamViewType;
  /**
   * Global-table replicas (version 2019.11.21), each with its own region's KMS key, PITR and the
   * table's tags.
   * @default []
   */
  readonly replicas?: readonly TableReplica[];
}

const NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const KMS_ARN_REGION = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:/;
const MAX_GLOBAL_SECONDARY_INDEXES = 20;
// The default per-table capacity quota of an account.
const MAX_CAPACITY_UNITS = 40000;
const MIN_TARGET_UTILIZATION = 20;
const MAX_TARGET_UTILIZATION = 90;
const MAX_POLICY_NAME = 256;
const SCALED_UNITS = [
  ['read', 'ReadCapacityUnits', 'DynamoDBReadCapacityUtilization'],
  ['write', 'WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization'],
] as const;

/**
 * A DynamoDB table as DDB-01 asks: customer-managed KMS encryption, point-in-time recovery and
 * deletion protection, on-demand by default. Attribute definitions are derived from the keys of
 * the table and its global secondary indexes (one type per attribute); replicas make it a global
 * table, each replica with its own KMS key and PITR.
 */
export class AppTable extends Construct {
  readonly table: DynamodbTable;
  /** Scalable targets of the capacity (table read and write, then each index's), when it autoscales. */
  readonly scalingTargets: AppautoscalingTarget[] = [];
  /** Target tracking policies, one per scalable target, in the same order. */
  readonly scalingPolicies: AppautoscalingPolicy[] = [];

  constructor(scope: Construct, id: string, props: AppTableProps) {
    super(scope, id);
    const label = `AppTable ${props.tableName}`;
    const indexes = Object.entries(props.globalSecondaryIndexes ?? {});
    const replicas = props.replicas ?? [];
    const deletionProtection = props.deletionProtection ?? true;
    const pitrDays = props.pointInTimeRecoveryDays ?? 35;
    const streamViewType = props.streamViewType ?? (replicas.length > 0 ? 'NEW_AND_OLD_IMAGES' : undefined);
    const capacity = props.capacity;

    if (!Token.isUnresolved(props.tableName) && !NAME.test(props.tableName)) {
      throw new Error(`${label}: the table name is not 3-255 letters, digits, "_", "." or "-"; rename it`);
    }
    if (!Number.isInteger(pitrDays) || pitrDays < 1 || pitrDays > 35) {
      throw new Error(`${label}: pointInTimeRecoveryDays ${pitrDays} is outside 1-35; use 35 unless the data must age out sooner`);
    }
    if (capacity) checkCapacity(label, 'capacity', capacity);
    const tableScaling = capacity?.autoScaling;
    if (capacity && tableScaling) checkAutoScaling(label, 'capacity', capacity, tableScaling);
    if (indexes.length > MAX_GLOBAL_SECONDARY_INDEXES) {
      throw new Error(`${label}: ${indexes.length} global secondary indexes exceed DynamoDB's ${MAX_GLOBAL_SECONDARY_INDEXES}; merge indexes (overloaded keys) or split the table`);
    }
    for (const [name, index] of indexes) {
      if (!NAME.test(name)) throw new Error(`${label}: index name "${name}" is not 3-255 letters, digits, "_", "." or "-"; rename it`);
      if (index.capacity && !capacity) throw new Error(`${label}: index ${name} has a capacity but the table is on-demand; drop the index capacity or give the table one`);
      if (index.capacity) checkCapacity(label, `index ${name} capacity`, index.capacity);
      if (index.capacity?.autoScaling && !tableScaling) {
        throw new Error(`${label}: index ${name} has capacity.autoScaling but the table's capacity has none; give the table capacity.autoScaling too (Terraform can only ignore the capacity of all indexes together)`);
      }
      const indexScaling = index.capacity?.autoScaling ?? tableScaling;
      if (indexScaling) checkAutoScaling(label, `index ${name} capacity`, index.capacity ?? capacity!, indexScaling);
      if (Array.isArray(index.projection) && index.projection.length === 0) {
        throw new Error(`${label}: index ${name} projects an empty attribute list; list the attributes to include or use 'KEYS_ONLY'`);
      }
    }

    const attributes = keyAttributes(label, [
      ['the table', props.partitionKey, props.sortKey],
      ...indexes.map(([name, index]): KeySchema => [`index ${name}`, index.partitionKey, index.sortKey]),
    ]);
    if (props.ttlAttribute !== undefined) {
      const keyType = attributes.find((a) => a.name === props.ttlAttribute)?.type;
      if (keyType !== undefined && keyType !== 'N') {
        throw new Error(`${label}: TTL attribute "${props.ttlAttribute}" is a key of type ${keyType}; TTL reads epoch seconds from a Number attribute, use another attribute`);
      }
    }

    if (replicas.length > 0) {
      if (capacity) throw new Error(`${label}: replicas need on-demand capacity (a provisioned global table needs write auto scaling in every replica region, which AppTable does not manage); drop capacity`);
      if (streamViewType !== 'NEW_AND_OLD_IMAGES') {
        throw new Error(`${label}: streamViewType ${streamViewType} with replicas; global tables replicate through a NEW_AND_OLD_IMAGES stream, use that or leave it unset`);
      }
    }
    const regions = new Set<string>();
    for (const replica of replicas) {
      if (!REGION.test(replica.region)) throw new Error(`${label}: replica region "${replica.region}" is not a region name such as us-west-2`);
      if (regions.has(replica.region)) throw new Error(`${label}: two replicas in ${replica.region}; give each region once`);
      regions.add(replica.region);
      const keyRegion = Token.isUnresolved(replica.kmsKeyArn) ? undefined : KMS_ARN_REGION.exec(replica.kmsKeyArn)?.[1];
      if (!Token.isUnresolved(replica.kmsKeyArn) && keyRegion === undefined) {
        throw new Error(`${label}: replica ${replica.region} kmsKeyArn "${replica.kmsKeyArn}" is not a KMS key ARN; give the ARN of a customer-managed key in ${replica.region}`);
      }
      if (keyRegion !== undefined && keyRegion !== replica.region) {
        throw new Error(`${label}: replica ${replica.region} is encrypted with a key in ${keyRegion}; KMS keys are regional, give a key in ${replica.region}`);
      }
    }

    const indexCapacity = (index: GlobalSecondaryIndex) => index.capacity ?? capacity;
    // The scaler changes the provisioned capacity; Terraform must not set it back.
    const ignoreChanges = tableScaling ? ['read_capacity', 'write_capacity', ...(indexes.length > 0 ? ['global_secondary_index'] : [])] : undefined;
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: capacity ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      readCapacity: capacity?.read,
      writeCapacity: capacity?.write,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: attributes,
      globalSecondaryIndex: indexes.length === 0 ? undefined : indexes.map(([name, index]): DynamodbTableGlobalSecondaryIndex => ({
        name,
        hashKey: index.partitionKey.name,
        rangeKey: index.sortKey?.name,
        ...projectionOf(index.projection ?? 'ALL'),
        readCapacity: indexCapacity(index)?.read,
        writeCapacity: indexCapacity(index)?.write,
      })),
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: pitrDays },
      deletionProtectionEnabled: deletionProtection,
      ttl: props.ttlAttribute !== undefined ? { attributeName: props.ttlAttribute, enabled: true } : undefined,
      streamEnabled: streamViewType !== undefined,
      streamViewType,
      replica: replicas.length === 0 ? undefined : replicas.map((r) => ({ regionName: r.region, kmsKeyArn: r.kmsKeyArn, pointInTimeRecovery: true, propagateTags: true })),
      lifecycle: ignoreChanges ? { ignoreChanges } : undefined,
    });

    if (tableScaling) {
      this.scale(label, 'table', `table/${this.table.name}`, 'table', props.tableName, tableScaling);
      for (const [name, index] of indexes) {
        this.scale(label, `index-${name}`, `table/${this.table.name}/index/${name}`, 'index', `${props.tableName}-${name}`, index.capacity?.autoScaling ?? tableScaling);
      }
    }
    useProvider(this, props.provider);
  }

  /** A read and a write scalable target with their target tracking policies on one table or index. */
  private scale(label: string, idPrefix: string, resourceId: string, kind: 'table' | 'index', policyPrefix: string, scaling: CapacityAutoScaling): void {
    for (const [unit, dimension, metric] of SCALED_UNITS) {
      const policyName = `${policyPrefix}-${unit}-utilization`;
      if (!Token.isUnresolved(policyName) && policyName.length > MAX_POLICY_NAME) {
        throw new Error(`${label}: scaling policy name "${policyName}" is longer than ${MAX_POLICY_NAME} characters; shorten the table or index name`);
      }
      const target = new AppautoscalingTarget(this, `${idPrefix}-${unit}-scaling-target`, {
        serviceNamespace: 'dynamodb',
        scalableDimension: `dynamodb:${kind}:${dimension}`,
        resourceId,
        minCapacity: scaling.minCapacity,
        maxCapacity: scaling.maxCapacity,
      });
      this.scalingTargets.push(target);
      this.scalingPolicies.push(new AppautoscalingPolicy(this, `${idPrefix}-${unit}-scaling-policy`, {
        name: policyName,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: scaling.targetUtilizationPercent,
          predefinedMetricSpecification: { predefinedMetricType: metric },
        },
      }));
    }
  }

  get name(): string {
    return this.table.name;
  }

  get arn(): string {
    return this.table.arn;
  }

  /** ARN of the table's stream (empty when the table has no stream). */
  get streamArn(): string {
    return this.table.streamArn;
  }
}

/** Where a key schema comes from, its partition key and its optional sort key. */
type KeySchema = [string, TableKey, TableKey | undefined];

/** One attribute definition per key attribute, in order of first use; one type per attribute. */
function keyAttributes(label: string, schemas: readonly KeySchema[]): DynamodbTableAttribute[] {
  const seen = new Map<string, { type: KeyAttributeType; where: string }>();
  for (const [owner, partitionKey, sortKey] of schemas) {
    if (sortKey && sortKey.name === partitionKey.name) {
      throw new Error(`${label}: ${owner} uses "${partitionKey.name}" as both partition and sort key; pick another sort key or drop it`);
    }
    const keys: [string, TableKey][] = [[`${owner}'s partition key`, partitionKey], ...(sortKey ? [[`${owner}'s sort key`, sortKey] as [string, TableKey]] : [])];
    for (const [where, key] of keys) {
      if (!['S', 'N', 'B'].includes(key.type)) throw new Error(`${label}: ${where} "${key.name}" has type "${key.type}"; key attributes are S, N or B`);
      if (key.name.length === 0) throw new Error(`${label}: ${where} has an empty attribute name; name it`);
      const first = seen.get(key.name);
      if (first && first.type !== key.type) {
        throw new Error(`${label}: attribute "${key.name}" is ${first.type} as ${first.where} and ${key.type} as ${where}; an attribute has one type, make them agree`);
      }
      if (!first) seen.set(key.name, { type: key.type, where });
    }
  }
  return [...seen].map(([name, { type }]) => ({ name, type }));
}

function projectionOf(projection: 'ALL' | 'KEYS_ONLY' | readonly string[]): Pick<DynamodbTableGlobalSecondaryIndex, 'projectionType' | 'nonKeyAttributes'> {
  if (typeof projection === 'string') return { projectionType: projection };
  return { projectionType: 'INCLUDE', nonKeyAttributes: [...projection] };
}

function checkCapacity(label: string, what: string, capacity: TableCapacity): void {
  for (const [unit, value] of [['read', capacity.read], ['write', capacity.write]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${label}: ${what}.${unit} is ${value}; give a whole number of capacity units (1 or more)`);
  }
}

/** Bounds in 1-40000 with min <= initial <= max for read and write, target 20-90 %. */
function checkAutoScaling(label: string, what: string, capacity: TableCapacity, scaling: CapacityAutoScaling): void {
  const { minCapacity: min, maxCapacity: max, targetUtilizationPercent: target } = scaling;
  for (const [bound, value] of [['minCapacity', min], ['maxCapacity', max]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_CAPACITY_UNITS) {
      throw new Error(`${label}: ${what}.autoScaling.${bound} is ${value}; give a whole number of capacity units in 1-${MAX_CAPACITY_UNITS}`);
    }
  }
  if (min > max) throw new Error(`${label}: ${what}.autoScaling.minCapacity ${min} is above maxCapacity ${max}; swap or adjust them`);
  for (const [unit, initial] of [['read', capacity.read], ['write', capacity.write]] as const) {
    if (initial < min || initial > max) {
      throw new Error(`${label}: ${what}.${unit} ${initial} is outside autoScaling ${min}-${max}; the initial capacity must lie within the scaling bounds`);
    }
  }
  if (!(typeof target === 'number' && target >= MIN_TARGET_UTILIZATION && target <= MAX_TARGET_UTILIZATION)) {
    throw new Error(`${label}: ${what}.autoScaling.targetUtilizationPercent ${target} is outside ${MIN_TARGET_UTILIZATION}-${MAX_TARGET_UTILIZATION}, the range DynamoDB auto scaling accepts; use for example 70`);
  }
}
