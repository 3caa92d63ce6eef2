#!/usr/bin/env node
'use strict';
// `mips-port lsp` starts the language server bundle alone: the CLI bundle is not compiled first, so
// an editor that spawns the CLI gets its first diagnostics as soon as one that spawns the server.
const args = process.argv.slice(3);
const direct =
  process.argv[2] === 'lsp' &&
  !process.env.MIPS_PORT_SERVER_MODULE &&
  args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=')) &&
  !args.some((a) => a === '--help' || a === '-h');
if (direct) require('../server/out/server.js');
else require('../server/out/cli.js');
