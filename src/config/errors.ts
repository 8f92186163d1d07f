/**
 * One clear configuration error: which system and environment, which field, the value received,
 * what is wrong and how to fix it. Synth prints `message` and exits non-zero before writing output.
 */
export class ConfigError extends Error {
  constructor(
    readonly scope: string,
    readonly field: string,
    readonly value: unknown,
    readonly problem: string,
    readonly fix?: string,
  ) {
    super(
      `Invalid configuration for ${scope}: ${field} = ${render(value)} ${problem}.` + (fix ? ` Fix: ${fix}.` : ''),
    );
    this.name = 'ConfigError';
  }
}

function render(value: unknown): string {
  if (value === undefined) return '(missing)';
  return JSON.stringify(value);
}
