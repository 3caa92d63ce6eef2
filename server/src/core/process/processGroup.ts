// Whether a process group still has live members. A cancelled tool's leader can exit while its
// helpers are still cleaning up (mmdebstrap's workers, dpkg under QEMU); "cancelled" must mean they
// are gone. Zombies do not count: they hold nothing, and an init that never reaps keeps them forever.
import fs from 'node:fs';

/** Live (non-zombie) members of the group, read from /proc; undefined where there is no /proc. */
function liveMembersFromProc(pgid: number): number | undefined {
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  let live = 0;
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[2]) === pgid && rest[0] !== 'Z' && rest[0] !== 'X') live++;
  }
  return live;
}

export function groupAlive(pgid: number): boolean {
  const fromProc = liveMembersFromProc(pgid);
  if (fromProc !== undefined) return fromProc > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the group has no live members, or after `limitMs` (the caller has sent SIGKILL by then). */
export async function waitForGroupExit(pgid: number, limitMs: number, pollMs = 50): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (groupAlive(pgid)) {
    if (Date.now() >= end) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}
