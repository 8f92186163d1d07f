/**
 * Typed IAM policy documents rendered to JSON strings at synth. Unlike the
 * `aws_iam_policy_document` data source, the JSON is visible in cdk.tf.json, so the policy pack
 * (and checkov/trivy) can read it; `${...}` references inside stay Terraform interpolations.
 */
export type PrincipalSpec =
  | '*'
  | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string | readonly string[] };

export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PrincipalSpec;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version?: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Renders a policy document as compact JSON with a stable key order. */
export function policyJson(document: PolicyDocument): string {
  return JSON.stringify({ Version: document.Version ?? '2012-10-17', Statement: document.Statement });
}

/** A statement denying every request that does not use TLS (S3, SQS, SNS resource policies). */
export function denyInsecureTransport(action: string, resources: readonly string[]): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The trust policy of a role an AWS service assumes on behalf of this account only
 * (`aws:SourceAccount`, the confused-deputy guard of IAM-02). Roles whose service sends a source
 * ARN should use ServiceRole, which also pins `aws:SourceArn`.
 */
export function serviceTrustPolicy(servicePrincipal: string, accountId: string, sid?: string): string {
  return policyJson({
    Statement: [
      {
        ...(sid ? { Sid: sid } : {}),
        Effect: 'Allow',
        Principal: { Service: servicePrincipal },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ],
  });
}
