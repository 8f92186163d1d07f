import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../../src/app/synthesize';
import { baselineOf, parseBaseline } from '../../../src/policy/formats/baseline';
import { UsageError, parsePolicyArgs } from '../../../src/policy/formats/cli-args';
import { evaluate, readStacks } from '../../../src/policy';
import { ALL_RULES } from '../../../src/policy/rules';
import { sarifValidator } from './fixture-report';
import { childrenNamed, parseXml } from './xml';

describe('policy command line', () => {
  test('switches and file options, as --flag FILE or --flag=FILE, in any order', () => {
    expect(parsePolicyArgs([])).toEqual({ json: false, noSynth: false });
    expect(parsePolicyArgs(['--no-synth', '--sarif', 'out/p.sarif', '--json', '--junit=p.xml', '--baseline', 'b.json', '--write-baseline', 'b.json'])).toEqual({
      json: true,
      noSynth: true,
      sarif: 'out/p.sarif',
      junit: 'p.xml',
      baseline: 'b.json', // judging against a file and rewriting it is allowed
      writeBaseline: 'b.json',
    });
  });

  test.each([
    [['--sarif'], 'policy: --sarif needs a file name (--sarif FILE)'],
    [['--junit', '--json'], 'policy: --junit needs a file name (--junit FILE)'],
    [['--baseline='], 'policy: --baseline needs a file name (--baseline FILE)'],
    [['--sarif', 'a', '--sarif', 'b'], 'policy: --sarif is given twice; give it once'],
    [['--sarif', 'r.out', '--junit', './r.out'], 'policy: --sarif and --junit both write r.out; give each its own file'],
    [['--jsn'], 'policy: unknown argument "--jsn" (use --json, --no-synth, --sarif FILE, --junit FILE, --baseline FILE, --write-baseline FILE)'],
    [['--json=yes'], 'policy: unknown argument "--json=yes" (use --json, --no-synth, --sarif FILE, --junit FILE, --baseline FILE, --write-baseline FILE)'],
    [['report.sarif'], 'policy: unknown argument "report.sarif" (use --json, --no-synth, --sarif FILE, --junit FILE, --baseline FILE, --write-baseline FILE)'],
  ])('%j is rejected with one line', (argv, message) => {
    expect(() => parsePolicyArgs(argv)).toThrow(UsageError);
    expect(() => parsePolicyArgs(argv)).toThrow(message);
  });
});

// End to end on a real synthesized stack (bidops dev data), through dist/scripts/policy.js
// as `npm run policy` runs it (npm run test:unit builds dist first).
describe('npm run policy with the CI formats, on bidops-dev-data', () => {
  const script = path.resolve('dist/scripts/policy.js');
  let root: string;
  let outdir: string;
  const PROBE = 'aws_s3_bucket.policy_cli_probe';
  const dataFile = () => path.join(outdir, 'stacks', 'bidops-dev-data', 'cdk.tf.json');

  const policy = (...args: string[]) => {
    const run = spawnSync(process.execPath, [script, '--no-synth', ...args], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  /** Adds (or removes) a bare bucket in the data stack: S3-01 (high, never suppressible) then fires on it. */
  const probe = (present: boolean) => {
    const json = JSON.parse(fs.readFileSync(dataFile(), 'utf8'));
    if (present) json.resource.aws_s3_bucket.policy_cli_probe = { bucket: 'policy-cli-probe' };
    else delete json.resource.aws_s3_bucket.policy_cli_probe;
    fs.writeFileSync(dataFile(), JSON.stringify(json, null, 2));
  };

  beforeAll(() => {
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: run node tools/build.js first`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-cli-'));
    outdir = path.join(root, 'cdktf.out');
    // One layer keeps the synth short; the data stack has resource suppressions to carry.
    synthesize({ SYSTEMS: 'bidops', ENVS: 'dev', LAYERS: 'data' }, outdir);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('bad input: one line on stderr, exit 2, nothing written', () => {
    const unknown = policy('--sarif', 'x.sarif', '--bogus');
    expect([unknown.status, unknown.stderr.trim().split('\n').length, unknown.stdout]).toEqual([2, 1, '']);
    const missing = policy('--baseline', 'nope.json', '--sarif', 'x.sarif');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('policy: --baseline nope.json: cannot be read (ENOENT); create it with --write-baseline nope.json');
    expect(fs.existsSync(path.join(root, 'x.sarif'))).toBe(false);
  });

  test('writes SARIF valid by the schema, located on the resource lines; JUnit; a baseline; exit code as the gate', () => {
    const run = policy('--json', '--sarif', 'reports/policy.sarif', '--junit', 'reports/policy.xml', '--write-baseline', 'policy-baseline.json');
    const report = evaluate(readStacks(outdir));
    expect(run.status).toBe(report.passed ? 0 : 1);
    expect(JSON.parse(run.stdout).passed).toBe(report.passed); // --json still prints the report alone
    expect(run.stderr).toMatch(/^policy: wrote SARIF 2\.1\.0 .* to reports\/policy\.sarif$/m);

    const sarif = JSON.parse(fs.readFileSync(path.join(root, 'reports', 'policy.sarif'), 'utf8'));
    expect(sarifValidator()(sarif)).toEqual({ valid: true, errors: 'No errors' });
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(ALL_RULES.length);
    const findings = report.stacks.flatMap((s) => s.findings);
    expect(sarif.runs[0].results).toHaveLength(findings.length);
    expect(findings.length).toBeGreaterThan(0); // bidops dev has suppressed findings (seed deviations)
    for (const result of sarif.runs[0].results) {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      const [stack, address] = [result.properties.stack, result.locations[0].logicalLocations[0].name];
      expect(artifactLocation).toEqual({ uri: `cdktf.out/stacks/${stack}/cdk.tf.json`, uriBaseId: '%SRCROOT%' });
      const line = fs.readFileSync(path.join(root, artifactLocation.uri), 'utf8').split('\n')[region.startLine - 1];
      expect(line).toBe(`      ${JSON.stringify(address.slice(address.indexOf('.') + 1))}: {`);
    }
    expect(sarif.runs[0].results.filter((r: any) => r.suppressions).length).toBe(findings.filter((f) => f.suppressed).length);

    const junit = parseXml(fs.readFileSync(path.join(root, 'reports', 'policy.xml'), 'utf8'));
    expect(childrenNamed(junit, 'testsuite').map((s) => s.attributes.name)).toEqual(report.stacks.map((s) => s.stack));
    expect(Number(junit.attributes.tests)).toBe(findings.length + report.unmatched.length);

    expect(parseBaseline(fs.readFileSync(path.join(root, 'policy-baseline.json'), 'utf8'), 'b')).toEqual(baselineOf(report));
    // Deterministic: a second run writes the same bytes.
    const first = fs.readFileSync(path.join(root, 'reports', 'policy.sarif'), 'utf8');
    policy('--sarif', 'reports/policy.sarif');
    expect(fs.readFileSync(path.join(root, 'reports', 'policy.sarif'), 'utf8')).toBe(first);
  });

  test('baseline: a new blocking finding fails, a recorded one passes, a fixed one is reported no longer found', () => {
    expect(policy('--write-baseline', 'before.json').status).toBe(evaluate(readStacks(outdir)).passed ? 0 : 1);
    probe(true);
    try {
      // New S3-01 on the probe: not in before.json -> fails (exit 1), listed as new and blocking.
      const failing = policy('--json', '--baseline', 'before.json', '--sarif', 'probe.sarif', '--write-baseline', 'after.json');
      expect(failing.status).toBe(1);
      const json = JSON.parse(failing.stdout);
      expect(json.passed).toBe(false);
      expect(json.baseline.newBlocking).toContainEqual({ stack: 'bidops-dev-data', rule: 'S3-01', address: PROBE });
      const result = JSON.parse(fs.readFileSync(path.join(root, 'probe.sarif'), 'utf8')).runs[0].results.find((r: any) => r.ruleId === 'S3-01' && r.locations[0].logicalLocations[0].name === PROBE);
      expect([result.level, result.baselineState]).toEqual(['error', 'new']);
      // Recorded in after.json: the same output passes against it.
      const known = policy('--baseline', 'after.json');
      expect(known.stdout).toMatch(/^policy with baseline: 0 new blocking findings -> PASS$/m);
      expect(known.status).toBe(0);
    } finally {
      probe(false);
    }
    const fixed = policy('--baseline', 'after.json');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain(`no longer found  bidops-dev-data  S3-01  ${PROBE}`);
  });
});
