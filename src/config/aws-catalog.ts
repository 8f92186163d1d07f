import { nearest } from './aws-limits';

// What AWS offers, as tables: instance types, engine versions and Bedrock model IDs that a config
// may name. Values only AWS would reject are refused at synth with the nearest valid choice.
// Taken 2026-11 from the AWS documentation pages named beside each table; when AWS adds a version
// or a model, add it here (the error message says so).

/** Where a catalogue value came from, for error messages. */
const CATALOG_FILE = 'src/config/aws-catalog.ts';

/**
 * Aurora PostgreSQL minor versions per major that are still offered (oldest .. newest).
 * Source: docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/AuroraPostgreSQL.Updates.html
 */
export const AURORA_POSTGRESQL_MINORS: Readonly<Record<number, readonly [number, number]>> = {
  13: [9, 21],
  14: [6, 18],
  15: [2, 13],
  16: [1, 9],
  17: [4, 5],
};

/**
 * Instance families (and their sizes) of provisioned Aurora PostgreSQL. Graviton and current
 * Intel generations only; t-classes are for dev and test.
 * Source: docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html
 */
export const AURORA_INSTANCE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  't3': ['medium', 'large'],
  't4g': ['medium', 'large'],
  'r5': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'],
  'r6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r6gd': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r6i': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
  'r7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r7i': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  'r8g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
  'x2g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
};

/**
 * RDS (non-Aurora) PostgreSQL instance families and sizes, current generations.
 * Source: docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html
 */
export const RDS_INSTANCE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  't3': ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'],
  't4g': ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'],
  'm5': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'],
  'm6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'm6i': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
  'm7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r5': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'],
  'r6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r6i': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '32xlarge'],
  'r7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
};

/**
 * ElastiCache (Redis OSS / Valkey) node families and sizes, current generations.
 * Source: docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html
 */
export const ELASTICACHE_NODE_TYPES: Readonly<Record<string, readonly string[]>> = {
  't3': ['micro', 'small', 'medium'],
  't4g': ['micro', 'small', 'medium'],
  'm5': ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
  'm6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'm7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r5': ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'],
  'r6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
};

/**
 * OpenSearch Service versions offered for new domains.
 * Source: docs.aws.amazon.com/opensearch-service/latest/developerguide/what-is.html#choosing-version
 */
export const OPENSEARCH_VERSIONS: readonly string[] = [
  'OpenSearch_1.3', 'OpenSearch_2.3', 'OpenSearch_2.5', 'OpenSearch_2.7', 'OpenSearch_2.9', 'OpenSearch_2.11',
  'OpenSearch_2.13', 'OpenSearch_2.15', 'OpenSearch_2.17', 'OpenSearch_2.19', 'OpenSearch_3.1',
];

/**
 * OpenSearch Service data node families and sizes that support encryption at rest and
 * fine-grained access control (previous generations such as t2, m3, r3 and i2 do not).
 * Source: docs.aws.amazon.com/opensearch-service/latest/developerguide/supported-instance-types.html
 */
export const OPENSEARCH_INSTANCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  't3': ['small', 'medium'],
  'm5': ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge'],
  'm6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge'],
  'm7g': ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'c5': ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge'],
  'c6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge'],
  'c7g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r5': ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge'],
  'r6g': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge'],
  'r6gd': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'r7g': ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'i3': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'],
  'or1': ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  'im4gn': ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '16xlarge'],
};

/**
 * Bedrock foundation model IDs in us-east-1 and us-west-2 (text, embeddings, image, speech-to-text
 * excluded). Source: docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
 */
export const BEDROCK_MODEL_IDS: readonly string[] = [
  'amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0', 'amazon.nova-premier-v1:0',
  'amazon.nova-canvas-v1:0', 'amazon.nova-reel-v1:1',
  'amazon.titan-text-express-v1', 'amazon.titan-text-lite-v1', 'amazon.titan-text-premier-v1:0',
  'amazon.titan-embed-text-v1', 'amazon.titan-embed-text-v2:0', 'amazon.titan-embed-image-v1',
  'amazon.titan-image-generator-v2:0',
  'anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-sonnet-20240229-v1:0', 'anthropic.claude-3-opus-20240229-v1:0',
  'anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-opus-4-20250514-v1:0',
  'anthropic.claude-opus-4-1-20250805-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0',
  'cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0', 'cohere.embed-english-v3', 'cohere.embed-multilingual-v3', 'cohere.rerank-v3-5:0',
  'meta.llama3-8b-instruct-v1:0', 'meta.llama3-70b-instruct-v1:0', 'meta.llama3-1-8b-instruct-v1:0', 'meta.llama3-1-70b-instruct-v1:0',
  'meta.llama3-2-11b-instruct-v1:0', 'meta.llama3-2-90b-instruct-v1:0', 'meta.llama3-3-70b-instruct-v1:0',
  'mistral.mistral-7b-instruct-v0:2', 'mistral.mixtral-8x7b-instruct-v0:1', 'mistral.mistral-large-2402-v1:0', 'mistral.mistral-large-2407-v1:0',
  'stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1', 'stability.stable-image-ultra-v1:1',
];

/** Geographic prefixes of cross-region inference profiles. */
export const INFERENCE_PROFILE_PREFIXES: readonly string[] = ['us', 'eu', 'apac', 'us-gov', 'global'];

/** The problem with an instance class such as `db.r6g.large` in a family/size table, or undefined. */
export function instanceTypeProblem(value: string, table: Readonly<Record<string, readonly string[]>>, shape: { prefix: string; suffix: string }): string | undefined {
  const match = new RegExp(`^${shape.prefix.replace('.', '\\.')}([a-z0-9]+)\\.([a-z0-9]+)${shape.suffix.replace('.', '\\.')}$`).exec(value ?? '');
  const all = Object.entries(table).flatMap(([family, sizes]) => sizes.map((size) => `${shape.prefix}${family}.${size}${shape.suffix}`));
  if (!match) return `is not an instance type (${shape.prefix}<family>.<size>${shape.suffix}); nearest: ${nearest(String(value), all)}`;
  const sizes = table[match[1]];
  if (!sizes) return `is not an offered family (${Object.keys(table).join(', ')}); nearest: ${nearest(value, all)}`;
  if (!sizes.includes(match[2])) return `has no size ${match[2]} in family ${match[1]} (${sizes.join(', ')})`;
  return undefined;
}

/** The problem with an Aurora PostgreSQL `major.minor` version, or undefined. */
export function auroraPostgresVersionProblem(value: string): string | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(value ?? '');
  if (!match) return 'is not an Aurora PostgreSQL version (major.minor)';
  const range = AURORA_POSTGRESQL_MINORS[Number(match[1])];
  const majors = Object.keys(AURORA_POSTGRESQL_MINORS).join(', ');
  if (!range) return `is not an offered major version (${majors})`;
  const minor = Number(match[2]);
  if (minor < range[0]) return `is past end of standard support (oldest ${match[1]}.x offered is ${match[1]}.${range[0]})`;
  if (minor > range[1]) return `is newer than any ${match[1]}.x release known (${match[1]}.${range[1]}); if AWS has released it, add it to ${CATALOG_FILE}`;
  return undefined;
}

/** The problem with a Bedrock model ID, or undefined. */
export function bedrockModelProblem(value: string): string | undefined {
  if (BEDROCK_MODEL_IDS.includes(value)) return undefined;
  return `is not a Bedrock model ID known to ${CATALOG_FILE} (nearest: ${nearest(String(value), BEDROCK_MODEL_IDS)}); if AWS has released it, add it there`;
}

/** The problem with a cross-region inference profile ID (`<geo>.<model ID>`), or undefined. */
export function inferenceProfileProblem(value: string): string | undefined {
  const dot = (value ?? '').indexOf('.');
  const prefix = value.slice(0, dot);
  if (dot < 0 || !INFERENCE_PROFILE_PREFIXES.includes(prefix)) return `does not start with a geography (${INFERENCE_PROFILE_PREFIXES.join(', ')}) and a dot`;
  return bedrockModelProblem(value.slice(dot + 1));
}

/**
 * Local (temporary) storage of one Aurora PostgreSQL instance per class, in GiB: AWS's table
 * "Temporary storage limits for Aurora PostgreSQL" (Aurora User Guide, Managing Aurora PostgreSQL,
 * "Maximum temporary storage available (GiB)"). About twice the class's memory for r classes
 * (db.r6g.large: 16 GiB memory, 32 GiB); the burstable classes have less (db.t4g.medium: 4 GiB
 * memory, 8.13 GiB). FreeLocalStorage is measured against it.
 */
export const AURORA_POSTGRES_LOCAL_STORAGE_GIB: Readonly<Record<string, number>> = {
  'db.t3.medium': 7.5,
  'db.t3.large': 16,
  'db.t4g.medium': 8.13,
  'db.t4g.large': 16.5,
  'db.r6g.large': 32,
  'db.r6g.xlarge': 63,
  'db.r6g.2xlarge': 126,
  'db.r6g.4xlarge': 252,
  'db.r7g.large': 32,
  'db.r7g.xlarge': 63,
  'db.r7g.2xlarge': 126,
  'db.r7g.4xlarge': 252,
};

/** Local storage of one instance of `instanceClass`, in whole bytes. */
export function auroraLocalStorageBytes(instanceClass: string): number {
  const gib = AURORA_POSTGRES_LOCAL_STORAGE_GIB[instanceClass];
  if (gib === undefined) {
    throw new Error(
      `no Aurora PostgreSQL local storage figure for ${instanceClass}; add it to AURORA_POSTGRES_LOCAL_STORAGE_GIB in ${CATALOG_FILE} from AWS's "Temporary storage limits for Aurora PostgreSQL" table (known: ${Object.keys(AURORA_POSTGRES_LOCAL_STORAGE_GIB).join(', ')})`,
    );
  }
  return Math.floor(gib * 2 ** 30);
}
