// Runs the mips-port CLI as a user would (a child process), collecting its output.
import { spawn } from 'node:child_process';
import { CLI, REPO_ROOT } from './paths';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCliProcess(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = REPO_ROOT,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
