import { Token } from 'cdktf';

/**
 * Small typed builders for Amazon States Language (ASL) definitions: Lambda invoke and SNS publish
 * tasks, Parallel, Choice, Pass, Succeed and Fail states, retriers and catchers. A definition renders
 * to deterministic JSON (keys in a fixed order, states in the order given) and reports what is wrong
 * with it (`problems()`) before Step Functions would; the StateMachine construct derives its role's
 * permissions from the tasks (`lambdaFunctionArns()`, `snsTopics()`). `${...}` tokens (resource
 * attributes) may be used for ARNs; they stay Terraform interpolations in the rendered JSON.
 */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One retrier (ASL `Retry` entry). */
export interface Retrier {
  /** Error names matched, for example `Lambda.ServiceException`; `States.ALL` only alone and last. */
  readonly errors: readonly string[];
  /**
   * Seconds before the first retry (1 or more).
   * @default 1
   */
  readonly intervalSeconds?: number;
  /**
   * Retries before giving up (0 or more; 0 never retries).
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Multiplier of the interval after each attempt (1 or more).
   * @default 2
   */
  readonly backoffRate?: number;
  /**
   * Longest interval in seconds, whatever the backoff.
   * @default - no cap
   */
  readonly maxDelaySeconds?: number;
  /**
   * `FULL` spreads retries randomly up to the interval (avoids retry storms against a throttled service).
   * @default 'FULL'
   */
  readonly jitter?: 'FULL' | 'NONE';
}

/** One catcher (ASL `Catch` entry): errors that move the execution to `next` instead of failing it. */
export interface Catcher {
  /** State to go to, in the same scope (top level or the same Parallel branch). */
  readonly next: string;
  /**
   * Error names caught; `States.ALL` only alone and last.
   * @default ['States.ALL']
   */
  readonly errors?: readonly string[];
  /**
   * Where the error object (`Error`, `Cause`) goes in the input passed on; `null` drops the input.
   * @default '$.error'
   */
  readonly resultPath?: string | null;
}

interface CommonOptions {
  /**
   * Comment shown in the console.
   * @default - none
   */
  readonly comment?: string;
}

interface FlowOptions extends CommonOptions {
  /**
   * Next state, in the same scope.
   * @default - none: the state ends its scope (`End: true`)
   */
  readonly next?: string;
}

interface TaskOptions extends FlowOptions {
  /**
   * Seconds before the task fails with `States.Timeout`.
   * @default - none (the state machine's own limit; EXPRESS executions stop after 5 minutes)
   */
  readonly timeoutSeconds?: number;
  /**
   * Path of the state's output kept after ResultPath.
   * @default - see each task
   */
  readonly outputPath?: string;
  /**
   * Catchers, tried in order.
   * @default []
   */
  readonly catch?: readonly Catcher[];
}

export interface LambdaInvokeOptions extends TaskOptions {
  /** Unqualified ARN of the function (`LambdaFunction.arn`); the role may invoke it and its versions and aliases. */
  readonly functionArn: string;
  /**
   * Alias or version invoked, for example `LambdaFunction.alias.name` (`live`): provisioned concurrency
   * and the asynchronous configuration sit on the alias.
   * @default - $LATEST (unqualified)
   */
  readonly qualifier?: string;
  /**
   * Path of the state input sent as the function's event (`Payload.$`).
   * @default '$' (the whole input)
   */
  readonly payloadPath?: string;
  /**
   * Shapes the invoke result before ResultPath; the Lambda integration wraps the function's return
   * value in `Payload` next to invoke metadata (status code, headers).
   * @default { 'Payload.$': '$.Payload' } (drop the metadata)
   */
  readonly resultSelector?: Readonly<Record<string, JsonValue>>;
  /**
   * Where the selected result goes in the state's output; `null` keeps the input unchanged.
   * @default - replaces the input, and `outputPath` '$.Payload' makes the output exactly the function's return value
   */
  readonly resultPath?: string | null;
  /**
   * Retriers, tried in order.
   * @default LAMBDA_RETRY (transient Lambda service errors and throttling, 3 attempts with backoff)
   */
  readonly retry?: readonly Retrier[];
}

export interface SnsPublishOptions extends TaskOptions {
  /** ARN of the topic published to. */
  readonly topicArn: string;
  /**
   * Customer-managed key of the topic: the role may use it through SNS to encrypt the message.
   * @default - the topic is not encrypted with a customer-managed key (SNS-01 asks for one)
   */
  readonly topicKmsKeyArn?: string;
  /**
   * Path of the state input published as the message (`Message.$`); JSON objects are sent as JSON text.
   * @default '$'
   */
  readonly messagePath?: string;
  /**
   * Subject of email deliveries (at most 100 printable ASCII characters).
   * @default - none
   */
  readonly subject?: string;
  /**
   * Where the publish result (`MessageId`) goes; `null` passes the input on unchanged.
   * @default null
   */
  readonly resultPath?: string | null;
  /**
   * Retriers, tried in order.
   * @default SNS_RETRY (any task failure, 2 attempts with backoff)
   */
  readonly retry?: readonly Retrier[];
}

export interface ParallelOptions extends FlowOptions {
  /** Branches run at the same time; the output is the array of their outputs, in branch order. */
  readonly branches: readonly Branch[];
  /**
   * Shapes the array of branch outputs before ResultPath.
   * @default - the array as is
   */
  readonly resultSelector?: Readonly<Record<string, JsonValue>>;
  /**
   * Where the array goes in the state's output; `null` keeps the input unchanged.
   * @default - replaces the input
   */
  readonly resultPath?: string | null;
  /**
   * Retriers of the whole Parallel state (a failed branch fails the state).
   * @default []
   */
  readonly retry?: readonly Retrier[];
  /**
   * Catchers, tried in order.
   * @default []
   */
  readonly catch?: readonly Catcher[];
}

/** One choice rule in raw ASL (`Variable`, a comparison such as `StringEquals`, or `And`/`Or`/`Not`) and where it leads. */
export type ChoiceRule = { readonly Next: string } & { readonly [field: string]: JsonValue };

export interface ChoiceOptions extends CommonOptions {
  /** Rules, evaluated in order; the first match wins. */
  readonly choices: readonly ChoiceRule[];
  /**
   * State taken when no rule matches.
   * @default - none: no match fails the execution with `States.NoChoiceMatched`
   */
  readonly default?: string;
}

export interface PassOptions extends FlowOptions {
  /**
   * Fixed result instead of the input.
   * @default - the input
   */
  readonly result?: JsonValue;
  /**
   * Where the result goes.
   * @default - replaces the input
   */
  readonly resultPath?: string | null;
}

export interface FailOptions extends CommonOptions {
  /** Error name reported by the execution, for example `MultimodalAnalysisFailed`. */
  readonly error: string;
  /**
   * Human-readable cause.
   * @default - none
   */
  readonly cause?: string;
}

/** Transient Lambda service errors and throttling, as AWS recommends retrying for `lambda:invoke`. */
export const LAMBDA_RETRY: readonly Retrier[] = [
  {
    errors: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
    intervalSeconds: 1,
    maxAttempts: 3,
    backoffRate: 2,
    jitter: 'FULL',
  },
];

/** SNS publish failures surface under several `SNS.*` names; retry the task-failure family briefly. */
export const SNS_RETRY: readonly Retrier[] = [{ errors: ['States.TaskFailed'], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2, jitter: 'FULL' }];

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const SNS_PUBLISH = 'arn:aws:states:::sns:publish';

export type StateType = 'Task' | 'Parallel' | 'Choice' | 'Pass' | 'Succeed' | 'Fail';

/** What a task calls, for the role's permissions. */
export type Integration =
  | { readonly kind: 'lambda'; readonly functionArn: string }
  | { readonly kind: 'sns'; readonly topicArn: string; readonly kmsKeyArn?: string };

/** A named state. Build it with the functions below; a Definition or Branch lists them. */
export class State {
  /** @internal */
  constructor(
    readonly name: string,
    readonly type: StateType,
    /** The ASL fields in render order (Branches as Branch objects). */
    private readonly body: Readonly<Record<string, unknown>>,
    /** States this one can move to, with what makes it move there (`Next`, `Default`, `Catch[0]`, ...). */
    readonly transitions: readonly (readonly [string, string])[],
    /** Ends its scope: End true, Succeed or Fail. */
    readonly terminal: boolean,
    readonly branches: readonly Branch[] = [],
    readonly integration?: Integration,
    /** Retriers and catchers, for validation. */
    readonly retriers: readonly Retrier[] = [],
    readonly catchers: readonly Catcher[] = [],
    readonly timeoutSeconds?: number,
  ) {}

  toJSON(): Record<string, unknown> {
    return { ...this.body };
  }
}

/** The states of one Parallel branch; starts at `startAt` or the first state. */
export class Branch {
  readonly startAt: string;

  constructor(
    readonly states: readonly State[],
    startAt?: string,
  ) {
    this.startAt = startAt ?? states[0]?.name ?? '';
  }

  toJSON(): Record<string, unknown> {
    return { StartAt: this.startAt, States: statesObject(this.states) };
  }
}

export interface DefinitionOptions {
  /** The top-level states, in the order they should appear. */
  readonly states: readonly State[];
  /**
   * First state.
   * @default - the first of `states`
   */
  readonly startAt?: string;
  /**
   * Description of the workflow.
   * @default - none
   */
  readonly comment?: string;
  /**
   * Seconds before an execution fails with `States.Timeout` (EXPRESS: at most 300).
   * @default - none (STANDARD runs up to a year, EXPRESS 5 minutes)
   */
  readonly timeoutSeconds?: number;
}

/** A whole state machine definition. */
export class Definition {
  readonly startAt: string;
  readonly states: readonly State[];
  readonly comment?: string;
  readonly timeoutSeconds?: number;

  constructor(options: DefinitionOptions) {
    this.states = options.states;
    this.startAt = options.startAt ?? options.states[0]?.name ?? '';
    this.comment = options.comment;
    this.timeoutSeconds = options.timeoutSeconds;
  }

  toJSON(): Record<string, unknown> {
    return compact({ Comment: this.comment, StartAt: this.startAt, TimeoutSeconds: this.timeoutSeconds, States: statesObject(this.states) });
  }

  /** The ASL JSON: compact, keys in a fixed order, states in the order given. */
  render(): string {
    return JSON.stringify(this);
  }

  /** Every state, branches included, depth first in definition order. */
  allStates(): State[] {
    const out: State[] = [];
    const visit = (states: readonly State[]) => {
      for (const state of states) {
        out.push(state);
        for (const branch of state.branches) visit(branch.states);
      }
    };
    visit(this.states);
    return out;
  }

  /** Unqualified ARNs of the functions the tasks invoke, once each, in order of first use. */
  lambdaFunctionArns(): string[] {
    const arns = this.allStates().flatMap((s) => (s.integration?.kind === 'lambda' ? [s.integration.functionArn] : []));
    return [...new Set(arns)];
  }

  /** Topics the tasks publish to (with their keys), once each, in order of first use. */
  snsTopics(): { topicArn: string; kmsKeyArn?: string }[] {
    const topics = new Map<string, string | undefined>();
    for (const s of this.allStates()) {
      if (s.integration?.kind === 'sns' && !topics.has(s.integration.topicArn)) topics.set(s.integration.topicArn, s.integration.kmsKeyArn);
    }
    return [...topics].map(([topicArn, kmsKeyArn]) => ({ topicArn, ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}) }));
  }

  /** What Step Functions would reject (or what can never run), one sentence each; empty when the definition is sound. */
  problems(): string[] {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    if (this.timeoutSeconds !== undefined && !positiveInteger(this.timeoutSeconds)) {
      problems.push(`TimeoutSeconds ${this.timeoutSeconds} is not a whole number of seconds (1 or more)`);
    }
    checkScope('the definition', this.states, this.startAt, seen, problems);
    return problems;
  }
}

/** Invokes a Lambda function (`arn:aws:states:::lambda:invoke`) with the state input as its event. */
export function lambdaInvoke(name: string, options: LambdaInvokeOptions): State {
  const functionName = options.qualifier !== undefined ? `${options.functionArn}:${options.qualifier}` : options.functionArn;
  const retry = options.retry ?? LAMBDA_RETRY;
  const catchers = options.catch ?? [];
  // Without a ResultPath the output is the function's return value alone; with one, the input keeps
  // the selected result ({ Payload }) at that path.
  const outputPath = options.outputPath ?? (options.resultPath === undefined ? '$.Payload' : undefined);
  const body = compact({
    Type: 'Task',
    Comment: options.comment,
    Resource: LAMBDA_INVOKE,
    Parameters: { FunctionName: functionName, 'Payload.$': options.payloadPath ?? '$' },
    ResultSelector: options.resultSelector ?? { 'Payload.$': '$.Payload' },
    ResultPath: options.resultPath,
    OutputPath: outputPath,
    TimeoutSeconds: options.timeoutSeconds,
    Retry: retriersJson(retry),
    Catch: catchersJson(catchers),
    ...flowJson(options.next),
  });
  return new State(name, 'Task', body, transitionsOf(options.next, catchers), options.next === undefined, [], { kind: 'lambda', functionArn: options.functionArn }, retry, catchers, options.timeoutSeconds);
}

/** Publishes the state input to an SNS topic (`arn:aws:states:::sns:publish`). */
export function snsPublish(name: string, options: SnsPublishOptions): State {
  const retry = options.retry ?? SNS_RETRY;
  const catchers = options.catch ?? [];
  const body = compact({
    Type: 'Task',
    Comment: options.comment,
    Resource: SNS_PUBLISH,
    Parameters: compact({ TopicArn: options.topicArn, 'Message.$': options.messagePath ?? '$', Subject: options.subject }),
    ResultPath: options.resultPath === undefined ? null : options.resultPath,
    OutputPath: options.outputPath,
    TimeoutSeconds: options.timeoutSeconds,
    Retry: retriersJson(retry),
    Catch: catchersJson(catchers),
    ...flowJson(options.next),
  });
  const integration: Integration = { kind: 'sns', topicArn: options.topicArn, ...(options.topicKmsKeyArn !== undefined ? { kmsKeyArn: options.topicKmsKeyArn } : {}) };
  return new State(name, 'Task', body, transitionsOf(options.next, catchers), options.next === undefined, [], integration, retry, catchers, options.timeoutSeconds);
}

/** Runs branches at the same time and waits for all of them. */
export function parallel(name: string, options: ParallelOptions): State {
  const retry = options.retry ?? [];
  const catchers = options.catch ?? [];
  const body = compact({
    Type: 'Parallel',
    Comment: options.comment,
    Branches: options.branches,
    ResultSelector: options.resultSelector,
    ResultPath: options.resultPath,
    Retry: retriersJson(retry),
    Catch: catchersJson(catchers),
    ...flowJson(options.next),
  });
  return new State(name, 'Parallel', body, transitionsOf(options.next, catchers), options.next === undefined, options.branches, undefined, retry, catchers);
}

/** A Parallel branch: its states, starting at `startAt` or the first. */
export function branch(states: readonly State[], startAt?: string): Branch {
  return new Branch(states, startAt);
}

/** Picks the next state from the input. */
export function choice(name: string, options: ChoiceOptions): State {
  const body = compact({ Type: 'Choice', Comment: options.comment, Choices: options.choices, Default: options.default });
  const transitions: [string, string][] = options.choices.map((rule, i): [string, string] => [rule.Next, `Choices[${i}].Next`]);
  if (options.default !== undefined) transitions.push([options.default, 'Default']);
  return new State(name, 'Choice', body, transitions, false);
}

/** Passes its input on, or a fixed result. */
export function pass(name: string, options: PassOptions = {}): State {
  const body = compact({ Type: 'Pass', Comment: options.comment, Result: options.result, ResultPath: options.resultPath, ...flowJson(options.next) });
  return new State(name, 'Pass', body, transitionsOf(options.next, []), options.next === undefined);
}

/** Ends the execution (or its branch) successfully. */
export function succeed(name: string, options: CommonOptions = {}): State {
  return new State(name, 'Succeed', compact({ Type: 'Succeed', Comment: options.comment }), [], true);
}

/** Ends the execution as failed with an error name and cause. */
export function fail(name: string, options: FailOptions): State {
  return new State(name, 'Fail', compact({ Type: 'Fail', Comment: options.comment, Error: options.error, Cause: options.cause }), [], true);
}

/** A catcher of every error, passing the error at `resultPath` to `next`. */
export function catchAll(next: string, resultPath: string | null = '$.error'): Catcher {
  return { errors: ['States.ALL'], next, resultPath };
}

/** The definition of a state machine. */
export function definition(options: DefinitionOptions): Definition {
  return new Definition(options);
}

const MAX_STATE_NAME = 80;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** Checks one scope (the top level or a branch): names, start, transitions, an end, reachability; then its branches. */
function checkScope(scope: string, states: readonly State[], startAt: string, seen: Map<string, string>, problems: string[]): void {
  if (states.length === 0) {
    problems.push(`${scope} has no states; add at least one`);
    return;
  }
  const names = new Set(states.map((s) => s.name));
  for (const state of states) {
    if (state.name.length === 0 || state.name.length > MAX_STATE_NAME) problems.push(`state name "${state.name}" in ${scope} is not 1-${MAX_STATE_NAME} characters`);
    const first = seen.get(state.name);
    // Step Functions requires state names unique across the whole machine, branches included.
    if (first !== undefined) {
      const places = first === scope ? `in ${scope}` : `(in ${first} and ${scope})`;
      problems.push(`state name "${state.name}" is used twice ${places}; state names are unique across the state machine, branches included`);
    }
    else seen.set(state.name, scope);
  }
  if (!names.has(startAt)) problems.push(`${scope} starts at "${startAt}", which is not one of its states (${[...names].join(', ')})`);
  for (const state of states) {
    for (const [target, field] of state.transitions) {
      if (!names.has(target)) problems.push(`state "${state.name}" ${field} goes to "${target}", which is not a state of ${scope}; transitions stay within their scope`);
    }
    checkRetriers(state, problems);
    checkCatchers(state, problems);
    if (state.timeoutSeconds !== undefined && !positiveInteger(state.timeoutSeconds)) {
      problems.push(`state "${state.name}" TimeoutSeconds ${state.timeoutSeconds} is not a whole number of seconds (1 or more)`);
    }
    checkIntegration(state, problems);
  }
  if (!states.some((s) => s.terminal)) problems.push(`${scope} has no terminal state (End, Succeed or Fail); its executions could never finish`);
  if (names.has(startAt)) {
    const reached = new Set<string>([startAt]);
    const queue = [startAt];
    const byName = new Map(states.map((s) => [s.name, s]));
    while (queue.length > 0) {
      for (const [target] of byName.get(queue.shift()!)?.transitions ?? []) {
        if (names.has(target) && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    const unreachable = states.filter((s) => !reached.has(s.name)).map((s) => `"${s.name}"`);
    if (unreachable.length > 0) problems.push(`${unreachable.join(', ')} in ${scope} cannot be reached from "${startAt}"; link or remove them`);
  }
  for (const state of states) {
    if (state.type === 'Parallel' && state.branches.length === 0) problems.push(`Parallel state "${state.name}" has no branches; give it at least one`);
    state.branches.forEach((b, i) => checkScope(`branch ${i + 1} of "${state.name}"`, b.states, b.startAt, seen, problems));
  }
}

function checkRetriers(state: State, problems: string[]): void {
  state.retriers.forEach((r, i) => {
    const where = `state "${state.name}" Retry[${i}]`;
    checkErrors(where, r.errors, i === state.retriers.length - 1, problems);
    if (r.intervalSeconds !== undefined && !positiveInteger(r.intervalSeconds)) problems.push(`${where} intervalSeconds ${r.intervalSeconds} is not a whole number (1 or more)`);
    if (r.maxAttempts !== undefined && !(Number.isInteger(r.maxAttempts) && r.maxAttempts >= 0)) problems.push(`${where} maxAttempts ${r.maxAttempts} is not a whole number (0 or more)`);
    if (r.backoffRate !== undefined && !(r.backoffRate >= 1)) problems.push(`${where} backoffRate ${r.backoffRate} is below 1; the interval cannot shrink`);
    if (r.maxDelaySeconds !== undefined && !positiveInteger(r.maxDelaySeconds)) problems.push(`${where} maxDelaySeconds ${r.maxDelaySeconds} is not a whole number (1 or more)`);
  });
}

function checkCatchers(state: State, problems: string[]): void {
  state.catchers.forEach((c, i) => checkErrors(`state "${state.name}" Catch[${i}]`, c.errors ?? ['States.ALL'], i === state.catchers.length - 1, problems));
}

function checkErrors(where: string, errors: readonly string[], last: boolean, problems: string[]): void {
  if (errors.length === 0) problems.push(`${where} matches no error names; list them or use States.ALL`);
  if (errors.includes('States.ALL') && (errors.length > 1 || !last)) problems.push(`${where} uses States.ALL with other errors or before another entry; States.ALL must be alone and last`);
}

function checkIntegration(state: State, problems: string[]): void {
  const integration = state.integration;
  if (integration?.kind === 'lambda' && !Token.isUnresolved(integration.functionArn) && !LAMBDA_ARN.test(integration.functionArn)) {
    problems.push(`state "${state.name}" functionArn "${integration.functionArn}" is not an unqualified Lambda function ARN; pass the alias or version as qualifier`);
  }
  if (integration?.kind === 'sns' && !Token.isUnresolved(integration.topicArn) && !SNS_ARN.test(integration.topicArn)) {
    problems.push(`state "${state.name}" topicArn "${integration.topicArn}" is not an SNS topic ARN`);
  }
}

function positiveInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

function statesObject(states: readonly State[]): Record<string, State> {
  const out: Record<string, State> = {};
  for (const state of states) if (!(state.name in out)) out[state.name] = state;
  return out;
}

function transitionsOf(next: string | undefined, catchers: readonly Catcher[]): [string, string][] {
  return [...(next !== undefined ? [[next, 'Next'] as [string, string]] : []), ...catchers.map((c, i): [string, string] => [c.next, `Catch[${i}].Next`])];
}

function flowJson(next: string | undefined): Record<string, unknown> {
  return next !== undefined ? { Next: next } : { End: true };
}

function retriersJson(retriers: readonly Retrier[]): Record<string, unknown>[] | undefined {
  if (retriers.length === 0) return undefined;
  return retriers.map((r) =>
    compact({
      ErrorEquals: [...r.errors],
      IntervalSeconds: r.intervalSeconds ?? 1,
      MaxAttempts: r.maxAttempts ?? 3,
      BackoffRate: r.backoffRate ?? 2,
      MaxDelaySeconds: r.maxDelaySeconds,
      JitterStrategy: r.jitter ?? 'FULL',
    }),
  );
}

function catchersJson(catchers: readonly Catcher[]): Record<string, unknown>[] | undefined {
  if (catchers.length === 0) return undefined;
  return catchers.map((c) => ({ ErrorEquals: [...(c.errors ?? ['States.ALL'])], ResultPath: c.resultPath === undefined ? '$.error' : c.resultPath, Next: c.next }));
}

/** The object without its undefined fields, keys in insertion order (null stays: ResultPath null is meaningful). */
function compact<T extends Record<string, unknown>>(object: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
