import { OutputError } from './src/app/output-swap';
import { ConfigError } from './src/config/errors';
import { synthesize } from './src/app/synthesize';

// Wiring only: configuration, stacks and output handling live in src/ and stacks/.
try {
  const result = synthesize(process.env, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  if (!process.env.CDKTF_OUTDIR) console.log(`Synthesized ${result.stacks.length} stacks into ${result.outdir}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof OutputError ? error.message : (error as Error).stack ?? String(error));
  process.exitCode = 1;
}
