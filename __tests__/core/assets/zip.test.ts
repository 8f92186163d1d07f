import { inflateRawSync } from 'zlib';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { directoryEntries, hashEntries, packageDirectoryAsset } from '../../../src/core/assets/package-directory';
import { zip } from '../../../src/core/assets/zip';

/** Reads a zip written by `zip()` back through its central directory. */
function unzip(archive: Buffer): { name: string; data: Buffer; mode: number }[] {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const mode = archive.readUInt32LE(at + 38) >>> 16;
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + archive.readUInt16LE(local + 26);
    files.push({ name, data: inflateRawSync(archive.subarray(dataStart, dataStart + size)), mode });
    at += 46 + nameLength;
  }
  return files;
}

describe('deterministic zip of a code directory', () => {
  test('round-trips names and contents, with rw-r--r-- files', () => {
    const entries = [{ name: 'index.js', data: Buffer.from('exports.handler = async () => 1;\n') }, { name: 'lib/util.js', data: Buffer.alloc(5000, 'x') }];
    const files = unzip(zip(entries));
    expect(files.map((f) => [f.name, f.data.toString(), f.mode.toString(8)])).toEqual(entries.map((e) => [e.name, e.data.toString(), '100644']));
  });

  test('the same files give the same bytes; a renamed file gives another hash', () => {
    const a = [{ name: 'index.js', data: Buffer.from('1') }];
    expect(zip(a).equals(zip(a))).toBe(true);
    expect(hashEntries(a)).not.toBe(hashEntries([{ name: 'main.js', data: Buffer.from('1') }]));
  });

  test('a directory is packaged once per process and copied into each stack as assets/<id>/<hash>/archive.zip', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});\n');
    fs.writeFileSync(path.join(dir, 'nested', 'b.js'), 'module.exports = 2;\n');
    expect(directoryEntries(dir).map((e) => e.name)).toEqual(['index.js', 'nested/b.js']);
    const app = Testing.app();
    const first = packageDirectoryAsset(new TerraformStack(app, 'one'), 'code', dir)!;
    const second = packageDirectoryAsset(new TerraformStack(app, 'two'), 'code', dir)!;
    expect(second.hash).toBe(first.hash);
    expect(first.asset.path).toBe(`assets/code/${first.hash}/archive.zip`);
    expect(unzip(fs.readFileSync(path.join(os.tmpdir(), 'cdktf-packaged-directories', first.hash, 'archive.zip'))).map((f) => f.name)).toEqual(['index.js', 'nested/b.js']);
    expect(packageDirectoryAsset(new TerraformStack(app, 'three'), 'code', fs.mkdtempSync(path.join(os.tmpdir(), 'empty-')))).toBeUndefined();
  });
});
