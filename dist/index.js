import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3109);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3109:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/run/clock.ts
var clock = __nccwpck_require__(4219);
// EXTERNAL MODULE: ./src/run/errors.ts
var errors = __nccwpck_require__(4314);
// EXTERNAL MODULE: external "node:diagnostics_channel"
var external_node_diagnostics_channel_ = __nccwpck_require__(3053);
;// CONCATENATED MODULE: ./src/run/first-request.ts

/**
 * Resolves once the first HTTP request of the process has been written to its connection (its `finish` event),
 * or has failed on the way. Start-up waits for this before it evaluates the rest of the bundle: evaluation blocks
 * the event loop for tens of milliseconds, and any earlier it would hold the request back, since the SDK
 * resolves credentials and endpoints, and the socket connects (and shakes hands over TLS), over several turns of
 * the loop. Node's `http.client.request.start` channel sees every client request, https included; nothing else
 * is sent at this point of start-up.
 */
function firstRequestWritten() {
    return new Promise(resolve => {
        const onStart = (message) => {
            (0,external_node_diagnostics_channel_.unsubscribe)('http.client.request.start', onStart);
            const request = message.request;
            request.once('finish', () => resolve());
            request.once('error', () => resolve());
            request.once('close', () => resolve());
        };
        (0,external_node_diagnostics_channel_.subscribe)('http.client.request.start', onStart);
    });
}

// EXTERNAL MODULE: ./src/settings/settings.ts + 2 modules
var settings_settings = __nccwpck_require__(3218);
;// CONCATENATED MODULE: ./src/main.ts




/**
 * Start-up, kept small: validate every input first (bad input makes no AWS call, and is reported before the AWS
 * SDK is even loaded), then send the first, read-only request (DescribeStacks) and load the rest of the action
 * (@actions/core, the modes, GitHub and rendering code) while it travels. The modes take the answer from there.
 *
 * The loading waits until the request has been written (run/first-request.ts says why).
 */
async function run(env = process.env) {
    let settings;
    try {
        settings = await (0,settings_settings/* parseSettings */.P$)();
    }
    catch (err) {
        const core = await Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(143)]).then(__nccwpck_require__.bind(__nccwpck_require__, 143));
        core.setFailed((0,errors/* messageOf */.bD)(err));
        return;
    }
    const [{ createClients }, { describeStack }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(875)]).then(__nccwpck_require__.bind(__nccwpck_require__, 875)),
        Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(401)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7401))
    ]);
    const scale = (0,clock/* timeScaleFromEnv */.Ny)(env);
    const clients = createClients({ timeScale: scale });
    const written = firstRequestWritten();
    const firstLook = describeStack(clients.cloudformation, settings.stackName);
    // Awaited by the modes; this keeps an early failure from being reported as unhandled in the meantime.
    const settled = firstLook.then(() => undefined, () => undefined);
    await Promise.race([written, settled]);
    const { runMode } = await Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(805), __nccwpck_require__.e(815), __nccwpck_require__.e(143), __nccwpck_require__.e(41)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3041));
    await runMode({ settings, clients, firstLook, scale }, env);
}


/***/ }),

/***/ 4219:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ny: () => (/* binding */ timeScaleFromEnv),
/* harmony export */   OH: () => (/* binding */ AdaptiveDelay),
/* harmony export */   ml: () => (/* binding */ systemClock)
/* harmony export */ });
/**
 * The real clock. `scale` shrinks every wait; the tests and the benchmark set it through
 * METAFLOW_DEPLOY_TIME_SCALE so that a poll cadence tuned for AWS runs at emulator speed.
 */
function systemClock(scale = 1) {
    return {
        now: () => Date.now(),
        sleep: (ms, signal) => new Promise(resolve => {
            if (signal?.aborted === true)
                return resolve();
            const timer = setTimeout(done, Math.max(0, ms * scale));
            function done() {
                clearTimeout(timer);
                signal?.removeEventListener('abort', done);
                resolve();
            }
            signal?.addEventListener('abort', done, { once: true });
        })
    };
}
/** The time scale for waits: 1 in production; a test knob only. */
function timeScaleFromEnv(env = process.env) {
    const raw = env.METAFLOW_DEPLOY_TIME_SCALE;
    if (raw === undefined || raw === '')
        return 1;
    const scale = Number(raw);
    return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1;
}
/**
 * Delays for a poll loop that adapts: quick while things change, slower while idle, never past `maxMs`.
 */
class AdaptiveDelay {
    minMs;
    maxMs;
    growth;
    current;
    constructor(minMs, maxMs, growth = 1.5) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.growth = growth;
        this.current = minMs;
    }
    /** The delay before the next poll, given whether the last poll saw something new. */
    next(sawProgress) {
        this.current = sawProgress
            ? Math.max(this.minMs, this.current / 2)
            : Math.min(this.maxMs, this.current * this.growth);
        return this.current;
    }
    peek() {
        return this.current;
    }
}


/***/ }),

/***/ 4314:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bn: () => (/* binding */ noteLeftovers),
/* harmony export */   Ni: () => (/* binding */ explainAwsError),
/* harmony export */   XZ: () => (/* binding */ StackOperationFailed),
/* harmony export */   ZH: () => (/* binding */ awsErrorName),
/* harmony export */   Zf: () => (/* binding */ AwsCallFailed),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   bO: () => (/* binding */ explainFirstRunError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   sH: () => (/* binding */ DeployError)
/* harmony export */ });
/* unused harmony exports credentialsHelpUrl, FirstRunError */
/** A problem with one of the action's inputs: the message names the input, the bad value and the fix. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** A failure the user must act on (a stuck stack, a failed deploy); the message says what to do. */
class DeployError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DeployError';
    }
}
/** A stack operation that ended badly: the status it ended in and every resource that failed, with its reason. */
class StackOperationFailed extends DeployError {
    stackName;
    status;
    failures;
    secrets;
    constructor(message, stackName, status, failures, 
    /** NoEcho values given by the user, to redact from anything written about the failure. */
    secrets) {
        super(message);
        this.stackName = stackName;
        this.status = status;
        this.failures = failures;
        this.secrets = secrets;
        this.name = 'StackOperationFailed';
    }
}
/**
 * The text of anything thrown, including non-Error values. The SDK's first-run failures (no region, no
 * credentials) come out as what to add to the workflow (explainFirstRunError), wherever they are reported.
 */
function messageOf(err) {
    return textOf(explainFirstRunError(err));
}
function textOf(err) {
    if (err instanceof Error)
        return err.message;
    if (typeof err === 'string')
        return err;
    try {
        return JSON.stringify(err);
    }
    catch {
        return String(err);
    }
}
/** The AWS SDK error name (`Throttling`, `ValidationError`, …), or '' for anything else. */
function awsErrorName(err) {
    if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') {
        return err.name;
    }
    return '';
}
/** An AWS call that got no answer or was interrupted; the message names the call (`CloudFormation DescribeStacks`). */
class AwsCallFailed extends DeployError {
    call;
    cause;
    constructor(message, 
    /** The service and operation, as `CloudFormation DescribeStacks`. */
    call, cause) {
        super(message);
        this.call = call;
        this.cause = cause;
        this.name = 'AwsCallFailed';
    }
}
/**
 * The README section a first run without AWS credentials or region needs, in the repository the workflow took
 * the action from (the runner names it in GITHUB_ACTION_REPOSITORY).
 */
function credentialsHelpUrl(env = process.env) {
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = env.GITHUB_ACTION_REPOSITORY || 'org/metaflow-deploy';
    return `${server}/${repository}#aws-credentials`;
}
const CREDENTIALS_STEP = [
    '  - uses: aws-actions/configure-aws-credentials@v5',
    '    with:',
    '      role-to-assume: ${{ vars.AWS_ROLE_ARN }}',
    '      aws-region: us-east-1'
].join('\n');
const OIDC_PERMISSION = 'The job needs `permissions: id-token: write` (with `contents: read`) for the step to get its OIDC token.';
/** AWS not configured for the job (no region, no credentials); the message says what to add. */
class FirstRunError extends DeployError {
    constructor(message) {
        super(message);
        this.name = 'FirstRunError';
    }
}
/**
 * The SDK's first-run failures (no region, no credentials) turned into what to add to the workflow; any other
 * error is returned as it is. Call it once, where the run reports its failure.
 */
function explainFirstRunError(err, env = process.env) {
    if (err instanceof FirstRunError)
        return err;
    const text = textOf(err);
    if (/Region is missing/i.test(text)) {
        return new FirstRunError(`No AWS region is set (the AWS SDK says: "${text}"). Give the aws-actions/configure-aws-credentials step an aws-region (it sets AWS_REGION for the steps after it), or add the step before this one:\n${CREDENTIALS_STEP}\n${OIDC_PERMISSION}\nSee ${credentialsHelpUrl(env)}`);
    }
    if (/Could not load credentials from any providers/i.test(text) ||
        awsErrorName(err) === 'CredentialsProviderError') {
        return new FirstRunError(`No AWS credentials were found (the AWS SDK says: "${text}"). Add a step before this one:\n${CREDENTIALS_STEP}\n${OIDC_PERMISSION}\nThe variable AWS_ROLE_ARN (Settings > Secrets and variables > Actions > Variables) holds the ARN of an IAM role that trusts GitHub's OIDC provider for this repository.\nSee ${credentialsHelpUrl(env)}`);
    }
    return err;
}
/** The error and the errors it wraps (an AwsCallFailed's cause), outermost first. */
function chain(err) {
    const found = [];
    for (let e = err; e !== undefined && e !== null && found.length < 4;) {
        found.push(e);
        e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
    }
    return found;
}
const minutes = (ms) => `${Math.round(ms / 6_000) / 10} min`;
/**
 * AWS-side mistakes, each turned into one line that names the input or setting to change, with AWS's own words
 * after it: a missing capability, a service role CloudFormation cannot assume, iam:PassRole denied, credentials
 * that expired during a long wait, and any other AccessDenied. Anything else is returned as it is.
 */
function explainAwsError(err, hints) {
    // Our own failures already say what to do (a failed resource's reason is in the deploy's failure summary).
    if (err instanceof InputError || (err instanceof DeployError && !(err instanceof AwsCallFailed)))
        return err;
    for (const e of chain(err)) {
        const explained = explainOne(e, hints);
        if (explained !== undefined)
            return new DeployError(`${explained} (AWS: ${textOf(e).split('\n')[0] ?? ''})`);
    }
    return err;
}
function explainOne(err, hints) {
    const name = awsErrorName(err);
    const text = textOf(err);
    const capabilities = /Requires capabilities\s*:\s*\[([A-Z_, ]+)\]/.exec(text);
    if (name === 'InsufficientCapabilitiesException' || capabilities !== null) {
        const needed = (capabilities?.[1] ?? '').split(/[\s,]+/).filter(Boolean);
        const wanted = [...new Set([...hints.capabilities, ...needed])].join(',');
        return `CloudFormation needs ${needed.join(', ') || 'more capabilities'} for this template: set capabilities: ${wanted}.`;
    }
    const passRole = /not authorized to perform: iam:PassRole on resource: (\S+)/.exec(text);
    if (passRole !== null) {
        return `The workflow's AWS role may not pass role-arn ${passRole[1] ?? ''} to CloudFormation: allow iam:PassRole on it (with the condition iam:PassedToService cloudformation.amazonaws.com) in the policy of the role the aws-actions/configure-aws-credentials step assumes, or leave role-arn empty.`;
    }
    if (/Role \S+ is invalid or cannot be assumed/i.test(text)) {
        return `CloudFormation cannot assume role-arn ${hints.roleArn ?? ''}: check the ARN, and that the role's trust policy allows the service principal cloudformation.amazonaws.com (sts:AssumeRole).`;
    }
    if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name) ||
        /security token included in the request is expired|token has expired/i.test(text)) {
        return `The AWS credentials expired ${minutes(hints.elapsedMs)} into the run: the session the aws-actions/configure-aws-credentials step started is shorter than this wait. Set its role-duration-seconds above timeout-minutes (${minutes(hints.timeoutMs)} = ${Math.ceil(hints.timeoutMs / 1000)} s), within the role's maximum session duration.`;
    }
    const denied = /is not authorized to perform: (\S+)(?: on resource: (\S+))?/.exec(text);
    if (denied !== null || /^(AccessDenied|AccessDeniedException)$/.test(name)) {
        const what = denied === null ? 'this call' : `${denied[1] ?? ''}${denied[2] === undefined ? '' : ` on ${denied[2]}`}`;
        return `The workflow's AWS role may not call ${what}: add it to the policy of the role the aws-actions/configure-aws-credentials step assumes (docs/iam-policy.json lists every call the action makes).`;
    }
    return undefined;
}
/**
 * Names in a run's error what its clean-up could not remove (a change set, an empty stack), so the person who
 * reads the failure knows what to delete; the warnings said it too, but the error is what they read first.
 */
function noteLeftovers(err, leftovers) {
    if (!(err instanceof Error) || leftovers.length === 0)
        return;
    err.message += `\nLeft behind (the clean-up could not remove ${leftovers.length === 1 ? 'it' : 'them'} in time): ${leftovers.join(', ')}. Delete ${leftovers.length === 1 ? 'it' : 'them'} yourself (aws cloudformation delete-change-set, or delete-stack for an empty stack in REVIEW_IN_PROGRESS).`;
}


/***/ }),

/***/ 3218:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  vp: () => (/* reexport */ ENVIRONMENT_TAG),
  P$: () => (/* binding */ parseSettings)
});

// UNUSED EXPORTS: inputFromEnv, parseBoolean, parseKeyValues, splitList

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/run/errors.ts
var errors = __nccwpck_require__(4314);
;// CONCATENATED MODULE: ./src/settings/key-values.ts

/** Readers for the list and map forms that several inputs share (tags, parameters, capabilities, topics). */
/** Splits a comma- or newline-separated list, dropping blanks. */
function splitList(value) {
    return value
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(item => item !== '');
}
function messageLine(err) {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
/**
 * Reads `Key=Value` lines, or a YAML/JSON map, into an ordered record of strings. Used for `tags` and
 * `parameters`; every malformed entry is an error naming the input and the line.
 */
async function parseKeyValues(input, text) {
    const trimmed = text.trim();
    if (trimmed === '')
        return {};
    if (trimmed.startsWith('{') || /^[A-Za-z0-9_.:/@+-]+\s*:\s/m.test(trimmed.split('\n')[0] ?? '')) {
        return parseMap(input, trimmed);
    }
    const result = {};
    const lines = text.split('\n');
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const eq = line.indexOf('=');
        if (eq <= 0) {
            // A parameters line may hold a secret (a NoEcho value typed without its key): name the line, never echo it.
            const got = input === 'parameters' ? '' : `, got "${line}"`;
            throw new InputError(input, `line ${index + 1}: expected Key=Value${got}.`);
        }
        const key = line.slice(0, eq).trim();
        if (key === '' || /\s/.test(key)) {
            throw new InputError(input, `line ${index + 1}: "${key}" is not a valid key (no spaces allowed).`);
        }
        if (key in result)
            throw new InputError(input, `line ${index + 1}: "${key}" is given twice.`);
        result[key] = unquote(line.slice(eq + 1).trim());
    });
    return result;
}
function unquote(value) {
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
        return value.slice(1, -1);
    }
    return value;
}
async function parseMap(input, text) {
    // The YAML library is loaded only for YAML maps: most runs never need it before their first AWS call.
    const parse = text.startsWith('{') ? (t) => JSON.parse(t) : (await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19))).parse;
    let parsed;
    try {
        parsed = parse(text);
    }
    catch (err) {
        throw new InputError(input, `is not a valid YAML/JSON map: ${err.message.split('\n')[0] ?? ''}`);
    }
    return stringMap(input, parsed);
}
/** Checks that a parsed value is a flat map of scalars and returns it as strings. */
function stringMap(input, parsed) {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new InputError(input, 'expected a map of Key: Value.');
    }
    const result = {};
    for (const [key, value] of Object.entries(parsed)) {
        result[key] = scalarToString(input, key, value);
    }
    return result;
}
/** CloudFormation takes every value as a string; lists become comma-joined (CommaDelimitedList). */
function scalarToString(input, key, value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value) && value.every(item => ['string', 'number', 'boolean'].includes(typeof item))) {
        return value.map(String).join(',');
    }
    throw new InputError(input, 
    // Values may be secrets: the message names the key and the kind of value, never the value.
    `the value of "${key}" must be a string, number, boolean or list of those, got ${Array.isArray(value) ? 'a list holding a map or list' : 'a map'}.`);
}

;// CONCATENATED MODULE: ./src/settings/tags.ts


const emptyTags = () => Object.create(null);
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const MAX_TAGS = 50;
/** The tag the action adds for `environment` (counted against CloudFormation's 50). */
const ENVIRONMENT_TAG = 'metaflow-deploy:environment';
async function parseTags(value, environment) {
    if (value === '')
        return undefined;
    const text = value.trim();
    const tags = text.startsWith('[')
        ? tagList(text)
        : text.startsWith('{') || /^[A-Za-z0-9_.:/@+-]+\s*:(?:\s|$)/.test(text.split('\n')[0] ?? '')
            ? await tagMap(text)
            : tagLines(text);
    const keys = Object.keys(tags);
    const total = keys.length + (environment !== '' && !Object.hasOwn(tags, ENVIRONMENT_TAG) ? 1 : 0);
    if (total > MAX_TAGS) {
        throw new errors/* InputError */.dz('tags', `${keys.length} tags given${total > keys.length ? `, plus the ${ENVIRONMENT_TAG} tag that environment adds` : ''}; CloudFormation accepts at most ${MAX_TAGS}.`);
    }
    for (const key of keys) {
        const tagValue = tags[key] ?? '';
        if (key.length > TAG_KEY_MAX)
            throw new errors/* InputError */.dz('tags', `key "${key.slice(0, 40)}…" is longer than ${TAG_KEY_MAX} characters.`);
        if (/^aws:/i.test(key))
            throw new errors/* InputError */.dz('tags', `key "${key}" uses the reserved prefix aws:.`);
        if (tagValue.length > TAG_VALUE_MAX)
            throw new errors/* InputError */.dz('tags', `the value of "${key}" is longer than ${TAG_VALUE_MAX} characters.`);
    }
    return tags;
}
/**
 * The official CloudFormation action's tag form, a JSON array `[{"Key": "k", "Value": "v"}]`, read as it is so
 * that workflows moving over keep working.
 */
function tagList(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new errors/* InputError */.dz('tags', `looks like a JSON array but does not parse: ${messageLine(err)}`);
    }
    const result = emptyTags();
    for (const [index, entry] of (Array.isArray(parsed) ? parsed : [undefined]).entries()) {
        const { Key, Value } = (entry ?? {});
        if (typeof Key !== 'string' || Key === '' || (Value !== undefined && typeof Value !== 'string')) {
            throw new errors/* InputError */.dz('tags', `entry ${index + 1}: expected {"Key": "name", "Value": "text"} (the official action's form), or write Key=Value lines.`);
        }
        if (Object.hasOwn(result, Key))
            throw new errors/* InputError */.dz('tags', `"${Key}" is given twice.`);
        result[Key] = Value ?? '';
    }
    return result;
}
/** `Key=Value` lines; blank lines and `#` comments skipped; a value may be quoted. */
function tagLines(text) {
    const result = emptyTags();
    text.split('\n').forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new errors/* InputError */.dz('tags', `line ${index + 1}: expected Key=Value, got "${line}".`);
        const key = line.slice(0, eq).trim();
        if (/\s/.test(key)) {
            throw new errors/* InputError */.dz('tags', `line ${index + 1}: "${key}" is not a valid key (no spaces allowed).`);
        }
        if (Object.hasOwn(result, key))
            throw new errors/* InputError */.dz('tags', `line ${index + 1}: "${key}" is given twice.`);
        const written = line.slice(eq + 1).trim();
        const quoted = written.length >= 2 && /^["']/.test(written) && written.endsWith(written[0] ?? '');
        result[key] = quoted ? written.slice(1, -1) : written;
    });
    return result;
}
/** A JSON number: in a JSON map it has already lost how it was written (`1.10` is 1.1), so it must be quoted. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/**
 * A YAML or JSON map, every unquoted scalar kept as written (`~`, `null` and nothing mean an empty value). In a
 * JSON map an unquoted number is refused: JSON readers (and so the user's own tools) read `1.10` as 1.1, so
 * the text cannot be trusted to mean what it shows.
 */
async function tagMap(text) {
    const { readYaml, YamlSyntaxError } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(580)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3580));
    const json = text.startsWith('{') && isJson(text);
    const policy = {
        plain: source => {
            if (/^(?:~|null|Null|NULL|)$/.test(source))
                return '';
            if (json && JSON_NUMBER.test(source))
                return new UnquotedNumber(source);
            return source;
        },
        standard: (_type, source) => source
    };
    let parsed;
    try {
        parsed = readYaml(text, policy);
    }
    catch (err) {
        if (err instanceof YamlSyntaxError)
            throw new errors/* InputError */.dz('tags', `is not a valid YAML/JSON map: ${err.message}.`);
        throw err;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new errors/* InputError */.dz('tags', 'expected a map of Key: Value.');
    }
    const result = emptyTags();
    for (const [key, value] of Object.entries(parsed)) {
        if (value instanceof UnquotedNumber) {
            throw new errors/* InputError */.dz('tags', `the value of "${key}" is the JSON number ${value.source}; quote it ("${key}": "${value.source}") so the tag is the text you wrote, not the number a JSON reader makes of it.`);
        }
        if (typeof value !== 'string') {
            throw new errors/* InputError */.dz('tags', `the value of "${key}" must be a string, got a ${Array.isArray(value) ? 'list' : 'map'}.`);
        }
        result[key] = value;
    }
    return result;
}
/** JSON rather than a YAML flow map (`{Build: 0042}`), whose plain scalars are text as YAML writes them. */
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
class UnquotedNumber {
    source;
    constructor(source) {
        this.source = source;
    }
}

;// CONCATENATED MODULE: ./src/settings/settings.ts






const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]*$/;
const CAPABILITIES = [
    'CAPABILITY_IAM',
    'CAPABILITY_NAMED_IAM',
    'CAPABILITY_AUTO_EXPAND'
];
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/;
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CHANGE_SET_ARN = /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:changeSet\/[A-Za-z][-A-Za-z0-9]{0,127}\/[-A-Za-z0-9]+$/;
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;
/**
 * What `mode: auto` does for each event (INTERFACE.md). Any other event is an error: guessing would deploy from a
 * comment or a review, or preview where nobody reads it.
 */
const AUTO_MODE = {
    pull_request: 'preview',
    pull_request_target: 'preview',
    merge_group: 'preview',
    push: 'deploy',
    workflow_dispatch: 'deploy',
    schedule: 'deploy',
    release: 'deploy',
    repository_dispatch: 'deploy'
};
/**
 * The runner's rule for inputs, as @actions/core's getInput applies it: `INPUT_` + the name with spaces as
 * underscores, upper-cased (hyphens kept), trimmed. Read directly so that settings need not load @actions/core,
 * which stays off the start-up path (see main.ts).
 */
function inputFromEnv(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** Parses every input into Settings, or throws an InputError naming the first bad input. */
async function parseSettings(read = name => inputFromEnv(name), trigger = { eventName: process.env.GITHUB_EVENT_NAME ?? '' }) {
    refuseOfficialInputNames(read);
    const stackName = read('stack-name');
    if (stackName === '') {
        throw new errors/* InputError */.dz('stack-name', 'is required. Set it to the CloudFormation stack name, e.g. metaflow-dev.');
    }
    if (stackName.length > 128 || !STACK_NAME.test(stackName)) {
        throw new errors/* InputError */.dz('stack-name', `"${stackName}" is not a valid stack name: expected a letter followed by letters, digits and hyphens, at most 128 characters.`);
    }
    const environment = parseEnvironment(read('environment'));
    const mode = parseMode(read('mode'), trigger.eventName);
    return {
        stackName,
        template: parseTemplateSource(read('template')),
        parametersText: read('parameters'),
        parametersFile: read('parameters-file'),
        environment,
        mode,
        eventName: trigger.eventName,
        changeSetId: parseChangeSetId(read('change-set-id'), mode),
        allowDataLoss: parseAllowDataLoss(read('allow-data-loss')),
        capabilities: parseCapabilities(read('capabilities')),
        tags: await parseTags(read('tags'), environment),
        roleArn: optionalMatching('role-arn', read('role-arn'), ROLE_ARN, 'an IAM role ARN like arn:aws:iam::123456789012:role/cfn-deploy'),
        terminationProtection: parseOptionalBoolean('termination-protection', read('termination-protection')),
        disableRollback: parseBoolean('disable-rollback', read('disable-rollback')),
        notificationArns: parseNotificationArns(read('notification-arns')),
        // Whole milliseconds: timers and AbortSignal.timeout refuse fractions (4.1 minutes is 245,999.99… ms).
        timeoutMs: Math.ceil(timeoutMinutes(read('timeout-minutes'), read('timeout-in-minutes')) * 60_000),
        templateBucket: optionalMatching('template-bucket', read('template-bucket'), BUCKET, 'an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens), without s3://'),
        onFailedCreate: parseEnum('on-failed-create', read('on-failed-create'), ['recreate', 'fail']),
        failOnEmptyChangeset: parseBoolean('fail-on-empty-changeset', read('fail-on-empty-changeset')),
        comment: parseBoolean('comment', read('comment')),
        githubToken: read('github-token'),
        exportEnv: parseBoolean('export-env', read('export-env')),
        metaflowConfigFile: parseConfigPath(read('metaflow-config-file')),
        failOnDataLoss: parseBoolean('fail-on-data-loss', read('fail-on-data-loss')),
        includeNestedStacks: parseBoolean('include-nested-stacks', read('include-nested-stacks')),
        labels: parseBoolean('labels', read('labels')),
        migrate: parseEnum('migrate', read('migrate'), ['auto', 'always', 'never']),
        dbSnapshotBeforeMigrate: parseBoolean('db-snapshot-before-migrate', read('db-snapshot-before-migrate')),
        verify: parseBoolean('verify', read('verify')),
        deploymentSpeed: parseEnum('deployment-speed', read('deployment-speed'), [
            'standard',
            'express'
        ]),
        cost: parseBoolean('cost', read('cost')),
        maxMonthlyIncrease: parseDollars('max-monthly-increase', read('max-monthly-increase')),
        drift: parseBoolean('drift', read('drift')),
        deploymentMode: parseDeploymentMode(read('deployment-mode'))
    };
}
function parseTemplateSource(value) {
    if (value === '')
        return { kind: 'bundled' };
    if (/^https?:\/\//i.test(value) || /^s3:\/\//i.test(value)) {
        if (/^http:\/\//i.test(value)) {
            throw new errors/* InputError */.dz('template', `"${value}" uses http://; CloudFormation reads templates over https:// or from s3://.`);
        }
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw new errors/* InputError */.dz('template', `"${value}" is not a valid URL: expected https://… or s3://bucket/key.`);
        }
        if (url.protocol === 's3:' && (url.hostname === '' || url.pathname.length <= 1)) {
            throw new errors/* InputError */.dz('template', `"${value}" names no object: expected s3://bucket/key.`);
        }
        return { kind: 'url', url: value };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        throw new errors/* InputError */.dz('template', `"${value}" is not supported: give a workspace path, an https:// URL or s3://bucket/key.`);
    }
    return { kind: 'file', path: value };
}
/** The config file path must be a file to write, not a folder: checked here, before anything changes. */
function parseConfigPath(value) {
    if (value === '')
        return value;
    if (value.endsWith('/') || ((0,external_node_fs_.existsSync)(value) && (0,external_node_fs_.statSync)(value).isDirectory())) {
        throw new errors/* InputError */.dz('metaflow-config-file', `"${value}" is a folder; give the path of the file to write, such as ~/.metaflowconfig/config_dev.json.`);
    }
    if (!value.endsWith('.json')) {
        throw new errors/* InputError */.dz('metaflow-config-file', `"${value}" does not end in .json; Metaflow reads config.json or config_<profile>.json.`);
    }
    return value;
}
function parseEnvironment(value) {
    if (value !== '' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) {
        throw new errors/* InputError */.dz('environment', `"${value}" is not a valid label: expected up to 64 letters, digits, '-', '_' or '.', such as dev, staging or prod.`);
    }
    return value;
}
function parseMode(value, eventName) {
    const mode = parseEnum('mode', value, ['auto', 'deploy', 'preview', 'plan', 'execute', 'outputs']);
    if (mode !== 'auto')
        return mode;
    const resolved = AUTO_MODE[eventName];
    if (resolved === undefined) {
        throw new errors/* InputError */.dz('mode', `is auto, but the event ${eventName === '' ? '(none: GITHUB_EVENT_NAME is not set)' : `"${eventName}"`} has no default: auto means preview on ${eventsFor('preview')} and deploy on ${eventsFor('deploy')}. Set mode explicitly (deploy, preview, plan, execute or outputs).`);
    }
    return resolved;
}
function eventsFor(mode) {
    return Object.keys(AUTO_MODE)
        .filter(event => AUTO_MODE[event] === mode)
        .join(', ');
}
/** The plan's change set, for execute only; checked against stack-name and AWS before executing (execute.ts). */
function parseChangeSetId(value, mode) {
    if (value === '')
        return '';
    if (mode !== 'execute') {
        throw new errors/* InputError */.dz('change-set-id', `is only read by mode: execute, but mode is ${mode}. Remove change-set-id, or set mode: execute to run that change set.`);
    }
    if (!CHANGE_SET_ARN.test(value)) {
        throw new errors/* InputError */.dz('change-set-id', `"${value}" is not a change set ARN: expected the change-set-id output of a plan run, like arn:aws:cloudformation:us-east-1:123456789012:changeSet/NAME/ID.`);
    }
    return value;
}
function parseAllowDataLoss(value) {
    const items = splitList(value);
    if (items.includes('*')) {
        if (items.length > 1) {
            throw new errors/* InputError */.dz('allow-data-loss', 'mixes * with logical ids: give * alone, or only logical ids.');
        }
        return { all: true };
    }
    for (const path of items) {
        if (!path.split('/').every(id => LOGICAL_ID.test(id))) {
            throw new errors/* InputError */.dz('allow-data-loss', `"${path}" is not a logical id or path: expected the template's resource names (letters and digits), a nested stack's resource as NestedStackId/LogicalId, comma or newline separated, or * for all.`);
        }
    }
    return { all: false, paths: new Set(items) };
}
function parseOptionalBoolean(input, value) {
    return value === '' ? undefined : parseBoolean(input, value);
}
/** `true` or `false` in any case, as YAML 1.2 core reads them; anything else names the input. */
function parseBoolean(input, value) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new errors/* InputError */.dz(input, `"${value}" is not a boolean: expected true or false.`);
}
function parseEnum(input, value, allowed) {
    const match = allowed.find(option => option === value.toLowerCase());
    if (match === undefined) {
        throw new errors/* InputError */.dz(input, `"${value}" is not one of: ${allowed.join(', ')}.`);
    }
    return match;
}
function parseCapabilities(value) {
    const items = splitList(value);
    const result = [];
    for (const item of items) {
        const capability = CAPABILITIES.find(known => known === item.toUpperCase());
        if (capability === undefined) {
            throw new errors/* InputError */.dz('capabilities', `"${item}" is not a capability: expected any of ${CAPABILITIES.join(', ')}.`);
        }
        if (!result.includes(capability))
            result.push(capability);
    }
    return result;
}
function parseNotificationArns(value) {
    if (value === '')
        return undefined;
    const arns = splitList(value);
    for (const arn of arns) {
        if (!SNS_ARN.test(arn)) {
            throw new errors/* InputError */.dz('notification-arns', `"${arn}" is not an SNS topic ARN: expected arn:aws:sns:REGION:ACCOUNT:TOPIC.`);
        }
    }
    if (arns.length > 5) {
        throw new errors/* InputError */.dz('notification-arns', `${arns.length} topics given; CloudFormation accepts at most 5.`);
    }
    return arns;
}
/**
 * `timeout-minutes`, or the official action's `timeout-in-minutes` read as its alias. The runner fills in
 * timeout-minutes' default (60) when the workflow leaves it out, so the alias wins over that default; two different
 * values that were both written are an error.
 */
function timeoutMinutes(value, alias) {
    if (alias === '')
        return parseTimeoutMinutes('timeout-minutes', value);
    const minutes = parseTimeoutMinutes('timeout-in-minutes', alias);
    if (value !== '' && value !== DEFAULT_TIMEOUT_MINUTES && Number(value) !== minutes) {
        throw new errors/* InputError */.dz('timeout-in-minutes', `is ${alias} but timeout-minutes is ${value}: they are the same setting (timeout-in-minutes is the official action's name for it). Keep one.`);
    }
    return minutes;
}
/** action.yml's default for timeout-minutes, which the runner passes when the workflow sets none. */
const DEFAULT_TIMEOUT_MINUTES = '60';
function parseTimeoutMinutes(input, value) {
    if (!/^\d+(\.\d+)?$/.test(value)) {
        throw new errors/* InputError */.dz(input, `"${value}" is not a number of minutes: expected a positive number such as 60.`);
    }
    const minutes = Number(value);
    if (minutes <= 0 || minutes > 360) {
        throw new errors/* InputError */.dz(input, `${value} is out of range: expected more than 0 and at most 360 (a job's own limit).`);
    }
    return minutes;
}
function optionalMatching(input, value, pattern, expected) {
    if (value === '')
        return undefined;
    if (!pattern.test(value))
        throw new errors/* InputError */.dz(input, `"${value}" is not valid: expected ${expected}.`);
    return value;
}
/** A dollar amount a month, such as 50 or 12.5; empty means no limit. */
function parseDollars(input, value) {
    if (value === '')
        return undefined;
    const plain = value.replace(/^\$/, '');
    if (!/^\d+(\.\d{1,2})?$/.test(plain)) {
        throw new errors/* InputError */.dz(input, `"${value}" is not an amount of US dollars: expected a number such as 50 or 12.50.`);
    }
    return Number(plain);
}
function parseDeploymentMode(value) {
    if (value === '')
        return undefined;
    return parseEnum('deployment-mode', value, ['revert-drift']);
}
/**
 * Inputs of aws-actions/aws-cloudformation-github-deploy that this action names differently or does not need.
 * The runner only warns "Unexpected input" and passes them on, so a workflow moved over would silently lose them
 * (a stack name!); each is refused with what to write instead.
 */
const OFFICIAL_INPUTS = {
    name: 'write stack-name instead',
    'parameter-overrides': 'write parameters instead (the same Key=Value,Key=Value form is read), or parameters-file for a file:// path',
    'no-fail-on-empty-changeset': 'remove it: an update with no changes already succeeds (fail-on-empty-changeset: true makes it fail)',
    'no-execute-changeset': 'write mode: preview (or mode: plan, then mode: execute with change-set-id) instead',
    'no-delete-failed-changeset': 'remove it: a failed or empty change set is always deleted, and its reason is in the error',
    'change-set-name': 'remove it: change sets are named by the action; plan mode outputs change-set-id',
    's3-bucket': 'write template-bucket instead',
    's3-prefix': 'remove it: template-bucket uploads under a unique key per run',
    'include-nested-stacks-change-set': 'write include-nested-stacks instead',
    'http-proxy': 'set the HTTPS_PROXY environment variable instead',
    'change-set-description': 'remove it: the action writes its own description, which execute checks'
};
function refuseOfficialInputNames(read) {
    for (const [name, instead] of Object.entries(OFFICIAL_INPUTS)) {
        if (read(name) !== '') {
            throw new errors/* InputError */.dz(name, `is an input of aws-actions/aws-cloudformation-github-deploy, not of this action: ${instead}. The README's "coming from the official action" table maps every input.`);
        }
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
