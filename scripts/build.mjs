// Bundles the extension client, the language server and the CLI with esbuild, then compiles the
// tests with tsc (type-checked, strict) so `node --test` can run them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
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
  ].map(([entry, out]) => build({ ...common, entryPoints: [path.join(root, entry)], outfile: path.join(root, out) })),
]);

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
