import { COMPLIANT, NOT_APPLICABLE, Statement, blocks, collector, conditionKeys, fail, hasCondition, isRef, list, principals, statements, verdict } from '../helpers';
import { PolicyResource, PolicyRule } from '../types';
import { isUnscopableAction } from '../../core/iam/unscopable-actions';
import { defineRule } from './define';

/** Services that do not support aws:SourceAccount/aws:SourceArn in a trust policy. */
export const NO_SOURCE_CONDITION_SERVICES: readonly string[] = ['lambda.amazonaws.com', 'edgelambda.amazonaws.com', 'ec2.amazonaws.com'];

/** Condition keys that narrow an account-root principal to named principals (IAM-04). */
const ACCOUNT_ROOT_SCOPING_KEYS: readonly string[] = ['aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:sourcearn'];

/** `arn:aws:iam::<account>:root` (any partition, account possibly a reference) or a bare account ID. */
function isAccountRoot(principal: string): boolean {
  return /^arn:aws[a-z-]*:iam::[^:]+:root$/.test(principal) || /^\d{12}$/.test(principal);
}

const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'];

/** Identity policy documents of a resource (inline_policy blocks for roles). */
function identityDocuments(resource: PolicyResource): { document: any; attribute: string }[] {
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.body.inline_policy).map((p, i) => {
      let document: any;
      try {
        document = typeof p.policy === 'string' && !isRef(p.policy) ? JSON.parse(p.policy) : undefined;
      } catch {
        document = undefined;
      }
      return { document, attribute: `inline_policy[${p.name ?? i}].policy` };
    });
  }
  return [{ document: resource.json('policy'), attribute: 'policy' }];
}

function statementLabel(s: Statement, i: number): string {
  return s.Sid ? `Statement[${s.Sid}]` : `Statement[${i}]`;
}

const BROAD_MANAGED = /:policy\/(AdministratorAccess|IAMFullAccess|PowerUserAccess|[A-Za-z0-9]*FullAccess(V\d+)?)$/;
const FORBIDDEN_MANAGED = /:policy\/(AdministratorAccess|IAMFullAccess)$/;

export const IAM_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'IAM-01',
    title: 'No Allow of * or svc:*; Resource * only for unscopable actions; no unconstrained iam:PassRole',
    severity: 'high',
    pack: 'iam',
    mappings: { checkov: ['CKV_AWS_62', 'CKV_AWS_63', 'CKV_AWS_355', 'CKV_AWS_286', 'CKV_AWS_290', 'CKV2_AWS_40'], trivy: ['AVD-AWS-0342'], cdkNag: ['AwsSolutions-IAM5'], fsbp: ['IAM.1', 'IAM.21'] },
    appliesTo: IDENTITY_POLICY_TYPES,
    check(resource) {
      const documents = identityDocuments(resource);
      if (documents.length === 0) return NOT_APPLICABLE;
      const c = collector();
      for (const { document, attribute } of documents) {
        const all = statements(document);
        // `Allow x on "*"` + `Deny x on arn:aws:<svc>:*` leaves only non-ARN targets (SMS to phone numbers).
        const deniedOnEveryArn = (action: string) =>
          all.some((d) => d.Effect === 'Deny' && d.Action.some((a) => a.toLowerCase() === action.toLowerCase()) && d.Resource.some((r) => new RegExp(`^arn:aws[a-z-]*:${action.split(':')[0]}:\\*(:\\*)*$`, 'i').test(r)));
        all.forEach((s, i) => {
          if (s.Effect !== 'Allow') return;
          const where = `${attribute}.${statementLabel(s, i)}`;
          c.expect(s.NotAction.length === 0, `${where}.NotAction`, 'allows everything except a list; list the actions instead');
          const full = s.Action.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
          c.expect(full.length === 0, `${where}.Action`, `allows ${full.join(', ')}; list the actions needed`);
          if (s.Resource.includes('*')) {
            const scopable = s.Action.filter((a) => !isUnscopableAction(a) && !full.includes(a) && !deniedOnEveryArn(a));
            c.expect(scopable.length === 0, `${where}.Resource`, `is "*" for ${scopable.join(', ')}, which can be scoped; name the resources (ARNs)`);
          }
          const passRole = s.Action.some((a) => /^iam:(PassRole|Pass\*|\*)$/i.test(a) || a === '*');
          if (passRole) {
            const anyRole = s.Resource.some((r) => r === '*' || /:role\/\*$/.test(r));
            const constrained = conditionKeys(s).includes('iam:passedtoservice');
            c.expect(!anyRole || constrained, `${where}`, 'allows iam:PassRole on any role without iam:PassedToService; name the roles and the service');
          }
        });
      }
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'IAM-02',
    title: 'Trust policies name specific services or accounts, with source conditions where supported',
    severity: 'high',
    pack: 'iam',
    mappings: { checkov: ['CKV_AWS_60', 'CKV_AWS_61'] },
    appliesTo: ['aws_iam_role'],
    check(role) {
      const document = role.json('assume_role_policy');
      if (document === undefined) return isRef(role.body.assume_role_policy) ? COMPLIANT : fail(role, 'assume_role_policy', 'is not a readable trust policy');
      const c = collector();
      statements(document).forEach((s, i) => {
        if (s.Effect !== 'Allow') return;
        const where = `assume_role_policy.${statementLabel(s, i)}`;
        const p = principals(s.Principal);
        const keys = conditionKeys(s);
        c.expect(!(p.AWS ?? []).includes('*'), `${where}.Principal`, 'is "*"; name the accounts or roles that may assume the role');
        for (const service of p.Service ?? []) {
          if (NO_SOURCE_CONDITION_SERVICES.includes(service)) continue;
          c.expect(keys.includes('aws:sourceaccount') || keys.includes('aws:sourcearn') || keys.includes('aws:sourceorgid'), `${where}.Condition`, `lets ${service} assume the role without aws:SourceAccount/aws:SourceArn; add them (confused deputy)`);
        }
        if ((p.Federated ?? []).length > 0) c.expect(hasCondition(s), `${where}.Condition`, 'trusts a federated provider without conditions (aud/sub); scope it');
      });
      return verdict(role, c.problems);
    },
  }),
  defineRule({
    id: 'IAM-04',
    title: 'A trust policy that names an account root says which principals of it may assume the role',
    severity: 'high',
    pack: 'iam',
    mappings: { checkov: ['CKV_AWS_61'] },
    appliesTo: ['aws_iam_role'],
    check(role) {
      const document = role.json('assume_role_policy');
      if (document === undefined) return NOT_APPLICABLE;
      const c = collector();
      statements(document).forEach((s, i) => {
        if (s.Effect !== 'Allow') return;
        const roots = (principals(s.Principal).AWS ?? []).filter(isAccountRoot);
        if (roots.length === 0) return;
        // MFA or ExternalId alone still lets every principal of the account (or any user of a third party) in.
        const keys = conditionKeys(s);
        c.expect(
          ACCOUNT_ROOT_SCOPING_KEYS.some((k) => keys.includes(k)),
          `assume_role_policy.${statementLabel(s, i)}.Condition`,
          `trusts the whole account (${roots.join(', ')}); name the roles in Principal or add an aws:PrincipalArn (or aws:PrincipalOrgID/aws:SourceArn) condition`,
        );
      });
      return verdict(role, c.problems);
    },
  }),
  defineRule({
    id: 'IAM-03',
    title: 'No AdministratorAccess / IAMFullAccess; customer policies over broad AWS-managed ones',
    severity: 'medium',
    pack: 'iam',
    mappings: { checkov: ['CKV_AWS_274', 'CKV2_AWS_56'], cdkNag: ['AwsSolutions-IAM4'] },
    appliesTo: ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_role', 'aws_iam_role_policy_attachments_exclusive'],
    check(resource) {
      const arns = resource.type === 'aws_iam_role' ? list(resource.body.managed_policy_arns) : resource.type === 'aws_iam_role_policy_attachments_exclusive' ? list(resource.body.policy_arns) : list(resource.body.policy_arn);
      const attribute = resource.type === 'aws_iam_role' ? 'managed_policy_arns' : resource.type === 'aws_iam_role_policy_attachments_exclusive' ? 'policy_arns' : 'policy_arn';
      if (arns.length === 0) return NOT_APPLICABLE;
      const c = collector();
      for (const arn of arns) {
        if (!arn.includes(':aws:policy/')) continue;
        c.expect(!FORBIDDEN_MANAGED.test(arn), attribute, `attaches ${arn}; never grant AdministratorAccess or IAMFullAccess`);
        if (!FORBIDDEN_MANAGED.test(arn)) c.expect(!BROAD_MANAGED.test(arn), attribute, `attaches the broad AWS-managed ${arn}; write a customer policy with the actions needed`);
      }
      return verdict(resource, c.problems);
    },
  }),
];
