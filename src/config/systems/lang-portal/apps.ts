/**
 * The five container apps of app-dw.net, as the seed's "Task Definition per application",
 * "Target Groups Configuration", "Service Discovery" and security group sections describe them.
 * These are facts of the system, the same in every environment; sizes and counts are per
 * environment (compute.services).
 */

/** What an app may call besides its database (the seed's project diagrams). */
export type AppCapability = 'bedrock-text' | 'bedrock-image' | 'polly' | 'media-bucket';

export interface ContainerApp {
  /** ECS service, Cloud Map service and ECR repository name. */
  readonly name: string;
  /** The seed's container name. */
  readonly containerName: string;
  readonly port: number;
  /** Container health check URL path (the seed's `curl -f http://localhost:<port><path>`). */
  readonly healthPath: string;
  /** Security group key in network.securityGroups. */
  readonly securityGroup: string;
  /** Secrets injected as environment variables: variable -> secret key (`database-url:<db>`, `jwt-secret`, `lang-portal-api-key`). */
  readonly secrets: Readonly<Record<string, string>>;
  /** How users reach it: the shared ALB on a subdomain, or the HTTP API behind CloudFront on a subdomain. */
  readonly ingress: { readonly via: 'alb'; readonly subdomain: string; readonly priority: number; readonly targetHealthPath: string; readonly matcher: string } | { readonly via: 'api'; readonly subdomain: string } | { readonly via: 'internal' };
  readonly capabilities: readonly AppCapability[];
  /** The app's own database (data.databases key), when it has one. */
  readonly database?: string;
  /** The media bucket (data.buckets purpose) it writes, when it has one. */
  readonly mediaBucket?: string;
  /** Other apps it calls through Cloud Map (`<name>.app-dw.internal:<port>`). */
  readonly calls: readonly string[];
}

export const CLOUD_MAP_NAMESPACE = 'app-dw.internal';

export const APPS: readonly ContainerApp[] = [
  {
    name: 'lang-portal-api',
    containerName: 'fastapi-app',
    port: 8000,
    healthPath: '/health',
    securityGroup: 'lang-portal-api',
    // The seed lists DATABASE_URL and JWT_SECRET; the API also needs the key the other apps present to it.
    secrets: { DATABASE_URL: 'database-url:lang-portal', JWT_SECRET: 'jwt-secret', LANG_PORTAL_API_KEY: 'lang-portal-api-key' },
    ingress: { via: 'api', subdomain: 'lang-portal' },
    capabilities: ['bedrock-text', 'bedrock-image', 'polly', 'media-bucket'],
    database: 'lang-portal',
    mediaBucket: 'lang-portal-media',
    calls: [],
  },
  {
    name: 'haiku-api',
    containerName: 'fastapi-app',
    port: 8000,
    healthPath: '/health',
    securityGroup: 'haiku-api',
    secrets: { DATABASE_URL: 'database-url:haiku' },
    ingress: { via: 'api', subdomain: 'haiku' },
    capabilities: ['bedrock-text', 'media-bucket'],
    database: 'haiku',
    mediaBucket: 'haiku-media',
    calls: [],
  },
  {
    name: 'vocab-generator-frontend',
    containerName: 'streamlit-app',
    port: 8501,
    healthPath: '/healthz',
    securityGroup: 'vocab-generator',
    secrets: { LANG_PORTAL_API_KEY: 'lang-portal-api-key' },
    ingress: { via: 'alb', subdomain: 'vocab', priority: 20, targetHealthPath: '/healthz', matcher: '200' },
    capabilities: [],
    calls: ['vocab-generator-backend', 'lang-portal-api'],
  },
  {
    name: 'vocab-generator-backend',
    containerName: 'fastapi-app',
    port: 8000,
    healthPath: '/health',
    securityGroup: 'vocab-generator',
    secrets: { LANG_PORTAL_API_KEY: 'lang-portal-api-key' },
    ingress: { via: 'internal' },
    capabilities: ['bedrock-text', 'polly'],
    calls: [],
  },
  {
    name: 'writing-practice',
    containerName: 'gradio-app',
    port: 7860,
    healthPath: '/healthz',
    securityGroup: 'writing-practice',
    secrets: { LANG_PORTAL_API_KEY: 'lang-portal-api-key' },
    ingress: { via: 'alb', subdomain: 'writing', priority: 30, targetHealthPath: '/healthz', matcher: '200' },
    capabilities: ['bedrock-text'],
    calls: ['lang-portal-api'],
  },
];

/** The two static frontends (S3 + CloudFront) and the API app each fronts. */
export const SITES = [
  { name: 'lang-portal', subdomain: 'lang-portal', bucket: 'lang-portal-frontend', api: 'lang-portal-api', mediaBucket: undefined },
  { name: 'haiku', subdomain: 'haiku', bucket: 'haiku-frontend', api: 'haiku-api', mediaBucket: 'haiku-media' },
] as const;

/** The seed's seven pipelines: source path in the monorepo, and what they deploy. */
export const PIPELINES = [
  { name: 'lang-portal-frontend', path: 'aws/lang-portal-frontend', kind: 'site', target: 'lang-portal' },
  { name: 'lang-portal-backend', path: 'aws/lang-portal-backend', kind: 'service', target: 'lang-portal-api' },
  { name: 'haiku-frontend', path: 'aws/haiku-generator-frontend', kind: 'site', target: 'haiku' },
  { name: 'haiku-backend', path: 'aws/haiku-generator-backend', kind: 'service', target: 'haiku-api' },
  { name: 'vocab-frontend', path: 'aws/vocab-generator-frontend', kind: 'service', target: 'vocab-generator-frontend' },
  { name: 'vocab-backend', path: 'aws/vocab-generator-backend', kind: 'service', target: 'vocab-generator-backend' },
  { name: 'writing-practice', path: 'aws/writing-practice-frontend', kind: 'service', target: 'writing-practice' },
] as const;
