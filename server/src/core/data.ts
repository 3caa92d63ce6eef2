// Finds the committed data files (server/data/) from wherever the bundle or the compiled tests live.
import fs from 'node:fs';
import path from 'node:path';

export function findDataFile(file: string, start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    for (const candidate of [path.join(dir, 'server', 'data', file), path.join(dir, 'data', file)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`mips-port: knowledge base file ${file} not found near ${start}; run \`npm run kb\``);
}
