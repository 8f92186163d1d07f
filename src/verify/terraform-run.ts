import { spawn } from 'child_process';

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs Terraform with `args` in `cwd`; stdout and stderr together, never throws. */
export function runTerraform(bin: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `Plan: N to add, ...` of a plan's output; undefined when it printed no summary. */
export function resourcesToAdd(planOutput: string): number | undefined {
  if (/No changes\. Your infrastructure matches the configuration\./.test(planOutput)) return 0;
  const match = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(planOutput);
  return match ? Number(match[1]) : undefined;
}
