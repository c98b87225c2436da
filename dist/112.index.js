export const id = 112;
export const ids = [112];
export const modules = {

/***/ 8112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMode: () => (/* binding */ runMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/settings.ts
var settings = __webpack_require__(8750);
;// CONCATENATED MODULE: ./src/parameters.ts





/** Reads `parameters-file`: a {Key: Value} map or CloudFormation's [{ParameterKey, ParameterValue}] array. */
function readParametersFile(path, workspace) {
    if (path === '')
        return {};
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
    if (!(0,external_node_fs_.existsSync)(full)) {
        throw new errors/* InputError */.dz('parameters-file', `file "${path}" was not found (looked at ${full}). The path is relative to the workspace.`);
    }
    let data;
    try {
        data = (0,dist.parse)((0,external_node_fs_.readFileSync)(full, 'utf8'));
    }
    catch (err) {
        throw new errors/* InputError */.dz('parameters-file', `"${path}" is not valid YAML or JSON: ${err.message.split('\n')[0] ?? ''}`);
    }
    const result = {};
    if (data === null || data === undefined)
        return result;
    if (Array.isArray(data)) {
        data.forEach((entry, index) => {
            const item = entry;
            if (typeof entry !== 'object' || entry === null || typeof item.ParameterKey !== 'string') {
                throw new errors/* InputError */.dz('parameters-file', `entry ${index + 1} of "${path}": expected {ParameterKey: …, ParameterValue: …}, got ${JSON.stringify(entry)}.`);
            }
            result[item.ParameterKey] = {
                value: (0,settings/* scalarToString */.Vu)('parameters-file', item.ParameterKey, item.ParameterValue),
                input: 'parameters-file',
                usePrevious: item.UsePreviousValue === true || item.UsePreviousValue === 'true'
            };
        });
        return result;
    }
    for (const [key, value] of Object.entries((0,settings/* stringMap */.Qi)('parameters-file', data)))
        result[key] = { value, input: 'parameters-file' };
    return result;
}
/** Reads `parameters`: `Key=Value` lines, or an inline YAML/JSON map. */
async function readInlineParameters(text) {
    const result = {};
    for (const [key, value] of Object.entries(await (0,settings/* parseKeyValues */.Hl)('parameters', text)))
        result[key] = { value, input: 'parameters' };
    return result;
}
/** NoEcho may be written as a boolean or as the string "true". */
function isNoEcho(def) {
    return def.NoEcho === true || (typeof def.NoEcho === 'string' && def.NoEcho.toLowerCase() === 'true');
}
const isList = (type) => type === 'CommaDelimitedList' || type.startsWith('List<');
/**
 * Merges the file and the inline overrides (inline wins), checks every key and value against the template's
 * declared parameters, and decides which previous values to keep. `previous` holds the deployed stack's
 * parameter keys (undefined when the stack will be created).
 */
function resolveParameters(declared, given, previous) {
    const declaredKeys = Object.keys(declared);
    for (const [key, entry] of Object.entries(given)) {
        if (!(key in declared)) {
            const hint = closest(key, declaredKeys);
            throw new errors/* InputError */.dz(entry.input, `unknown parameter "${key}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}. The template declares: ${declaredKeys.join(', ') || '(none)'}.`);
        }
    }
    const parameters = [];
    const secrets = [];
    const kept = [];
    const missing = [];
    for (const [key, def] of Object.entries(declared)) {
        const entry = given[key];
        if (entry !== undefined && !entry.usePrevious) {
            checkValue(key, entry, def);
            parameters.push({ ParameterKey: key, ParameterValue: entry.value });
            if (isNoEcho(def) && entry.value !== '')
                secrets.push(entry.value);
        }
        else if (previous?.has(key) === true) {
            parameters.push({ ParameterKey: key, UsePreviousValue: true });
            kept.push(key);
        }
        else if (entry?.usePrevious === true) {
            throw new errors/* InputError */.dz(entry.input, `"${key}" asks for UsePreviousValue, but the stack has no previous value for it. Give a value.`);
        }
        else if (def.Default === undefined) {
            missing.push(key);
        }
    }
    if (missing.length > 0) {
        throw new errors/* InputError */.dz('parameters', `the template requires ${missing.map(k => `"${k}"`).join(', ')}: no default and no previous value. Add ${missing.length === 1 ? 'it' : 'them'} to parameters or parameters-file.`);
    }
    return { parameters, secrets, kept };
}
function checkValue(key, entry, def) {
    const shown = isNoEcho(def) ? '(NoEcho value)' : `"${entry.value}"`;
    const fail = (expected) => {
        throw new errors/* InputError */.dz(entry.input, `parameter "${key}" = ${shown} is not allowed: ${def.ConstraintDescription ?? expected}.`);
    };
    const items = isList(def.Type) ? entry.value.split(',').map(item => item.trim()) : [entry.value];
    for (const item of items) {
        if (def.AllowedValues !== undefined && !def.AllowedValues.map(String).includes(item)) {
            fail(`expected one of ${def.AllowedValues.map(String).join(', ')}`);
        }
        if (def.AllowedPattern !== undefined && !new RegExp(`^(?:${def.AllowedPattern})$`).test(item)) {
            fail(`expected a value matching ${def.AllowedPattern}`);
        }
        if (def.Type === 'Number' || def.Type === 'List<Number>') {
            if (item === '' || Number.isNaN(Number(item)))
                fail('expected a number');
            if (def.MinValue !== undefined && Number(item) < Number(def.MinValue))
                fail(`expected at least ${def.MinValue}`);
            if (def.MaxValue !== undefined && Number(item) > Number(def.MaxValue))
                fail(`expected at most ${def.MaxValue}`);
        }
        if (def.MinLength !== undefined && item.length < Number(def.MinLength))
            fail(`expected at least ${def.MinLength} characters`);
        if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
            fail(`expected at most ${def.MaxLength} characters`);
    }
}
/** The declared key nearest to a misspelt one (case-insensitive edit distance up to 3). */
function closest(key, candidates) {
    let best;
    let bestDistance = 4;
    for (const candidate of candidates) {
        const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length];
}

;// CONCATENATED MODULE: ./src/changes.ts
function resourceChanges(changes) {
    return changes.flatMap(change => (change.ResourceChange === undefined ? [] : [change.ResourceChange]));
}
function kindOf(change) {
    switch (change.Action) {
        case 'Add':
            return 'add';
        case 'Remove':
            return 'remove';
        default:
            return change.Replacement === 'True' || change.Replacement === 'Conditional' ? 'replace' : 'modify';
    }
}
function countChanges(changes) {
    const counts = { add: 0, modify: 0, replace: 0, remove: 0 };
    for (const change of changes)
        counts[kindOf(change)]++;
    return counts;
}
function describeCounts(counts) {
    return `${counts.add} to add, ${counts.modify} to modify, ${counts.replace} to replace, ${counts.remove} to remove`;
}
/** One log line per change, like a plan: `+ AWS::S3::Bucket  Datastore`. */
function formatChange(change) {
    const marks = { add: '+', modify: '~', replace: '±', remove: '-' };
    const kind = kindOf(change);
    const note = kind === 'replace'
        ? change.Replacement === 'True'
            ? '  (replaced)'
            : '  (may be replaced)'
        : kind === 'remove' && change.PolicyAction === 'Retain'
            ? '  (retained)'
            : '';
    return `${marks[kind]} ${(change.ResourceType ?? '').padEnd(44)} ${change.LogicalResourceId ?? ''}${note}`;
}

;// CONCATENATED MODULE: ./src/stack/change-set.ts



/** CloudFormation's two ways of saying a change set holds nothing. */
function isNoChangeReason(reason) {
    return /didn't contain changes|No updates are to be performed/i.test(reason ?? '');
}
/**
 * A change-set name unique to this run and attempt, so a leftover from another run can never collide with it
 * (the official action's fixed `<stack>-CS` does).
 */
function changeSetName(prefix, environment, env, random = Math.random) {
    const runId = env.GITHUB_RUN_ID ?? `local${Date.now()}`;
    const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
    const suffix = Math.floor(random() * 36 ** 6)
        .toString(36)
        .padStart(6, '0');
    const envPart = environment === '' ? '' : `-${environment.replace(/[^A-Za-z0-9]/g, '-')}`;
    return `${prefix}${envPart}-${runId}-${attempt}-${suffix}`.slice(0, 128).replace(/-+$/, '');
}
/** CreateChangeSet; a retry of our own request that already succeeded is recognised, not reported as a clash. */
async function createChangeSet(cfn, input) {
    try {
        const result = await cfn.send(new dist_cjs/* CreateChangeSetCommand */.YDU(input));
        return { id: result.Id ?? '', name: input.ChangeSetName, stackId: result.StackId ?? '' };
    }
    catch (err) {
        if ((0,errors/* awsErrorName */.ZH)(err) === 'AlreadyExistsException' &&
            (0,errors/* messageOf */.bD)(err).includes(`ChangeSet [${input.ChangeSetName}]`)) {
            const existing = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: input.ChangeSetName, StackName: input.StackName }));
            return { id: existing.ChangeSetId ?? '', name: input.ChangeSetName, stackId: existing.StackId ?? '' };
        }
        throw err;
    }
}
/** Polls until the change set is built (quickly at first: small change sets take seconds). */
async function waitForChangeSet(cfn, id, clock, deadline, signal) {
    // Small change sets take a few seconds, large ones a minute: start at 1 s and stretch to 5 s.
    const delay = new src_clock/* AdaptiveDelay */.OH(1_000, 5_000);
    let wait = delay.peek();
    for (;;) {
        await clock.sleep(wait, signal);
        if (signal.aborted)
            throw new errors/* DeployError */.sH('Cancelled while the change set was being created.');
        // With property values, the poll that sees CREATE_COMPLETE is also the first page of the changes.
        const description = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, IncludePropertyValues: true }));
        const status = description.Status ?? '';
        if (status === 'CREATE_COMPLETE')
            return { kind: 'ready', description };
        if (status === 'FAILED') {
            const reason = description.StatusReason ?? 'no reason given';
            return isNoChangeReason(reason) ? { kind: 'empty', reason } : { kind: 'failed', reason };
        }
        if (clock.now() > deadline) {
            throw new errors/* DeployError */.sH(`Timed out waiting for change set ${id} to be created (still ${status}).`);
        }
        wait = delay.next(false);
    }
}
/** Every change in the change set: the first page already read, then every further page, with property values. */
async function describeAllChanges(cfn, id, firstPage) {
    const changes = [...(firstPage.Changes ?? [])];
    let token = firstPage.NextToken;
    while (token !== undefined && token !== '') {
        const page = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, NextToken: token, IncludePropertyValues: true }));
        changes.push(...(page.Changes ?? []));
        token = page.NextToken;
    }
    return changes;
}
/** ExecuteChangeSet; a retried request whose first attempt already started the execution counts as success. */
async function executeChangeSet(cfn, id, disableRollback, token) {
    try {
        await cfn.send(new dist_cjs/* ExecuteChangeSetCommand */.PB_({
            ChangeSetName: id,
            DisableRollback: disableRollback,
            ClientRequestToken: token
        }));
    }
    catch (err) {
        if (/^InvalidChangeSetStatus/.test((0,errors/* awsErrorName */.ZH)(err)) &&
            /EXECUTE_IN_PROGRESS|EXECUTE_COMPLETE/.test((0,errors/* messageOf */.bD)(err)))
            return;
        throw err;
    }
}
/**
 * Deletes a change set, so that no change set of ours outlives the run. The call is awaited: CloudFormation
 * documents that when DeleteChangeSet returns, the change set is deleted. Never throws: a failed clean-up is a
 * warning, reported through `warn`, so the error that matters stays the one reported.
 */
async function deleteChangeSet(cfn, id, warn) {
    try {
        await cfn.send(new dist_cjs/* DeleteChangeSetCommand */.$GE({ ChangeSetName: id }));
        return true;
    }
    catch (err) {
        if (/^ChangeSetNotFound/.test((0,errors/* awsErrorName */.ZH)(err)))
            return true;
        warn(`Could not delete change set ${id}: ${(0,errors/* messageOf */.bD)(err)}. Delete it in the CloudFormation console.`);
        return false;
    }
}

// EXTERNAL MODULE: ./src/stack/state.ts
var stack_state = __webpack_require__(7401);
;// CONCATENATED MODULE: ./src/stack/watch.ts




class WatchCancelled extends errors/* DeployError */.sH {
}
/** If no event arrives for this long, DescribeStacks is asked directly, in case the event stream lags. */
const IDLE_CHECK_MS = 60_000;
/**
 * Follows one stack operation through its events until the stack reaches a terminal state: each event is
 * reported as it arrives, failures are collected, and the stack is described only at the end (or when the events
 * go quiet), which keeps the number of calls below a fixed-interval DescribeStacks loop.
 */
async function watchStack(cfn, options) {
    const { clock, signal } = options;
    const seen = new Set();
    const failures = [];
    const delay = new src_clock/* AdaptiveDelay */.OH(options.minDelayMs ?? 1_000, options.maxDelayMs ?? 10_000);
    let calls = 0;
    let lastProgress = clock.now();
    let wait = delay.peek();
    const ours = (event) => event.ClientRequestToken === options.token ||
        (event.ClientRequestToken === undefined && (event.Timestamp?.getTime() ?? 0) >= options.since);
    const finish = async () => {
        calls++;
        const stack = await (0,stack_state/* describeStack */.GO)(cfn, options.stackId);
        if (stack === undefined)
            throw new errors/* DeployError */.sH(`Stack ${options.stackName} disappeared while it was being watched.`);
        return { stack, failures: rootCausesFirst(failures), calls };
    };
    for (;;) {
        await clock.sleep(wait, signal);
        if (signal.aborted)
            throw new WatchCancelled('Cancelled while waiting for the stack.');
        const fresh = [];
        let token;
        let more = true;
        while (more) {
            calls++;
            const page = await cfn.send(new dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: options.stackId, NextToken: token }));
            for (const event of page.StackEvents ?? []) {
                if (seen.has(event.EventId ?? '') || !ours(event)) {
                    more = false;
                    break;
                }
                fresh.push(event);
            }
            token = page.NextToken;
            if (token === undefined || token === '')
                more = false;
        }
        fresh.reverse();
        let terminal = false;
        for (const event of fresh) {
            seen.add(event.EventId ?? '');
            options.onEvent(event);
            const isStack = event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === options.stackId;
            if (isStack && (0,stack_state/* isTerminalStatus */.TQ)(event.ResourceStatus ?? ''))
                terminal = true;
            if (!isStack && (event.ResourceStatus ?? '').endsWith('_FAILED'))
                failures.push(event);
        }
        if (terminal)
            return finish();
        if (fresh.length > 0)
            lastProgress = clock.now();
        else if (clock.now() - lastProgress > IDLE_CHECK_MS) {
            const result = await finish();
            if ((0,stack_state/* isTerminalStatus */.TQ)(result.stack.StackStatus ?? ''))
                return result;
            calls = result.calls;
            lastProgress = clock.now();
        }
        if (clock.now() > options.deadline) {
            const result = await finish();
            if ((0,stack_state/* isTerminalStatus */.TQ)(result.stack.StackStatus ?? ''))
                return result;
            throw new errors/* DeployError */.sH(`Timed out waiting for stack ${options.stackName}: it is still ${result.stack.StackStatus ?? 'in an unknown state'}. CloudFormation goes on with the operation; follow it in the console, and raise timeout-minutes if deploys of this stack take longer.`);
        }
        wait = delay.next(fresh.length > 0);
    }
}
/** A cancelled sibling is a consequence, not a cause: list real failures first. */
function rootCausesFirst(failures) {
    const cancelled = (e) => /cancelled/i.test(e.ResourceStatusReason ?? '');
    return [...failures.filter(e => !cancelled(e)), ...failures.filter(cancelled)];
}
/** One readable log line per event: time, status, type, logical id, reason. */
function formatEvent(event) {
    const time = (event.Timestamp ?? new Date()).toISOString().slice(11, 19);
    const reason = event.ResourceStatusReason === undefined || event.ResourceStatusReason === ''
        ? ''
        : `  ${event.ResourceStatusReason}`;
    return `${time}  ${(event.ResourceStatus ?? '').padEnd(36)} ${(event.ResourceType ?? '').padEnd(44)} ${event.LogicalResourceId ?? ''}${reason}`;
}

;// CONCATENATED MODULE: ./src/stack/lifecycle.ts





/**
 * Describes the stack and, while another operation runs on it (another workflow run, or a person in the
 * console), says who is in the way and waits for it to settle, within the run's deadline.
 */
async function settledState(ctx) {
    const cfn = ctx.clients.cloudformation;
    const name = ctx.settings.stackName;
    const delay = new src_clock/* AdaptiveDelay */.OH(2_000, 15_000);
    const prefetched = ctx.firstLook;
    ctx.firstLook = undefined;
    let state = (0,stack_state/* classifyStack */.$1)(await (prefetched ?? (0,stack_state/* describeStack */.GO)(cfn, name)));
    let announced = '';
    while (state.kind === 'in-progress') {
        const status = state.stack.StackStatus ?? '';
        if (status !== announced) {
            ctx.log.info(`Stack ${name} is ${status}${await whoIsInTheWay(ctx, state.stack)}; waiting for it to finish before planning.`);
            announced = status;
        }
        if (ctx.clock.now() > ctx.deadline) {
            throw new errors/* DeployError */.sH(`Timed out after waiting for another operation on stack ${name}: it is still ${status}. Raise timeout-minutes, or find the other run in the Actions tab or the CloudFormation console.`);
        }
        await ctx.clock.sleep(delay.next(false), ctx.signal);
        if (ctx.signal.aborted)
            throw new errors/* DeployError */.sH(`Cancelled while waiting for stack ${name} (${status}); nothing was changed.`);
        state = (0,stack_state/* classifyStack */.$1)(await (0,stack_state/* describeStack */.GO)(cfn, name));
    }
    return state;
}
/** Names the change set being executed, if any: the usual culprit is another run of this action. */
async function whoIsInTheWay(ctx, stack) {
    try {
        const list = await ctx.clients.cloudformation.send(new dist_cjs/* ListChangeSetsCommand */.NK4({ StackName: stack.StackId }));
        const running = list.Summaries?.find(s => s.ExecutionStatus === 'EXECUTE_IN_PROGRESS');
        if (running !== undefined)
            return ` (change set ${running.ChangeSetName ?? running.ChangeSetId ?? ''} is executing)`;
    }
    catch (err) {
        ctx.log.debug(`ListChangeSets failed: ${(0,errors/* messageOf */.bD)(err)}`);
    }
    return stack.StackStatusReason === undefined ? '' : ` (${stack.StackStatusReason})`;
}
/**
 * Deletes a stack that holds nothing (a failed first create or an empty REVIEW_IN_PROGRESS stack) and waits
 * for DELETE_COMPLETE, streaming its events. Only ever called for those states.
 */
async function deleteEmptyStack(ctx, stack, token) {
    const cfn = ctx.clients.cloudformation;
    const stackId = stack.StackId ?? ctx.settings.stackName;
    const since = ctx.clock.now();
    await cfn.send(new dist_cjs/* DeleteStackCommand */.fAr({ StackName: stackId, ClientRequestToken: token }));
    const result = await watchStack(cfn, {
        stackId,
        stackName: ctx.settings.stackName,
        token,
        since,
        clock: ctx.clock,
        deadline: ctx.deadline,
        signal: ctx.signal,
        minDelayMs: 1_000,
        maxDelayMs: 5_000,
        onEvent: event => ctx.log.info(formatEvent(event))
    });
    const status = result.stack.StackStatus ?? '';
    if (status !== 'DELETE_COMPLETE') {
        const reasons = result.failures
            .map(f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`)
            .join('; ');
        throw new errors/* DeployError */.sH(`Deleting the failed stack ${ctx.settings.stackName} ended in ${status}${reasons === '' ? '' : ` (${reasons})`}. Delete it in the console, then re-run.`);
    }
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var aws_clients = __webpack_require__(8362);
;// CONCATENATED MODULE: ./src/template/bundled.ts
/**
 * Facts about the bundled template (templates/metaflow.yml) that the action checks before any AWS call.
 * The longest name it generates is the migration function's, `<StackName>-migrate-db`, and Lambda allows 64
 * characters, so the stack name may have at most 64 - "-migrate-db".length characters.
 */
const BUNDLED_TEMPLATE_PATH = 'templates/metaflow.yml';
const BUNDLED_MAX_STACK_NAME = 64 - '-migrate-db'.length;

;// CONCATENATED MODULE: ./src/template/cfn-yaml.ts

/**
 * CloudFormation's short-form tags (`!Ref`, `!Sub`, …) in their long form. Plain YAML parsers drop unknown tags
 * with only a warning, which would silently deploy a different template; here every tag maps to its intrinsic.
 */
const FUNCTIONS = [
    'And',
    'Base64',
    'Cidr',
    'Equals',
    'FindInMap',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Not',
    'Or',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform',
    'ForEach'
];
function intrinsic(name, value) {
    return { [name]: value };
}
function getAtt(value) {
    // `!GetAtt Resource.Attribute.With.Dots` splits at the first dot only, as CloudFormation does.
    if (typeof value !== 'string')
        return value;
    const dot = value.indexOf('.');
    return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}
function tagsFor(tag, build) {
    return [
        { tag, resolve: (str) => build(str) },
        { tag, collection: 'seq', resolve: (seq) => build(seq.toJSON()) },
        { tag, collection: 'map', resolve: (map) => build(map.toJSON()) }
    ];
}
const CFN_TAGS = [
    ...tagsFor('!Ref', value => intrinsic('Ref', value)),
    ...tagsFor('!Condition', value => intrinsic('Condition', value)),
    ...tagsFor('!GetAtt', value => intrinsic('Fn::GetAtt', getAtt(value))),
    ...FUNCTIONS.flatMap(name => tagsFor(`!${name}`, value => intrinsic(`Fn::${name}`, value)))
];
class TemplateSyntaxError extends Error {
}
/**
 * Parses a template body, JSON or YAML with short-form tags, into plain data. Duplicate keys are errors, as
 * CloudFormation rejects them too.
 */
function parseTemplateBody(body) {
    const text = body.replace(/^\uFEFF/, '');
    if (/^\s*\{/.test(text)) {
        try {
            return JSON.parse(text);
        }
        catch (err) {
            throw new TemplateSyntaxError(`invalid JSON: ${err.message}`);
        }
    }
    const document = (0,dist.parseDocument)(text, {
        customTags: CFN_TAGS,
        uniqueKeys: true,
        prettyErrors: true,
        version: '1.2'
    });
    // An unknown tag (`!Reff`) is only a warning to the YAML library, which then reads the value as a plain string;
    // CloudFormation rejects it, so it is an error here too.
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem !== undefined) {
        throw new TemplateSyntaxError(`invalid YAML: ${problem.message.split('\n').slice(0, 3).join(' ').trim()}`);
    }
    return document.toJS({ maxAliasCount: 1000 });
}

;// CONCATENATED MODULE: ./src/template/load.ts







/** CloudFormation's limit for an inline TemplateBody. */
const TEMPLATE_BODY_LIMIT = 51_200;
/** CloudFormation's limit for a template in S3. */
const TEMPLATE_URL_LIMIT = 1_000_000;
const BUNDLED = BUNDLED_TEMPLATE_PATH;
/** The action's own folder: the nearest one above this module (dist/ in the bundle) holding action.yml. */
function actionRoot() {
    let dir = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (let up = 0; up < 4; up++) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'action.yml')))
            return dir;
        dir = (0,external_node_path_.dirname)(dir);
    }
    throw new Error("The action's own folder (with action.yml and templates/) was not found next to its code.");
}
/** Reads the template from the workspace, the action itself, or S3, and checks that it is a template. */
async function loadTemplate(source, clients, workspace) {
    switch (source.kind) {
        case 'bundled':
            return fromBody((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(actionRoot(), BUNDLED), 'utf8'), `the bundled ${BUNDLED}`);
        case 'file': {
            const path = (0,external_node_path_.isAbsolute)(source.path) ? source.path : (0,external_node_path_.resolve)(workspace, source.path);
            if (!(0,external_node_fs_.existsSync)(path) || !(0,external_node_fs_.statSync)(path).isFile()) {
                throw new errors/* InputError */.dz('template', `file "${source.path}" was not found (looked at ${path}). Check out the repository first (actions/checkout) or fix the path, which is relative to the workspace.`);
            }
            return fromBody((0,external_node_fs_.readFileSync)(path, 'utf8'), source.path);
        }
        case 'url': {
            const { bucket, key } = parseS3Url(source.url);
            const s3 = await clients.s3();
            const { GetObjectCommand } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
            let body;
            try {
                const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
                body = (await object.Body?.transformToString('utf8')) ?? '';
            }
            catch (err) {
                throw new errors/* InputError */.dz('template', `could not read ${source.url}: ${(0,errors/* messageOf */.bD)(err)}. Check the URL and that the role may s3:GetObject on it.`);
            }
            return { ...fromBody(body, source.url), url: await objectUrl(clients, bucket, key) };
        }
    }
}
function fromBody(body, origin) {
    let data;
    try {
        data = parseTemplateBody(body);
    }
    catch (err) {
        if (err instanceof TemplateSyntaxError)
            throw new errors/* InputError */.dz('template', `${origin} is not a valid template: ${err.message}`);
        throw err;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new errors/* InputError */.dz('template', `${origin} is not a CloudFormation template: expected a map with a Resources section.`);
    }
    const template = data;
    if (typeof template.Resources !== 'object' ||
        template.Resources === null ||
        Object.keys(template.Resources).length === 0) {
        throw new errors/* InputError */.dz('template', `${origin} has no Resources: CloudFormation needs at least one resource.`);
    }
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > TEMPLATE_URL_LIMIT) {
        throw new errors/* InputError */.dz('template', `${origin} is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`);
    }
    return {
        origin,
        body,
        bytes,
        parameters: (template.Parameters ?? {}),
        resourceCount: Object.keys(template.Resources).length
    };
}
/** Accepts s3://bucket/key and the https forms of S3 object URLs. */
function parseS3Url(url) {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (parsed.protocol === 's3:')
        return { bucket: parsed.hostname, key: path };
    const virtual = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(parsed.hostname);
    if (virtual !== null)
        return { bucket: virtual[1], key: path };
    if (/^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(parsed.hostname)) {
        const slash = path.indexOf('/');
        if (slash > 0)
            return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
    }
    throw new errors/* InputError */.dz('template', `"${url}" is not an S3 object URL. CloudFormation reads templates only from S3: use s3://bucket/key or https://bucket.s3.REGION.amazonaws.com/key, or a workspace path.`);
}
/** The URL CloudFormation should read an S3 object from (the endpoint override's, when one is set). */
async function objectUrl(clients, bucket, key) {
    const encodedKey = key.split('/').map(encodeURIComponent).join('/');
    const endpoint = (0,aws_clients/* customS3Endpoint */.F)();
    if (endpoint !== undefined)
        return `${endpoint}/${bucket}/${encodedKey}`;
    const region = await clients.region();
    const host = `s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
    // A dotted bucket name breaks the TLS name of a virtual-hosted URL (*.s3.REGION.amazonaws.com): use the path.
    return bucket.includes('.')
        ? `https://${host}/${bucket}/${encodedKey}`
        : `https://${bucket}.${host}/${encodedKey}`;
}
/**
 * Decides how CloudFormation gets the template: inline up to 51,200 bytes, otherwise from S3 (uploaded to
 * `template-bucket` under a key unique to this run). Call only after every input has been validated: the upload
 * is the first write.
 */
async function templateLocation(template, bucket, uniqueKey, clients) {
    if (template.url !== undefined)
        return { TemplateURL: template.url };
    if (template.bytes <= TEMPLATE_BODY_LIMIT)
        return { TemplateBody: template.body };
    if (bucket === undefined) {
        throw new errors/* InputError */.dz('template-bucket', templateTooLargeMessage(template));
    }
    const key = `metaflow-deploy/${uniqueKey}/${(0,external_node_path_.basename)(template.origin).replace(/[^\w.-]/g, '_') || 'template.yml'}`;
    const s3 = await clients.s3();
    const { PutObjectCommand } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
    try {
        await s3.send(new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: Buffer.from(template.body, 'utf8'),
            ContentType: 'application/x-yaml'
        }));
    }
    catch (err) {
        throw new errors/* InputError */.dz('template-bucket', `uploading the template to s3://${bucket}/${key} failed: ${(0,errors/* messageOf */.bD)(err)}. Check that the bucket exists in this region and that the role may s3:PutObject.`);
    }
    return { TemplateURL: await objectUrl(clients, bucket, key) };
}
/** Fails early, before anything changes, when a large template has nowhere to go. */
function checkTemplateSize(template, bucket) {
    if (template.url === undefined && template.bytes > TEMPLATE_BODY_LIMIT && bucket === undefined) {
        throw new errors/* InputError */.dz('template-bucket', templateTooLargeMessage(template));
    }
}
function templateTooLargeMessage(template) {
    return `is required: ${template.origin} is ${template.bytes} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for an inline template. Set template-bucket to an S3 bucket in this region that the role can write to; each run uploads the template there under a unique key.`;
}

;// CONCATENATED MODULE: ./src/plan.ts






/** Stack tags: the user's, plus the environment label when one is set. */
function stackTags(ctx) {
    const tags = Object.entries(ctx.settings.tags).map(([Key, Value]) => ({ Key, Value }));
    if (ctx.settings.environment !== '' && !('metaflow-deploy:environment' in ctx.settings.tags)) {
        tags.push({ Key: 'metaflow-deploy:environment', Value: ctx.settings.environment });
    }
    return tags;
}
function changeSetDescription(ctx) {
    const { env } = ctx;
    const run = env.GITHUB_RUN_ID === undefined
        ? 'a local run'
        : `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`;
    return `metaflow-deploy from ${run}`.slice(0, 1024);
}
/**
 * Creates the change set, waits until CloudFormation has built it, and reads every page of it. On any failure
 * (or cancellation) the change set, and the empty stack a CREATE left, are removed before the error goes on.
 */
async function planChangeSet(ctx, request) {
    const { settings, log } = ctx;
    const cfn = ctx.clients.cloudformation;
    const location = await templateLocation(request.template, settings.templateBucket, request.name, ctx.clients);
    const input = {
        StackName: request.stackName,
        ChangeSetName: request.name,
        ChangeSetType: request.type,
        ...location,
        Parameters: request.parameters.parameters,
        Capabilities: settings.capabilities,
        Tags: stackTags(ctx),
        NotificationARNs: settings.notificationArns,
        Description: changeSetDescription(ctx),
        ...(settings.roleArn === undefined ? {} : { RoleARN: settings.roleArn })
    };
    const handle = await log.group(`Creating ${request.type} change set ${request.name}`, async () => {
        const created = await createChangeSet(cfn, input);
        log.info(`Change set ${created.id}`);
        return created;
    });
    try {
        const outcome = await waitForChangeSet(cfn, handle.id, ctx.clock, ctx.deadline, ctx.signal);
        const parameters = outcome.kind === 'ready' ? (outcome.description.Parameters ?? []) : [];
        const changes = outcome.kind === 'ready' ? await describeAllChanges(cfn, handle.id, outcome.description) : [];
        const resources = resourceChanges(changes);
        return {
            handle,
            type: request.type,
            outcome,
            changes,
            resources,
            counts: countChanges(resources),
            parameters
        };
    }
    catch (err) {
        await discardPlan(ctx, handle, request.createsStack);
        throw err;
    }
}
/**
 * Removes what a plan created and nobody executed: the change set and, when the plan's CREATE made the stack,
 * the empty REVIEW_IN_PROGRESS stack it left. Warns instead of throwing, so the real error stays the one reported.
 */
async function discardPlan(ctx, handle, removeEmptyStack) {
    const cfn = ctx.clients.cloudformation;
    const warn = (message) => ctx.log.warning(message);
    await deleteChangeSet(cfn, handle.id, warn);
    if (!removeEmptyStack)
        return;
    try {
        const stack = await (0,stack_state/* describeStack */.GO)(cfn, handle.stackId);
        if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
            // The run may be cancelled already; the clean-up still has to finish.
            await deleteEmptyStack({ ...ctx, signal: new AbortController().signal }, stack, `${handle.name}-cleanup`);
        }
    }
    catch (err) {
        warn(`Could not remove the empty stack ${stackNameOf(handle)} left by the change set: ${(0,errors/* messageOf */.bD)(err)}`);
    }
}
function stackNameOf(handle) {
    return handle.stackId.split('/')[1] ?? handle.stackId;
}
/** Parameters whose value differs between the deployed stack and the change set (all of them for a new stack). */
function parameterChanges(previous, proposed) {
    const before = new Map((previous ?? []).map(p => [p.ParameterKey ?? '', p.ParameterValue]));
    return proposed
        .filter(p => previous === undefined || before.get(p.ParameterKey ?? '') !== p.ParameterValue)
        .map(p => ({
        key: p.ParameterKey ?? '',
        before: before.get(p.ParameterKey ?? ''),
        after: p.ParameterValue
    }));
}
/** Logs a plan as one group: its counts in the title, one line per resource change. */
async function logPlan(log, title, plan, after = []) {
    await log.group(`${title}: ${describeCounts(plan.counts)}`, () => {
        for (const change of plan.resources)
            log.info(formatChange(change));
        for (const line of after)
            log.info(line);
        return Promise.resolve();
    });
}

;// CONCATENATED MODULE: ./src/deploy.ts









async function readInputs(ctx) {
    const { settings } = ctx;
    const given = {
        ...readParametersFile(settings.parametersFile, ctx.workspace),
        ...(await readInlineParameters(settings.parametersText))
    };
    const template = await loadTemplate(settings.template, ctx.clients, ctx.workspace);
    return { template, given };
}
/** Checks parameters against the template and the deployed stack; masks NoEcho values at once. */
function checkParameters(ctx, inputs, state) {
    const previous = state.kind === 'stable'
        ? new Set((state.stack.Parameters ?? []).map(p => p.ParameterKey ?? ''))
        : undefined;
    const resolved = resolveParameters(inputs.template.parameters, inputs.given, previous);
    for (const secret of resolved.secrets)
        ctx.log.secret(secret);
    checkTemplateSize(inputs.template, ctx.settings.templateBucket);
    return resolved;
}
/** Errors that mean another operation got to the stack first: wait, then plan again. */
function isConflict(err) {
    const text = (0,errors/* messageOf */.bD)(err);
    return (((0,errors/* awsErrorName */.ZH)(err) === 'ValidationError' && /_IN_PROGRESS state and can not be updated/.test(text)) ||
        (/^InvalidChangeSetStatus/.test((0,errors/* awsErrorName */.ZH)(err)) && /OBSOLETE/.test(text)) ||
        // Executing a change set deletes the stack's others: ours vanished because another run executed first.
        /^ChangeSetNotFound/.test((0,errors/* awsErrorName */.ZH)(err)) ||
        ((0,errors/* awsErrorName */.ZH)(err) === 'AlreadyExistsException' && /^Stack \[/.test(text)));
}
const MAX_PLANS = 3;
/** Creates or updates the stack through a change set, waits, and explains every failure. */
async function deploy(ctx, inputs) {
    for (let plan = 1;; plan++) {
        try {
            return await deployOnce(ctx, inputs);
        }
        catch (err) {
            if (!isConflict(err) || plan >= MAX_PLANS)
                throw err;
            ctx.log.info(`Another operation started on stack ${ctx.settings.stackName} (${(0,errors/* messageOf */.bD)(err)}); waiting for it, then planning again.`);
        }
    }
}
async function deployOnce(ctx, inputs) {
    const { settings, log } = ctx;
    const cfn = ctx.clients.cloudformation;
    let state = await settledState(ctx);
    if (state.kind === 'stuck') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`);
    }
    const resolved = checkParameters(ctx, inputs, state);
    if (resolved.kept.length > 0) {
        log.info(`Keeping the previous values of ${resolved.kept.length} parameters not given: ${resolved.kept.join(', ')}.`);
    }
    const name = changeSetName('metaflow-deploy', settings.environment, ctx.env);
    let operation = state.kind === 'absent' ? 'create' : 'update';
    if (state.kind === 'failed-create') {
        operation = 'recreate';
        const status = state.stack.StackStatus ?? '';
        if (settings.onFailedCreate === 'fail') {
            throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${status}: its first create ${status === 'ROLLBACK_COMPLETE' ? 'failed and was rolled back' : 'never ran'}, so it holds no resources. Delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`) or set on-failed-create: recreate, then re-run.`);
        }
        const failedStack = state.stack;
        await log.group(`Deleting stack ${settings.stackName} (${status}, holds no resources) to create it again`, () => deleteEmptyStack(ctx, failedStack, `${name}-delete`));
        state = { kind: 'absent' };
    }
    const type = state.kind === 'absent' ? 'CREATE' : 'UPDATE';
    const previousParameters = state.kind === 'stable' ? state.stack.Parameters : undefined;
    const createsStack = type === 'CREATE';
    const plan = await planChangeSet(ctx, {
        stackName: settings.stackName,
        type,
        name,
        template: inputs.template,
        parameters: resolved,
        createsStack
    });
    const { handle } = plan;
    let executed = false;
    try {
        if (plan.outcome.kind !== 'ready') {
            await discardPlan(ctx, handle, createsStack);
            if (plan.outcome.kind === 'failed') {
                throw new errors/* DeployError */.sH(`The change set for stack ${settings.stackName} failed: ${plan.outcome.reason}`);
            }
            if (settings.failOnEmptyChangeset) {
                throw new errors/* DeployError */.sH(`Stack ${settings.stackName} has no changes to deploy, and fail-on-empty-changeset is true.`);
            }
            log.info(`No changes: stack ${settings.stackName} already matches the template and parameters.`);
            const stack = await describeOrFail(ctx);
            return {
                stack,
                changeSetId: '',
                changes: [],
                counts: plan.counts,
                hasChanges: false,
                operation,
                parameterChanges: [],
                secrets: resolved.secrets
            };
        }
        await logPlan(log, 'Changes', plan);
        const token = `${name}-execute`;
        const since = ctx.clock.now();
        await executeChangeSet(cfn, handle.id, settings.disableRollback, token);
        executed = true;
        const result = await log.group(`Stack events: ${settings.stackName}`, () => watchStack(cfn, {
            stackId: handle.stackId,
            stackName: settings.stackName,
            token,
            since,
            clock: ctx.clock,
            deadline: ctx.deadline,
            signal: ctx.signal,
            onEvent: event => log.info(formatEvent(event))
        }));
        const status = result.stack.StackStatus ?? '';
        if (!(0,stack_state/* isSuccessStatus */.ar)(status))
            throw failureError(ctx, status, result.failures, resolved.secrets);
        log.info(`Stack ${settings.stackName} is ${status}.`);
        if (settings.terminationProtection !== (result.stack.EnableTerminationProtection ?? false)) {
            await cfn.send(new dist_cjs/* UpdateTerminationProtectionCommand */.mP2({
                StackName: settings.stackName,
                EnableTerminationProtection: settings.terminationProtection
            }));
            log.info(`Termination protection is now ${settings.terminationProtection ? 'on' : 'off'}.`);
        }
        return {
            stack: result.stack,
            changeSetId: handle.id,
            changes: plan.resources,
            counts: plan.counts,
            hasChanges: true,
            operation,
            parameterChanges: parameterChanges(previousParameters, plan.parameters),
            secrets: resolved.secrets
        };
    }
    catch (err) {
        if (!executed && plan.outcome.kind === 'ready')
            await discardPlan(ctx, handle, createsStack);
        if (err instanceof WatchCancelled) {
            throw new errors/* DeployError */.sH(`Cancelled while stack ${settings.stackName} was being deployed. CloudFormation goes on with change set ${handle.name}; it will finish or roll back on its own. Check the stack before the next run.`);
        }
        throw err;
    }
}
async function describeOrFail(ctx) {
    const stack = await (0,stack_state/* describeStack */.GO)(ctx.clients.cloudformation, ctx.settings.stackName);
    if (stack === undefined)
        throw new errors/* DeployError */.sH(`Stack ${ctx.settings.stackName} does not exist.`);
    return stack;
}
/** Annotates every failed resource, then builds the error that fails the step. */
function failureError(ctx, status, failures, secrets) {
    const { log, settings } = ctx;
    for (const failure of failures) {
        log.error(`${failure.LogicalResourceId ?? ''} (${failure.ResourceType ?? ''}): ${failure.ResourceStatusReason ?? 'no reason given'}`, {
            title: `${failure.ResourceStatus ?? 'FAILED'}: ${failure.LogicalResourceId ?? ''}`
        });
    }
    const causes = failures.filter(f => !/cancelled/i.test(f.ResourceStatusReason ?? ''));
    const listed = (causes.length > 0 ? causes : failures).map(f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`);
    const what = status === 'ROLLBACK_COMPLETE'
        ? 'The create failed and was rolled back; the next run deletes and recreates it (on-failed-create).'
        : status === 'UPDATE_ROLLBACK_COMPLETE'
            ? 'The update failed and was rolled back; the stack is as it was before this run.'
            : `The stack is now ${status}.`;
    return new errors/* StackOperationFailed */.XZ(`Deploy of stack ${settings.stackName} failed (${status}). ${what}${listed.length > 0 ? ` Failed: ${listed.join('; ')}` : ''}`, settings.stackName, status, failures.map(f => ({
        logicalId: f.LogicalResourceId ?? '',
        type: f.ResourceType ?? '',
        status: f.ResourceStatus ?? '',
        reason: f.ResourceStatusReason ?? ''
    })), secrets);
}

;// CONCATENATED MODULE: ./src/log.ts

const coreLogger = {
    info: message => core.info(message),
    warning: message => core.warning(message),
    error: (message, properties) => core.error(message, properties),
    debug: message => core.debug(message),
    secret: value => core.setSecret(value),
    group: (name, work) => core.group(name, work)
};

;// CONCATENATED MODULE: ./src/preview.ts





/**
 * What merging would do: a change set against the live stack, read in full, then deleted (with the empty stack a
 * CREATE change set leaves). Nothing is executed.
 */
async function preview(ctx, inputs) {
    const { settings, log } = ctx;
    const state = await settledState(ctx);
    if (state.kind === 'stuck') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, so no deploy can run until a person fixes it. ${state.recovery}`);
    }
    const resolved = checkParameters(ctx, inputs, state);
    const name = changeSetName('metaflow-preview', settings.environment, ctx.env);
    let stackName = settings.stackName;
    let type = 'UPDATE';
    let operation = 'update';
    if (state.kind === 'absent') {
        type = 'CREATE';
        operation = 'create';
    }
    else if (state.kind === 'failed-create') {
        // The deploy would delete this empty stack and create it again. A CREATE change set works on a
        // REVIEW_IN_PROGRESS stack; next to a ROLLBACK_COMPLETE one it needs a stand-in name, deleted afterwards.
        type = 'CREATE';
        operation = 'recreate';
        if (state.stack.StackStatus === 'ROLLBACK_COMPLETE')
            stackName = `${settings.stackName}-preview-${ctx.env.GITHUB_RUN_ID ?? Date.now()}`.slice(0, 128);
    }
    // A preview changes nothing: it removes the stack only when its own CREATE change set made it.
    const createsStack = state.kind === 'absent' || stackName !== settings.stackName;
    const plan = await planChangeSet(ctx, {
        stackName,
        type,
        name,
        template: inputs.template,
        parameters: resolved,
        createsStack
    });
    try {
        if (plan.outcome.kind === 'failed') {
            throw new errors/* DeployError */.sH(`The change set for stack ${settings.stackName} failed, so this change cannot deploy: ${plan.outcome.reason}`);
        }
        const changes = plan.resources;
        const empty = plan.outcome.kind === 'empty';
        await logPlan(log, 'Preview', plan, empty ? [`No changes: stack ${settings.stackName} already matches the template and parameters.`] : []);
        const existing = state.kind === 'stable' ? state.stack : undefined;
        const report = {
            kind: 'preview',
            stackName: settings.stackName,
            environment: settings.environment,
            region: await ctx.clients.region(),
            operation,
            changes,
            parameters: plan.outcome.kind === 'ready' ? parameterChanges(existing?.Parameters, plan.parameters) : [],
            commitSha: ctx.env.GITHUB_SHA ?? '',
            runUrl: runUrl(ctx.env),
            secrets: resolved.secrets
        };
        return {
            report,
            changeSetId: plan.handle.id,
            counts: plan.counts,
            hasChanges: changes.length > 0,
            stack: existing
        };
    }
    finally {
        // A preview changes nothing: its change set goes, and so does the stack a CREATE change set made.
        await log.group(`Deleting preview change set ${name}`, () => discardPlan(ctx, plan.handle, createsStack));
    }
}
function runUrl(env) {
    if (env.GITHUB_RUN_ID === undefined || env.GITHUB_REPOSITORY === undefined)
        return undefined;
    const attempt = env.GITHUB_RUN_ATTEMPT !== undefined && env.GITHUB_RUN_ATTEMPT !== '1'
        ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
        : '';
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

;// CONCATENATED MODULE: ./src/github/comment.ts


/** The pull request of this run, from the event payload; undefined when the run is not for one. */
function pullRequestOf(env) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (owner === undefined || repo === undefined || env.GITHUB_EVENT_PATH === undefined)
        return undefined;
    let payload;
    try {
        payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
    const number = payload.pull_request?.number ??
        (payload.issue?.pull_request !== undefined ? payload.issue.number : undefined);
    return number === undefined ? undefined : { owner, repo, number };
}
/** The hidden line that identifies our comment for one stack, environment and region. */
function commentMarker(stackName, environment, region) {
    return `<!-- metaflow-deploy preview: stack=${stackName}; environment=${environment || '-'}; region=${region} -->`;
}
/** The login behind the token. The default GITHUB_TOKEN cannot read /user, but GraphQL's viewer works. */
async function viewerLogin(octokit, log) {
    try {
        const result = await octokit.graphql('query { viewer { login } }');
        return result.viewer.login;
    }
    catch (err) {
        log.debug(`GraphQL viewer query failed (${(0,errors/* messageOf */.bD)(err)}); assuming github-actions[bot].`);
        return 'github-actions[bot]';
    }
}
function statusOf(err) {
    return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
        ? err.status
        : undefined;
}
/**
 * Finds our comment among ALL the pull request's comments (paginated, 100 a page) by its marker and author,
 * updates it in place (or creates it), and sends nothing when the body is unchanged.
 */
async function upsertComment(octokit, pr, marker, body, log) {
    try {
        const login = await viewerLogin(octokit, log);
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            per_page: 100
        });
        const ours = comments.find(c => c.user?.login === login && (c.body ?? '').includes(marker));
        if (ours !== undefined) {
            if (ours.body === body)
                return { kind: 'unchanged', url: ours.html_url };
            const updated = await octokit.rest.issues.updateComment({
                owner: pr.owner,
                repo: pr.repo,
                comment_id: ours.id,
                body
            });
            return { kind: 'updated', url: updated.data.html_url };
        }
        const created = await octokit.rest.issues.createComment({
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            body
        });
        return { kind: 'created', url: created.data.html_url };
    }
    catch (err) {
        const status = statusOf(err);
        if (status === 403 || status === 404)
            return { kind: 'forbidden', reason: (0,errors/* messageOf */.bD)(err) };
        if (status === 422 && /too long/i.test((0,errors/* messageOf */.bD)(err)))
            return { kind: 'too-long' };
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/github/octokit.ts
/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * and retries of 5xx and rate-limited calls. Loaded only when a run posts a comment.
 */
async function createOctokit(token) {
    const [{ getOctokit: build }, { retry }] = await Promise.all([
        __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 1758)),
        __webpack_require__.e(/* import() */ 735).then(__webpack_require__.bind(__webpack_require__, 9735))
    ]);
    return build(token, { request: { retries: 3 } }, retry);
}

;// CONCATENATED MODULE: ./src/render/markdown.ts
/** Markdown helpers that survive GitHub tables and any value a template can hold. */
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);
}
/** Inline code safe inside a table cell: HTML-escaped, pipes and newlines neutralised, length capped. */
function code(value, max = 200) {
    const flat = value.replace(/\r?\n/g, ' ⏎ ');
    const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
    return `<code>${escapeHtml(short).replace(/\|/g, '&#124;')}</code>`;
}
/** Plain text safe inside a table cell. */
function cell(text) {
    return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ');
}
function table(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
/** Replaces each secret with **** (defence in depth: CloudFormation already masks NoEcho values). */
function redact(text, secrets) {
    return secrets.filter(s => s.length >= 4).reduce((out, secret) => out.split(secret).join('****'), text);
}

;// CONCATENATED MODULE: ./src/render/change-set.ts


/** Resource types whose replacement or removal loses data unless a policy keeps it. */
const DATA_TYPES = {
    'AWS::S3::Bucket': 'bucket',
    'AWS::RDS::DBInstance': 'database',
    'AWS::RDS::DBCluster': 'database cluster',
    'AWS::DynamoDB::Table': 'table',
    'AWS::DynamoDB::GlobalTable': 'table',
    'AWS::SecretsManager::Secret': 'secret',
    'AWS::Logs::LogGroup': 'log group',
    'AWS::EFS::FileSystem': 'file system',
    'AWS::EC2::Volume': 'volume',
    'AWS::KMS::Key': 'key',
    'AWS::Kinesis::Stream': 'stream',
    'AWS::SQS::Queue': 'queue',
    'AWS::OpenSearchService::Domain': 'search domain',
    'AWS::ElastiCache::ReplicationGroup': 'cache'
};
const ICON = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' };
const ACTION = {
    add: 'Add',
    modify: 'Modify',
    replace: 'Replace',
    remove: 'Remove'
};
const holdsData = (change) => (change.ResourceType ?? '') in DATA_TYPES;
const isDestructive = (change) => kindOf(change) === 'replace' || kindOf(change) === 'remove';
/** What happens to the old resource (`subject`), from the change set's PolicyAction. */
function fateOf(change, subject) {
    const policy = change.PolicyAction ?? (kindOf(change) === 'remove' ? 'Delete' : 'ReplaceAndDelete');
    if (/Retain/.test(policy))
        return `${subject} is kept, with its contents, outside the stack (${policy})`;
    if (/Snapshot/.test(policy))
        return `a final snapshot of ${subject} is taken, then it is deleted (${policy})`;
    if (change.ResourceType === 'AWS::S3::Bucket') {
        return `${subject} is deleted, and if it still holds objects the delete fails and so does the deploy (${policy})`;
    }
    return holdsData(change)
        ? `${subject} and everything in it are deleted (${policy})`
        : `${subject} is deleted (${policy})`;
}
/** Why a resource is replaced: the properties that force it. */
function replacementCauses(change) {
    const forcing = (change.Details ?? []).filter(d => d.Target?.RequiresRecreation === 'Always' || d.Target?.RequiresRecreation === 'Conditionally');
    const names = [
        ...new Set(forcing.map(d => `${code(d.Target?.Name ?? d.Target?.Attribute ?? '?', 60)} (${d.Target?.RequiresRecreation === 'Always' ? 'always' : 'conditionally'})`))
    ];
    return names.length === 0 ? '' : ` Forced by ${names.join(', ')}.`;
}
function warningLine(change) {
    const who = `${code(change.LogicalResourceId ?? '', 80)} (${code(change.ResourceType ?? '', 80)})`;
    const data = holdsData(change) ? ', 💾 holds data' : '';
    if (kindOf(change) === 'remove') {
        const plain = !holdsData(change) && (change.PolicyAction ?? 'Delete') === 'Delete';
        return plain
            ? `- ${ICON.remove} ${who} is **removed** (Delete).`
            : `- ${ICON.remove} ${who} is **removed**${data}: ${fateOf(change, 'it')}.`;
    }
    const noun = DATA_TYPES[change.ResourceType ?? ''] ?? 'one';
    const certainty = change.Replacement === 'True'
        ? 'is **replaced**'
        : '**may be replaced** (CloudFormation decides during the update)';
    const made = holdsData(change) ? `a new, empty ${noun} is created and ` : 'a new one is created and ';
    return `- ${ICON.replace} ${who} ${certainty}${data}: ${made}${fateOf(change, 'the old one')}.${replacementCauses(change)}`;
}
function warningBlock(destructive, cap) {
    if (destructive.length === 0)
        return '';
    const withData = destructive.filter(holdsData);
    const kind = withData.length > 0 ? 'CAUTION' : 'WARNING';
    const ordered = [...withData, ...destructive.filter(c => !holdsData(c))];
    const shown = ordered.slice(0, cap).map(warningLine);
    if (ordered.length > cap)
        shown.push(`- …and ${ordered.length - cap} more (see the table).`);
    const headline = `**${destructive.length} resource${destructive.length === 1 ? ' is' : 's are'} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.** Review before merging.`;
    return [`> [!${kind}]`, `> ${headline}`, '>', ...shown.map(line => `> ${line}`)].join('\n');
}
function parameterTable(parameters) {
    if (parameters.length === 0)
        return '';
    const show = (value) => (value === undefined ? '_(not set)_' : code(value, 120));
    return [
        '#### Parameters',
        '',
        table(['Parameter', 'Before', 'After'], parameters.map(p => [code(p.key, 80), show(p.before), show(p.after)]))
    ].join('\n');
}
function replacementCell(change) {
    if (change.Action !== 'Modify')
        return '';
    return change.Replacement === 'True'
        ? '**Yes**'
        : change.Replacement === 'Conditional'
            ? 'Conditional'
            : 'No';
}
function resourceTable(changes) {
    const rows = changes.map(c => [
        ICON[kindOf(c)],
        code(c.LogicalResourceId ?? '', 80),
        code(c.ResourceType ?? '', 80),
        ACTION[kindOf(c)],
        replacementCell(c)
    ]);
    return ['#### Resources', '', table(['', 'Resource', 'Type', 'Action', 'Replacement'], rows)].join('\n');
}
function countsByType(changes) {
    const byType = new Map();
    for (const change of changes) {
        const row = byType.get(change.ResourceType ?? '') ?? { add: 0, modify: 0, replace: 0, remove: 0 };
        row[kindOf(change)]++;
        byType.set(change.ResourceType ?? '', row);
    }
    const rows = [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => [
        code(type, 80),
        String(n.add),
        String(n.modify),
        String(n.replace),
        String(n.remove)
    ]);
    return ['#### Resources by type', '', table(['Type', 'Add', 'Modify', 'Replace', 'Remove'], rows)].join('\n');
}
function describeSource(detail) {
    const entity = detail.CausingEntity === undefined ? '' : ` ${code(detail.CausingEntity, 60)}`;
    switch (detail.ChangeSource) {
        case 'ParameterReference':
            return `parameter${entity}`;
        case 'ResourceReference':
        case 'ResourceAttribute':
            return `${entity.trim()} changes${detail.Evaluation === 'Dynamic' ? ' (known after apply)' : ''}`;
        case 'DirectModification':
            return 'template';
        default:
            return cell(detail.ChangeSource ?? '');
    }
}
const VALUE_WIDTH = 160;
/**
 * Long values (a container definition, a policy) differ somewhere in the middle: show both around the first
 * difference, so Before and After do not look the same after truncation.
 */
function differenceWindow(before, after, width = VALUE_WIDTH) {
    if (before.length <= width && after.length <= width)
        return [before, after];
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start])
        start++;
    const from = Math.max(0, start - Math.floor(width / 4));
    const cut = (text) => `${from > 0 ? '…' : ''}${text.slice(from, from + width - 2)}${from + width - 2 < text.length ? '…' : ''}`;
    return [cut(before), cut(after)];
}
function forcesReplacement(detail) {
    const recreation = detail.Target?.RequiresRecreation;
    return recreation === 'Always' ? '**Always**' : recreation === 'Conditionally' ? 'Conditionally' : 'Never';
}
function propertyDetails(change) {
    const details = change.Details ?? [];
    if (details.length === 0)
        return '';
    const rows = details.map(d => {
        const [before, after] = differenceWindow(d.Target?.BeforeValue ?? '', d.Target?.AfterValue ?? '');
        const shown = (raw, text, dynamic) => raw === undefined ? (dynamic ? '_(known after apply)_' : '') : code(text, VALUE_WIDTH);
        return [
            code(d.Target?.Name ?? d.Target?.Attribute ?? '', 60),
            forcesReplacement(d),
            describeSource(d),
            shown(d.Target?.BeforeValue, before, false),
            shown(d.Target?.AfterValue, after, d.Evaluation === 'Dynamic')
        ];
    });
    const summary = `${ICON[kindOf(change)]} <code>${cell(change.LogicalResourceId ?? '')}</code> · ${cell(change.ResourceType ?? '')} · ${ACTION[kindOf(change)].toLowerCase()}`;
    return [
        '<details>',
        `<summary>${summary}</summary>`,
        '',
        table(['Property', 'Forces replacement', 'Because of', 'Before', 'After'], rows),
        '',
        '</details>'
    ].join('\n');
}
function heading(report) {
    const where = [report.environment, report.region].filter(Boolean).join(' · ');
    const title = report.kind === 'preview'
        ? '📋 CloudFormation preview'
        : report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
            ? '✅ CloudFormation deploy'
            : '❌ CloudFormation deploy';
    return `### ${title}: \`${report.stackName}\`${where === '' ? '' : ` · ${where}`}`;
}
function intro(report, counts, empty) {
    const lines = [];
    if (report.operation === 'create')
        lines.push(`The stack does not exist yet: merging creates it.`);
    if (report.operation === 'recreate')
        lines.push(`The stack's first create failed and left nothing: the deploy deletes it and creates it again.`);
    if (report.kind === 'deploy' && report.status !== undefined)
        lines.push(`Status: **${report.status}**.`);
    if (!empty)
        lines.push(`**${report.kind === 'preview' ? 'Plan' : 'Applied'}:** ${counts}.`);
    return lines.join('\n\n');
}
function outputsTable(outputs) {
    if (outputs === undefined || Object.keys(outputs).length === 0)
        return '';
    return [
        '#### Outputs',
        '',
        table(['Output', 'Value'], Object.entries(outputs).map(([k, v]) => [code(k, 80), code(v, 200)]))
    ].join('\n');
}
function footer(report) {
    const sha = report.commitSha === '' ? '' : ` · commit <code>${cell(report.commitSha.slice(0, 7))}</code>`;
    const run = report.runUrl === undefined ? '' : ` · <a href="${cell(report.runUrl)}">workflow run</a>`;
    const note = report.kind === 'preview' ? ' · nothing was deployed; the change set was deleted' : '';
    return `<sub>metaflow-deploy${sha}${run}${note}</sub>`;
}
function noChanges(report) {
    return report.kind === 'preview'
        ? `✅ **No changes.** The stack already matches this template and these parameters.`
        : `✅ **No changes** were needed.`;
}
const sizeOf = (text, unit) => unit === 'chars' ? text.length : Buffer.byteLength(text, 'utf8');
/**
 * Renders a report as Markdown within a size limit, shedding detail in order: property details first, then the
 * per-resource table (collapsed to counts per type), and says what it left out and where to find it.
 */
function renderReport(report, options) {
    const resources = report.changes;
    const counts = describeCounts(countChanges(resources));
    const destructive = resources.filter(isDestructive);
    const build = (level) => {
        const empty = resources.length === 0 && report.parameters.length === 0;
        const parts = [options.header, heading(report), intro(report, counts, empty)];
        if (empty) {
            parts.push(noChanges(report));
        }
        else {
            parts.push(warningBlock(destructive, level === 'full' || level === 'no-details' ? Number.POSITIVE_INFINITY : 50));
            parts.push(parameterTable(report.parameters));
            if (level === 'full' || level === 'no-details')
                parts.push(resources.length > 0 ? resourceTable(resources) : '');
            else
                parts.push(countsByType(resources));
            if (level === 'full') {
                const details = resources.filter(c => (c.Details ?? []).length > 0).map(propertyDetails);
                if (details.length > 0)
                    parts.push(['#### Property changes', ...details].join('\n\n'));
            }
            else {
                const shed = level === 'no-details' ? 'Property details are' : 'Property details and the per-resource table are';
                parts.push(`> [!NOTE]\n> ${shed} left out to fit ${options.unit === 'chars' ? "GitHub's comment" : "GitHub's step summary"} limit. ${options.fullDetailIn}`);
            }
        }
        parts.push(outputsTable(report.outputs));
        parts.push(footer(report));
        return redact(parts.filter(part => part !== undefined && part !== '').join('\n\n'), report.secrets) + '\n';
    };
    for (const level of ['full', 'no-details', 'counts']) {
        const body = build(level);
        if (sizeOf(body, options.unit) <= options.limit)
            return { body, level };
    }
    // Only an absurd number of resource types gets here: cut the body and say so.
    const note = `\n\n> [!NOTE]\n> Cut to fit the size limit. ${options.fullDetailIn}\n\n${footer(report)}\n`;
    let body = build('counts');
    while (sizeOf(body + note, options.unit) > options.limit)
        body = body.slice(0, Math.floor(body.length * 0.9));
    return { body: body.slice(0, body.lastIndexOf('\n')) + note, level: 'truncated' };
}
/** The job summary of a failed deploy: the final status and every failed resource with its reason. */
function renderFailure(failure) {
    const where = [failure.environment, failure.region].filter(Boolean).join(' · ');
    const rows = failure.failures.map(f => [
        code(f.logicalId, 80),
        code(f.type, 80),
        cell(f.status),
        cell(f.reason)
    ]);
    const parts = [
        `### ❌ CloudFormation deploy: \`${failure.stackName}\`${where === '' ? '' : ` · ${where}`}`,
        `Status: **${failure.status}**.`,
        rows.length === 0
            ? 'No resource reported a failure; see the stack events in the log.'
            : table(['Resource', 'Type', 'Status', 'Reason'], rows),
        footer({ kind: 'deploy', commitSha: failure.commitSha, runUrl: failure.runUrl })
    ];
    return redact(parts.join('\n\n'), failure.secrets) + '\n';
}

;// CONCATENATED MODULE: ./src/publish/comment.ts



/** GitHub rejects comment bodies over 65,536 characters. */
const COMMENT_LIMIT = 65_536;
/**
 * Posts the preview as the pull request's one comment for this stack and environment, updated in place. A
 * read-only token (a fork's pull request) is a warning, not a failure: the preview stays in the summary.
 * Returns the comment's URL.
 */
async function postPreviewComment(ctx, report) {
    const { log, settings } = ctx;
    const pr = pullRequestOf(ctx.env);
    if (pr === undefined) {
        log.info('This run is not for a pull request, so there is no comment to write; the preview is in the job summary.');
        return undefined;
    }
    if (settings.githubToken === '') {
        log.warning('github-token is empty, so the pull-request comment was skipped; the preview is in the job summary.');
        return undefined;
    }
    const octokit = await createOctokit(settings.githubToken);
    const marker = commentMarker(settings.stackName, settings.environment, report.region);
    const summaryLink = report.runUrl === undefined ? 'The job summary' : `The [job summary](${report.runUrl})`;
    const render = (limit) => renderReport(report, {
        limit,
        unit: 'chars',
        header: marker,
        fullDetailIn: `${summaryLink} has the full detail.`
    }).body;
    let outcome = await upsertComment(octokit, pr, marker, render(COMMENT_LIMIT), log);
    if (outcome.kind === 'too-long') {
        // GitHub's own count can differ from ours (it has been seen to change); try once more with half the room.
        outcome = await upsertComment(octokit, pr, marker, render(COMMENT_LIMIT / 2), log);
    }
    switch (outcome.kind) {
        case 'forbidden':
            log.warning(`Could not write the pull-request comment (${outcome.reason}). Pull requests from forks get a read-only token; the preview is in the job summary and in the outputs.`);
            return undefined;
        case 'too-long':
            log.warning('GitHub rejected the comment as too long even after shedding detail; the preview is in the job summary.');
            return undefined;
        default:
            log.info(`Pull-request comment ${outcome.kind}: ${outcome.url}`);
            return outcome.url;
    }
}

;// CONCATENATED MODULE: ./src/publish/api-key.ts

/**
 * Fetches the value of the API Gateway key (GetApiKey with includeValue) and hands it to `mask` the moment it
 * exists, before it is returned, exported, or logged near. Throttling is retried by the client's strategy.
 */
async function fetchApiKey(clients, keyId, mask) {
    const apiGateway = await clients.apiGateway();
    const { GetApiKeyCommand } = await __webpack_require__.e(/* import() */ 818).then(__webpack_require__.t.bind(__webpack_require__, 818, 19));
    let value;
    try {
        const key = await apiGateway.send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }));
        value = key.value;
    }
    catch (err) {
        const region = await clients.region();
        if (/AccessDenied|Forbidden/i.test((0,errors/* awsErrorName */.ZH)(err))) {
            throw new errors/* DeployError */.sH(`Reading the API key ${keyId} was denied. The role needs apigateway:GET on arn:aws:apigateway:${region}::/apikeys/${keyId}. ${(0,errors/* messageOf */.bD)(err)}`);
        }
        if ((0,errors/* awsErrorName */.ZH)(err) === 'NotFoundException') {
            throw new errors/* DeployError */.sH(`The stack's ApiKeyId output names API key ${keyId}, but API Gateway in ${region} has no such key.`);
        }
        throw err;
    }
    if (value === undefined || value === '')
        throw new errors/* DeployError */.sH(`API Gateway returned no value for API key ${keyId}.`);
    mask(value);
    return value;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/publish/metaflow-config.ts



/** Metaflow's configuration variables and the stack outputs they come from (INTERFACE.md). */
const METAFLOW_OUTPUTS = [
    ['METAFLOW_DATASTORE_SYSROOT_S3', 'MetaflowDataStoreS3Url'],
    ['METAFLOW_DATATOOLS_S3ROOT', 'MetaflowDataToolsS3Url'],
    ['METAFLOW_BATCH_JOB_QUEUE', 'BatchJobQueueArn'],
    ['METAFLOW_ECS_S3_ACCESS_IAM_ROLE', 'ECSJobRoleForBatchJobs'],
    ['METAFLOW_SERVICE_URL', 'ServiceUrl'],
    ['METAFLOW_SERVICE_INTERNAL_URL', 'InternalServiceUrl'],
    ['METAFLOW_SFN_IAM_ROLE', 'StepFunctionsRoleArn'],
    ['METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE', 'EventBridgeRoleArn'],
    ['METAFLOW_SFN_DYNAMO_DB_TABLE', 'DDBTableName'],
    ['METAFLOW_ECS_FARGATE_EXECUTION_ROLE', 'ECSFargateExecutionRoleArn']
];
const AUTH_KEY_VARIABLE = 'METAFLOW_SERVICE_AUTH_KEY';
/**
 * The Metaflow variables for a stack: the two backend choices, every variable whose source output exists, and
 * the API key when there is one.
 */
function metaflowVariables(outputs, apiKey) {
    const variables = {
        METAFLOW_DEFAULT_DATASTORE: 's3',
        METAFLOW_DEFAULT_METADATA: 'service'
    };
    for (const [variable, output] of METAFLOW_OUTPUTS) {
        const value = outputs[output];
        if (value !== undefined)
            variables[variable] = value;
    }
    if (apiKey !== undefined)
        variables[AUTH_KEY_VARIABLE] = apiKey;
    return variables;
}
/**
 * The config file as `metaflow configure` writes it: a flat JSON object, keys sorted, indented by 4, empty values
 * left out.
 */
function renderConfig(variables) {
    const entries = Object.entries(variables)
        .filter(([, value]) => value !== '')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${JSON.stringify(Object.fromEntries(entries), null, 4)}\n`;
}
/** `~` is the runner's home; a relative path is relative to the workspace. */
function resolveConfigPath(path, workspace, home = (0,external_node_os_.homedir)()) {
    const expanded = path === '~' ? home : path.startsWith('~/') ? `${home}${path.slice(1)}` : path;
    return (0,external_node_path_.isAbsolute)(expanded) ? expanded : (0,external_node_path_.resolve)(workspace, expanded);
}
/** Writes the file readable by its owner only (it holds the API key), creating its folders. */
function writeConfig(path, content) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true, mode: 0o700 });
    (0,external_node_fs_.writeFileSync)(path, content, { mode: 0o600 });
    // writeFileSync keeps the mode of a file that already existed.
    (0,external_node_fs_.chmodSync)(path, 0o600);
}

;// CONCATENATED MODULE: ./src/publish/step-outputs.ts

const ACTION_OUTPUT_NAMES = [
    'stack-id',
    'stack-status',
    'change-set-id',
    'has-changes',
    'changes-count',
    'changes-summary',
    'comment-url',
    'api-key',
    'metaflow-config-file'
];
function changeOutputs(counts, hasChanges) {
    return {
        'has-changes': String(hasChanges),
        'changes-count': String(counts.add + counts.modify + counts.replace + counts.remove),
        'changes-summary': JSON.stringify(counts)
    };
}
function setOutputs(outputs) {
    for (const name of ACTION_OUTPUT_NAMES) {
        const value = outputs[name];
        if (value !== undefined)
            core.setOutput(name, value);
    }
}

;// CONCATENATED MODULE: ./src/publish/outputs.ts



function outputsOf(stack) {
    const outputs = {};
    for (const output of stack.Outputs ?? []) {
        if (output.OutputKey !== undefined)
            outputs[output.OutputKey] = output.OutputValue ?? '';
    }
    return outputs;
}
/**
 * After a deploy (or in mode outputs): every stack output as a step output, the API key fetched and masked, the
 * Metaflow variables exported, and the config file written.
 */
async function publishStack(ctx, stack, sink) {
    const { settings, log } = ctx;
    const stackOutputs = outputsOf(stack);
    const reserved = new Set(ACTION_OUTPUT_NAMES);
    for (const [key, value] of Object.entries(stackOutputs)) {
        if (reserved.has(key)) {
            log.warning(`Stack output ${key} has the name of one of the action's own outputs; it is not set as a step output (read it from the stack).`);
            continue;
        }
        sink.setOutput(key, value);
    }
    const outputs = {};
    const keyId = stackOutputs.ApiKeyId;
    let apiKey;
    if (keyId !== undefined && keyId !== '') {
        apiKey = await fetchApiKey(ctx.clients, keyId, value => log.secret(value));
        outputs['api-key'] = apiKey;
    }
    const variables = metaflowVariables(stackOutputs, apiKey);
    const exported = [];
    if (settings.exportEnv) {
        for (const [name, value] of Object.entries(variables)) {
            sink.exportVariable(name, value);
            exported.push(name);
        }
        log.info(`Exported ${exported.length} Metaflow variables: ${exported.join(', ')}.`);
    }
    if (settings.metaflowConfigFile !== '') {
        const path = resolveConfigPath(settings.metaflowConfigFile, ctx.workspace);
        writeConfig(path, renderConfig(variables));
        outputs['metaflow-config-file'] = path;
        log.info(`Wrote the Metaflow config to ${path} (mode 0600).`);
    }
    return { outputs, stackOutputs, exported };
}

;// CONCATENATED MODULE: ./src/publish/summary.ts



/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
const SUMMARY_LIMIT = 1_000_000;
/**
 * Appends Markdown to the job summary. A summary reports on the job; it never fails it: where the runner offers no
 * summary file (older GitHub Enterprise Server, a run outside Actions) or writing fails, a warning says so.
 */
async function append(markdown) {
    if ((process.env.GITHUB_STEP_SUMMARY ?? '') === '') {
        core.info('This runner offers no job summary (GITHUB_STEP_SUMMARY is not set); the log has the same detail.');
        return;
    }
    try {
        await core.summary.addRaw(markdown).write();
    }
    catch (err) {
        core.warning(`Could not write the job summary: ${(0,errors/* messageOf */.bD)(err)}. The log has the same detail.`);
    }
}
/** Writes the report to the job summary, shedding detail if it would not fit. */
async function writeSummary(report) {
    const rendered = renderReport(report, {
        limit: SUMMARY_LIMIT,
        unit: 'bytes',
        fullDetailIn: 'The run log lists every change, one line each.'
    });
    await append(rendered.body);
}
/** The job summary of a failed deploy. */
async function writeFailureSummary(failure) {
    await append(renderFailure(failure));
}

;// CONCATENATED MODULE: ./src/modes.ts












/**
 * settings -> template and parameters -> deploy | preview | outputs -> publish. One error boundary: whatever
 * goes wrong ends here as one clear failure.
 */
async function runMode(launch, env = process.env) {
    const cancel = new AbortController();
    const onSignal = (signal) => {
        if (!cancel.signal.aborted)
            core.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`);
        cancel.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        const { settings, clients, firstLook, scale } = launch;
        const clock = (0,src_clock/* systemClock */.ml)(scale);
        const ctx = {
            settings,
            clients,
            firstLook,
            clock,
            signal: cancel.signal,
            log: coreLogger,
            env,
            workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
            deadline: clock.now() + settings.timeoutMs
        };
        if (settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
            core.warning(`stack-name "${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so keep stack-name to ${BUNDLED_MAX_STACK_NAME} or fewer.`);
        }
        const outputs = {};
        switch (settings.mode) {
            case 'deploy': {
                const result = await deploy(ctx, await readInputs(ctx));
                // Set at once, so that a failure while publishing still reports what was deployed.
                setOutputs({
                    ...changeOutputs(result.counts, result.hasChanges),
                    'stack-id': result.stack.StackId ?? '',
                    'stack-status': result.stack.StackStatus ?? '',
                    'change-set-id': result.changeSetId
                });
                const published = await publishStack(ctx, result.stack, coreSink);
                Object.assign(outputs, published.outputs);
                await writeSummary({
                    kind: 'deploy',
                    stackName: settings.stackName,
                    environment: settings.environment,
                    region: await ctx.clients.region(),
                    operation: result.operation,
                    changes: result.changes,
                    parameters: result.parameterChanges,
                    commitSha: env.GITHUB_SHA ?? '',
                    runUrl: runUrl(env),
                    status: result.stack.StackStatus ?? '',
                    outputs: published.stackOutputs,
                    secrets: [
                        ...result.secrets,
                        ...(published.outputs['api-key'] === undefined ? [] : [published.outputs['api-key']])
                    ]
                });
                break;
            }
            case 'preview': {
                const result = await preview(ctx, await readInputs(ctx));
                setOutputs({
                    ...changeOutputs(result.counts, result.hasChanges),
                    'change-set-id': result.changeSetId,
                    ...(result.stack === undefined
                        ? {}
                        : { 'stack-id': result.stack.StackId ?? '', 'stack-status': result.stack.StackStatus ?? '' })
                });
                await writeSummary(result.report);
                if (settings.comment) {
                    const url = await postPreviewComment(ctx, result.report);
                    if (url !== undefined)
                        outputs['comment-url'] = url;
                }
                break;
            }
            case 'outputs': {
                const stack = await readDeployedStack(ctx);
                setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' });
                Object.assign(outputs, (await publishStack(ctx, stack, coreSink)).outputs);
                break;
            }
        }
        setOutputs(outputs);
    }
    catch (err) {
        if (err instanceof errors/* StackOperationFailed */.XZ) {
            await writeFailureSummary({
                stackName: err.stackName,
                environment: launch.settings.environment,
                region: await launch.clients.region(),
                status: err.status,
                failures: err.failures,
                commitSha: env.GITHUB_SHA ?? '',
                runUrl: runUrl(env),
                secrets: err.secrets
            });
        }
        core.setFailed((0,errors/* messageOf */.bD)(err));
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
const coreSink = {
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value)
};
/** mode outputs: the deployed stack, read-only (waiting, if another run is changing it, until it settles). */
async function readDeployedStack(ctx) {
    const state = await settledState(ctx);
    const name = ctx.settings.stackName;
    switch (state.kind) {
        case 'absent':
            throw new errors/* DeployError */.sH(`Stack ${name} does not exist. mode: outputs reads a deployed stack; deploy it first (mode: deploy), and check stack-name and the region.`);
        case 'stable':
            return state.stack;
        default:
            throw new errors/* DeployError */.sH(`Stack ${name} is ${state.stack.StackStatus ?? ''}, so it has no usable outputs. Deploy it successfully first.`);
    }
}


/***/ })

};

//# sourceMappingURL=112.index.js.map