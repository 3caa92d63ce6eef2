// Entry of the extension's integration suite inside VS Code's extension host (code-server or
// @vscode/test-electron): runs the mocha suite and writes the results where the runner reads them.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  // the runner's second window opens an untrusted workspace for the Restricted Mode checks
  const suite = process.env.MIPS_PORT_VSCODE_SUITE === 'restricted' ? 'restrictedSuite.js' : 'extensionSuite.js';
  mocha.addFile(path.join(__dirname, suite));
  const results: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.MIPS_PORT_VSCODE_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
      console.log(`vscode suite: ${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) =>
      results.push({ title: t.fullTitle(), state: 'failed', error: `${err.message}\n${err.stack ?? ''}` }),
    );
  });
}
