// server/out/server.js: the language server bundle, through the code cache.
import path from 'node:path';
import { loadBundle } from './codeCache';

loadBundle(path.join(__dirname, 'server-bundle.js'));
