// Client and server agree through shared/protocol.ts: every command package.json contributes is declared
// there, and the client names none by a literal of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { CLIENT_COMMANDS, IMAGES_VIEW, SERVER_COMMANDS } from '../../server/src/shared/protocol';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test("package.json's commands and view are the protocol's: client commands plus the palette's Go check", () => {
  const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  const declared = [...Object.values(CLIENT_COMMANDS), SERVER_COMMANDS.goCheck.command].sort();
  assert.deepEqual(contributed, declared);
  assert.ok(pkg.contributes.views.mipsPort.some((v: { id: string }) => v.id === IMAGES_VIEW));
});

test('the client writes no command id or message name as a literal: it uses the declarations', () => {
  const ids = new Set<string>([
    ...Object.values(CLIENT_COMMANDS),
    ...Object.values(SERVER_COMMANDS).map((c) => c.command),
    IMAGES_VIEW,
    'mipsPort/workspaceImages',
    'mipsPort/qemuSetup',
    'mipsPort/registryUnreachable',
  ]);
  const found: string[] = [];
  const dir = path.join(REPO_ROOT, 'client', 'src');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/'([^'\n]+)'/g)) if (ids.has(m[1])) found.push(`${f}: ${m[1]}`);
  }
  assert.deepEqual(found, []);
});
