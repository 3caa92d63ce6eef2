// Entry of the bundled server (server/out/server.js): stdio, node-ipc or socket, chosen by argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
