#!/usr/bin/env node
// Transpile-only build: TypeScript -> CommonJS in dist/, no type-check (that is `npm run typecheck`).
// Only files newer than their output are rewritten, so a warm build costs a few milliseconds
// plus loading the compiler.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outRoot = path.join(root, 'dist');
const sources = ['main.ts', 'src', 'stacks', 'scripts'];

function collect(entry, acc) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return acc;
  if (fs.statSync(full).isDirectory()) {
    for (const child of fs.readdirSync(full).sort()) collect(path.join(entry, child), acc);
  } else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) {
    acc.push(entry);
  }
  return acc;
}

const files = sources.flatMap((s) => collect(s, []));
const stale = files.filter((rel) => {
  const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
  return !fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(root, rel)).mtimeMs;
});

// Drop outputs whose source is gone, so a deleted file cannot linger in dist/.
const expected = new Set(files.map((rel) => path.join(outRoot, rel.replace(/\.ts$/, '.js'))));
(function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const child of fs.readdirSync(dir)) {
    const full = path.join(dir, child);
    if (fs.statSync(full).isDirectory()) prune(full);
    else if (full.endsWith('.js') && !expected.has(full)) fs.rmSync(full);
  }
})(outRoot);

if (stale.length > 0) {
  const ts = require('typescript');
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    sourceMap: false,
  };
  for (const rel of stale) {
    const source = fs.readFileSync(path.join(root, rel), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: rel });
    const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
}
