import { ApiGatewayAccount as ApiGatewayAccountSettings } from '@cdktf/provider-aws/lib/api-gateway-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { serviceTrustPolicy } from '../../core/iam/policy-document';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** The AWS-managed policy API Gateway documents for its CloudWatch Logs role. */
export const API_GATEWAY_CLOUDWATCH_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs';

export interface ApiGatewayAccountProps extends ProviderScopedProps {
  /**
   * Name of the role API Gateway assumes to write execution and access logs. IAM is global and the
   * setting is per region, so an account with APIs in two regions needs two names (put the region
   * in it, for example `<system>-<env>-apigw-logs-us-east-1`).
   */
  readonly roleName: string;
  /** The account (12 digits): the role trusts API Gateway only for this account (`aws:SourceAccount`). */
  readonly accountId: string;
  /**
   * On `terraform destroy`, clear the account's CloudWatch role setting instead of only forgetting it
   * (otherwise the account keeps pointing at the deleted role and every API's logging breaks).
   * hashicorp/aws 5.x marks `reset_on_delete` deprecated (a validate warning) because 6.x always
   * resets and drops the argument: remove it from this construct when moving to 6.x.
   * @default true
   */
  readonly resetOnDelete?: boolean;
}

/**
 * API Gateway's account settings for one account and region (`aws_api_gateway_account`): the IAM
 * role API Gateway uses to push execution and access logs to CloudWatch Logs (trusting
 * apigateway.amazonaws.com for this account only, with AmazonAPIGatewayPushToCloudWatchLogs).
 *
 * This is an account singleton: AWS keeps ONE such setting per account and region, and every REST
 * API of the account and region (of every system) depends on it for logging. Exactly one system per
 * account and region creates it (the one owning the account baseline, see docs/ARCHITECTURE.md
 * "Account baseline"); `RestApi` never creates it. Deploy the owner before any stack whose REST
 * API enables logging, or API Gateway rejects the stage ("CloudWatch Logs role ARN must be set in
 * account settings to enable logging"). Two copies in one account and region would silently
 * overwrite each other.
 */
export class ApiGatewayAccount extends Construct {
  readonly role: IamRole;
  readonly settings: ApiGatewayAccountSettings;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountProps) {
    super(scope, id);
    const resetOnDelete = props.resetOnDelete ?? true;
    const where = `ApiGatewayAccount ${id}`;
    if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
      throw new Error(`${where}: roleName "${props.roleName}" is not a valid IAM role name; use 1-64 letters, digits and +=,.@_-`);
    }
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new Error(`${where}: accountId "${props.accountId}" is not a 12-digit account ID; pass the environment's accountId`);
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'API Gateway: pushes execution and access logs of this account and region to CloudWatch Logs',
      assumeRolePolicy: serviceTrustPolicy('apigateway.amazonaws.com', props.accountId, 'ApiGatewayAssumesRoleForThisAccount'),
    });
    const attachment = new IamRolePolicyAttachment(this, 'push-to-cloudwatch-logs', {
      role: this.role.name,
      policyArn: API_GATEWAY_CLOUDWATCH_POLICY_ARN,
    });
    this.settings = new ApiGatewayAccountSettings(this, 'account', {
      cloudwatchRoleArn: this.role.arn,
      resetOnDelete,
      // API Gateway checks the role's permissions when the setting is made.
      dependsOn: [attachment],
    });
    useProvider(this, props.provider);
  }

  get roleArn(): string {
    return this.role.arn;
  }
}
