import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A scratch project the build script builds: tsconfig.json, package-lock.json, one source. */
function project(source: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: [], skipLibCheck: true }, include: ['src/**/*.ts'] }));
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  fs.writeFileSync(path.join(root, 'src', 'value.ts'), source);
  return root;
}
const build = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.resolve('tools/build.js'), ...args], { env: { ...process.env, BUILD_ROOT: root }, encoding: 'utf8', timeout: 120_000 });

describe('tools/build.js: the type gate in front of synth', () => {
  test('code that does not type-check is refused, and nothing is built', () => {
    const root = project("const amount: number = 'ten';\nexport default amount;\n");
    const run = build(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("src/value.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(run.stderr).toContain('Type check failed: nothing was built or synthesized.');
    expect(fs.existsSync(path.join(root, 'dist', 'src', 'value.js'))).toBe(false);
  });

  test('a duplicated key in a configuration map is refused (it would silently drop the first value)', () => {
    const root = project("export const buckets = { documents: { expireAfterDays: 365 }, documents: { expireAfterDays: 7 } };\n");
    const run = build(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error TS1117: An object literal cannot have multiple properties with the same name/);
  });

  test('the check is skipped while nothing changed; a changed file is rebuilt by content, whatever its timestamp', () => {
    const root = project('export const value: number = 1;\n');
    expect(build(root).status).toBe(0);
    const gate = fs.readFileSync(path.join(root, 'dist', '.typecheck-ok'), 'utf8');
    expect(build(root).status).toBe(0);
    const source = path.join(root, 'src', 'value.ts');
    const past = new Date('2001-01-01T00:00:00Z');
    fs.writeFileSync(source, 'export const value: number = 2;\n');
    fs.utimesSync(source, past, past); // restored from an archive with an older timestamp
    expect(build(root).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'dist', 'src', 'value.js'), 'utf8')).toContain('value = 2');
    expect(fs.readFileSync(path.join(root, 'dist', '.typecheck-ok'), 'utf8')).not.toBe(gate);
  });
});
