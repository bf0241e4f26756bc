import { spawn } from 'node:child_process';

/** The initialize request an MCP client sends first. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'first-bytes', version: '1.0.0' } },
};

/**
 * Starts a command as an MCP client would, sends initialize, and returns the first line the client receives on stdout
 * (with untilJson, the first line that starts a JSON object, and what came before it), then kills the process.
 * The SDK's client skips a stdout line that is not JSON-RPC (it only reports it), so a handshake through it does not
 * prove stdout clean; this reads the raw bytes.
 */
export function firstStdoutLine(
  command: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; untilJson?: boolean },
): Promise<{ line: string; before: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const lines = stdout.split('\n').slice(0, -1);
      const at = opts.untilJson ? lines.findIndex((l) => l.startsWith('{')) : lines.length > 0 ? 0 : -1;
      if (at >= 0) {
        child.kill();
        resolve({ line: lines[at] ?? '', before: lines.slice(0, at).join('\n'), stderr });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`exited ${code} before answering; stdout ${JSON.stringify(stdout)}; stderr ${stderr}`)));
    child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
  });
}

/** The parsed first stdout line, which must be the server's answer to INITIALIZE. */
export function parseInitializeResult(line: string): { jsonrpc: string; id: number; result: { serverInfo: { name: string; version: string } } } {
  return JSON.parse(line) as { jsonrpc: string; id: number; result: { serverInfo: { name: string; version: string } } };
}
