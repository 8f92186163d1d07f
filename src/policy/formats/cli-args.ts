/** Arguments of `npm run policy` (scripts/policy.ts). */
import * as path from 'path';

export interface PolicyArgs {
  /** Print the report as JSON on stdout. */
  readonly json: boolean;
  /** Check the existing output directory instead of synthesizing. */
  readonly noSynth: boolean;
  /** Write SARIF 2.1.0 here. */
  readonly sarif?: string;
  /** Write JUnit XML here. */
  readonly junit?: string;
  /** Judge the gate against this baseline (fail only on new blocking findings). */
  readonly baseline?: string;
  /** Record today's open findings here. */
  readonly writeBaseline?: string;
}

/** Bad command line: the message is the one line to print (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const SWITCHES = { '--json': 'json', '--no-synth': 'noSynth' } as const;
const FILE_OPTIONS = { '--sarif': 'sarif', '--junit': 'junit', '--baseline': 'baseline', '--write-baseline': 'writeBaseline' } as const;
export const USAGE = 'use --json, --no-synth, --sarif FILE, --junit FILE, --baseline FILE, --write-baseline FILE';

type FileOption = keyof typeof FILE_OPTIONS;

/** Parses the arguments (`--sarif FILE` or `--sarif=FILE`); throws UsageError with one clear line. */
export function parsePolicyArgs(argv: readonly string[]): PolicyArgs {
  const args: Record<string, string | boolean> = { json: false, noSynth: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name in SWITCHES && eq < 0) {
      args[SWITCHES[name as keyof typeof SWITCHES]] = true;
      continue;
    }
    if (!(name in FILE_OPTIONS)) {
      throw new UsageError(`policy: unknown argument ${JSON.stringify(arg)} (${USAGE})`);
    }
    if (seen.has(name)) throw new UsageError(`policy: ${name} is given twice; give it once`);
    seen.add(name);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (!value) throw new UsageError(`policy: ${name} needs a file name (${name} FILE)`);
    args[FILE_OPTIONS[name as FileOption]] = value;
  }
  // Two reports into one file would overwrite each other (reading and rewriting a baseline is fine).
  const outputs: [string, unknown][] = [
    ['--sarif', args.sarif],
    ['--junit', args.junit],
    ['--write-baseline', args.writeBaseline],
  ];
  const written = outputs.filter(([, v]) => typeof v === 'string') as [string, string][];
  for (let i = 0; i < written.length; i++) {
    for (let j = i + 1; j < written.length; j++) {
      if (path.resolve(written[i][1]) === path.resolve(written[j][1])) throw new UsageError(`policy: ${written[i][0]} and ${written[j][0]} both write ${written[i][1]}; give each its own file`);
    }
  }
  return args as unknown as PolicyArgs;
}
