/**
 * cdktf records a full stack trace (Error.stackTraceLimit = MAX) for every token it creates, only to
 * quote it if that token later fails to resolve. Formatting those traces is about a fifth of a
 * whole-app synth. While synthesizing we format traces of non-Error objects (cdktf's
 * `{ stack: "" }` holders) as empty, through V8's public `Error.prepareStackTrace` hook, and leave
 * real errors untouched. SYNTH_TOKEN_STACK_TRACES=1 keeps the full traces for debugging.
 */
type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

export function withoutTokenStackTraces<T>(vars: Readonly<Record<string, string | undefined>>, work: () => T): T {
  if (vars.SYNTH_TOKEN_STACK_TRACES === '1') return work();
  const previous = Error.prepareStackTrace as PrepareStackTrace | undefined;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    return [`${error.name}: ${error.message}`, ...frames.map((frame) => `    at ${frame}`)].join('\n');
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
