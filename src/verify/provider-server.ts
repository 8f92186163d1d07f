/**
 * One AWS provider process shared by many `terraform plan` runs through Terraform's provider
 * re-attach mechanism (`TF_REATTACH_PROVIDERS`). A plan otherwise starts the ~700 MB provider three
 * times (schema, validation walk, plan walk), and that start-up is most of a small stack's plan.
 *
 * Only safe where the plan configures the provider once: a stack with one `aws` provider
 * configuration (a second configuration, an alias, would re-configure the same process and the
 * last one would win for both). Plans through one server run one after the other, never at once.
 * The server exits with the process that started it (a watchdog shell), so a killed verify or jest
 * worker leaves no provider behind.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Terraform's address of the provider a server stands for. */
export const AWS_PROVIDER_ADDRESS = 'registry.terraform.io/hashicorp/aws';

const REATTACH_LINE = /TF_REATTACH_PROVIDERS='([^']+)'/;
const START_TIMEOUT_MS = 60_000;

/** The provider binary of an initialized `.terraform` directory (`terraform init` placed it there). */
export function awsProviderBinary(terraformDir: string): string | undefined {
  const base = path.join(terraformDir, 'providers', AWS_PROVIDER_ADDRESS);
  if (!fs.existsSync(base)) return undefined;
  for (const version of fs.readdirSync(base).sort()) {
    const platformDir = path.join(base, version, `${os.platform()}_${os.arch() === 'x64' ? 'amd64' : os.arch()}`);
    if (!fs.existsSync(platformDir)) continue;
    const binary = fs.readdirSync(platformDir).find((f) => f.startsWith('terraform-provider-aws'));
    if (binary) return fs.realpathSync(path.join(platformDir, binary));
  }
  return undefined;
}

/** Whether a Terraform JSON configuration has exactly one `aws` provider configuration. */
export function hasSingleAwsConfiguration(json: Record<string, any>): boolean {
  const aws = json.provider?.aws;
  if (aws === undefined) return true; // the default, unconfigured provider: configured once
  return !Array.isArray(aws) || aws.length === 1;
}

/** `TF_REATTACH_PROVIDERS` value from what a provider started with `-debug` prints, if it has. */
export function reattachFrom(output: string): string | undefined {
  const match = REATTACH_LINE.exec(output);
  if (!match) return undefined;
  const parsed = JSON.parse(match[1]);
  return parsed[AWS_PROVIDER_ADDRESS] ? match[1] : undefined;
}

export class ProviderServer {
  /**
   * Starts `binary -debug` under a watchdog that stops it when this process exits. Resolves when
   * the provider has printed its re-attach settings; rejects after a minute or when it exits first.
   */
  static async start(binary: string, env: NodeJS.ProcessEnv): Promise<ProviderServer> {
    const { child, logFile } = launch(binary, env);
    const deadline = Date.now() + START_TIMEOUT_MS;
    let exited = false;
    child.on('exit', () => (exited = true));
    for (;;) {
      const reattach = reattachFrom(readIfExists(logFile));
      if (reattach) return new ProviderServer(child, reattach, logFile);
      if (exited || Date.now() > deadline) {
        const output = readIfExists(logFile).trim().split('\n').slice(-5).join(' | ');
        stop(child, logFile);
        throw new Error(`the AWS provider did not start in debug mode (${exited ? 'it exited' : 'timed out'}): ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The same as `start`, blocking (for synchronous callers such as test helpers). */
  static startSync(binary: string, env: NodeJS.ProcessEnv): ProviderServer {
    const { child, logFile } = launch(binary, env);
    const deadline = Date.now() + START_TIMEOUT_MS;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
      const reattach = reattachFrom(readIfExists(logFile));
      if (reattach) return new ProviderServer(child, reattach, logFile);
      if (child.exitCode !== null || Date.now() > deadline) {
        stop(child, logFile);
        throw new Error('the AWS provider did not start in debug mode');
      }
      Atomics.wait(pause, 0, 0, 50);
    }
  }

  private constructor(
    private readonly child: ChildProcess,
    /** Value for `TF_REATTACH_PROVIDERS`. */
    readonly reattach: string,
    private readonly logFile: string,
  ) {}

  /** Whether the provider process is still there to attach to. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The environment of a Terraform run that uses this server instead of starting the provider. */
  env(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return { ...base, TF_REATTACH_PROVIDERS: this.reattach };
  }

  stop(): void {
    stop(this.child, this.logFile);
  }
}

function launch(binary: string, env: NodeJS.ProcessEnv): { child: ChildProcess; logFile: string } {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-provider-')), 'debug.log');
  // The watchdog: the provider runs in the background of a shell that polls this process and
  // stops the provider when it is gone (or when the shell itself is told to stop).
  const script = [
    `"$1" -debug >"$2" 2>&1 &`,
    'provider=$!',
    `trap 'kill $provider 2>/dev/null; exit 0' TERM INT`,
    `while kill -0 "$3" 2>/dev/null && kill -0 $provider 2>/dev/null; do sleep 1; done`,
    'kill $provider 2>/dev/null',
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'provider-watchdog', binary, logFile, String(process.pid)], { env, stdio: 'ignore' });
  child.unref();
  return { child, logFile };
}

function stop(child: ChildProcess, logFile: string): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
}

function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
