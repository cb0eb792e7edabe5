import { spawn, spawnSync, ChildProcess } from 'child_process';

/** Fails loudly when kcat is missing (CI installs it with apt-get; these tests never skip). */
export function requireKcat(): void {
  const probe = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'kcat is not installed: run `apt-get install -y kcat` (the kcat specs need the real librdkafka client)',
    );
  }
}

/** Runs kcat to completion with optional stdin; rejects on a non-zero exit or after `timeoutMs`. */
export function kcat(
  args: string[],
  input?: string,
  timeoutMs = 20_000,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} timed out\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`kcat ${args.join(' ')} exited ${code}\n${stderr}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** A long-running kcat (e.g. a -G group member) whose output lines are collected. */
export function kcatProcess(args: string[]): {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
} {
  const child = spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, lines, stderr: () => err };
}
