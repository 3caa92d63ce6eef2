// The same integration suite in a desktop VS Code through @vscode/test-electron (downloads VS Code,
// so it is not part of `npm test`; the code-server runner is). Run: npm run test:electron
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
// the same workspace as the code-server runner: the data-file workspace (offline) and two examples
const { dataFilesWorkspace } = (await import(path.join(root, 'out', 'test', 'helpers', 'dataFiles.js'))).default;
const ws = dataFilesWorkspace();
for (const name of ['nginx', 'sample-apiserver']) {
  fs.mkdirSync(path.join(ws, name));
  fs.copyFileSync(path.join(root, 'examples', name, 'Dockerfile'), path.join(ws, name, 'Dockerfile'));
}
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
