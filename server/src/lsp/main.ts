// Entry of the bundled server (server/out/server.js): stdio, node-ipc or socket, chosen by argv. Over stdio
// the input goes through the framing check first, so a bad header never leaves a server that cannot hear.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FrameFilter } from './frameFilter';
import { startServer } from './server';

if (process.argv.includes('--stdio')) {
  const input = process.stdin.pipe(new FrameFilter((m) => process.stderr.write(`${m}\n`)));
  const connection = createConnection(ProposedFeatures.all, input, process.stdout);
  // stdout is the protocol: stray console output goes to the client's log instead
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = (...a: unknown[]) => connection.console.info(a.map(String).join(' '));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  startServer(connection);
} else startServer(createConnection(ProposedFeatures.all));
