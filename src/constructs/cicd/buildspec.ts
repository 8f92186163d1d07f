/**
 * Inline CodeBuild buildspecs (version 0.2) as typed objects, rendered to JSON: JSON is YAML, so
 * CodeBuild reads it as is, and the rendering is deterministic (fixed key order).
 */

/** What a phase does when one of its commands fails. */
export type PhaseFailureAction = 'ABORT' | 'CONTINUE';

export interface BuildPhase {
  /** Shell commands, run in order. */
  readonly commands: readonly string[];
  /**
   * What to do when a command fails. ABORT stops the build there; CONTINUE goes on to the next
   * phase (CodeBuild's own default, under which `post_build` still runs after a failed `build`,
   * for example pushing an image whose tests failed).
   * @default 'ABORT'
   */
  readonly onFailure?: PhaseFailureAction;
  /**
   * Commands run after `commands` whether they succeeded or not (clean-up).
   * @default []
   */
  readonly finally?: readonly string[];
}

/** A phase as its commands (shorthand for `{ commands }`) or in full. */
export type BuildPhaseSpec = readonly string[] | BuildPhase;

/** File formats CodeBuild reads into a report group: test results or code coverage. */
export type TestReportFormat = 'JUNITXML' | 'CUCUMBERJSON' | 'TESTNGXML' | 'VISUALSTUDIOTRX' | 'NUNITXML' | 'NUNIT3XML';
export type CoverageReportFormat = 'CLOVERXML' | 'COBERTURAXML' | 'JACOCOXML' | 'SIMPLECOV';

export interface BuildReport {
  /** Report files (globs), relative to `baseDirectory`, for example `['pytest-report.xml']`. */
  readonly files: readonly string[];
  readonly fileFormat: TestReportFormat | CoverageReportFormat;
  /**
   * Directory the files are relative to (from the source root).
   * @default - the source root
   */
  readonly baseDirectory?: string;
}

export interface BuildArtifacts {
  /** Files (globs) of the output artifact, relative to `baseDirectory`, for example `['imagedefinitions.json']` or `['**\/*']`. */
  readonly files: readonly string[];
  /**
   * Directory the files are taken from (from the source root), for example `aws/app-frontend/dist`.
   * @default - the source root
   */
  readonly baseDirectory?: string;
  /**
   * Flatten the files into the artifact's root.
   * @default false
   */
  readonly discardPaths?: boolean;
}

export interface BuildSpec {
  /**
   * Runtimes the image installs in the `install` phase, for example `{ nodejs: '20' }` or
   * `{ python: '3.12' }` (versions the chosen CodeBuild image supports).
   * @default {}
   */
  readonly runtimeVersions?: Readonly<Record<string, string>>;
  /** Commands per phase; `build` is required. */
  readonly phases: {
    /** @default - no install commands */
    readonly install?: BuildPhaseSpec;
    /** @default - none */
    readonly preBuild?: BuildPhaseSpec;
    readonly build: BuildPhaseSpec;
    /** @default - none */
    readonly postBuild?: BuildPhaseSpec;
  };
  /**
   * Test and coverage reports, keyed by report group name; CodeBuild creates the group
   * `<project>-<name>` on first use (the project's role may, for its own groups only).
   * @default {}
   */
  readonly reports?: Readonly<Record<string, BuildReport>>;
  /**
   * The output artifact handed to the next pipeline action.
   * @default - no output artifact
   */
  readonly artifacts?: BuildArtifacts;
  /**
   * Shell the commands run in.
   * @default - CodeBuild's default (`sh` on Linux)
   */
  readonly shell?: 'bash' | '/bin/sh';
}

const PHASES = [
  ['install', 'install'],
  ['preBuild', 'pre_build'],
  ['build', 'build'],
  ['postBuild', 'post_build'],
] as const;

const REPORT_NAME = /^[A-Za-z0-9_-]{2,128}$/;

/** The phase in full form. */
export function phaseOf(spec: BuildPhaseSpec): BuildPhase {
  return isCommandList(spec) ? { commands: spec } : spec;
}

function isCommandList(spec: BuildPhaseSpec): spec is readonly string[] {
  return Array.isArray(spec);
}

/** Every command of the buildspec (phases and their `finally` blocks), in phase order. */
export function buildspecCommands(spec: BuildSpec): string[] {
  return PHASES.flatMap(([key]) => {
    const phase = spec.phases[key];
    if (phase === undefined) return [];
    const full = phaseOf(phase);
    return [...full.commands, ...(full.finally ?? [])];
  });
}

/** Why the buildspec is not usable, or undefined. `where` prefixes nothing: the caller does. */
export function buildspecProblem(spec: BuildSpec): string | undefined {
  for (const [key] of PHASES) {
    const phase = spec.phases[key];
    if (phase === undefined) continue;
    const full = phaseOf(phase);
    if (full.commands.length === 0 && !(key === 'install' && spec.runtimeVersions)) {
      return `buildspec phase ${key} has no commands; give its commands or leave the phase out`;
    }
    const empty = [...full.commands, ...(full.finally ?? [])].findIndex((c) => c.trim() === '');
    if (empty >= 0) return `buildspec phase ${key} has an empty command (#${empty + 1}); remove it`;
    if (full.onFailure !== undefined && !['ABORT', 'CONTINUE'].includes(full.onFailure)) {
      return `buildspec phase ${key} onFailure "${full.onFailure}" is not ABORT or CONTINUE`;
    }
  }
  for (const [name, version] of Object.entries(spec.runtimeVersions ?? {})) {
    if (!/^[a-z]+$/.test(name) || version.trim() === '') return `buildspec runtime "${name}: ${version}" is not a runtime name with a version, for example nodejs: '20'`;
  }
  for (const [name, report] of Object.entries(spec.reports ?? {})) {
    if (!REPORT_NAME.test(name)) return `buildspec report group name "${name}" is not 2-128 letters, digits, "-" or "_"`;
    if (report.files.length === 0) return `buildspec report ${name} lists no files; give the report files, for example ['pytest-report.xml']`;
  }
  if (spec.artifacts && spec.artifacts.files.length === 0) {
    return "buildspec artifacts list no files; give the output files, for example ['**/*'], or leave artifacts out";
  }
  return undefined;
}

/**
 * Escapes what Terraform would read as template syntax in a literal string (`${`, `%{`), leaving
 * the cdktf tokens (`${TfToken[...]}`) that synth turns into references.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * The buildspec as JSON (2-space indent, fixed key order), with shell `${VAR}` kept literal for
 * Terraform. Phases fail fast (`on-failure: ABORT`) unless they say otherwise.
 */
export function renderBuildspec(spec: BuildSpec): string {
  const phases: Record<string, unknown> = {};
  for (const [key, yamlKey] of PHASES) {
    const given = spec.phases[key];
    const runtimes = key === 'install' && spec.runtimeVersions && Object.keys(spec.runtimeVersions).length > 0 ? sortedRecord(spec.runtimeVersions) : undefined;
    if (given === undefined && runtimes === undefined) continue;
    const full = given === undefined ? { commands: [] } : phaseOf(given);
    phases[yamlKey] = {
      ...(runtimes ? { 'runtime-versions': runtimes } : {}),
      'on-failure': full.onFailure ?? 'ABORT',
      ...(full.commands.length > 0 ? { commands: [...full.commands] } : {}),
      ...(full.finally && full.finally.length > 0 ? { finally: [...full.finally] } : {}),
    };
  }
  const reports = Object.entries(spec.reports ?? {});
  const document = {
    version: '0.2',
    ...(spec.shell ? { env: { shell: spec.shell } } : {}),
    phases,
    ...(reports.length > 0
      ? {
          reports: Object.fromEntries(
            reports
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([name, r]) => [name, { files: [...r.files], ...(r.baseDirectory ? { 'base-directory': r.baseDirectory } : {}), 'file-format': r.fileFormat }]),
          ),
        }
      : {}),
    ...(spec.artifacts
      ? {
          artifacts: {
            files: [...spec.artifacts.files],
            ...(spec.artifacts.baseDirectory ? { 'base-directory': spec.artifacts.baseDirectory } : {}),
            ...(spec.artifacts.discardPaths ? { 'discard-paths': 'yes' } : {}),
          },
        }
      : {}),
  };
  return escapeTerraformTemplate(JSON.stringify(document, undefined, 2));
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The command that writes `imagedefinitions.json` for the ECS standard deploy action: the
 * container to update and the image URI (with its tag) it runs next.
 */
export function imageDefinitionsCommand(containerName: string, imageUri: string, fileName = 'imagedefinitions.json'): string {
  return `printf '[{"name":"%s","imageUri":"%s"}]' "${containerName}" "${imageUri}" > ${fileName}`;
}

/** The command that invalidates a CloudFront distribution's cache (all paths by default). */
export function cloudFrontInvalidationCommand(distributionId: string, paths: readonly string[] = ['/*']): string {
  return `aws cloudfront create-invalidation --distribution-id "${distributionId}" --paths ${paths.map((p) => `"${p}"`).join(' ')}`;
}
