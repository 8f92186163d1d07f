/**
 * Architecture diagrams (Mermaid in Markdown) from the synthesized stacks (docs/diagrams.md).
 *
 *   npm run diagram                                 write docs/diagrams/<system>-<env>.md and README.md
 *   npm run diagram -- --check                      exit 1 naming the stale files (CI)
 *   npm run -s diagram -- --stack <stack>           print one stack in full (every resource) to stdout
 *   npm run diagram -- --all --outdir <dir>         draw plumbing too, into another directory
 *   npm run diagram -- --max-per-kind 8 --outdir <dir>
 *
 * Reads CDKTF_OUTDIR (default cdktf.out); does not synthesize. Exit codes: 0 done; 1 stale files
 * (--check); 2 bad arguments or no synthesized stacks.
 */
import { runDiagram } from '../src/diagram/cli';

try {
  process.exitCode = runDiagram(process.argv.slice(2), process.env, process.cwd(), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
} catch (error) {
  console.error(`diagram: ${(error as Error).message.split('\n')[0]}`);
  process.exitCode = 2;
}
