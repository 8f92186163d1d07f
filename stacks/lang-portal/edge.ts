import { Construct } from 'constructs';
import { PIPELINES, SITES } from '../../src/config/systems/lang-portal/apps';
import { GLOBAL_SERVICES_REGION } from '../../src/config/types';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';
import { outputName } from './data';
import { addDelivery, pipelineName } from './delivery';
import { addDns, addSites, addWebAcls, authDomainName, LangPortalEdgeInputs } from './edge-sites';
import { addMonitoring } from './monitoring';

/**
 * lang-portal edge layer (the seed's frontend stacks, the edge half of its security and the CI/CD
 * and monitoring stacks): the two CloudFront frontends (private S3 origins, haiku's media, `/api/*`
 * to the HTTP APIs, TLS 1.2, security headers, logs), the CLOUDFRONT WAF on both and the REGIONAL
 * WAF on the ALB, the Route 53 records of the four subdomains, the apex and `auth` with the Cognito
 * custom domain, the seven pipelines, and Application Insights, the dashboards and the seed's alarms.
 */
export class LangPortalEdgeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'edge', context);
    const { config } = this;
    const domain = this.section('edge').domainName;
    // Every global resource (CloudFront's WAF, log delivery, alarms) sits in us-east-1 and uses the
    // network's logs key, which is only possible while the environment's own region is us-east-1.
    if (config.region !== GLOBAL_SERVICES_REGION) {
      throw new Error(`${this.node.id}: region ${config.region} is not ${GLOBAL_SERVICES_REGION}; the CloudFront WAF and access logs use the network's logs key, which must then be a ${GLOBAL_SERVICES_REGION} key (lang-portal runs in ${GLOBAL_SERVICES_REGION} only)`);
    }
    const compute = this.upstream('compute');
    const inputs: LangPortalEdgeInputs = {
      network: this.upstream('network'),
      data: this.upstream('data'),
      ai: this.upstream('ai'),
      compute,
      global: this.providerFor(GLOBAL_SERVICES_REGION),
      // One HTTP API per site (compute): `<site>_http_api_*`.
      apiHost: (site) => compute.string(`${outputName(site)}_http_api_host`),
      apiId: (site) => compute.string(`${outputName(site)}_http_api_id`),
    };

    const waf = addWebAcls(this, inputs);
    const sites = addSites(this, inputs, waf);
    const dns = addDns(this, inputs, sites);
    const delivery = addDelivery(this, inputs, sites);
    const monitoring = addMonitoring(this, inputs, sites, waf);

    // --- Outputs.
    const { accountId: account, region } = config;
    const seed = this.node.id;
    for (const site of SITES) {
      const s = outputName(site.name);
      const distribution = sites[site.name];
      const id = `E${sampleToken(`${seed}:${site.name}:distribution`, 13).toUpperCase()}`;
      this.publish(`${s}_distribution_id`, distribution.id, { description: `ID of the ${site.name} CloudFront distribution (cache invalidations)`, sample: id });
      this.publish(`${s}_distribution_arn`, distribution.arn, { description: `ARN of the ${site.name} CloudFront distribution`, sample: `arn:aws:cloudfront::${account}:distribution/${id}` });
      this.publish(`${s}_distribution_domain_name`, distribution.domainName, { description: `CloudFront domain name of the ${site.name} distribution`, sample: `d${sampleToken(`${seed}:${site.name}:domain`, 13)}.cloudfront.net` });
      this.publish(`${s}_url`, `https://${site.subdomain}.${domain}`, { description: `Public URL of ${site.name}`, sample: `https://${site.subdomain}.${domain}` });
    }
    const aclId = (label: string) => sampleUuid(`${seed}:${label}:web-acl`);
    this.publish('cloudfront_web_acl_arn', waf.cloudFront.arn, {
      description: 'ARN of the CLOUDFRONT-scope WAF web ACL of both distributions',
      sample: sampleArn({ service: 'wafv2', region: GLOBAL_SERVICES_REGION, account, resource: `global/webacl/${waf.metricNames.cloudFront}/${aclId('cloudfront')}` }),
    });
    this.publish('regional_web_acl_arn', waf.regional.arn, {
      description: 'ARN of the REGIONAL WAF web ACL of the ALB',
      sample: sampleArn({ service: 'wafv2', region, account, resource: `regional/webacl/${waf.metricNames.regional}/${aclId('regional')}` }),
    });
    this.publish('cognito_domain', dns.cognitoDomain.domain, { description: 'Custom domain of the Cognito hosted UI (shared sign-in session)', sample: authDomainName(this) });
    this.publish('cognito_domain_cloudfront_distribution', dns.cognitoDomain.cloudfrontDistribution, { description: 'CloudFront domain Cognito serves the custom domain from (the auth alias target)', sample: `d${sampleToken(`${seed}:cognito-domain`, 13)}.cloudfront.net` });
    if (delivery) {
      this.publish('github_connection_arn', delivery.connection.arn, {
        description: 'ARN of the GitHub connection (PENDING until an administrator completes the handshake in the console)',
        sample: sampleArn({ service: 'codestar-connections', region, account, resource: `connection/${sampleUuid(`${seed}:github`)}` }),
      });
      for (const spec of PIPELINES) {
        this.publish(`${outputName(spec.name)}_pipeline_name`, delivery.pipelines[spec.name].name, { description: `CodePipeline of ${spec.path} (deploys ${spec.target})`, sample: pipelineName(this, spec.name) });
      }
    }
    for (const [name, dashboard] of Object.entries(monitoring.dashboards)) {
      this.publish(`${outputName(name)}_dashboard_name`, dashboard.dashboardName, { description: `CloudWatch dashboard of ${name}`, sample: `${this.prefix}-${name}` });
    }
    this.publish('application_insights_resource_group', monitoring.applicationInsights.group.name, { description: 'Resource group Application Insights monitors (the environment\'s tagged resources)', sample: this.prefix });
  }
}
