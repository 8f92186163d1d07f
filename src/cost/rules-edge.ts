import { qty } from './money';
import { assumed, blocksOf, hourly, monthly, perUnit, plus } from './rule-helpers';
import { CostRule } from './types';

const BOT_CONTROL = 'AWSManagedRulesBotControlRuleSet';
const FRAUD_CONTROL = ['AWSManagedRulesATPRuleSet', 'AWSManagedRulesACFPRuleSet'];
const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];

export const EDGE_RULES: Record<string, CostRule> = {
  aws_wafv2_web_acl: {
    class: 'priced',
    kind: 'WAF web ACL',
    estimate: (ctx) => {
      const rules = blocksOf(ctx.body.rule);
      const text = JSON.stringify(rules);
      const botControl = text.includes(`"${BOT_CONTROL}"`);
      const a = ctx.assumptions;
      const notes = FRAUD_CONTROL.some((name) => text.includes(`"${name}"`)) ? ['Fraud Control (ATP/ACFP) subscription and request fees not priced'] : [];
      return {
        fixed: plus(monthly(ctx, 'waf.web-acl.month', 1, 'web ACL'), monthly(ctx, 'waf.rule.month', rules.length, 'rules'), botControl ? monthly(ctx, 'waf.bot-control.month', 1, 'Bot Control subscription') : undefined),
        usage: assumed(
          `${a.wafRequestMillions}M requests inspected`,
          plus(perUnit(ctx, 'waf.requests.million', a.wafRequestMillions * 1e6, 'requests', 1e6), botControl ? perUnit(ctx, 'waf.bot-control.requests.million', a.wafRequestMillions * 1e6, 'Bot Control requests', 1e6, 'requests') : undefined)!,
        ),
        notes,
      };
    },
  },
  aws_shield_subscription: {
    class: 'priced',
    kind: 'Shield Advanced',
    estimate: (ctx) => ({ fixed: monthly(ctx, 'shield.advanced.month', 1, 'subscription'), notes: ['one subscription covers the whole organization; data transfer out fees of protected resources not included'] }),
  },
  aws_shield_protection: {
    class: 'priced',
    kind: 'Shield Advanced',
    estimate: (ctx) => {
      // A protection needs the organization's Shield Advanced subscription: the environment that
      // turns Shield on carries it once (on its first protection), unless it declares the subscription.
      const subscription = ctx.stack.groupAddresses('aws_shield_subscription')[0];
      if (subscription) return { free: `covered by the subscription priced on ${subscription}` };
      const first = ctx.stack.groupAddresses('aws_shield_protection')[0];
      const self = `${ctx.stack.name}:${ctx.type}.${ctx.name}`;
      if (first !== self) return { free: `covered by the subscription priced on ${first}` };
      return {
        fixed: monthly(ctx, 'shield.advanced.month', 1, 'subscription this protection requires'),
        notes: ['Shield Advanced is $3,000/month once per organization (1-year commitment); $0 here if the organization already subscribes'],
      };
    },
  },
  aws_cloudfront_distribution: {
    class: 'usage',
    kind: 'CloudFront distribution',
    estimate: (ctx) => {
      const a = ctx.assumptions;
      return {
        usage: assumed(
          `${a.cloudfrontGbOut} GB out and ${a.cloudfrontRequestMillions}M HTTPS requests`,
          plus(perUnit(ctx, 'cloudfront.transfer-out.gb', a.cloudfrontGbOut, 'GB'), perUnit(ctx, 'cloudfront.https.10k', a.cloudfrontRequestMillions * 1e6, 'requests', 10_000))!,
        ),
      };
    },
  },
  aws_cloudfront_function: {
    class: 'usage',
    kind: 'CloudFront Functions',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.cloudfrontFunctionMillions}M invocations`, perUnit(ctx, 'cloudfront.functions.million', ctx.assumptions.cloudfrontFunctionMillions * 1e6, 'invocations', 1e6)) }),
  },
  aws_api_gateway_rest_api: {
    class: 'usage',
    kind: 'API Gateway REST API',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.apiRequestMillions}M calls`, perUnit(ctx, 'apigateway.rest.million', ctx.assumptions.apiRequestMillions * 1e6, 'calls', 1e6)) }),
  },
  aws_api_gateway_stage: {
    class: 'priced',
    kind: 'API Gateway cache',
    estimate: (ctx) => {
      if (ctx.body.cache_cluster_enabled !== true) return { kind: 'API Gateway stage', free: 'stages are free; no cache cluster' };
      const size = String(ctx.body.cache_cluster_size ?? '0.5');
      if (!CACHE_SIZES.includes(size)) return { fixed: { monthly: 0, detail: `cache size ${size} not in the table` }, notes: [`unknown cache size ${size}`] };
      return { fixed: hourly(ctx, `apigateway.cache.${size}.hour`, 1, `${size} GB cache`) };
    },
  },
  aws_api_gateway_method_settings: {
    class: 'usage',
    kind: 'API Gateway detailed metrics',
    estimate: (ctx) => {
      const settings = blocksOf(ctx.body.settings)[0] ?? {};
      if (settings.metrics_enabled !== true) return { free: 'detailed metrics off' };
      // Detailed metrics publish 7 metrics per method, billed as custom metrics once traffic arrives.
      const api = ctx.stack.ref(ctx.body.rest_api_id);
      const methods = api ? ctx.stack.referrers('aws_api_gateway_method', api, 'rest_api_id').length : 1;
      const metrics = 7 * Math.max(1, methods);
      return { usage: assumed(`every method called (7 metrics x ${methods} methods)`, perUnit(ctx, 'cloudwatch.custom-metric.month', metrics, 'metrics', 1, 'metric')) };
    },
  },
  aws_apigatewayv2_api: {
    class: 'usage',
    kind: 'API Gateway HTTP/WebSocket API',
    estimate: (ctx) => {
      const websocket = String(ctx.body.protocol_type ?? 'HTTP') === 'WEBSOCKET';
      const calls = ctx.assumptions.apiRequestMillions * 1e6;
      return { usage: assumed(`${qty(calls)} ${websocket ? 'messages' : 'calls'}`, perUnit(ctx, websocket ? 'apigateway.websocket.million' : 'apigateway.http.million', calls, websocket ? 'messages' : 'calls', 1e6)) };
    },
  },
  aws_cognito_user_pool: {
    class: 'usage',
    kind: 'Cognito monthly active users',
    estimate: (ctx) => {
      const tier = String(ctx.body.user_pool_tier ?? 'ESSENTIALS');
      const mau = ctx.assumptions.cognitoMonthlyActiveUsers;
      if (tier === 'PLUS') return { usage: assumed(`${qty(mau)} MAU on the Plus tier`, perUnit(ctx, 'cognito.plus.mau', mau, 'MAU')) };
      const free = 10_000;
      const billed = Math.max(0, mau - free);
      const id = tier === 'LITE' ? 'cognito.lite.mau' : 'cognito.essentials.mau';
      return { usage: assumed(`${qty(mau)} MAU on the ${tier} tier (first ${qty(free)} free)`, perUnit(ctx, id, billed, 'billed MAU', 1, 'MAU')) };
    },
  },
};
