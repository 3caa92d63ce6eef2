// The start check: run the built image with its own ENTRYPOINT/CMD for a few seconds. Still running, or
// exited 0, passes; a non-zero exit, or a log line saying a program or file it runs is missing ("not
// found", "No such file or directory"), fails with the container's last log lines. The container is removed
// whatever happens. A green build must not hide an image whose program dies on start.
import { runProcess } from '../process/runProcess';

export interface StartCheckInput {
  /** docker or podman */
  cli: string;
  tag: string;
  platform: string;
  seconds: number;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
}

export interface StartCheckResult {
  ok: boolean;
  cancelled: boolean;
  /** One line: how the program behaved. */
  message: string;
  output: string;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

const clip = (line: string) => (line.length > 160 ? `${line.slice(0, 157)}…` : line);

/** A log line saying a program or file is missing (`sh: rpc.nfsd: not found`, `… No such file or
 *  directory`, `command not found`); an HTTP server's `404 Not Found` is not one. */
export function missingProgramLine(log: string): string | undefined {
  return log.split('\n').find((l) => /\b(?:not found|No such file or directory)\b/.test(l) && !/\b404\b/.test(l));
}

export async function startCheck(o: StartCheckInput): Promise<StartCheckResult> {
  const run = await runProcess([o.cli, 'run', '-d', '--platform', o.platform, '--', o.tag], { signal: o.signal });
  const id = run.output.trim().split('\n').pop()?.trim() ?? '';
  if (run.cancelled) return { ok: false, cancelled: true, message: 'cancelled', output: run.output };
  if (run.code !== 0 || !/^[0-9a-f]{12,64}$/.test(id)) {
    if (/no command specified/i.test(run.output)) {
      return { ok: true, cancelled: false, message: 'has no ENTRYPOINT or CMD to start', output: run.output };
    }
    return {
      ok: false,
      cancelled: false,
      message: `could not be started: ${run.output.trim().split('\n').pop() ?? ''}`,
      output: run.output,
    };
  }
  try {
    await sleep(o.seconds * 1000, o.signal);
    if (o.signal?.aborted) return { ok: false, cancelled: true, message: 'cancelled', output: '' };
    const state = await runProcess([o.cli, 'inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', id], {});
    const [running, code] = state.output.trim().split(/\s+/);
    // the program's own words say it started (or why it died): shown either way
    const logs = await runProcess([o.cli, 'logs', '--tail', '20', id], {});
    const tail = logs.output.trim();
    o.onOutput?.(tail ? `${tail}\n` : '');
    const said = tail.split('\n').filter(Boolean).pop();
    const quote = said ? ` (last output: ${said.length > 160 ? `${said.slice(0, 157)}…` : said})` : ' (no output)';
    // a program or file the entrypoint runs is missing: the process may live on (a supervisor, a shell
    // loop) but the image does not do its job
    const missing = missingProgramLine(tail);
    if (running === 'true' && missing)
      return {
        ok: false,
        cancelled: false,
        message: `its program is running, but says something it runs is missing: ${clip(missing)}`,
        output: tail,
      };
    if (running === 'true')
      return {
        ok: true,
        cancelled: false,
        message: `its program was still running after ${o.seconds} s${quote}`,
        output: tail,
      };
    if (code === '0')
      return { ok: true, cancelled: false, message: `its program ran and exited 0${quote}`, output: tail };
    const last = tail.split('\n').filter(Boolean).slice(-3).join(' | ');
    return {
      ok: false,
      cancelled: false,
      message: `its program exited with code ${code ?? '?'} within ${o.seconds} s${last ? `: ${last}` : ' (no output)'}`,
      output: tail,
    };
  } finally {
    await runProcess([o.cli, 'rm', '-f', id], {});
  }
}
