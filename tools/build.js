#!/usr/bin/env node
// Build for the synth path: TypeScript -> CommonJS in dist/, behind a type gate.
// - Type gate: the whole project (tsconfig.json) must type-check before anything runs. The check is
//   skipped only when no source, tsconfig.json or package-lock.json changed since the last green
//   check (content hashes, not timestamps), and incremental (dist/.tsbuildinfo) when it runs.
// - Transpile: only files whose content changed since they were last transpiled are rewritten
//   (dist/.build-manifest.json holds the hashes), outputs of deleted sources are removed.
//   `node tools/build.js --check` runs only the gate (npm run typecheck).
'use strict';
const { createHash } = require('crypto');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

// BUILD_ROOT lets the tests build a scratch project with this same script.
const root = path.resolve(process.env.BUILD_ROOT ?? path.join(__dirname, '..'));
const outRoot = path.join(root, 'dist');
const runtimeSources = ['main.ts', 'src', 'stacks', 'scripts'];
const checkedSources = [...runtimeSources, '__tests__'];
const GATE_FILE = path.join(outRoot, '.typecheck-ok');
const MANIFEST_FILE = path.join(outRoot, '.build-manifest.json');

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

const sha = (data) => createHash('sha256').update(data).digest('hex');
const contents = new Map();
const hashOf = (rel) => {
  if (!contents.has(rel)) contents.set(rel, sha(fs.readFileSync(path.join(root, rel))));
  return contents.get(rel);
};
const readJson = (file, fallback) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
};

function typeGate(force) {
  const inputs = [...checkedSources.flatMap((s) => collect(s, [])), 'tsconfig.json', 'package-lock.json'].filter((rel) => fs.existsSync(path.join(root, rel)));
  const fingerprint = sha(inputs.map((rel) => `${rel}\0${hashOf(rel)}`).join('\n'));
  if (!force && fs.existsSync(GATE_FILE) && fs.readFileSync(GATE_FILE, 'utf8') === fingerprint) return;
  fs.mkdirSync(outRoot, { recursive: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', path.join(outRoot, '.tsbuildinfo')], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    fs.rmSync(GATE_FILE, { force: true });
    process.stderr.write(run.stdout + run.stderr);
    process.stderr.write('Type check failed: nothing was built or synthesized. Fix the errors above (npm run typecheck shows them again).\n');
    process.exit(1);
  }
  fs.writeFileSync(GATE_FILE, fingerprint);
}

function transpile() {
  const files = runtimeSources.flatMap((s) => collect(s, []));
  const manifest = readJson(MANIFEST_FILE, {});
  const stale = files.filter((rel) => manifest[rel] !== hashOf(rel) || !fs.existsSync(path.join(outRoot, rel.replace(/\.ts$/, '.js'))));

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
    const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, sourceMap: false };
    for (const rel of stale) {
      const source = fs.readFileSync(path.join(root, rel), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: rel });
      const out = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, outputText);
    }
  }
  fs.writeFileSync(MANIFEST_FILE, JSON.stringify(Object.fromEntries(files.map((rel) => [rel, hashOf(rel)]))));
}

const checkOnly = process.argv.includes('--check');
typeGate(checkOnly);
if (!checkOnly) transpile();
