import path from 'node:path';

/** Repository root, from the compiled test location (out/test/...). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'mips-port.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
