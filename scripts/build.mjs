// Bundles the extension client, the language server and the CLI with esbuild, then compiles the
// tests with tsc (type-checked, strict) so `node --test` can run them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

// yaml is a quarter of each server bundle: it goes in a file of its own, loaded by the first YAML document
// (server/src/core/documents/yamlLib.ts), so a start or scan that reads only Dockerfiles never compiles it
const yamlApart = {
  name: 'yaml-apart',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml-lib.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'client/src/extension.ts')],
    outfile: path.join(root, 'client/out/extension.js'),
    external: ['vscode'],
  }),
  // the server and CLI bundles, and the small entry points that load them through V8's code cache
  // (server/src/boot/codeCache.ts)
  ...[
    ['server/src/lsp/main.ts', 'server/out/server-bundle.js'],
    ['server/src/cli/entry.ts', 'server/out/cli-bundle.js'],
    ['server/src/boot/serverEntry.ts', 'server/out/server.js'],
    ['server/src/boot/cliEntry.ts', 'server/out/cli.js'],
  ].map(([entry, out]) =>
    build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(root, out), plugins: [yamlApart] }),
  ),
  build({
    ...common,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: root, loader: 'js' },
    outfile: path.join(root, 'server/out/yaml-lib.js'),
  }),
]);

// esbuild wraps every `import x from 'node:fs'` in __toESM, which copies the module's properties into a
// new object: ~100 copies of fs, path, os… at each start (~6 ms). A builtin's copy is the same every
// time, so the server and CLI bundles make it once per module. (Only builtins: a bundled CommonJS module
// may still be filling its exports inside a require cycle.)
const ONCE_PER_BUILTIN = `
function __builtinESM(mod) {
  const made = (__builtinESM.made ??= new Map());
  let m = made.get(mod);
  if (!m) made.set(mod, (m = __toESM(mod)));
  return m;
}
`;
for (const out of ['server/out/server-bundle.js', 'server/out/cli-bundle.js']) {
  const file = path.join(root, out);
  const text = fs.readFileSync(file, 'utf8');
  const calls = text.split('__toESM(require("node:').length - 1;
  if (calls === 0 || !text.includes('var __toESM = ')) throw new Error(`${out}: esbuild's __toESM helper has changed`);
  const done = text.replaceAll('__toESM(require("node:', '__builtinESM(require("node:');
  // appended after the source map comment would hide it: insert before it; a function is hoisted
  const at = done.lastIndexOf('\n//# sourceMappingURL=');
  fs.writeFileSync(file, done.slice(0, at) + ONCE_PER_BUILTIN + done.slice(at));
}

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
