import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { sendCommandIfServerRuns } from '../../services/control/control-socket.ts';
import type { CommandName } from '../../services/control/commands.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tsxLoader = ['--import', 'tsx'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs the CLI as a user would, in its own process; returns its exit code and output. Asynchronous,
 * so that the test's own connections stay serviced while it runs.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string; lastLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsxLoader, 'services/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      resolve({ status, stdout, stderr, lastLine: lines[lines.length - 1] ?? '' });
    });
  });
}

/**
 * Hands an administration command to the server running on `dataDir` over its control socket, as
 * the CLI does, without the second or two a CLI process takes to start: for suites that need many
 * tokens. Throws on any refusal.
 */
export async function serverCommand<T = unknown>(dataDir: string, name: CommandName, input: unknown): Promise<T> {
  const reply = await sendCommandIfServerRuns(dataDir, name, input);
  if (!reply) throw new Error(`no server listens on ${dataDir}`);
  if (!reply.ok) throw new Error(`${name}: ${reply.code} ${reply.message}`);
  return reply.result as T;
}

export type ServerProcess = { baseUrl: string; child: ChildProcess; logs: () => string; stop(): Promise<number | null> };

/** Starts `cli serve` as a separate process and waits until /readyz answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...tsxLoader, 'services/cli.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server not ready within ${timeoutMs} ms:\n${output}`);
  }
  return {
    baseUrl,
    child,
    logs: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Stops the server, runs `meanwhile` (what an operator does with the service down, such as editing
 * its database), then starts it again on the same environment.
 */
export async function restartServer(server: ServerProcess, env: NodeJS.ProcessEnv, meanwhile: () => Promise<void>, timeoutMs = 60_000): Promise<ServerProcess> {
  await server.stop();
  await meanwhile();
  return startServer(env, timeoutMs);
}
