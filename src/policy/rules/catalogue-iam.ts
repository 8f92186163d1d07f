import { COMPLIANT, NOT_APPLICABLE, Statement, collector, list, principals, statements, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/**
 * Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md), IAM
 * area. Kept out of iam.ts so the catalogue's additions stay reviewable as one set.
 */

const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
const GITHUB_SUB = 'token.actions.githubusercontent.com:sub';
/** `repo:<owner>/<repo>:<rest>` with owner and repository spelled out (no wildcard). */
const GITHUB_REPO_SUBJECT = /^repo:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+:.+$/;

/** Values of a condition key (case-insensitive) under operators matching `operator`. */
function conditionValues(statement: Statement, key: string, operator: RegExp): string[] {
  const values: string[] = [];
  for (const [op, entries] of Object.entries(statement.Condition ?? {})) {
    if (!operator.test(op) || !entries || typeof entries !== 'object') continue;
    for (const [k, v] of Object.entries(entries)) if (k.toLowerCase() === key.toLowerCase()) values.push(...list(v));
  }
  return values;
}

/** Condition keys of the statement ending with `suffix` (`:aud`, `:sub`), original case. */
function keysEndingWith(statement: Statement, suffix: string): string[] {
  const keys: string[] = [];
  for (const entries of Object.values(statement.Condition ?? {})) {
    if (entries && typeof entries === 'object') keys.push(...Object.keys(entries).filter((k) => k.toLowerCase().endsWith(suffix)));
  }
  return [...new Set(keys)];
}

const EQUALS = /^(ForAnyValue:|ForAllValues:)?StringEquals(IgnoreCase)?$/i;
const EQUALS_OR_LIKE = /^(ForAnyValue:|ForAllValues:)?String(Equals|Like)(IgnoreCase)?$/i;

export const CATALOGUE_IAM_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'IAM-05',
    title: 'Web-identity trusts pin audience and subject: OIDC aud + sub (GitHub: one named repository), Cognito identity pool aud + authenticated amr',
    severity: 'high',
    pack: 'iam',
    mappings: { checkov: ['CKV_AWS_393', 'CKV_AWS_358'] },
    appliesTo: ['aws_iam_role'],
    check(role) {
      const document = role.json('assume_role_policy');
      const federated = statements(document).filter((s) => s.Effect === 'Allow' && (principals(s.Principal).Federated ?? []).length > 0);
      if (federated.length === 0) return NOT_APPLICABLE;
      const c = collector();
      federated.forEach((s, i) => {
        const where = `assume_role_policy.Statement[${s.Sid ?? i}]`;
        const cognito = (principals(s.Principal).Federated ?? []).includes(COGNITO_IDENTITY);
        if (cognito) {
          const aud = conditionValues(s, `${COGNITO_IDENTITY}:aud`, EQUALS);
          c.expect(aud.length > 0 && !aud.includes('*'), `${where}.Condition`, `has no StringEquals ${COGNITO_IDENTITY}:aud; name the identity pool, or every pool in every account may assume the role`);
          const amr = conditionValues(s, `${COGNITO_IDENTITY}:amr`, EQUALS_OR_LIKE);
          c.expect(amr.length > 0, `${where}.Condition`, `has no ${COGNITO_IDENTITY}:amr; say whether authenticated or unauthenticated identities may assume the role`);
          return;
        }
        const audKeys = keysEndingWith(s, ':aud');
        c.expect(audKeys.some((k) => conditionValues(s, k, EQUALS).some((v) => v !== '*')), `${where}.Condition`, 'has no StringEquals <provider>:aud; pin the audience (client ID) of the OIDC provider');
        const subKeys = keysEndingWith(s, ':sub');
        const subs = subKeys.flatMap((k) => conditionValues(s, k, EQUALS_OR_LIKE));
        c.expect(subs.length > 0 && !subs.some((v) => /^\*+$/.test(v)), `${where}.Condition`, 'has no <provider>:sub (or it is "*"); pin the subject, otherwise every identity of the provider may assume the role');
        const github = subKeys.some((k) => k.toLowerCase() === GITHUB_SUB);
        if (github) {
          const loose = subs.filter((v) => !GITHUB_REPO_SUBJECT.test(v));
          c.expect(loose.length === 0, `${where}.Condition.${GITHUB_SUB}`, `is ${JSON.stringify(loose)}; name one repository: repo:<owner>/<repo>:ref:refs/heads/<branch> (or :environment:<name>)`);
        }
      });
      return c.problems.length === 0 ? COMPLIANT : verdict(role, c.problems);
    },
  }),
];
