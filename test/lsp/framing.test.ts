// The base protocol's framing from a broken or hostile client: after a garbage header line, a missing or
// bad Content-Length, or LF-only separators, the server says so on stderr and answers the next valid
// message (it used to stay up and never answer again).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

afterEach(() => LspClient.killAll());

const CASES: Record<string, { bytes: string; says?: RegExp }> = {
  'a garbage header line': { bytes: 'garbage line\r\n', says: /"garbage line" is not a header line/ },
  'no Content-Length': { bytes: 'Content-Type: application/json\r\n\r\n{}', says: /no Content-Length/ },
  'a bad Content-Length': { bytes: 'Content-Length: abc\r\n\r\n', says: /Content-Length "abc" is not a length/ },
  'a negative Content-Length': { bytes: 'Content-Length: -5\r\n\r\n', says: /is not a length/ },
  'LF-only separators': {
    bytes: (() => {
      const body = JSON.stringify({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'off' } });
      return `Content-Length: ${Buffer.byteLength(body)}\n\n${body}`;
    })(),
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`after ${name} the server answers the next valid message`, async () => {
    const client = new LspClient();
    client.proc.stdin.write(c.bytes);
    const answered = await Promise.race([
      client.initialize(),
      new Promise((r) => setTimeout(() => r(undefined), 10000)),
    ]);
    assert.ok(answered, `no answer to initialize; stderr: ${client.stderr}`);
    if (c.says) assert.match(client.stderr, c.says);
    // and it keeps hearing: a request after the recovery is answered too
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///nowhere/Dockerfile' },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover, null);
    await client.shutdown();
  });
}
