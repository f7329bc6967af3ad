#!/usr/bin/env node
// Runs an Amazon States Language definition locally with aws-local-stepfunctions,
// replacing every Task state by a shell command, and prints ONE JSON document:
//   {"status": "SUCCEEDED"|"FAILED"|"TIMED_OUT"|"ERROR", "output": ..., "error": ..., "states": [...]}
// Needs Node >= 22: run it as `node_modules/.bin/node run-asl.mjs ...`. See README.md for the contract.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StateMachine, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import aslValidator from 'asl-validator';

const USAGE = `usage: node run-asl.mjs --definition FILE
  [--input JSON | --input-file FILE]          execution input (default {})
  [--task STATE=COMMAND]...                   run COMMAND (via /bin/sh -c) for Task state STATE
  [--tasks-file FILE]                         JSON object {"STATE": "COMMAND", ...}
  [--substitute NAME=VALUE]...                replace \${NAME} in the definition's strings
  [--substitutions-file FILE]                 JSON object {"NAME": "VALUE", ...}
  [--context JSON]                            merged into the Context Object ($$)
  [--task-token TOKEN]                        value of $$.Task.Token (default "local-task-token"); a {n} in it
                                              becomes the Task invocation's number, so each wait gets its own token
  [--real-waits]                              keep Wait/Retry durations (default: all zero)
  [--no-arn-check] [--no-path-check]          relax asl-validator checks
  [--no-validate]                             skip asl-validator (saves ~0.5 s per run)
  [--events]                                  add the full event log as "events"`;

class UsageError extends Error {}
class DefinitionError extends Error {}

function parseArgs(argv) {
  const opts = { tasks: {}, substitutions: {}, context: {}, events: false, realWaits: false,
    checkArn: true, checkPaths: true, validate: true, taskToken: 'local-task-token', input: {} };
  const pair = (flag, v) => {
    const i = v === undefined ? -1 : v.indexOf('=');
    if (i <= 0) throw new UsageError(`${flag} expects NAME=VALUE, got '${v}'`);
    return [v.slice(0, i), v.slice(i + 1)];
  };
  const json = (what, text) => {
    try { return JSON.parse(text); } catch (e) { throw new UsageError(`${what}: invalid JSON: ${e.message}`); }
  };
  const file = (f) => {
    try { return readFileSync(f, 'utf8'); } catch (e) { throw new UsageError(e.message); }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--definition': opts.definitionFile = next(); break;
      case '--input': opts.input = json('--input', next()); break;
      case '--input-file': { const f = next(); opts.input = json(f, file(f)); break; }
      case '--task': { const [k, v] = pair(a, next()); opts.tasks[k] = v; break; }
      case '--tasks-file': { const f = next(); Object.assign(opts.tasks, json(f, file(f))); break; }
      case '--substitute': { const [k, v] = pair(a, next()); opts.substitutions[k] = v; break; }
      case '--substitutions-file': { const f = next(); Object.assign(opts.substitutions, json(f, file(f))); break; }
      case '--context': opts.context = json('--context', next()); break;
      case '--task-token': opts.taskToken = next(); break;
      case '--real-waits': opts.realWaits = true; break;
      case '--no-arn-check': opts.checkArn = false; break;
      case '--no-path-check': opts.checkPaths = false; break;
      case '--no-validate': opts.validate = false; break;
      case '--events': opts.events = true; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0);
      default: throw new UsageError(`unknown argument '${a}'`);
    }
  }
  if (!opts.definitionFile) throw new UsageError('--definition is required');
  return opts;
}

// Replace ${Name} in every string (keys and values) of the parsed definition, like SAM DefinitionSubstitutions.
function substitute(value, subs, missing) {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]+)\}/g, (m, name) => {
      if (Object.hasOwn(subs, name)) return String(subs[name]);
      missing.add(name);
      return m;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, subs, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, subs, missing), substitute(v, subs, missing)]));
  }
  return value;
}

// Visit every state, including those nested in Map (ItemProcessor/Iterator) and Parallel (Branches).
function* allStates(machine, where = '') {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    yield [name, state, where];
    for (const sub of [state.ItemProcessor, state.Iterator]) if (sub) yield* allStates(sub, `${where}${name}/`);
    for (const [i, b] of (state.Branches ?? []).entries()) yield* allStates(b, `${where}${name}[${i}]/`);
  }
}

// Fields aws-local-stepfunctions 3.0.0 does not implement: fail instead of silently ignoring them.
const UNSUPPORTED_STATE_FIELDS = ['Assign', 'Arguments', 'Output', 'Credentials',
  'ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath',
  'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label'];

function unsupportedFeatures(def) {
  const found = [];
  if ('QueryLanguage' in def && def.QueryLanguage !== 'JSONPath') found.push(`top-level QueryLanguage ${def.QueryLanguage}`);
  for (const [name, state, where] of allStates(def)) {
    for (const f of UNSUPPORTED_STATE_FIELDS) if (f in state) found.push(`${where}${name}.${f}`);
    if ('QueryLanguage' in state && state.QueryLanguage !== 'JSONPath') found.push(`${where}${name}.QueryLanguage ${state.QueryLanguage}`);
    const mode = state.ItemProcessor?.ProcessorConfig?.Mode;
    if (mode && mode !== 'INLINE') found.push(`${where}${name}.ItemProcessor.ProcessorConfig.Mode ${mode}`);
  }
  return found;
}

// AWS resolves a Task's TimeoutSecondsPath against the state's input (after InputPath, before Parameters), as LocalStack
// does too. aws-local-stepfunctions 3.0.0 resolves it against the effective input, after Parameters, where the field is
// rarely present (a lambda:invoke Task's Parameters hold only FunctionName and Payload), and the Task then fails with
// "Path expression ... does not point to a value". So each Task with a TimeoutSecondsPath is rewritten: its Parameters
// first resolve the timeout as AWS does, next to the original Parameters; the library reads the timeout from there; and
// the command gets the original effective input back.
const RESOLVED_TIMEOUT = 'runAslTimeoutSeconds';
const EFFECTIVE_INPUT = 'runAslEffectiveInput';

function emulateAwsTimeoutSecondsPath(def) {
  const rewritten = new Set();
  for (const [name, state] of allStates(def)) {
    if (state.Type !== 'Task' || state.TimeoutSecondsPath === undefined) continue;
    state.Parameters = {
      [`${RESOLVED_TIMEOUT}.$`]: state.TimeoutSecondsPath,
      ...('Parameters' in state ? { [EFFECTIVE_INPUT]: state.Parameters } : { [`${EFFECTIVE_INPUT}.$`]: '$' }),
    };
    state.TimeoutSecondsPath = `$.${RESOLVED_TIMEOUT}`;
    rewritten.add(name);
  }
  return rewritten;
}

const children = new Set();

function taskError(name, message, { retryable = true } = {}) {
  const e = new Error(message);
  e.name = name;
  // aws-local-stepfunctions reads these (default true) to decide whether Retry/Catch may match.
  e.isRetryable = retryable;
  e.isCatchable = retryable;
  return e;
}

function parseErrorJson(text) {
  const t = text.trim();
  const candidates = [t, t.split('\n').filter((l) => l.trim()).pop() ?? ''];
  for (const c of candidates) {
    try {
      const v = JSON.parse(c);
      if (v && typeof v === 'object' && typeof v.errorType === 'string' && v.errorType) return v;
    } catch { /* not JSON */ }
  }
  return null;
}

// Task invocations started in this execution, across all Task states, retries included: {n} in --task-token.
let taskInvocations = 0;

function commandHandler(stateName, command, invocations, { timeoutRewritten = false } = {}) {
  return (input) => new Promise((resolve, reject) => {
    taskInvocations += 1;
    const n = (invocations.get(stateName) ?? 0) + 1;
    invocations.set(stateName, n);
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // own process group, so a timed-out command can be killed with its children
      env: { ...process.env, RUN_ASL_STATE: stateName, RUN_ASL_INVOCATION: String(n) },
    });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; process.stderr.write(d); }); // also shown, for debugging
    child.stdin.on('error', () => { /* command did not read its stdin */ });
    child.on('error', (e) => { children.delete(child); reject(taskError('States.Runtime', `Task '${stateName}': cannot run '${command}': ${e.message}`, { retryable: false })); });
    child.on('close', (code, signal) => {
      children.delete(child);
      if (code === 0) {
        const text = out.trim();
        if (text === '') return resolve(null);
        try { return resolve(JSON.parse(text)); } catch (e) {
          return reject(taskError('States.Runtime', `Task '${stateName}': stdout of '${command}' is not JSON (${e.message}): ${text.slice(0, 500)}`, { retryable: false }));
        }
      }
      const parsed = parseErrorJson(err);
      const errorType = parsed?.errorType ?? 'Runtime.ExitError';
      const errorMessage = parsed ? String(parsed.errorMessage ?? '') : `'${command}' exited with ${code ?? signal}: ${err.trim()}`;
      // Cause is a JSON string, as for a failed Lambda invocation in AWS.
      reject(taskError(errorType, JSON.stringify({ errorMessage, errorType })));
    });
    child.stdin.end(JSON.stringify(timeoutRewritten ? input[EFFECTIVE_INPUT] : input));
  });
}

function unmappedHandler(stateName) {
  return () => Promise.reject(taskError('States.Runtime', `Task '${stateName}' was entered but no command is mapped to it (--task ${stateName}=...)`, { retryable: false }));
}

function print(doc, code) {
  for (const c of children) {
    try { process.kill(-c.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  process.stdout.write(JSON.stringify(doc) + '\n', () => process.exit(code));
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new UsageError(`Node >= 22 required (running ${process.version}); use node_modules/.bin/node`);
  const opts = parseArgs(process.argv.slice(2));

  let raw;
  try { raw = JSON.parse(readFileSync(opts.definitionFile, 'utf8')); } catch (e) {
    throw new DefinitionError(`${opts.definitionFile}: ${e.message}`);
  }
  const missing = new Set();
  const definition = substitute(raw, opts.substitutions, missing);
  if (missing.size) throw new DefinitionError(`unresolved placeholders: ${[...missing].map((m) => '${' + m + '}').join(', ')}`);

  // asl-validator mutates its argument (adds QueryLanguage to every state): validate a copy.
  if (opts.validate) {
    const { isValid, errorsText } = aslValidator(structuredClone(definition), { checkArn: opts.checkArn, checkPaths: opts.checkPaths });
    if (!isValid) throw new DefinitionError(`invalid definition: ${errorsText('; ')}`);
  }
  const unsupported = unsupportedFeatures(definition);
  if (unsupported.length) throw new DefinitionError(`not supported by aws-local-stepfunctions: ${unsupported.join(', ')}`);

  const timeoutRewritten = emulateAwsTimeoutSecondsPath(definition);
  const invocations = new Map();
  const taskResourceLocalHandlers = {};
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  const taskNames = new Set();
  for (const [name, state] of allStates(definition)) {
    if (state.Type === 'Task') {
      taskNames.add(name);
      taskResourceLocalHandlers[name] = opts.tasks[name] !== undefined
        ? commandHandler(name, opts.tasks[name], invocations, { timeoutRewritten: timeoutRewritten.has(name) })
        : unmappedHandler(name);
    }
    if (!opts.realWaits && state.Type === 'Wait') waitTimeOverrides[name] = 0;
    if (!opts.realWaits && state.Retry) retryIntervalOverrides[name] = 0;
  }
  const unknown = Object.keys(opts.tasks).filter((t) => !taskNames.has(t));
  if (unknown.length) throw new UsageError(`--task given for unknown Task state(s): ${unknown.join(', ')}`);

  const context = {
    ...opts.context,
    Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:local:local-run', Name: 'local-run', ...opts.context.Execution },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:local', Name: 'local', ...opts.context.StateMachine },
    Task: { ...opts.context.Task },
  };
  // AWS gives every Task attempt its own token. With {n} in --task-token, $$.Task.Token resolves (in the Parameters,
  // which are evaluated before the Task's command starts) to the number of the Task invocation about to start.
  if (opts.context.Task?.Token === undefined) {
    Object.defineProperty(context.Task, 'Token', {
      enumerable: true,
      get: () => opts.taskToken.replaceAll('{n}', String(taskInvocations + 1)),
    });
  }

  // Validation already done above with asl-validator 4.0.0 (the engine bundles 3.x).
  const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const execution = machine.run(opts.input, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
    context,
  });

  const events = [];
  const collecting = (async () => { for await (const ev of execution.eventLogs) events.push(ev); })();
  let doc;
  try {
    const output = await execution.result;
    doc = { status: 'SUCCEEDED', output, error: null };
  } catch (e) {
    if (e instanceof ExecutionTimeoutError) {
      doc = { status: 'TIMED_OUT', output: null, error: { Error: 'States.Timeout', Cause: 'Execution timed out (top-level TimeoutSeconds)' } };
    } else if (e instanceof ExecutionError) {
      const cause = e.cause ?? e;
      doc = { status: 'FAILED', output: null, error: { Error: cause.name, Cause: cause.message } };
    } else {
      throw e;
    }
  }
  await collecting;
  doc.states = events.filter((ev) => ev.type === 'StateEntered').map((ev) => ev.state.name);
  if (opts.events) doc.events = events;
  print(doc, 0);
}

main().catch((e) => {
  const usage = e instanceof UsageError;
  const known = usage || e instanceof DefinitionError;
  process.stderr.write(`run-asl: ${e.message}\n${usage ? USAGE + '\n' : known ? '' : e.stack + '\n'}`);
  print({ status: 'ERROR', output: null, error: { Error: known ? e.constructor.name : e.name, Cause: e.message }, states: [] }, 2);
});
