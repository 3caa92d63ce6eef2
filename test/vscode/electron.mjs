// The same integration suite in a desktop VS Code through @vscode/test-electron (downloads VS Code,
// so it is not part of `npm test`; the code-server runner is). Run: npm run test:electron
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-electron-ws-'));
for (const [src, dst] of [
  ['examples/nginx/Dockerfile', 'nginx/Dockerfile'],
  ['examples/sample-apiserver/Dockerfile', 'sample-apiserver/Dockerfile'],
  ['test/fixtures/k8s/manifest/current/manifest.go', 'k8s/manifest.go'],
]) {
  fs.mkdirSync(path.dirname(path.join(ws, dst)), { recursive: true });
  fs.copyFileSync(path.join(root, src), path.join(ws, dst));
}
fs.mkdirSync(path.join(ws, '.vscode'));
fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'mipsPort.offline': true }));
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [ws, '--disable-extensions'],
  });
} catch (e) {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
