import { auroraMaxConnections } from '../../../src/config/layers/databases';
import { PIPELINES } from '../../../src/config/systems/lang-portal/apps';
import { CLOUDFRONT_HOSTED_ZONE_ID, MANAGED_CACHE_POLICY_IDS } from '../../../src/constructs/edge/static-site-distribution';
import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { auroraLocalStorageBytes } from '../../../src/config/aws-catalog';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalStacks } from './helpers';

const synths = new Map<string, Json>();
const edge = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(langPortalStacks(env, 'edge').edge));
  return synths.get(env)!;
};
const all = (json: Json, type: string): Json[] => resourcesOf(json, type).map(([, r]) => r);
const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;
const addressOf = (json: Json, type: string, match: (r: Json) => boolean): string => `${type}.${resourcesOf(json, type).find(([, r]) => match(r))![0]}`;
const distribution = (json: Json, alias: string): Json => all(json, 'aws_cloudfront_distribution').find((d) => d.aliases.includes(alias))!;
const records = (json: Json): Record<string, Json> => Object.fromEntries(all(json, 'aws_route53_record').map((r) => [`${r.name} ${r.type}`, r]));
const pipeline = (json: Json, name: string): Json => all(json, 'aws_codepipeline').find((p) => p.name === name)!;
const project = (json: Json, name: string): Json => all(json, 'aws_codebuild_project').find((p) => p.name === name)!;
const alarm = (json: Json, name: string): Json => all(json, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === name)!;
const buildspec = (p: Json): Json => JSON.parse(p.source.buildspec.replace(/\$\$\{/g, '${'));
const CRITICAL = [remote('network', 'critical_alerts_topic_arn')];
const WARNING = [remote('network', 'warning_alerts_topic_arn')];

describe('lang-portal edge: the two CloudFront frontends', () => {
  test('lang-portal: private S3 origin with OAC, /api/* to its HTTP API (https-only TLS 1.2), aliases lang-portal and the apex, TLS 1.2 2021, WAF', () => {
    const json = edge('prod');
    const d = distribution(json, 'lang-portal.app-dw.net');
    expect(d.aliases).toEqual(['lang-portal.app-dw.net', 'app-dw.net']);
    expect(d.viewer_certificate).toEqual({ acm_certificate_arn: remote('network', 'global_certificate_arn'), ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' });
    expect(d.web_acl_id).toBe(`\${${addressOf(json, 'aws_wafv2_web_acl', (a) => a.scope === 'CLOUDFRONT')}.arn}`);
    expect(d.origin).toEqual([
      { origin_id: 'site', domain_name: remote('data', 'lang_portal_frontend_bucket_regional_domain_name'), origin_access_control_id: expect.stringContaining('aws_cloudfront_origin_access_control') },
      {
        origin_id: 'api',
        domain_name: remote('compute', 'lang_portal_http_api_host'),
        custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
      },
    ]);
    expect(d.default_cache_behavior).toMatchObject({ target_origin_id: 'site', viewer_protocol_policy: 'redirect-to-https', cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingOptimized });
    expect(d.default_cache_behavior.function_association).toEqual([{ event_type: 'viewer-request', function_arn: expect.stringContaining('aws_cloudfront_function') }]);
    expect(d.ordered_cache_behavior).toEqual([
      expect.objectContaining({ path_pattern: '/api/*', target_origin_id: 'api', viewer_protocol_policy: 'redirect-to-https', cache_policy_id: MANAGED_CACHE_POLICY_IDS.CachingDisabled, allowed_methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'] }),
    ]);
    // No error-response rewrite: the API's 401/403 must reach the app.
    expect(d.custom_error_response).toBeUndefined();
    expect(d.restrictions.geo_restriction).toEqual({ restriction_type: 'none', locations: [] });
  });

  test('haiku: /media/* from the haiku-media bucket through the same OAC, /api/* to the haiku HTTP API', () => {
    const d = distribution(edge('dev'), 'haiku.dev.app-dw.net');
    expect(d.aliases).toEqual(['haiku.dev.app-dw.net']);
    expect(d.origin.map((o: Json) => [o.origin_id, o.domain_name])).toEqual([
      ['site', remote('data', 'haiku_frontend_bucket_regional_domain_name')],
      ['api', remote('compute', 'haiku_http_api_host')],
      ['media', remote('data', 'haiku_media_bucket_regional_domain_name')],
    ]);
    expect(d.origin[2].origin_access_control_id).toBe(d.origin[0].origin_access_control_id);
    expect(d.ordered_cache_behavior.map((b: Json) => `${b.path_pattern} ${b.target_origin_id} ${b.allowed_methods.join(',')}`)).toEqual(['/api/* api GET,HEAD,OPTIONS,PUT,POST,PATCH,DELETE', '/media/* media GET,HEAD']);
  });

  test('security headers: HSTS with preload, nosniff, DENY framing, and a CSP that admits only the own origin and Cognito', () => {
    const policies = all(edge('dev'), 'aws_cloudfront_response_headers_policy');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      const headers = policy.security_headers_config;
      expect(headers.strict_transport_security).toMatchObject({ access_control_max_age_sec: 63072000, include_subdomains: true, preload: true });
      expect(headers.frame_options.frame_option).toBe('DENY');
      expect(headers.content_type_options.override).toBe(true);
      const csp: string = headers.content_security_policy.content_security_policy;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self' https://auth.dev.app-dw.net https://cognito-idp.us-east-1.amazonaws.com https://cognito-identity.us-east-1.amazonaws.com");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  test('access logs of both distributions go to KMS-encrypted log groups (standard logging v2)', () => {
    const json = edge('prod');
    const groups = all(json, 'aws_cloudwatch_log_group').filter((g) => g.name.startsWith('/aws/cloudfront/'));
    expect(groups.map((g) => [g.name, g.retention_in_days, g.kms_key_id])).toEqual([
      ['/aws/cloudfront/lang-portal-prod-haiku/access', 365, remote('network', 'logs_kms_key_arn')],
      ['/aws/cloudfront/lang-portal-prod-lang-portal/access', 365, remote('network', 'logs_kms_key_arn')],
    ]);
    expect(all(json, 'aws_cloudwatch_log_delivery_source').map((s) => s.log_type)).toEqual(['ACCESS_LOGS', 'ACCESS_LOGS']);
  });
});

describe('lang-portal edge: WAF', () => {
  test('CLOUDFRONT web ACL on both distributions: IP reputation, rate limit 2000 per 5 minutes, core rule set, known bad inputs; logged to aws-waf-logs-*', () => {
    const json = edge('dev');
    const acl = all(json, 'aws_wafv2_web_acl').find((a) => a.scope === 'CLOUDFRONT')!;
    expect(acl.name).toBe('lang-portal-dev-cloudfront');
    expect(acl.rule.map((r: Json) => r.name)).toEqual(['AWSManagedRulesAmazonIpReputationList', 'rate-limit', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    expect(acl.rule[1].statement.rate_based_statement[0]).toMatchObject({ limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 });
    const aclRef = `\${${addressOf(json, 'aws_wafv2_web_acl', (a) => a.scope === 'CLOUDFRONT')}.arn}`;
    expect(all(json, 'aws_cloudfront_distribution').map((d) => d.web_acl_id)).toEqual([aclRef, aclRef]);
    const group = all(json, 'aws_cloudwatch_log_group').find((g) => g.name === 'aws-waf-logs-lang-portal-dev-cloudfront')!;
    expect(group).toMatchObject({ retention_in_days: 7, kms_key_id: remote('network', 'logs_kms_key_arn') });
  });

  test('REGIONAL web ACL on the ALB with the seed rules in the seed order, no geo rule by default; logs kept 365 days in prod', () => {
    const json = edge('prod');
    const acl = all(json, 'aws_wafv2_web_acl').find((a) => a.scope === 'REGIONAL')!;
    expect(acl.rule.map((r: Json) => `${r.priority} ${r.name}`)).toEqual(['1 AWSManagedRulesCommonRuleSet', '2 AWSManagedRulesKnownBadInputsRuleSet', '3 AWSManagedRulesAmazonIpReputationList', '4 RateLimitRule']);
    expect(acl.rule[3].statement.rate_based_statement[0].limit).toBe(2000);
    // Uploads to the Streamlit and Gradio apps exceed the core rule set's 8 KB body limit: that rule counts only.
    expect(acl.rule[0].statement.managed_rule_group_statement[0].rule_action_override).toEqual([{ name: 'SizeRestrictions_BODY', action_to_use: [{ count: [{}] }] }]);
    const aclRef = `\${${addressOf(json, 'aws_wafv2_web_acl', (a) => a.scope === 'REGIONAL')}.arn}`;
    expect(all(json, 'aws_wafv2_web_acl_association')).toEqual([{ resource_arn: remote('compute', 'alb_arn'), web_acl_arn: aclRef }]);
    expect(all(json, 'aws_cloudwatch_log_group').find((g) => g.name === 'aws-waf-logs-lang-portal-prod-alb')).toMatchObject({ retention_in_days: 365 });
    expect(all(json, 'aws_wafv2_web_acl_logging_configuration')).toHaveLength(2);
  });

  test('blocked countries: a geo rule on the ALB ACL and a geo restriction on both distributions', () => {
    const json = synthJson(langPortalStacks('dev', 'edge', (c) => (c.edge.wafBlockedCountries = ['KP'])).edge);
    const acl = all(json, 'aws_wafv2_web_acl').find((a) => a.scope === 'REGIONAL')!;
    expect(acl.rule.at(-1)).toMatchObject({ name: 'GeoBlockingRule', priority: 5, statement: { geo_match_statement: [{ country_codes: ['KP'] }] } });
    for (const d of all(json, 'aws_cloudfront_distribution')) expect(d.restrictions.geo_restriction).toEqual({ restriction_type: 'blacklist', locations: ['KP'] });
  });
});

describe('lang-portal edge: DNS and the Cognito domain', () => {
  test('lang-portal, haiku and the apex alias their distributions (A and AAAA); vocab and writing alias the ALB (A)', () => {
    const json = edge('dev');
    const byName = records(json);
    expect(Object.keys(byName).sort()).toEqual([
      'auth.dev.app-dw.net A', 'auth.dev.app-dw.net AAAA',
      'dev.app-dw.net A', 'dev.app-dw.net AAAA',
      'haiku.dev.app-dw.net A', 'haiku.dev.app-dw.net AAAA',
      'lang-portal.dev.app-dw.net A', 'lang-portal.dev.app-dw.net AAAA',
      'vocab.dev.app-dw.net A',
      'writing.dev.app-dw.net A',
    ]);
    for (const r of Object.values(byName)) expect(r.zone_id).toBe(remote('network', 'hosted_zone_id'));
    const site = (alias: string) => `\${${addressOf(json, 'aws_cloudfront_distribution', (d) => d.aliases.includes(alias))}.domain_name}`;
    for (const [name, alias] of [['lang-portal.dev.app-dw.net', 'lang-portal.dev.app-dw.net'], ['dev.app-dw.net', 'lang-portal.dev.app-dw.net'], ['haiku.dev.app-dw.net', 'haiku.dev.app-dw.net']]) {
      for (const type of ['A', 'AAAA']) expect(byName[`${name} ${type}`].alias).toEqual({ name: site(alias), zone_id: CLOUDFRONT_HOSTED_ZONE_ID, evaluate_target_health: false });
    }
    for (const name of ['vocab', 'writing']) {
      expect(byName[`${name}.dev.app-dw.net A`].alias).toEqual({ name: remote('compute', 'alb_dns_name'), zone_id: remote('compute', 'alb_zone_id'), evaluate_target_health: true });
    }
  });

  test('auth.<domain>: the Cognito custom domain on the us-east-1 certificate, created after the apex record, aliased to its CloudFront distribution', () => {
    const json = edge('prod');
    const [[id, domain]] = resourcesOf(json, 'aws_cognito_user_pool_domain');
    expect(domain).toMatchObject({ domain: 'auth.app-dw.net', certificate_arn: remote('network', 'global_certificate_arn'), user_pool_id: remote('data', 'cognito_user_pool_id') });
    expect(domain.depends_on).toEqual([addressOf(json, 'aws_route53_record', (r) => r.name === 'app-dw.net' && r.type === 'A')]);
    const byName = records(json);
    for (const type of ['A', 'AAAA']) {
      expect(byName[`auth.app-dw.net ${type}`].alias).toEqual({ name: `\${aws_cognito_user_pool_domain.${id}.cloudfront_distribution}`, zone_id: 'Z2FDTNDATAQYW2', evaluate_target_health: false });
    }
  });
});

describe('lang-portal edge: the seven pipelines', () => {
  const NAMES = ['lang-portal-frontend', 'lang-portal-backend', 'haiku-frontend', 'haiku-backend', 'vocab-frontend', 'vocab-backend', 'writing-practice'];

  test('one GitHub connection; seven V2 pipelines on the env branch, each triggered only by its seed path filter, artifacts KMS-encrypted', () => {
    for (const [env, branch] of [['dev', 'dev'], ['prod', 'main']] as const) {
      const json = edge(env);
      expect(all(json, 'aws_codestarconnections_connection')).toEqual([{ name: `lang-portal-${env}-github`, provider_type: 'GitHub' }]);
      expect(all(json, 'aws_codepipeline').map((p) => p.name).sort()).toEqual(NAMES.map((n) => `${n}-${env}`).sort());
      for (const spec of PIPELINES) {
        const p = pipeline(json, `${spec.name}-${env}`);
        expect(p).toMatchObject({ pipeline_type: 'V2', execution_mode: 'QUEUED' });
        expect(p.trigger[0].git_configuration.push).toEqual([{ branches: { includes: [branch] }, file_paths: { includes: [`${spec.path}/**/*`] } }]);
        expect(p.stage[0].action[0].configuration).toMatchObject({ FullRepositoryId: 'app-dw/free-genai-bootcamp-2025', BranchName: branch, ConnectionArn: expect.stringContaining('aws_codestarconnections_connection') });
        expect(p.artifact_store).toEqual([{ type: 'S3', location: remote('data', 'pipeline_artifacts_bucket_name'), encryption_key: { type: 'KMS', id: remote('data', 'data_kms_key_arn') } }]);
      }
    }
    // CodePipeline keeps artifacts under the first 20 characters of the name: all seven differ there.
    expect(new Set(NAMES.map((n) => `${n}-staging`.slice(0, 20))).size).toBe(7);
  });

  test('site pipelines: npm install/test/build in the app path, S3 extract into the frontend bucket, then an invalidation of the distribution', () => {
    const json = edge('dev');
    const p = pipeline(json, 'haiku-frontend-dev');
    const build = project(json, 'lang-portal-dev-haiku-frontend-build');
    expect(build.environment.privileged_mode).toBe(false);
    const spec = buildspec(build);
    expect(spec.phases.install.commands).toEqual(['cd "$CODEBUILD_SRC_DIR/aws/haiku-generator-frontend"', 'npm install']);
    expect(spec.phases.build.commands).toEqual(['cd "$CODEBUILD_SRC_DIR/aws/haiku-generator-frontend"', 'npm run test', 'npm run build']);
    expect(spec.artifacts).toEqual({ files: ['**/*'], 'base-directory': 'aws/haiku-generator-frontend/build' });
    const [deploy, invalidate] = p.stage[2].action;
    expect(deploy).toMatchObject({ provider: 'S3', configuration: { BucketName: remote('data', 'haiku_frontend_bucket_name'), Extract: 'true' }, run_order: 1 });
    expect(invalidate).toMatchObject({ provider: 'CodeBuild', configuration: { ProjectName: 'lang-portal-dev-haiku-frontend-invalidate' }, run_order: 2 });
    const invalidation = project(json, 'lang-portal-dev-haiku-frontend-invalidate');
    const haiku = addressOf(json, 'aws_cloudfront_distribution', (d) => d.aliases.includes('haiku.dev.app-dw.net'));
    expect(invalidation.environment.environment_variable).toEqual([{ name: 'DISTRIBUTION_ID', value: `\${${haiku}.id}`, type: 'PLAINTEXT' }]);
    expect(buildspec(invalidation).phases.build.commands).toEqual(['aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"']);
  });

  test('service pipelines: pip install, pytest, docker build/tag/push to the app repository, imagedefinitions.json, ECS deploy to the app service', () => {
    const json = edge('dev');
    const build = project(json, 'lang-portal-dev-vocab-frontend-build');
    expect(build.environment).toMatchObject({ privileged_mode: true, image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER' });
    expect(build.environment.environment_variable).toEqual([{ name: 'REPOSITORY_URI', value: remote('data', 'ecr_vocab_generator_frontend_repository_url'), type: 'PLAINTEXT' }]);
    const spec = buildspec(build);
    expect(spec.phases.install.commands).toEqual(['cd "$CODEBUILD_SRC_DIR/aws/vocab-generator-frontend"', 'pip install -r requirements.txt']);
    expect(spec.phases.build.commands).toEqual([
      'cd "$CODEBUILD_SRC_DIR/aws/vocab-generator-frontend"',
      'pytest --junitxml="$CODEBUILD_SRC_DIR/pytest-report.xml"',
      'docker build -t vocab-generator-frontend .',
      'docker tag vocab-generator-frontend:latest "$REPOSITORY_URI:$IMAGE_TAG"',
    ]);
    expect(spec.phases.post_build.commands).toEqual([
      'cd "$CODEBUILD_SRC_DIR"',
      'docker push "$REPOSITORY_URI:$IMAGE_TAG"',
      `printf '[{"name":"%s","imageUri":"%s"}]' "streamlit-app" "$REPOSITORY_URI:$IMAGE_TAG" > imagedefinitions.json`,
    ]);
    expect(spec.artifacts).toEqual({ files: ['imagedefinitions.json'] });
    const push = parsed(all(json, 'aws_iam_role_policy').find((r) => r.role.includes('build-vocab-frontend'))!.policy).Statement.find((s: Json) => s.Sid === 'PushImages');
    expect(push.Resource).toEqual([remote('data', 'ecr_vocab_generator_frontend_repository_arn')]);

    const p = pipeline(json, 'vocab-frontend-dev');
    expect(p.stage[2].action).toEqual([
      expect.objectContaining({ provider: 'ECS', configuration: { ClusterName: remote('compute', 'ecs_cluster_name'), ServiceName: remote('compute', 'vocab_generator_frontend_service_name'), FileName: 'imagedefinitions.json', DeploymentTimeout: '60' } }),
    ]);
    const pass = parsed(all(json, 'aws_iam_role_policy').find((r) => r.role.includes('pipeline-vocab-frontend'))!.policy).Statement.find((s: Json) => s.Sid === 'PassTaskRoles');
    expect(pass.Resource).toEqual([remote('compute', 'vocab_generator_frontend_execution_role_arn'), remote('compute', 'vocab_generator_frontend_task_role_arn')]);
    // The container each service pipeline names is the app's own.
    const containers = Object.fromEntries(PIPELINES.filter((s) => s.kind === 'service').map((s) => [s.name, /' "([a-z-]+)" "/.exec(buildspec(project(json, `lang-portal-dev-${s.name}-build`)).phases.post_build.commands[2])![1]]));
    expect(containers).toEqual({ 'lang-portal-backend': 'fastapi-app', 'haiku-backend': 'fastapi-app', 'vocab-frontend': 'streamlit-app', 'vocab-backend': 'fastapi-app', 'writing-practice': 'gradio-app' });
  });

  test('privileged mode only for the five Docker builds; build logs kept 30 days, KMS-encrypted', () => {
    const json = edge('prod');
    const privileged = all(json, 'aws_codebuild_project').filter((p) => p.environment.privileged_mode).map((p) => p.name).sort();
    expect(privileged).toEqual(['haiku-backend', 'lang-portal-backend', 'vocab-backend', 'vocab-frontend', 'writing-practice'].map((n) => `lang-portal-prod-${n}-build`));
    expect(all(json, 'aws_codebuild_project')).toHaveLength(9);
    const groups = all(json, 'aws_cloudwatch_log_group').filter((g) => g.name.startsWith('/aws/codebuild/'));
    expect(groups).toHaveLength(9);
    for (const g of groups) expect(g).toMatchObject({ retention_in_days: 30, kms_key_id: remote('network', 'logs_kms_key_arn') });
  });

  test('without edge.delivery there is no connection, project or pipeline', () => {
    const json = synthJson(langPortalStacks('dev', 'edge', (c) => delete c.edge.delivery).edge);
    for (const type of ['aws_codestarconnections_connection', 'aws_codebuild_project', 'aws_codepipeline']) expect(all(json, type)).toEqual([]);
    expect(json.output.lang_portal_frontend_pipeline_name).toBeUndefined();
  });
});

describe('lang-portal edge: monitoring', () => {
  test('5xx rate (5 % in 5 minutes, critical) and p95 latency (1 s, warning) for both HTTP APIs and both ALB target groups', () => {
    const json = edge('dev');
    const api = alarm(json, 'lang-portal-dev-lang-portal-api-5xx-rate');
    expect(api).toMatchObject({ threshold: 5, comparison_operator: 'GreaterThanThreshold', alarm_actions: CRITICAL });
    expect(api.metric_query[0].metric).toMatchObject({ namespace: 'AWS/ApiGateway', metric_name: '5xx', period: 300, dimensions: { ApiId: remote('compute', 'lang_portal_http_api_id') } });
    expect(alarm(json, 'lang-portal-dev-haiku-api-latency-p95')).toMatchObject({ namespace: 'AWS/ApiGateway', metric_name: 'Latency', extended_statistic: 'p95', threshold: 1000, alarm_actions: WARNING, dimensions: { ApiId: remote('compute', 'haiku_http_api_id') } });
    const tg = alarm(json, 'lang-portal-dev-writing-practice-5xx-rate');
    expect(tg.metric_query[0].metric).toMatchObject({ namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: remote('compute', 'alb_arn_suffix'), TargetGroup: remote('compute', 'writing_practice_target_group_arn_suffix') } });
    expect(alarm(json, 'lang-portal-dev-vocab-generator-frontend-latency-p95')).toMatchObject({ metric_name: 'TargetResponseTime', extended_statistic: 'p95', threshold: 1, dimensions: { TargetGroup: remote('compute', 'vocab_generator_frontend_target_group_arn_suffix') } });
    // The internal backend has no public requests to measure.
    expect(all(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.alarm_name.includes('vocab-generator-backend'))).toEqual([]);
  });

  test('security: WAF block spikes on both ACLs, failed sign-ins per app client, guardrail interventions; all critical', () => {
    const json = edge('dev');
    const cf = alarm(json, 'lang-portal-dev-cloudfront-waf-block-spike');
    expect(cf.metric_query[0].metric.dimensions).toEqual({ WebACL: 'lang-portal-dev-cloudfront', Rule: 'ALL' });
    expect(alarm(json, 'lang-portal-dev-alb-waf-block-spike').metric_query[0].metric.dimensions).toEqual({ WebACL: 'lang-portal-dev-alb', Rule: 'ALL', Region: 'us-east-1' });
    for (const client of ['lang_portal', 'haiku', 'vocab', 'writing']) {
      const a = alarm(json, `lang-portal-dev-${client.replace('_', '-')}-sign-in-failures`);
      expect(a).toMatchObject({ threshold: 10, alarm_actions: CRITICAL });
      expect(a.metric_query[0].metric.dimensions).toEqual({ UserPool: remote('data', 'cognito_user_pool_id'), UserPoolClient: remote('data', `cognito_${client}_client_id`) });
    }
    expect(alarm(json, 'lang-portal-dev-guardrail-interventions')).toMatchObject({
      namespace: 'AWS/Bedrock/Guardrails',
      metric_name: 'InvocationsIntervened',
      dimensions: { GuardrailArn: remote('ai', 'guardrail_arn'), GuardrailVersion: remote('ai', 'guardrail_version') },
      alarm_actions: CRITICAL,
    });
    for (const name of ['cloudfront-waf-block-spike', 'alb-waf-block-spike']) expect(alarm(json, `lang-portal-dev-${name}`).alarm_actions).toEqual(CRITICAL);
  });

  test.each([
    ['dev', 'db.t4g.medium', 1],
    ['prod', 'db.r6g.large', 2],
  ] as const)('Aurora (%s, %s): connections above 80 %% of max_connections, free local storage under 20 %% per instance', (env, instanceClass, instances) => {
    const json = edge(env);
    for (const db of ['lang_portal', 'haiku']) {
      const connections = alarm(json, `${remote('data', `${db}_cluster_identifier`)}-connections-high`);
      expect(connections).toMatchObject({ metric_name: 'DatabaseConnections', threshold: Math.floor(auroraMaxConnections(instanceClass) * 0.8), alarm_actions: CRITICAL });
      const storage = all(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'FreeLocalStorage' && a.alarm_name.includes(`${db}_instance_identifiers`));
      expect(storage.map((a) => a.dimensions.DBInstanceIdentifier)).toEqual(Array.from({ length: instances }, (_, i) => `\${element(data.terraform_remote_state.data.outputs.${db}_instance_identifiers, ${i})}`));
      for (const a of storage) expect(a).toMatchObject({ threshold: Math.floor(auroraLocalStorageBytes(instanceClass) * 0.2), comparison_operator: 'LessThanThreshold', alarm_actions: WARNING });
    }
    // AWS's table: db.t4g.medium 8.13 GiB, db.r6g.large 32 GiB of local storage.
    expect(auroraLocalStorageBytes('db.r6g.large')).toBe(32 * 2 ** 30);
    expect(auroraLocalStorageBytes('db.t4g.medium')).toBe(Math.floor(8.13 * 2 ** 30));
    expect(() => auroraLocalStorageBytes('db.x9.huge')).toThrow(/local storage figure for db\.x9\.huge/);
  });

  test('Application Insights over the environment\'s tagged resources; a dashboard per service and one for the edge', () => {
    const json = edge('staging');
    const [group] = all(json, 'aws_resourcegroups_group');
    expect(JSON.parse(group.resource_query.query).TagFilters).toEqual([
      { Key: 'Project', Values: ['app-dw'] },
      { Key: 'System', Values: ['lang-portal'] },
      { Key: 'Environment', Values: ['staging'] },
    ]);
    expect(all(json, 'aws_applicationinsights_application')).toEqual([expect.objectContaining({ auto_config_enabled: true, resource_group_name: expect.stringContaining('aws_resourcegroups_group') })]);
    const dashboards = all(json, 'aws_cloudwatch_dashboard');
    expect(dashboards.map((d) => d.dashboard_name).sort()).toEqual(['edge', 'haiku-api', 'lang-portal-api', 'vocab-generator-backend', 'vocab-generator-frontend', 'writing-practice'].map((n) => `lang-portal-staging-${n}`));
    const api = JSON.parse(dashboards.find((d) => d.dashboard_name === 'lang-portal-staging-lang-portal-api')!.dashboard_body);
    const titles = api.widgets.filter((w: Json) => w.type === 'metric').map((w: Json) => w.properties.title);
    expect(titles).toEqual(expect.arrayContaining(['CPU and memory utilization (%)', 'Requests and 5xx', 'Database lang-portal: connections']));
  });
});

describe('lang-portal edge: contract, policy and plan', () => {
  test('publishes the distributions, web ACLs, Cognito domain, pipelines and dashboards with realistic samples', () => {
    const stack = langPortalStacks('dev', 'edge').edge;
    const samples = Object.fromEntries(stack.contract.map((o) => [o.name, o.sample]));
    expect(samples.lang_portal_distribution_id).toMatch(/^E[A-Z0-9]{13}$/);
    expect(samples.haiku_distribution_domain_name).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    expect(samples.cloudfront_web_acl_arn).toMatch(/^arn:aws:wafv2:us-east-1:701000000001:global\/webacl\/lang-portal-dev-cloudfront\/[0-9a-f-]{36}$/);
    expect(samples.regional_web_acl_arn).toMatch(/^arn:aws:wafv2:us-east-1:701000000001:regional\/webacl\/lang-portal-dev-alb\//);
    expect(samples.cognito_domain).toBe('auth.dev.app-dw.net');
    expect(samples.writing_practice_pipeline_name).toBe('writing-practice-dev');
    expect(samples.edge_dashboard_name).toBe('lang-portal-dev-edge');
    expect(stack.dependencies.map((d) => d.node.id).sort()).toEqual(['lang-portal-dev-ai', 'lang-portal-dev-compute', 'lang-portal-dev-data', 'lang-portal-dev-network']);
  });

  test.each(['dev', 'prod'] as const)('policy pack (%s): no finding in the edge stack, and the ALB now has its WAF (compute LB-05 resolved)', (env) => {
    const stacks = langPortalStacks(env, 'edge');
    const report = evaluate(Object.values(stacks).map((s) => ({ name: s.node.id, json: synthJson(s) })));
    expect(report.stacks.find((s) => s.stack === `lang-portal-${env}-edge`)!.findings).toEqual([]);
    expect(report.stacks.find((s) => s.stack === `lang-portal-${env}-compute`)!.findings.filter((f) => f.ruleId === 'LB-05')).toEqual([]);
  });

  test('terraform validates and plans the dev edge stack offline', () => {
    const stacks = langPortalStacks('dev', 'edge');
    expect(expectOfflinePlan(synthJson(stacks.edge), Object.values(stacks).filter((s) => s !== stacks.edge))).not.toMatch(/Warning/);
  });
});
