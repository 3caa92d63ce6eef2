// A minimal LSP client over stdio for tests: Content-Length framing, requests, notifications,
// answers to the server's own requests (workspace/configuration), waiting for notifications.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, REPO_ROOT } from './paths';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private chunks: Buffer[] = [];
  private received = 0;
  /** The body length of the message being received, once its header is read. */
  private expected?: number;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private waiters: { method: string; pred: (p: Json) => boolean; resolve: (p: Json) => void }[] = [];
  readonly notifications: { method: string; params: Json }[] = [];
  /** Answers to workspace/configuration, per section. */
  configuration: Record<string, unknown> = {};
  stderr = '';

  private static live = new Set<LspClient>();

  /** Kills every server a test left running, so a failed test cannot hang the run. */
  static killAll(): void {
    for (const c of LspClient.live) c.proc.kill('SIGKILL');
    LspClient.live.clear();
  }

  /** Starts `node <script> <args>`; by default the mips-port CLI's language server. `env` adds to (or, with
   *  PATH, replaces) the test's environment. */
  constructor(args: string[] = ['lsp', '--stdio'], script: string = CLI, env: Record<string, string> = {}) {
    LspClient.live.add(this);
    // a private cache per server, so no test sees another's (or the user's) registry answers
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'mips-port-lsp-cache-'));
    this.proc = spawn(process.execPath, [script, ...args], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env },
    });
    // the cache goes with the server, however it ends (a process it started may still be writing there)
    this.proc.on('exit', () => {
      try {
        fs.rmSync(cacheHome, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        /* left for the system's temp cleaning */
      }
    });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  private onData(d: Buffer): void {
    // a multi-megabyte message comes in many chunks: they are joined once it is complete, not on each
    // chunk (joining every time made this client, not the server, the slow side of a large-file test)
    this.chunks.push(d);
    this.received += d.length;
    for (;;) {
      if (this.expected === undefined) {
        const head = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
        this.chunks = head ? [head] : [];
        const headerEnd = head?.indexOf('\r\n\r\n') ?? -1;
        if (headerEnd < 0) return;
        const m = /Content-Length: (\d+)/i.exec(head.subarray(0, headerEnd).toString());
        if (!m) throw new Error('bad header');
        this.chunks = [head.subarray(headerEnd + 4)];
        this.received = head.length - headerEnd - 4;
        this.expected = Number(m[1]);
      }
      if (this.received < this.expected) return;
      const all = Buffer.concat(this.chunks);
      const msg = JSON.parse(all.subarray(0, this.expected).toString('utf8'));
      this.chunks = [all.subarray(this.expected)];
      this.received = all.length - this.expected;
      this.expected = undefined;
      this.dispatch(msg);
    }
  }

  private dispatch(msg: Json): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      // a request from the server
      let result: Json = null;
      if (msg.method === 'workspace/configuration')
        result = msg.params.items.map((i: Json) => this.configuration[i.section] ?? null);
      if (msg.method === 'workspace/applyEdit') result = { applied: true };
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      // record server requests too (window/showMessageRequest, client/registerCapability…)
      this.notifications.push({ method: msg.method, params: msg.params });
      this.waiters = this.waiters.filter((w) => {
        if (w.method === msg.method && w.pred(msg.params)) {
          w.resolve(msg.params);
          return false;
        }
        return true;
      });
      return;
    }
    this.notifications.push({ method: msg.method, params: msg.params });
    this.waiters = this.waiters.filter((w) => {
      if (w.method === msg.method && w.pred(msg.params)) {
        w.resolve(msg.params);
        return false;
      }
      return true;
    });
  }

  private write(msg: Json): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: Json): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first matching notification, including one that already arrived after `since`. */
  waitFor(method: string, pred: (p: Json) => boolean = () => true, timeoutMs = 10000, since = 0): Promise<Json> {
    const seen = this.notifications.slice(since).find((n) => n.method === method && pred(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`timed out waiting for ${method}; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({
        method,
        pred,
        resolve: (p) => {
          clearTimeout(t);
          resolve(p);
        },
      });
    });
  }

  async initialize(
    capabilities: Json = {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions?: Json,
    workspaceFolders?: string[],
  ): Promise<Json> {
    const r = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      // a test speaks for a trusted workspace unless it says otherwise (an editor's default is untrusted)
      initializationOptions: { trusted: true, ...initializationOptions },
      ...(workspaceFolders
        ? { workspaceFolders: workspaceFolders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) }
        : {}),
    });
    this.notify('initialized', {});
    return r;
  }

  async shutdown(): Promise<void> {
    LspClient.live.delete(this);
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) {
        resolve();
        return;
      }
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
