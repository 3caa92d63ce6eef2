// server/out/cli.js: the CLI bundle, through the code cache.
import path from 'node:path';
import { loadBundle } from './codeCache';

loadBundle(path.join(__dirname, 'cli-bundle.js'));
