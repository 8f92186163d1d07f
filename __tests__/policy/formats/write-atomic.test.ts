import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomic } from '../../../src/policy/formats/write-atomic';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-write-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creates missing parent directories, replaces the old file, leaves no temporary file', () => {
    const file = path.join(dir, 'reports', 'ci', 'policy.sarif');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['policy.sarif']);
  });

  test('a failed write throws, keeps what was there and removes its temporary file', () => {
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, 'text')).toThrow(); // cannot rename a file over a non-empty directory
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readdirSync(target)).toEqual(['keep']);
  });

  test('a parent that cannot be created fails at once (no endless retry)', () => {
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    expect(() => writeFileAtomic(path.join(dir, 'file', 'sub', 'x.xml'), 'text')).toThrow(/ENOTDIR/);
  });
});
