export const id = 41;
export const ids = [41,875,401,580,503];
export const modules = {

/***/ 875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createClients: () => (/* binding */ createClients),
  customS3Endpoint: () => (/* binding */ customS3Endpoint)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: ./src/run/errors.ts
var errors = __webpack_require__(4314);
;// CONCATENATED MODULE: ./src/aws/retry.ts
/**
 * Ten attempts with full jitter: a burst of "Rate exceeded" while many stacks deploy at once clears long before
 * this gives up (about 2 minutes at worst), where the SDK's default 3 attempts fail a deploy within seconds.
 */
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 10,
    baseMs: 200,
    throttlingBaseMs: 1000,
    capMs: 20_000,
    maxTimeoutAttempts: 3
};
class Token {
    count;
    delay;
    constructor(count, delay) {
        this.count = count;
        this.delay = delay;
    }
    getRetryCount() {
        return this.count;
    }
    getRetryDelay() {
        return this.delay;
    }
    getRetryCost() {
        return 0;
    }
    hasRetryTokens() {
        return true;
    }
    getRetryTokenCount() {
        return 0;
    }
    releaseRetryTokens() { }
}
/** The backoff ceiling before retry `retry` (1 = the first retry): exponential from `base`, capped. */
function backoffCeiling(policy, errorType, retry) {
    const base = errorType === 'THROTTLING' ? policy.throttlingBaseMs : policy.baseMs;
    return Math.min(policy.capMs, base * 2 ** (retry - 1));
}
/**
 * Errors the request timeout raises (NodeHttpHandler's `TimeoutError`, a socket's ETIMEDOUT). A connection the
 * other side dropped ("socket hang up", ECONNRESET, EPIPE) is not one, though the SDK names it TimeoutError too:
 * it answered at once, so it gets the full retries of any transient error.
 */
function isTimeout(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { name, code, message } = error;
    const text = typeof message === 'string' ? message : '';
    if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(text))
        return false;
    return name === 'TimeoutError' || code === 'ETIMEDOUT';
}
/**
 * The SDK's retry hook with our policy: retries throttling, transient and server errors with exponential
 * backoff and full jitter, and has no shared capacity bucket that a throttling storm could drain. The strategy
 * waits out the backoff itself, on a sleep that `interrupt` ends at once (cancellation, the run's deadline),
 * and hands the SDK a token with no further delay.
 */
class PatientRetryStrategy {
    policy;
    scale;
    random;
    interrupt;
    wait;
    mode = 'standard';
    constructor(policy = DEFAULT_RETRY_POLICY, scale = 1, random = Math.random, 
    /** Aborts every backoff in progress; a fresh signal is taken for each wait. */
    interrupt = () => undefined, wait = abortableSleep) {
        this.policy = policy;
        this.scale = scale;
        this.random = random;
        this.interrupt = interrupt;
        this.wait = wait;
    }
    acquireInitialRetryToken() {
        return Promise.resolve(new Token(0, 0));
    }
    /** The delay before the next attempt, or undefined when the call should not be retried. */
    delayFor(retryCount, info) {
        const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR';
        const next = retryCount + 1;
        const limit = isTimeout(info.error) ? this.policy.maxTimeoutAttempts : this.policy.maxAttempts;
        if (!retryable || next >= limit)
            return undefined;
        return Math.round(this.random() * backoffCeiling(this.policy, info.errorType, next) * this.scale);
    }
    async refreshRetryTokenForRetry(token, info) {
        const delay = this.delayFor(token.getRetryCount(), info);
        if (delay === undefined)
            throw new Error('not retrying');
        const signal = this.interrupt();
        await this.wait(delay, signal);
        // Rejecting makes the SDK throw the call's last error; the caller's middleware says it was interrupted.
        if (signal?.aborted === true)
            throw new Error('interrupted');
        return new Token(token.getRetryCount() + 1, 0);
    }
    recordSuccess() { }
}
function abortableSleep(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted === true || ms <= 0)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}

;// CONCATENATED MODULE: ./src/aws/calls.ts



/**
 * Interruption by generations: everything in flight holds the current signal; `interrupt` aborts it and starts
 * a fresh one, so calls made afterwards (clean-up) are not born aborted.
 */
class Interrupts {
    controller = Interrupts.fresh();
    current() {
        return this.controller.signal;
    }
    interrupt(reason) {
        const stopped = this.controller;
        this.controller = Interrupts.fresh();
        stopped.abort(new Error(reason));
    }
    /** Every request in flight listens on the one signal: many at once is normal here, not a leak to warn about. */
    static fresh() {
        const controller = new AbortController();
        (0,external_node_events_.setMaxListeners)(0, controller.signal);
        return controller;
    }
}
const CALL_MIDDLEWARE = {
    step: 'initialize',
    name: 'metaflowDeployCall',
    priority: 'high',
    override: true
};
/** `CloudFormationClient` + `DescribeStacksCommand` → `CloudFormation DescribeStacks`. */
function callName(context) {
    const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
    const operation = (context.commandName ?? 'request').replace(/Command$/, '');
    return `${service} ${operation}`;
}
function metadataOf(value) {
    const metadata = value?.$metadata;
    return metadata ?? {};
}
/**
 * Wraps every AWS call (outside the SDK's retries): a call that timed out or was interrupted fails with a
 * message that names it, and with step debug on each call is logged with its duration, HTTP status and retries,
 * and the NAMES of its parameters only (values can be secrets: NoEcho parameters, template bodies).
 */
function callMiddleware(interrupts, timeouts, debug) {
    return (next, context) => async (args) => {
        const name = callName(context);
        const interrupt = interrupts.current();
        const started = Date.now();
        const describe = (status, attempts) => {
            const names = Object.keys(args.input).sort();
            const retries = Math.max(0, (attempts ?? 1) - 1);
            return `AWS ${name}: ${status ?? 'no answer'} in ${Date.now() - started} ms, ${retries} ${retries === 1 ? 'retry' : 'retries'}; parameters: ${names.join(', ') || '(none)'}`;
        };
        try {
            const result = await next(args);
            const metadata = metadataOf(result.output);
            debug?.(describe(metadata.httpStatusCode, metadata.attempts));
            return result;
        }
        catch (err) {
            const metadata = metadataOf(err);
            const code = err.name;
            debug?.(describe(metadata.httpStatusCode === undefined ? code : `${metadata.httpStatusCode} ${code ?? ''}`, metadata.attempts));
            if (interrupt.aborted) {
                const reason = interrupt.reason instanceof Error ? interrupt.reason.message : 'interrupted';
                throw new errors/* AwsCallFailed */.Zf(`${name} was interrupted: ${reason}.`, name, err);
            }
            if (isTimeout(err)) {
                const attempts = metadata.attempts ?? 1;
                throw new errors/* AwsCallFailed */.Zf(`${name} got no answer from AWS: ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}, each given ${Math.round(timeouts.requestMs / 1000)} s. Check the network path to AWS (a proxy, a VPC endpoint, AWS_ENDPOINT_URL) and the AWS Health Dashboard.`, name, err);
            }
            throw err;
        }
    };
}

;// CONCATENATED MODULE: ./src/aws/proxy.ts
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** Whether the runner names a proxy at all; without one, @actions/http-client (and undici) is never loaded. */
function proxyVariablesSet(env = process.env) {
    return PROXY_VARIABLES.some(name => (env[name] ?? '') !== '');
}
/**
 * The agent that reaches `origin` (`https://cloudformation.us-east-1.amazonaws.com`) through the proxy that the
 * runner's variables name, or undefined when there is none for it. The rules are @actions/http-client's, the
 * ones Octokit (and so the PR comment) already follows: HTTPS_PROXY for https, HTTP_PROXY for http, lower case
 * first; NO_PROXY lists hosts, `.domain` suffixes, `host:port` or `*`; loopback addresses are never proxied. The
 * agent tunnels with CONNECT (the `tunnel` package), for https and http alike.
 */
async function proxyFor(origin) {
    const { HttpClient, getProxyUrl } = await __webpack_require__.e(/* import() */ 942).then(__webpack_require__.bind(__webpack_require__, 4942));
    if (getProxyUrl(origin) === '')
        return undefined;
    const agent = new HttpClient('metaflow-deploy').getAgent(origin);
    // The SDK's NodeHttpHandler keeps an agent only if it is an http.Agent or has destroy(); any other object it
    // takes for options and builds a plain (direct) agent from. The tunnel agent is neither: give it destroy().
    if (typeof agent.destroy !== 'function') {
        const tunnel = agent;
        Object.assign(agent, {
            destroy: () => {
                const open = Array.isArray(tunnel.sockets) ? tunnel.sockets : [];
                for (const socket of open)
                    socket.destroy?.();
            }
        });
    }
    return agent;
}

;// CONCATENATED MODULE: ./src/aws/timeouts.ts
/**
 * CloudFormation answers in well under a second; 30 s of silence is a hung connection, not a slow API. Without
 * these the SDK waits forever and `timeout-minutes` cannot hold.
 */
const REQUEST_TIMEOUTS = { connectMs: 10_000, requestMs: 30_000 };
/**
 * Scaled timeouts never go below this: at the tests' scale (0.01) a loaded machine must not turn a slow answer
 * into a timeout and a retried CreateChangeSet.
 */
const MIN_SCALED_TIMEOUT_MS = 5_000;
function scaledTimeouts(timeouts, scale) {
    if (scale >= 1)
        return timeouts;
    const shrink = (ms) => Math.min(ms, Math.max(MIN_SCALED_TIMEOUT_MS, Math.round(ms * scale)));
    return { connectMs: shrink(timeouts.connectMs), requestMs: shrink(timeouts.requestMs) };
}

;// CONCATENATED MODULE: ./src/insight/cost/pricing-region.ts
/**
 * The Price List endpoint region for a stack's region: the API answers in us-east-1, eu-central-1 and ap-south-1
 * (cn-northwest-1 in the China partition), and any of them serves every region's prices (AWS Price List Query
 * API, "Endpoints" in the Billing and Cost Management API reference). The nearest keeps the call short. Apart from
 * the price source so that building the clients does not load it.
 */
function pricingEndpointRegion(stackRegion) {
    if (stackRegion.startsWith('cn-'))
        return 'cn-northwest-1';
    if (/^(eu|me|af|il)-/.test(stackRegion))
        return 'eu-central-1';
    if (/^ap-/.test(stackRegion))
        return 'ap-south-1';
    return 'us-east-1';
}

;// CONCATENATED MODULE: ./src/aws/clients.ts







/** An endpoint override for S3 (an emulator or a VPC endpoint), as the SDK itself reads it. */
function customS3Endpoint(env = process.env) {
    const value = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
    return value === undefined || value === '' ? undefined : value.replace(/\/+$/, '');
}
/** Lambda's longest synchronous invocation (900 s, the function's Timeout ceiling) and a margin for the answer. */
const INVOKE_TIMEOUTS = { connectMs: REQUEST_TIMEOUTS.connectMs, requestMs: 930_000 };
const USER_AGENT = ['metaflow-deploy', '1'];
/**
 * The handler's timeouts. `requestTimeout` alone only logs a warning in this SDK: `throwOnRequestTimeout` makes it
 * end the request (a TimeoutError, which the retry strategy knows).
 */
function handlerOptions(timeouts) {
    return {
        connectionTimeout: timeouts.connectMs,
        requestTimeout: timeouts.requestMs,
        throwOnRequestTimeout: true
    };
}
/**
 * The HTTP layer of every client: request timeouts, the proxy the runner's variables name (HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, as @actions/http-client reads them), and interruption of whatever is in flight.
 */
class RunHttpHandler extends node_http_handler_dist_cjs.NodeHttpHandler {
    timeouts;
    interrupts;
    viaProxy = new Map();
    constructor(timeouts, interrupts) {
        super(handlerOptions(timeouts));
        this.timeouts = timeouts;
        this.interrupts = interrupts;
    }
    async handle(request, options = {}) {
        const interrupt = this.interrupts.current();
        const abortSignal = options.abortSignal === undefined
            ? interrupt
            : AbortSignal.any([options.abortSignal, interrupt]);
        const proxied = proxyVariablesSet() ? await this.proxiedHandler(request) : undefined;
        return proxied === undefined
            ? super.handle(request, { ...options, abortSignal })
            : proxied.handle(request, { ...options, abortSignal });
    }
    /** A handler whose agent tunnels through the proxy for this origin, or undefined when NO_PROXY exempts it. */
    proxiedHandler(request) {
        const origin = `${request.protocol}//${request.hostname}${request.port === undefined ? '' : `:${request.port}`}`;
        const known = this.viaProxy.get(origin);
        if (known !== undefined)
            return known;
        const handler = proxyFor(origin).then(agent => agent === undefined
            ? undefined
            : new node_http_handler_dist_cjs.NodeHttpHandler({
                connectionTimeout: this.timeouts.connectMs,
                requestTimeout: this.timeouts.requestMs,
                httpAgent: agent,
                httpsAgent: agent
            }));
        this.viaProxy.set(origin, handler);
        return handler;
    }
}
/**
 * The one place that builds AWS clients. Region, credentials and endpoints come from the SDK's own chain
 * (AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, …), exactly as aws-actions/configure-aws-credentials
 * leaves them.
 */
function createClients(options = {}) {
    const env = options.env ?? process.env;
    const scale = options.timeScale ?? 1;
    const timeouts = scaledTimeouts(options.timeouts ?? REQUEST_TIMEOUTS, scale);
    const interrupts = new Interrupts();
    const common = {
        retryStrategy: new PatientRetryStrategy(options.retry ?? DEFAULT_RETRY_POLICY, scale, Math.random, () => interrupts.current()),
        customUserAgent: [USER_AGENT],
        requestHandler: new RunHttpHandler(timeouts, interrupts)
    };
    const debug = options.debug ?? defaultCallLog(env);
    const instrument = (client) => {
        client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE);
        return client;
    };
    const cloudformation = instrument(new dist_cjs/* CloudFormationClient */.m1N(common));
    let apiGateway;
    let s3;
    let lambda;
    let ecs;
    let rds;
    let pricing;
    return {
        cloudformation,
        apiGateway: () => (apiGateway ??= __webpack_require__.e(/* import() */ 818).then(__webpack_require__.t.bind(__webpack_require__, 818, 19)).then(m => instrument(new m.APIGatewayClient(common)))),
        s3: () => (s3 ??= __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19)).then(
        // Templates go up as a Buffer with checksums only where required: no aws-chunked framing.
        m => {
            const client = new m.S3Client({
                ...common,
                requestChecksumCalculation: 'WHEN_REQUIRED',
                forcePathStyle: customS3Endpoint(env) !== undefined
            });
            client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE);
            return client;
        })),
        lambda: () => (lambda ??= __webpack_require__.e(/* import() */ 696).then(__webpack_require__.t.bind(__webpack_require__, 1696, 19)).then(m => {
            // A migration runs inside Invoke for up to the function's 15-minute limit: silence is not a hang there.
            const invokeTimeouts = scaledTimeouts(INVOKE_TIMEOUTS, scale);
            const client = new m.LambdaClient({
                ...common,
                requestHandler: new RunHttpHandler(invokeTimeouts, interrupts)
            });
            client.middlewareStack.add(callMiddleware(interrupts, invokeTimeouts, debug), CALL_MIDDLEWARE);
            return client;
        })),
        ecs: () => (ecs ??= __webpack_require__.e(/* import() */ 212).then(__webpack_require__.t.bind(__webpack_require__, 212, 19)).then(m => {
            const client = new m.ECSClient(common);
            client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE);
            return client;
        })),
        rds: () => (rds ??= __webpack_require__.e(/* import() */ 202).then(__webpack_require__.t.bind(__webpack_require__, 7202, 19)).then(m => {
            const client = new m.RDSClient(common);
            client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE);
            return client;
        })),
        pricing: () => (pricing ??= Promise.all([__webpack_require__.e(/* import() */ 453).then(__webpack_require__.t.bind(__webpack_require__, 4453, 19)), cloudformation.config.region()]).then(([m, region]) => {
            const client = new m.PricingClient({ ...common, region: pricingEndpointRegion(region) });
            client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE);
            return client;
        })),
        region: async () => cloudformation.config.region(),
        interruptOn: (signal, reason) => {
            if (signal.aborted)
                interrupts.interrupt(reason);
            else
                signal.addEventListener('abort', () => interrupts.interrupt(reason), { once: true });
        }
    };
}
/**
 * Per-call debug lines through @actions/core, only when the runner has step debug on (RUNNER_DEBUG=1, which
 * ACTIONS_STEP_DEBUG sets). Loaded lazily: start-up stays free of @actions/core otherwise.
 */
function defaultCallLog(env) {
    if (env.RUNNER_DEBUG !== '1')
        return undefined;
    const logger = Promise.all(/* import() */[__webpack_require__.e(942), __webpack_require__.e(143), __webpack_require__.e(503)]).then(__webpack_require__.bind(__webpack_require__, 3503));
    return line => void logger.then(m => m.coreLogger.debug(line));
}


/***/ }),

/***/ 217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hL: () => (/* binding */ DATA_TYPES),
  u8: () => (/* binding */ assessPlan),
  s8: () => (/* binding */ describeFate),
  XZ: () => (/* binding */ describeVerdict),
  VU: () => (/* binding */ holdsData),
  XM: () => (/* binding */ pathOf),
  se: () => (/* binding */ refusalMessage)
});

// UNUSED EXPORTS: assessDataLoss

// EXTERNAL MODULE: ./src/stack/changes.ts
var changes = __webpack_require__(1313);
;// CONCATENATED MODULE: ./src/guards/destructive-properties.ts
/** A number from a template or change-set value (CloudFormation shows numbers as strings too). */
function numberOf(value) {
    if (value === undefined || value === null || value === '')
        return undefined;
    return Number(value);
}
/** "lowered" when after is set and is lower than before (before unset means `unset`, the service default). */
function lowered(before, after, unset) {
    const was = numberOf(before) ?? unset;
    const now = numberOf(after);
    if (now === undefined)
        return undefined;
    return Number.isNaN(now) || now < was ? [was, now] : undefined;
}
const days = (n) => (Number.isFinite(n) ? `${n} days` : 'forever');
/** The shortest time after which an enabled lifecycle rule deletes objects (or old versions), in days. */
function shortestExpiry(configuration) {
    const rules = configuration?.Rules;
    if (!Array.isArray(rules))
        return Infinity;
    let shortest = Infinity;
    for (const rule of rules) {
        if (rule.Status !== 'Enabled')
            continue;
        const noncurrent = rule.NoncurrentVersionExpiration;
        const candidates = [
            rule.ExpirationInDays,
            rule.NoncurrentVersionExpirationInDays,
            noncurrent?.NoncurrentDays,
            // A fixed date expires everything at once, from that day on.
            rule.ExpirationDate === undefined ? undefined : 0
        ];
        for (const value of candidates) {
            const n = numberOf(value);
            if (n !== undefined)
                shortest = Math.min(shortest, Number.isNaN(n) ? 0 : n);
        }
    }
    return shortest;
}
const ttlOn = (spec) => {
    const enabled = spec?.Enabled;
    return enabled === true || enabled === 'true';
};
/**
 * The rule table: resource type -> rules. Defaults are the services' own (CloudWatch Logs: no RetentionInDays
 * keeps events forever; RDS: BackupRetentionPeriod 1 day; SQS: MessageRetentionPeriod 345,600 s; KMS:
 * PendingWindowInDays 30), each from the resource's page in the CloudFormation template reference.
 */
const DESTRUCTIVE_RULES = {
    'AWS::Logs::LogGroup': [
        (b, a) => {
            const change = lowered(b.RetentionInDays, a.RetentionInDays, Infinity);
            return (change &&
                `its retention is lowered from ${days(change[0])} to ${days(change[1])}: older events are deleted`);
        }
    ],
    'AWS::S3::Bucket': [
        (b, a) => {
            const was = shortestExpiry(b.LifecycleConfiguration);
            const now = shortestExpiry(a.LifecycleConfiguration);
            return now < was
                ? `a lifecycle rule now expires objects after ${days(now)} (before: ${days(was)}): older objects are deleted`
                : undefined;
        }
    ],
    'AWS::RDS::DBInstance': [backupRetention],
    'AWS::RDS::DBCluster': [backupRetention],
    'AWS::DynamoDB::Table': [
        (b, a) => {
            const before = b.TimeToLiveSpecification;
            const after = a.TimeToLiveSpecification;
            if (!ttlOn(after))
                return undefined;
            if (ttlOn(before) && before?.AttributeName === after?.AttributeName)
                return undefined;
            return `time to live is switched on (attribute ${String(after?.AttributeName)}): items whose time has passed are deleted`;
        }
    ],
    'AWS::SQS::Queue': [
        (b, a) => {
            const change = lowered(b.MessageRetentionPeriod, a.MessageRetentionPeriod, 345_600);
            return (change &&
                `its message retention is lowered from ${change[0]} s to ${change[1]} s: older messages are deleted`);
        }
    ],
    'AWS::KMS::Key': [
        (b, a) => {
            const was = b.Enabled === undefined || b.Enabled === true || b.Enabled === 'true';
            const now = a.Enabled === undefined || a.Enabled === true || a.Enabled === 'true';
            return was && !now
                ? 'the key is disabled: nothing encrypted with it can be read until it is enabled'
                : undefined;
        },
        (b, a) => {
            const change = lowered(b.PendingWindowInDays, a.PendingWindowInDays, 30);
            return (change && `its deletion waiting period is shortened from ${days(change[0])} to ${days(change[1])}`);
        }
    ]
};
function backupRetention(b, a) {
    const change = lowered(b.BackupRetentionPeriod, a.BackupRetentionPeriod, 1);
    if (change === undefined)
        return undefined;
    return change[1] === 0
        ? 'automated backups are turned off: the existing automated backups are deleted'
        : `its backup retention is lowered from ${days(change[0])} to ${days(change[1])}: older automated backups are deleted`;
}
function parsed(text) {
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
/** Sets a value at a detail's path (`/Properties/A/0/B`) in a property document. */
function setAt(target, path, value) {
    // Keys come from AWS: never let one reach an object's prototype.
    if (path.some(key => key === '__proto__' || key === 'constructor' || key === 'prototype'))
        return;
    let node = target;
    for (const [i, key] of path.entries()) {
        if (i === path.length - 1) {
            node[key] = value;
            return;
        }
        const next = node[key];
        if (typeof next !== 'object' || next === null)
            node[key] = /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
        node = node[key];
    }
}
/** The resource's properties on one side of the change, from its context or else from its details. */
function propertiesOf(change, side) {
    const context = parsed(side === 'before' ? change.BeforeContext : change.AfterContext);
    if (typeof context === 'object' && context !== null && context.Properties !== undefined)
        return context.Properties;
    const properties = Object.create(null);
    for (const detail of change.Details ?? []) {
        const target = detail.Target;
        const path = (target?.Path ?? (target?.Name === undefined ? '' : `/Properties/${target.Name}`))
            .split('/')
            .slice(1);
        if (path[0] !== 'Properties' || path.length < 2)
            continue;
        const value = side === 'before' ? target?.BeforeValue : target?.AfterValue;
        if (value !== undefined)
            setAt(properties, path.slice(1), parsed(value));
    }
    return properties;
}
/** Why this in-place change destroys data, or undefined when no rule says it does. */
function destroysInPlace(change) {
    const rules = DESTRUCTIVE_RULES[change.ResourceType ?? ''];
    if (rules === undefined || !Object.hasOwn(DESTRUCTIVE_RULES, change.ResourceType ?? ''))
        return undefined;
    const before = propertiesOf(change, 'before');
    const after = propertiesOf(change, 'after');
    const reasons = rules.map(rule => rule(before, after)).filter((r) => r !== undefined);
    return reasons.length === 0 ? undefined : reasons.join('; ');
}

// EXTERNAL MODULE: ./src/guards/no-data-types.ts
var no_data_types = __webpack_require__(8400);
;// CONCATENATED MODULE: ./src/guards/data-loss.ts



/**
 * The data-loss guard's judgement of a change set: which resources it may lose the data of, named by path.
 *
 * DATA_TYPES are the well-known data stores, with what to call one in a sentence (previews mark them "holds
 * data"; docs/previews.md lists them). The guard does not depend on this list: it refuses every type that is not
 * on the no-data list (no-data-types.ts), known here or not.
 */
const DATA_TYPES = {
    'AWS::S3::Bucket': 'bucket',
    'AWS::S3Express::DirectoryBucket': 'bucket',
    'AWS::RDS::DBInstance': 'database',
    'AWS::RDS::DBCluster': 'database cluster',
    'AWS::DynamoDB::Table': 'table',
    'AWS::DynamoDB::GlobalTable': 'table',
    'AWS::SecretsManager::Secret': 'secret',
    'AWS::EFS::FileSystem': 'file system',
    'AWS::Logs::LogGroup': 'log group',
    'AWS::ECR::Repository': 'image repository',
    // Deleting a key (after its waiting period) makes everything encrypted with it unreadable.
    'AWS::KMS::Key': 'encryption key',
    'AWS::EC2::Volume': 'volume',
    'AWS::Kinesis::Stream': 'stream',
    'AWS::SQS::Queue': 'queue',
    'AWS::OpenSearchService::Domain': 'search domain',
    'AWS::Elasticsearch::Domain': 'search domain',
    'AWS::ElastiCache::ReplicationGroup': 'cache',
    'AWS::ElastiCache::CacheCluster': 'cache',
    'AWS::ElastiCache::ServerlessCache': 'cache',
    'AWS::Neptune::DBCluster': 'graph database cluster',
    'AWS::DocDB::DBCluster': 'document database cluster',
    'AWS::Redshift::Cluster': 'data warehouse',
    'AWS::Backup::BackupVault': 'backup vault',
    'AWS::Cognito::UserPool': 'user pool',
    'AWS::Timestream::Database': 'time-series database',
    'AWS::Timestream::Table': 'time-series table',
    'AWS::FSx::FileSystem': 'file system',
    // A nested stack may hold any of the above: removing or replacing it removes everything in it.
    'AWS::CloudFormation::Stack': 'nested stack'
};
function holdsData(resourceType) {
    return Object.hasOwn(DATA_TYPES, resourceType ?? '');
}
/** The name allow-data-loss takes for a resource: its nested stacks' logical ids and its own, joined by `/`. */
function pathOf(verdict) {
    return [...verdict.path, verdict.logicalId].join('/');
}
/**
 * What CloudFormation does when the change set gives no PolicyAction: the default DeletionPolicy, which is Delete
 * except for AWS::RDS::DBCluster and an AWS::RDS::DBInstance outside a cluster (no DBClusterIdentifier), where it
 * is Snapshot (user guide, "DeletionPolicy attribute"). A replacement's default UpdateReplacePolicy is Delete for
 * every type ("UpdateReplacePolicy attribute": "By default, CloudFormation then deletes the old resource").
 */
function policyOf(change, kind) {
    if (change.PolicyAction !== undefined)
        return change.PolicyAction;
    if (kind === 'replace')
        return 'ReplaceAndDelete';
    const type = change.ResourceType;
    const inCluster = propertiesOf(change, 'before').DBClusterIdentifier !== undefined;
    return type === 'AWS::RDS::DBCluster' || (type === 'AWS::RDS::DBInstance' && !inCluster)
        ? 'Snapshot'
        : 'Delete';
}
const NESTED_STACK = 'AWS::CloudFormation::Stack';
/** What one resource change may lose, or undefined when it loses nothing. */
function findingOf(change, nestedRead) {
    const type = change.ResourceType;
    if (change.Action === 'Remove') {
        const fate = policyOf(change, 'remove');
        // Retained: the resource stays, with its data, outside the stack.
        if (fate === 'Retain' || (0,no_data_types/* removableWithoutLoss */.xk)(type))
            return undefined;
        return { change: 'remove', certainty: 'certain', fate, reason: '' };
    }
    if (change.Action !== 'Modify' && change.Action !== 'Dynamic')
        return undefined;
    if (type === NESTED_STACK && change.Replacement !== 'True') {
        // Its own change set was read: the resources inside are judged one by one, by their paths.
        if (nestedRead)
            return undefined;
        return {
            change: 'modify',
            certainty: 'possible',
            fate: 'Unknown',
            reason: 'what changes inside this nested stack is unknown: its nested change set was not read (include-nested-stacks is false, or CloudFormation gave none)'
        };
    }
    if (change.Action === 'Dynamic' && !(0,no_data_types/* holdsNoData */.y$)(type)) {
        return {
            change: 'modify',
            certainty: 'possible',
            fate: 'Unknown',
            reason: 'CloudFormation decides this change only while executing (Action Dynamic): it may replace the resource'
        };
    }
    if (change.Replacement === 'True' || change.Replacement === 'Conditional') {
        if ((0,no_data_types/* holdsNoData */.y$)(type))
            return undefined;
        const conditional = change.Replacement === 'Conditional';
        return {
            change: 'replace',
            certainty: conditional ? 'possible' : 'certain',
            fate: policyOf(change, 'replace'),
            reason: conditional
                ? 'CloudFormation decides while executing whether it is replaced (Replacement Conditional)'
                : ''
        };
    }
    const destroyed = destroysInPlace(change);
    return destroyed === undefined
        ? undefined
        : { change: 'modify', certainty: 'certain', fate: 'InPlace', reason: destroyed };
}
/**
 * The resources of one stack (at `path`) that this change set may lose data of, each with what happens to it and
 * whether allow-data-loss accepts it. Deny by default: every removal or replacement counts unless its type is on
 * the no-data list or a Retain policy keeps a removed resource. A replacement counts whatever its policy: the
 * stack moves to a new, empty resource, and the old one (retained or snapshotted at best) is no longer the one
 * the application uses. `nestedRead` holds the logical ids of nested stacks whose own change sets were read.
 */
function assessDataLoss(changes, allow, path = [], nestedRead = new Set()) {
    const verdicts = [];
    for (const change of changes) {
        const logicalId = change.LogicalResourceId ?? '';
        const finding = findingOf(change, nestedRead.has(logicalId));
        if (finding === undefined)
            continue;
        const verdict = { path: [...path], logicalId, resourceType: change.ResourceType ?? '', ...finding };
        verdicts.push({ ...verdict, allowed: allow.all || allow.paths.has(pathOf(verdict)) });
    }
    return verdicts;
}
/**
 * The verdicts of a whole plan: the root stack and every nested stack read, each resource named by its path,
 * so `allow-data-loss: Inner/Store` allows the nested one and `Store` the root one only.
 */
function assessPlan(plan, allow) {
    const read = (path) => new Set(plan.nested
        .filter(n => n.path.length === path.length + 1 && path.every((id, i) => n.path[i] === id))
        .map(n => n.path[path.length] ?? ''));
    return [
        ...assessDataLoss((0,changes/* resourceChanges */.Ag)([...plan.changes]), allow, [], read([])),
        ...plan.nested.flatMap(n => assessDataLoss(n.changes, allow, n.path, read(n.path)))
    ];
}
/** What a policy does to the data, in words. */
function describeFate(fate) {
    switch (fate) {
        case 'Delete':
            return 'it is deleted with its data';
        case 'Snapshot':
            return 'a final snapshot is taken, then it is deleted';
        case 'Retain':
            return 'it is kept, with its data, outside the stack';
        case 'ReplaceAndDelete':
            return 'a new, empty one replaces it and the old one is deleted with its data';
        case 'ReplaceAndSnapshot':
            return 'a new, empty one replaces it; a final snapshot of the old one is taken, then it is deleted';
        case 'ReplaceAndRetain':
            return 'a new, empty one replaces it; the old one is kept, with its data, outside the stack';
        case 'InPlace':
            return 'it stays, but the change deletes some of what it holds';
        case 'Unknown':
            return 'the change set does not say what happens to it';
        default:
            return `CloudFormation's policy is ${fate}`;
    }
}
/**
 * What happens to a resource's data, in words: the fate, what AWS does by default for the type (KMS schedules a
 * key's deletion: KMS developer guide, "Deleting AWS KMS keys"; RDS snapshots on removal: "DeletionPolicy
 * attribute"), and whether the change set is sure.
 */
function describeVerdict(verdict) {
    const what = verdict.change === 'replace'
        ? verdict.certainty === 'possible'
            ? 'may be replaced'
            : 'is replaced'
        : verdict.change === 'remove'
            ? 'is removed'
            : verdict.certainty === 'possible'
                ? 'may lose data'
                : 'loses data in place';
    const key = verdict.resourceType === 'AWS::KMS::Key' && /Delete$/.test(verdict.fate)
        ? '; a key is scheduled for deletion after a waiting period of 7-30 days (cancellable until then), then everything encrypted with it is unreadable'
        : '';
    const reason = verdict.reason === '' ? '' : ` (${verdict.reason})`;
    const possible = verdict.certainty === 'possible' ? ' Counted as a possible loss.' : '';
    return `${pathOf(verdict)} (${verdict.resourceType}) ${what}${reason}: ${describeFate(verdict.fate)}${key} (${verdict.fate}).${possible}`;
}
/**
 * Why deploy refused the change set: each refused resource, what would happen to its data, and how to allow it.
 * Plain text for the log and the error (logical ids and types are CloudFormation names, never a secret).
 */
function refusalMessage(stackName, verdicts) {
    const refused = verdicts.filter(v => !v.allowed);
    if (refused.length === 0)
        return '';
    const count = refused.length === 1 ? '1 resource' : `${refused.length} resources`;
    const lines = refused.map(v => `  - ${describeVerdict(v)}`);
    const ids = refused.map(pathOf).join(',');
    return [
        `Refused to deploy stack ${stackName}: the change set would or may lose the data of ${count}, and allow-data-loss does not list ${refused.length === 1 ? 'it' : 'them'}. Nothing was changed; the change set was deleted.`,
        ...lines,
        `If losing this data is intended, set \`allow-data-loss: ${ids}\` (a resource inside a nested stack is named by its path, Nested/Id; \`*\` allows any) and run again. To keep a resource's data when it is removed, give it \`DeletionPolicy: Retain\` in the template. Only types that hold no data are replaced or removed without asking (the README lists them). If the stack is not the one you meant, check stack-name and the region.`
    ].join('\n');
}


/***/ }),

/***/ 8400:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JY: () => (/* binding */ REMOVABLE_NETWORK_TYPES),
/* harmony export */   xk: () => (/* binding */ removableWithoutLoss),
/* harmony export */   y$: () => (/* binding */ holdsNoData)
/* harmony export */ });
/* unused harmony export NO_DATA_TYPES */
/**
 * The short list of resource types the data-loss guard lets a change set replace or remove without asking: each
 * holds nothing that is not written in the template itself, so a new one made from the template is the same
 * thing. Every other type (including every type AWS adds tomorrow, and every custom resource) is presumed to hold
 * data: the guard denies by default. The README lists these types with the same reasons.
 *
 * A type belongs here only when all of its state is its configuration in the template. Types left out on purpose,
 * though they look harmless: AWS::Batch::ComputeEnvironment and AWS::Batch::JobQueue (running and queued jobs are
 * lost), AWS::EC2::EIP (the public address is gone for good), AWS::SNS::Topic (confirmed subscriptions made
 * outside the template are lost), AWS::StepFunctions::StateMachine (running executions and their history),
 * Custom::* and AWS::CloudFormation::CustomResource (their delete handler may do anything), AWS::Lambda::Version and
 * layer versions (a published version cannot be made again with the same number).
 */
const NO_DATA_TYPES = {
    'AWS::IAM::Role': 'permissions only, all written in the template',
    'AWS::IAM::Policy': 'a permissions document written in the template',
    'AWS::IAM::ManagedPolicy': 'a permissions document written in the template',
    'AWS::IAM::InstanceProfile': 'a name for a role',
    'AWS::EC2::SecurityGroup': 'firewall rules written in the template',
    'AWS::EC2::SecurityGroupIngress': 'one firewall rule',
    'AWS::EC2::SecurityGroupEgress': 'one firewall rule',
    'AWS::EC2::RouteTable': 'routes written in the template',
    'AWS::EC2::Route': 'one route',
    'AWS::EC2::SubnetRouteTableAssociation': 'a link between a subnet and a route table',
    'AWS::EC2::InternetGateway': 'a gateway with no state of its own',
    'AWS::EC2::VPCGatewayAttachment': 'a link between a network and a gateway',
    'AWS::EC2::LaunchTemplate': 'instance settings written in the template',
    'AWS::ECS::TaskDefinition': 'a container description written in the template (each update is a new revision)',
    'AWS::ECS::Service': 'runs tasks from a task definition; the tasks are replaced on every deploy anyway (their disks are scratch)',
    'AWS::Batch::JobDefinition': 'a job description written in the template',
    'AWS::ElasticLoadBalancingV2::Listener': 'routing rules written in the template',
    'AWS::ElasticLoadBalancingV2::ListenerRule': 'one routing rule',
    'AWS::ElasticLoadBalancingV2::TargetGroup': 'a list of targets that registers itself again',
    'AWS::Lambda::Function': 'code and settings from the template or its bucket (the logs live in a log group)',
    'AWS::Lambda::Permission': 'one permission',
    'AWS::ApiGateway::Resource': 'an API path written in the template',
    'AWS::ApiGateway::Method': 'an API method written in the template',
    'AWS::ApiGateway::Deployment': 'a snapshot of the API written in the template',
    'AWS::ApiGateway::UsagePlanKey': 'a link between a key and a usage plan',
    'AWS::ApiGateway::RestApi': 'an API written in the template (a new one has a new URL, which the outputs publish)',
    'AWS::ApiGateway::Stage': 'a deployment stage written in the template',
    'AWS::ApiGateway::UsagePlan': 'throttling and quota settings written in the template',
    'AWS::ApiGateway::VpcLink': 'a link to a load balancer',
    'AWS::ApiGateway::ApiKey': 'a generated credential, no data: a new one has a new value, which the api-key output publishes; clients holding the old one must take the new one',
    'AWS::ElasticLoadBalancingV2::LoadBalancer': 'routes requests; holds none (a new one has a new DNS name, which the outputs publish)',
    'AWS::ECS::Cluster': 'a name for services and tasks, which are judged themselves',
    'AWS::Cognito::UserPoolDomain': 'a domain name for a user pool (the users live in the pool)',
    'AWS::Events::Rule': 'a schedule or event pattern written in the template',
    'AWS::CloudWatch::Alarm': 'a threshold written in the template (its history is not data the stack keeps)',
    'AWS::S3::BucketPolicy': 'a permissions document written in the template',
    'AWS::SQS::QueuePolicy': 'a permissions document written in the template',
    'AWS::SageMaker::NotebookInstanceLifecycleConfig': 'a start-up script written in the template',
    'AWS::SecretsManager::SecretTargetAttachment': 'a link between a secret and a database',
    'AWS::Cognito::UserPoolClient': 'app-client settings written in the template',
    'AWS::CloudFormation::WaitConditionHandle': 'a signal URL with no state of its own'
};
/**
 * Network types that hold no data themselves, so REMOVING one loses nothing (the data stores in it are removed too,
 * and judged themselves). REPLACING one is another matter: a database whose subnet group moves to a new VPC is
 * replaced while executing (AWS::RDS::DBInstance, DBSubnetGroupName: "Update requires: Replacement"), even where the
 * change set lists only the network, so a replacement is judged as a possible loss like any other type's.
 */
const REMOVABLE_NETWORK_TYPES = {
    'AWS::EC2::VPC': 'a network; what runs in it is judged itself',
    'AWS::EC2::Subnet': 'part of a network; what runs in it is judged itself',
    'AWS::RDS::DBSubnetGroup': 'a list of subnets; the databases using it are judged themselves'
};
/** True when replacing or removing a resource of this type cannot lose data. */
function holdsNoData(resourceType) {
    return Object.hasOwn(NO_DATA_TYPES, resourceType ?? '');
}
/** True when removing (not replacing) a resource of this type cannot lose data. */
function removableWithoutLoss(resourceType) {
    return holdsNoData(resourceType) || Object.hasOwn(REMOVABLE_NETWORK_TYPES, resourceType ?? '');
}


/***/ }),

/***/ 9036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ dollars),
  a: () => (/* binding */ estimateCost)
});

// EXTERNAL MODULE: ./src/insight/cost/resolve-template.ts
var resolve_template = __webpack_require__(5415);
// EXTERNAL MODULE: ./src/insight/cost/price-query.ts
var price_query = __webpack_require__(9060);
;// CONCATENATED MODULE: ./src/insight/cost/mappings.ts


const str = (value) => typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
const num = (value) => {
    const s = str(value);
    if (s === undefined || s.trim() === '' || !Number.isFinite(Number(s)))
        return undefined;
    return Number(s);
};
const bool = (value) => value === true || str(value)?.toLowerCase() === 'true';
const obj = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value
    : {};
/** Types with no charge of their own (their cost, if any, is priced on another resource). */
const FREE = new Set([
    'AWS::EC2::VPC',
    'AWS::EC2::Subnet',
    'AWS::EC2::InternetGateway',
    'AWS::EC2::VPCGatewayAttachment',
    'AWS::EC2::RouteTable',
    'AWS::EC2::Route',
    'AWS::EC2::SubnetRouteTableAssociation',
    'AWS::EC2::SecurityGroup',
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::SecurityGroupEgress',
    'AWS::EC2::LaunchTemplate',
    'AWS::S3::BucketPolicy',
    'AWS::Batch::JobQueue',
    'AWS::ECS::Cluster',
    'AWS::ECS::TaskDefinition',
    'AWS::RDS::DBSubnetGroup',
    'AWS::SecretsManager::SecretTargetAttachment',
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    'AWS::ElasticLoadBalancingV2::Listener',
    'AWS::ElasticLoadBalancingV2::ListenerRule',
    'AWS::ApiGateway::Resource',
    'AWS::ApiGateway::Method',
    'AWS::ApiGateway::Deployment',
    'AWS::ApiGateway::Stage',
    'AWS::ApiGateway::ApiKey',
    'AWS::ApiGateway::UsagePlan',
    'AWS::ApiGateway::UsagePlanKey',
    'AWS::ApiGateway::VpcLink',
    'AWS::SageMaker::NotebookInstanceLifecycleConfig',
    'AWS::Cognito::UserPoolDomain',
    'AWS::Cognito::UserPoolClient',
    'AWS::Lambda::Permission',
    'AWS::Events::Rule',
    'AWS::CloudFormation::WaitConditionHandle'
]);
const isFree = (type) => FREE.has(type) || type.startsWith('AWS::IAM::');
/** Types that cost only by use. */
const USAGE = {
    'AWS::S3::Bucket': ['GB stored', 'requests', 'data transfer'],
    'AWS::DynamoDB::Table': ['read and write requests (on demand)', 'GB stored'],
    'AWS::Logs::LogGroup': ['GB ingested', 'GB stored'],
    'AWS::Lambda::Function': ['requests', 'GB-seconds of compute'],
    'AWS::ApiGateway::RestApi': ['API requests', 'data transfer'],
    'AWS::Cognito::UserPool': ['monthly active users'],
    'AWS::StepFunctions::StateMachine': ['state transitions']
};
const ipv4 = (count, label) => ({
    label,
    query: {
        serviceCode: 'AmazonVPC',
        filters: { productFamily: 'VPC Public IPv4 Address' },
        usageTypeEndsWith: 'PublicIPv4:InUseAddress'
    },
    quantity: count,
    per: 'hour'
});
/** RDS engine names as the Price List's `databaseEngine` attribute spells them. */
const RDS_ENGINE = {
    postgres: 'PostgreSQL',
    mysql: 'MySQL',
    mariadb: 'MariaDB'
};
/** RDS storage types as the Price List's `volumeType` attribute spells them. */
const RDS_VOLUME = {
    gp3: 'General Purpose-GP3',
    gp2: 'General Purpose',
    io1: 'Provisioned IOPS',
    standard: 'Magnetic'
};
function rdsInstance(p) {
    const klass = str(p.DBInstanceClass);
    const engine = RDS_ENGINE[str(p.Engine)?.toLowerCase() ?? ''];
    const multiAz = bool(p.MultiAZ);
    const deploymentOption = multiAz ? 'Multi-AZ' : 'Single-AZ';
    const storage = num(p.AllocatedStorage);
    const volumeType = RDS_VOLUME[str(p.StorageType) ?? 'gp2'];
    const parts = [];
    const unpriced = [];
    if (klass === undefined || engine === undefined)
        unpriced.push(`instance (${klass ?? 'class unknown'}, engine ${str(p.Engine) ?? 'unknown'})`);
    else
        parts.push({
            label: `${klass} ${deploymentOption} instance`,
            query: {
                serviceCode: 'AmazonRDS',
                filters: {
                    productFamily: 'Database Instance',
                    instanceType: klass,
                    databaseEngine: engine,
                    deploymentOption
                }
            },
            quantity: 1,
            per: 'hour'
        });
    if (storage === undefined || volumeType === undefined)
        unpriced.push('allocated storage');
    else
        parts.push({
            label: `${storage} GB ${str(p.StorageType) ?? 'gp2'} storage`,
            query: {
                serviceCode: 'AmazonRDS',
                filters: {
                    productFamily: 'Database Storage',
                    volumeType,
                    databaseEngine: engine ?? 'PostgreSQL',
                    deploymentOption
                }
            },
            quantity: storage,
            per: 'month'
        });
    const usage = ['backup storage beyond the database size', 'storage autoscaling growth', 'data transfer'];
    return {
        kind: 'priced',
        pricing: {
            shape: [klass ?? '?', deploymentOption, `${storage ?? '?'} GB`].join(', '),
            parts,
            usage,
            unpriced
        }
    };
}
const ec2Instance = (instanceType) => ({
    serviceCode: 'AmazonEC2',
    filters: {
        productFamily: 'Compute Instance',
        instanceType,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used'
    }
});
function batchEnvironment(p) {
    const resources = obj(p.ComputeResources);
    const type = str(resources.Type) ?? 'EC2';
    if (/FARGATE/.test(type))
        return { kind: 'usage', usage: ['Fargate tasks while jobs run'] };
    const min = num(resources.MinvCpus) ?? 0;
    const types = Array.isArray(resources.InstanceTypes) ? resources.InstanceTypes.map(t => str(t) ?? '') : [];
    const usage = ['instances while jobs run (up to MaxvCpus)', 'EBS volumes of running instances'];
    const shape = `${types.join(',') || 'optimal'}, min ${min} vCPU, max ${str(resources.MaxvCpus) ?? '?'} vCPU`;
    if (min === 0)
        return { kind: 'priced', pricing: { shape, parts: [], usage, unpriced: [] } };
    // Batch keeps at least MinvCpus running; the smallest listed size is what BEST_FIT keeps warm.
    const first = types.find(t => t.includes('.'));
    if (first === undefined)
        return {
            kind: 'priced',
            pricing: {
                shape,
                parts: [],
                usage,
                unpriced: [`${min} vCPUs always on (instance families only, no size to price)`]
            }
        };
    return {
        kind: 'priced',
        pricing: {
            shape,
            parts: [
                {
                    label: `${min} vCPUs always on as ${first}`,
                    query: ec2Instance(first),
                    quantity: price => {
                        const vcpu = Number(price.attributes.vcpu);
                        return Number.isFinite(vcpu) && vcpu > 0 ? Math.ceil(min / vcpu) : undefined;
                    },
                    per: 'hour'
                }
            ],
            usage,
            unpriced: []
        }
    };
}
function fargateService(p, neighbours) {
    const count = num(p.DesiredCount) ?? 1;
    const task = neighbours.find(p.TaskDefinition);
    const cpu = num(task?.properties.Cpu);
    const memory = num(task?.properties.Memory);
    const publicIp = str(obj(obj(p.NetworkConfiguration).AwsvpcConfiguration).AssignPublicIp) === 'ENABLED';
    const usage = ['data transfer'];
    const shape = `${count} × ${cpu === undefined ? '?' : cpu / 1024} vCPU / ${memory === undefined ? '?' : memory / 1024} GB${publicIp ? ', public IPv4' : ''}`;
    if (cpu === undefined || memory === undefined)
        return {
            kind: 'priced',
            pricing: { shape, parts: [], usage, unpriced: ['Fargate tasks (task size unknown)'] }
        };
    const parts = [
        {
            label: `${count} × ${cpu / 1024} vCPU`,
            query: {
                serviceCode: 'AmazonECS',
                filters: { productFamily: 'Compute', cputype: 'perCPU' },
                usageTypeEndsWith: 'Fargate-vCPU-Hours:perCPU'
            },
            quantity: (count * cpu) / 1024,
            per: 'hour'
        },
        {
            label: `${count} × ${memory / 1024} GB`,
            query: {
                serviceCode: 'AmazonECS',
                filters: { productFamily: 'Compute', memorytype: 'perGB' },
                usageTypeEndsWith: 'Fargate-GB-Hours'
            },
            quantity: (count * memory) / 1024,
            per: 'hour'
        }
    ];
    if (publicIp)
        parts.push(ipv4(count, `${count} public IPv4 ${count === 1 ? 'address' : 'addresses'}`));
    return { kind: 'priced', pricing: { shape, parts, usage, unpriced: [] } };
}
function loadBalancer(p) {
    const network = str(p.Type) === 'network';
    const internetFacing = str(p.Scheme) !== 'internal';
    const zones = Array.isArray(p.Subnets)
        ? p.Subnets.length
        : Array.isArray(p.SubnetMappings)
            ? p.SubnetMappings.length
            : 2;
    const parts = [
        {
            label: `${network ? 'network' : 'application'} load balancer`,
            query: {
                serviceCode: 'AWSELB',
                filters: { productFamily: network ? 'Load Balancer-Network' : 'Load Balancer-Application' },
                usageTypeEndsWith: 'LoadBalancerUsage'
            },
            quantity: 1,
            per: 'hour'
        }
    ];
    // An internet-facing load balancer holds one public IPv4 address per zone (VPC pricing, public IPv4).
    if (internetFacing)
        parts.push(ipv4(zones, `${zones} public IPv4 addresses`));
    return {
        kind: 'priced',
        pricing: {
            shape: `${network ? 'network' : 'application'}, ${internetFacing ? 'internet-facing' : 'internal'}`,
            parts,
            usage: [
                network ? 'NLCUs (connections and bytes processed)' : 'LCUs (requests, connections, bytes processed)'
            ],
            unpriced: []
        }
    };
}
function notebook(p) {
    const instance = str(p.InstanceType);
    const volume = num(p.VolumeSizeInGB) ?? 5;
    if (instance === undefined)
        return {
            kind: 'priced',
            pricing: { shape: '?', parts: [], usage: [], unpriced: ['notebook instance (type unknown)'] }
        };
    return {
        kind: 'priced',
        pricing: {
            shape: `${instance}, ${volume} GB`,
            parts: [
                {
                    label: `${instance} notebook`,
                    query: {
                        serviceCode: 'AmazonSageMaker',
                        filters: { productFamily: 'ML Instance', instanceName: instance, component: 'Notebook' }
                    },
                    quantity: 1,
                    per: 'hour'
                }
            ],
            usage: ['data processed'],
            unpriced: [`${volume} GB notebook volume`]
        }
    };
}
function natGateway() {
    return {
        kind: 'priced',
        pricing: {
            shape: 'NAT gateway',
            parts: [
                {
                    label: 'NAT gateway',
                    query: {
                        serviceCode: 'AmazonEC2',
                        filters: { productFamily: 'NAT Gateway' },
                        usageTypeEndsWith: 'NatGateway-Hours'
                    },
                    quantity: 1,
                    per: 'hour'
                }
            ],
            usage: ['GB processed'],
            unpriced: []
        }
    };
}
function secret() {
    return {
        kind: 'priced',
        pricing: {
            shape: 'secret',
            parts: [
                {
                    label: 'secret',
                    query: {
                        serviceCode: 'AWSSecretsManager',
                        filters: { productFamily: 'Secret' },
                        usageTypeEndsWith: 'AWSSecretsManager-Secrets'
                    },
                    quantity: 1,
                    per: 'month'
                }
            ],
            usage: ['API calls'],
            unpriced: []
        }
    };
}
/** How a resource is priced, from its type and properties. */
function pricingOf(resource, neighbours) {
    const p = resource.properties;
    switch (resource.type) {
        case 'AWS::RDS::DBInstance':
            return rdsInstance(p);
        case 'AWS::Batch::ComputeEnvironment':
            return batchEnvironment(p);
        case 'AWS::ECS::Service':
            return str(p.LaunchType) === 'FARGATE' || p.LaunchType === undefined
                ? fargateService(p, neighbours)
                : { kind: 'usage', usage: ['EC2 container instances'] };
        case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
            return loadBalancer(p);
        case 'AWS::SageMaker::NotebookInstance':
            return notebook(p);
        case 'AWS::EC2::NatGateway':
            return natGateway();
        case 'AWS::SecretsManager::Secret':
            return secret();
        case 'AWS::EC2::EIP':
            return {
                kind: 'priced',
                pricing: { shape: 'Elastic IP', parts: [ipv4(1, 'public IPv4 address')], usage: [], unpriced: [] }
            };
    }
    if (isFree(resource.type))
        return { kind: 'free' };
    const usage = USAGE[resource.type];
    return usage === undefined ? { kind: 'unknown' } : { kind: 'usage', usage };
}
/** A part's monthly cost for its unit price, or undefined when the quantity depends on an attribute it lacks. */
function monthlyCost(part, price) {
    const quantity = typeof part.quantity === 'number' ? part.quantity : part.quantity(price);
    if (quantity === undefined)
        return undefined;
    return price.usd * quantity * (part.per === 'hour' ? price_query/* HOURS_PER_MONTH */.x : 1);
}


// EXTERNAL MODULE: ./src/insight/cost/sides.ts
var sides = __webpack_require__(4484);
;// CONCATENATED MODULE: ./src/insight/cost/estimate.ts


async function priceSide(side, region, prices) {
    const neighbours = (0,sides/* neighboursOn */.K)(side);
    const out = { total: 0, resources: new Map(), usage: new Map(), unpriced: [] };
    const noteUsage = (type, parts) => {
        const known = out.usage.get(type) ?? new Set();
        for (const part of parts)
            known.add(part);
        if (known.size > 0)
            out.usage.set(type, known);
    };
    await Promise.all(side.map(async (resource) => {
        const pricing = pricingOf(resource, neighbours);
        const { logicalId, type } = resource;
        if (pricing.kind === 'unknown')
            out.unpriced.push({ logicalId, type, what: 'resource type not priced' });
        if (pricing.kind === 'usage')
            noteUsage(type, pricing.usage);
        if (pricing.kind !== 'priced')
            return;
        const { shape, parts, usage, unpriced } = pricing.pricing;
        noteUsage(type, usage);
        for (const what of unpriced)
            out.unpriced.push({ logicalId, type, what });
        let usd = 0;
        for (const part of parts) {
            const price = await prices.price(part.query, region);
            const cost = price === undefined ? undefined : monthlyCost(part, price);
            if (cost === undefined)
                out.unpriced.push({ logicalId, type, what: `${part.label}: no price found for ${region}` });
            else
                usd += cost;
        }
        out.resources.set(logicalId, { logicalId, type, usd, shape });
    }));
    for (const r of out.resources.values())
        out.total += r.usd;
    return out;
}
const round2 = (n) => Math.round(n * 100) / 100;
/** Prices both sides of a change in a region. */
async function estimateCost(sides, region, prices) {
    const [before, after] = await Promise.all([
        priceSide(sides.before, region, prices),
        priceSide(sides.after, region, prices)
    ]);
    const ids = [...new Set([...before.resources.keys(), ...after.resources.keys()])];
    const lines = [];
    for (const id of ids) {
        const b = before.resources.get(id);
        const a = after.resources.get(id);
        const delta = (a?.usd ?? 0) - (b?.usd ?? 0);
        if (round2(delta) === 0 && b?.shape === a?.shape)
            continue;
        lines.push({ logicalId: id, type: (a ?? b)?.type ?? '', before: b, after: a, delta });
    }
    lines.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.logicalId.localeCompare(y.logicalId));
    const usageSide = sides.after.length > 0 ? after : before;
    const unpriced = [
        ...after.unpriced,
        ...before.unpriced.filter(u => !after.unpriced.some(a => a.logicalId === u.logicalId && a.what === u.what))
    ];
    return {
        region,
        before: before.total,
        after: after.total,
        delta: after.total - before.total,
        lines,
        usage: [...usageSide.usage.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, parts]) => ({ type, parts: [...parts] })),
        unpriced: unpriced.sort((x, y) => x.logicalId.localeCompare(y.logicalId) || x.what.localeCompare(y.what)),
        origin: prices.origin()
    };
}
/** A USD amount with two decimals, as the outputs carry it. */
const dollars = (usd) => (Math.round(usd * 100) / 100).toFixed(2);


/***/ }),

/***/ 9060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ queryKey),
/* harmony export */   x: () => (/* binding */ HOURS_PER_MONTH)
/* harmony export */ });
/**
 * What a price is asked for: one product of the AWS Price List, found with GetProducts' TERM_MATCH filters in a
 * region (Price List Query API reference, GetProducts and Filter), and the on-demand unit price read from it.
 */
/** The cache key of a query in a region; also the key of the bundled snapshot. */
function queryKey(query) {
    const filters = Object.entries(query.filters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`);
    return [
        query.serviceCode,
        ...filters,
        ...(query.usageTypeEndsWith === undefined ? [] : [`usagetype=*${query.usageTypeEndsWith}`])
    ].join('|');
}
/** The hours of an average month, as AWS's own pricing pages and calculator count them. */
const HOURS_PER_MONTH = 730;


/***/ }),

/***/ 5415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ isResourceRef),
/* harmony export */   k: () => (/* binding */ resolveResources)
/* harmony export */ });
/**
 * The resources a template declares for a set of parameter values, resolved only as far as pricing needs: which
 * resources exist (Conditions), and property values that come from parameters (Ref, Fn::If, Fn::Select, AWS::NoValue).
 * A reference to another resource stays a `{ ref: logicalId }` marker, so a service can find its task definition.
 * Hand-written because the emulator's full resolver must not be imported by the action (and pricing needs a
 * tenth of it); anything it cannot resolve becomes `undefined`, which the price mappings report as unpriceable.
 */
const isResourceRef = (value) => typeof value === 'object' && value !== null && Object.keys(value).length === 1 && 'ref' in value;
const NO_VALUE = Symbol('AWS::NoValue');
/** A scalar as CloudFormation compares it (as text); anything else cannot be compared here. */
const scalar = (value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
const asObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
/** Parameter values as CloudFormation sees them: defaults, overridden by the given values; lists split. */
function parameterValues(template, given) {
    const values = {};
    for (const [key, raw] of Object.entries(asObject(template.Parameters) ?? {})) {
        const def = asObject(raw) ?? {};
        const value = given[key] ?? (def.Default === undefined ? undefined : scalar(def.Default));
        if (value === undefined)
            continue;
        const type = typeof def.Type === 'string' ? def.Type : 'String';
        values[key] =
            type === 'CommaDelimitedList' || type.startsWith('List<') ? value.split(',').map(v => v.trim()) : value;
    }
    return values;
}
class Resolver {
    template;
    params;
    resourceIds;
    conditions = new Map();
    constructor(template, params, resourceIds) {
        this.template = template;
        this.params = params;
        this.resourceIds = resourceIds;
    }
    condition(name) {
        if (!this.conditions.has(name)) {
            this.conditions.set(name, undefined);
            this.conditions.set(name, this.truth(asObject(this.template.Conditions)?.[name]));
        }
        return this.conditions.get(name);
    }
    truth(expr) {
        const fn = asObject(expr);
        if (fn === undefined)
            return undefined;
        const [name, arg] = Object.entries(fn)[0] ?? [];
        const args = Array.isArray(arg) ? arg : [];
        switch (name) {
            case 'Fn::Equals': {
                const [a, b] = args.map(v => this.value(v));
                const [x, y] = [scalar(a), scalar(b)];
                return x === undefined || y === undefined ? undefined : x === y;
            }
            case 'Fn::Not': {
                const inner = this.truth(args[0]);
                return inner === undefined ? undefined : !inner;
            }
            case 'Fn::And': {
                const all = args.map(v => this.truth(v));
                return all.includes(false) ? false : all.includes(undefined) ? undefined : true;
            }
            case 'Fn::Or': {
                const all = args.map(v => this.truth(v));
                return all.includes(true) ? true : all.includes(undefined) ? undefined : false;
            }
            case 'Condition':
                return typeof arg === 'string' ? this.condition(arg) : undefined;
            default:
                return undefined;
        }
    }
    value(expr) {
        if (Array.isArray(expr))
            return expr.map(v => this.value(v)).filter(v => v !== NO_VALUE);
        const fn = asObject(expr);
        if (fn === undefined)
            return expr;
        const keys = Object.keys(fn);
        const [name, arg] = keys.length === 1 ? [keys[0], fn[keys[0]]] : ['', undefined];
        if (name === 'Ref' && typeof arg === 'string') {
            if (arg === 'AWS::NoValue')
                return NO_VALUE;
            if (arg in this.params)
                return this.params[arg];
            if (this.resourceIds.has(arg))
                return { ref: arg };
            return undefined;
        }
        if (name === 'Fn::If' && Array.isArray(arg)) {
            const truth = typeof arg[0] === 'string' ? this.condition(arg[0]) : undefined;
            return truth === undefined ? undefined : this.value(truth ? arg[1] : arg[2]);
        }
        if (name === 'Fn::Select' && Array.isArray(arg)) {
            const list = this.value(arg[1]);
            return Array.isArray(list) ? list[Number(this.value(arg[0]))] : undefined;
        }
        if (name.startsWith('Fn::') || name === 'Condition')
            return undefined;
        const out = {};
        for (const [key, value] of Object.entries(fn)) {
            const resolved = this.value(value);
            if (resolved !== NO_VALUE)
                out[key] = resolved;
        }
        return out;
    }
}
/** The resources that exist for these parameter values, with their properties resolved for pricing. */
function resolveResources(template, given) {
    const doc = asObject(template) ?? {};
    const resources = asObject(doc.Resources) ?? {};
    const resolver = new Resolver(doc, parameterValues(doc, given), new Set(Object.keys(resources)));
    const out = [];
    for (const [logicalId, raw] of Object.entries(resources)) {
        const def = asObject(raw) ?? {};
        if (typeof def.Condition === 'string' && resolver.condition(def.Condition) !== true)
            continue;
        const properties = asObject(resolver.value(def.Properties ?? {})) ?? {};
        out.push({ logicalId, type: typeof def.Type === 'string' ? def.Type : '', properties });
    }
    return out;
}


/***/ }),

/***/ 4484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ neighboursOn),
/* harmony export */   v: () => (/* binding */ stackSides)
/* harmony export */ });
/* harmony import */ var _resolve_template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5415);

const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}';
function contextProperties(context) {
    if (context === undefined || context === '')
        return undefined;
    try {
        const parsed = JSON.parse(context);
        const props = parsed.Properties;
        return typeof props === 'object' && props !== null && !Array.isArray(props)
            ? props
            : {};
    }
    catch {
        return undefined;
    }
}
/** The context's values, except where it shows a placeholder or the template holds a reference to a resource. */
function overlay(base, context) {
    const out = { ...context };
    for (const [key, value] of Object.entries(context)) {
        const known = base?.[key];
        if (known === undefined)
            continue;
        if ((0,_resolve_template_js__WEBPACK_IMPORTED_MODULE_0__/* .isResourceRef */ .c)(known) || JSON.stringify(value).includes(KNOWN_AFTER_APPLY))
            out[key] = known;
    }
    return out;
}
/** Both sides of the stack, from the template's resources (after) and the change set's resource changes. */
function stackSides(resolved, changes) {
    const byId = new Map(resolved.map(r => [r.logicalId, r]));
    const change = new Map(changes.map(c => [c.LogicalResourceId ?? '', c]));
    const after = [];
    const before = [];
    for (const resource of resolved) {
        const c = change.get(resource.logicalId);
        if (c?.Action === 'Remove')
            continue;
        const afterProps = contextProperties(c?.AfterContext);
        after.push(afterProps === undefined
            ? resource
            : { ...resource, properties: overlay(resource.properties, afterProps) });
        if (c?.Action === 'Add')
            continue;
        const beforeProps = contextProperties(c?.BeforeContext);
        before.push({
            ...resource,
            ...(c?.PhysicalResourceId === undefined ? {} : { physicalId: c.PhysicalResourceId }),
            properties: beforeProps === undefined ? resource.properties : overlay(resource.properties, beforeProps)
        });
    }
    for (const c of changes) {
        const id = c.LogicalResourceId ?? '';
        if (c.Action !== 'Remove' || byId.has(id))
            continue;
        before.push({
            logicalId: id,
            type: c.ResourceType ?? '',
            properties: contextProperties(c.BeforeContext) ?? {},
            ...(c.PhysicalResourceId === undefined ? {} : { physicalId: c.PhysicalResourceId })
        });
    }
    return { before, after };
}
/** Finds a referenced resource on one side: by the template's reference, or by the physical id CloudFormation shows. */
function neighboursOn(side) {
    return {
        find: reference => {
            if ((0,_resolve_template_js__WEBPACK_IMPORTED_MODULE_0__/* .isResourceRef */ .c)(reference))
                return side.find(r => r.logicalId === reference.ref);
            if (typeof reference !== 'string')
                return undefined;
            return side.find(r => r.physicalId === reference || r.logicalId === reference);
        }
    };
}


/***/ }),

/***/ 2952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bh: () => (/* binding */ isEstimate),
/* harmony export */   HH: () => (/* binding */ failedChecks),
/* harmony export */   W1: () => (/* binding */ overLimit)
/* harmony export */ });
const isEstimate = (cost) => cost !== undefined && 'lines' in cost;
/** Whether the priced increase is over the limit. */
function overLimit(insight) {
    const { cost, maxMonthlyIncrease } = insight ?? {};
    return maxMonthlyIncrease !== undefined && isEstimate(cost) && cost.delta > maxMonthlyIncrease;
}
/** The checks that block the change. */
const failedChecks = (insight) => (insight?.checks?.findings ?? []).filter(f => f.level === 'FAIL').length;


/***/ }),

/***/ 5376:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kN: () => (/* binding */ upgradeNotes),
/* harmony export */   nH: () => (/* binding */ migrationDecision)
/* harmony export */ });
/* unused harmony exports MIGRATING_PARAMETER, imageVersion, imageChanges */
/**
 * What a change to the Metaflow service's images means, decided from the change set's parameter changes alone (pure):
 * which upgrades a preview names, and whether a deploy must migrate the database afterwards.
 */
/** The bundled template's image parameters and the service each one runs. */
const IMAGE_PARAMETERS = {
    MetadataServiceImage: 'metadata service',
    UIStaticImage: 'UI'
};
/** The parameter whose change brings new database migrations (the metadata service and the UI backend run it). */
const MIGRATING_PARAMETER = 'MetadataServiceImage';
/** `netflixoss/metaflow_metadata_service:v2.4.12` -> `v2.4.12`; a digest -> `sha256:0123456789ab`; no tag -> the image. */
function imageVersion(image) {
    const digest = /@(sha256:[0-9a-f]{12})[0-9a-f]*$/.exec(image);
    if (digest !== null)
        return digest[1];
    const tag = /:([\w][\w.-]{0,127})$/.exec(image);
    return tag === null ? image : tag[1];
}
/** The image parameters a change set changes, old and new versions. */
function imageChanges(parameters) {
    return parameters
        .filter(p => IMAGE_PARAMETERS[p.key] !== undefined && p.before !== p.after)
        .map(p => ({
        parameter: p.key,
        service: IMAGE_PARAMETERS[p.key],
        from: p.before === undefined ? undefined : imageVersion(p.before),
        to: p.after === undefined ? undefined : imageVersion(p.after),
        migrates: p.key === MIGRATING_PARAMETER
    }));
}
/** Whether to migrate after a successful deploy or execute, per the `migrate` input (INTERFACE.md). */
function migrationDecision(migrate, operation, parameters) {
    if (migrate === 'never')
        return { run: false, outcome: 'skipped', why: 'migrate is never' };
    if (migrate === 'always')
        return { run: true, why: 'migrate is always' };
    if (operation !== 'update')
        return { run: true, why: 'the stack is new' };
    const image = imageChanges(parameters).find(change => change.migrates);
    if (image !== undefined)
        return {
            run: true,
            why: `${MIGRATING_PARAMETER} changed (${image.from ?? 'none'} -> ${image.to ?? 'none'})`
        };
    return { run: false, outcome: 'not-needed', why: `${MIGRATING_PARAMETER} did not change` };
}
/**
 * The lines a preview or plan shows for image upgrades (plain text; the renderer escapes it):
 * "metadata service v2.4.12 -> v2.5.1: the schema migration runs after deploy".
 */
function upgradeNotes(parameters, kind, migrate) {
    return imageChanges(parameters).map(change => {
        const versions = `${change.service} ${change.from ?? '(none)'} -> ${change.to ?? '(none)'}`;
        if (!change.migrates)
            return `${versions}: its service rolls to the new image during the deploy`;
        if (migrate === 'never')
            return `${versions}: migrate is never, so run the schema migration yourself after deploy (docs/upgrades.md)`;
        if (kind === 'plan')
            return `${versions}: the execute job runs the schema migration after deploy`;
        return `${versions}: the schema migration runs after deploy`;
    });
}


/***/ }),

/***/ 3041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMode: () => (/* binding */ runMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(143);
// EXTERNAL MODULE: ./src/run/clock.ts
var run_clock = __webpack_require__(4219);
;// CONCATENATED MODULE: ./src/run/context.ts
/** The link to this workflow run (and attempt), for comments and summaries; undefined outside Actions. */
function runUrl(env) {
    if (env.GITHUB_RUN_ID === undefined || env.GITHUB_REPOSITORY === undefined)
        return undefined;
    const attempt = env.GITHUB_RUN_ATTEMPT !== undefined && env.GITHUB_RUN_ATTEMPT !== '1'
        ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
        : '';
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
}

// EXTERNAL MODULE: ./src/guards/data-loss.ts + 1 modules
var data_loss = __webpack_require__(217);
// EXTERNAL MODULE: ./src/run/errors.ts
var errors = __webpack_require__(4314);
;// CONCATENATED MODULE: ./src/guards/data-loss-guard.ts


/** A change set that would destroy data the user has not accepted losing. */
class DataLossRefused extends errors/* DeployError */.sH {
    verdicts;
    constructor(message, verdicts) {
        super(message);
        this.verdicts = verdicts;
        this.name = 'DataLossRefused';
    }
}
/**
 * The data-loss guard of deploy and execute, over the whole plan: the root stack's changes and every nested
 * stack's, each resource by its path. Every verdict must be allowed by `allow-data-loss` (its exact path, or `*`).
 * Runs before ExecuteChangeSet; the caller deletes the change set when this throws. Returns the verdicts, for the
 * summary and the changes file.
 */
function guardDataLoss(ctx, plan) {
    const verdicts = (0,data_loss/* assessPlan */.u8)(plan, ctx.settings.allowDataLoss);
    const refused = verdicts.filter(v => !v.allowed);
    for (const verdict of verdicts.filter(v => v.allowed)) {
        ctx.log.warning(`${(0,data_loss/* describeVerdict */.XZ)(verdict)} It is allowed by allow-data-loss.`);
    }
    if (refused.length > 0)
        throw new DataLossRefused((0,data_loss/* refusalMessage */.se)(ctx.settings.stackName, refused), verdicts);
    return verdicts;
}

// EXTERNAL MODULE: ./src/stack/changes.ts
var stack_changes = __webpack_require__(1313);
;// CONCATENATED MODULE: ./src/run/outcome.ts

/** The root stack's resource changes followed by every nested stack's. */
function allResourceChanges(outcome) {
    return [...(0,stack_changes/* resourceChanges */.Ag)(outcome.changes), ...outcome.nested.flatMap(n => n.changes)];
}
function countOutcome(outcome) {
    return (0,stack_changes/* countChanges */.xS)(allResourceChanges(outcome));
}
/** An outcome with nothing to change. */
function unchangedOutcome(stack, operation, secrets) {
    return {
        stack,
        changeSetId: '',
        operation,
        changes: [],
        nested: [],
        parameters: [],
        parameterChanges: [],
        hasChanges: false,
        dataLoss: [],
        secrets,
        orphaned: []
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
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
/**
 * The CreateChangeSet ClientToken of one plan: the change-set name is already unique to the plan attempt, and
 * fits the token's rules (1-128 characters, `[a-zA-Z0-9][-a-zA-Z0-9]*`, CreateChangeSet API reference).
 */
function clientTokenFor(changeSetName) {
    return changeSetName.slice(0, 128);
}
const withSignal = (signal) => signal === undefined ? {} : { abortSignal: signal };
/**
 * CreateChangeSet with a ClientToken, so that the SDK's retry of a request whose response was lost is recognised
 * by CloudFormation as the same request. A clash on our own (unique) name is still recognised as that retry, for
 * backends that answer AlreadyExists instead.
 */
async function createChangeSet(cfn, input, signal) {
    const request = { ...input, ClientToken: input.ClientToken ?? clientTokenFor(input.ChangeSetName) };
    try {
        const result = await cfn.send(new dist_cjs/* CreateChangeSetCommand */.YDU(request), withSignal(signal));
        return { id: result.Id ?? '', name: input.ChangeSetName, stackId: result.StackId ?? '' };
    }
    catch (err) {
        if ((0,errors/* awsErrorName */.ZH)(err) === 'AlreadyExistsException' &&
            (0,errors/* messageOf */.bD)(err).includes(`ChangeSet [${input.ChangeSetName}]`)) {
            const existing = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: input.ChangeSetName, StackName: input.StackName }), withSignal(signal));
            return { id: existing.ChangeSetId ?? '', name: input.ChangeSetName, stackId: existing.StackId ?? '' };
        }
        throw err;
    }
}
/**
 * The change set went away while the run waited for it: another run executed its own change set (which deletes
 * the stack's others), or a person deleted it. Like ChangeSetNotFound, a reason to plan again.
 */
class ChangeSetDeleted extends errors/* DeployError */.sH {
}
/** Change-set statuses that mean it is being deleted or is gone (ChangeSetStatus, API reference). */
const DELETING = new Set(['DELETE_PENDING', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE', 'DELETE_FAILED']);
/** Polls until the change set is built (quickly at first: small change sets take seconds). */
async function waitForChangeSet(cfn, id, clock, deadline, signal) {
    // Small change sets take a few seconds, large ones a minute: start at 1 s and stretch to 5 s.
    const delay = new run_clock/* AdaptiveDelay */.OH(1_000, 5_000);
    let wait = delay.peek();
    const cancelled = () => new errors/* DeployError */.sH('Cancelled while the change set was being created.');
    for (;;) {
        await clock.sleep(wait, signal);
        if (signal.aborted)
            throw cancelled();
        // With property values, the poll that sees CREATE_COMPLETE is also the first page of the changes.
        let description;
        try {
            description = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, IncludePropertyValues: true }), { abortSignal: signal });
        }
        catch (err) {
            if (signal.aborted)
                throw cancelled();
            throw err;
        }
        const status = description.Status ?? '';
        if (status === 'CREATE_COMPLETE')
            return { kind: 'ready', description };
        if (status === 'FAILED') {
            const reason = description.StatusReason ?? 'no reason given';
            if (isNoChangeReason(reason))
                return { kind: 'empty', reason };
            return { kind: 'failed', reason: await explainFailure(cfn, description, reason, signal) };
        }
        if (DELETING.has(status)) {
            // Someone (another run executing first, or a person) is deleting it: it will never be ready.
            throw new ChangeSetDeleted(`Change set ${id} is being deleted (${status}) while this run waited for it; another run or a person removed it.`);
        }
        if (clock.now() > deadline) {
            throw new errors/* DeployError */.sH(`Timed out waiting for change set ${id} to be created (still ${status}).`);
        }
        wait = delay.next(false);
    }
}
/**
 * A failed change set's reason, with the validation failures behind it. Since CloudFormation's early validation
 * (2025) the status reason only says to look them up with DescribeEvents (by change set, FailedEvents filter);
 * each failure names the resource, the property path and why. Without the permission, the status reason stands
 * and says which permission would have shown more.
 */
async function explainFailure(cfn, description, reason, signal) {
    const id = description.ChangeSetId ?? '';
    let events;
    try {
        events = await failedEvents(cfn, id, signal);
    }
    catch (err) {
        if (signal?.aborted === true)
            throw err;
        const denied = /AccessDenied|UnauthorizedOperation|not authorized/i.test(`${(0,errors/* awsErrorName */.ZH)(err)} ${(0,errors/* messageOf */.bD)(err)}`);
        return denied
            ? `${reason} (The validation details could not be read: the role lacks cloudformation:DescribeEvents.)`
            : `${reason} (The validation details could not be read: ${(0,errors/* messageOf */.bD)(err)}.)`;
    }
    const details = events.map(describeFailedEvent).filter(line => line !== '');
    if (details.length === 0)
        return reason;
    return `${reason} ${details.join('; ')}`;
}
async function failedEvents(cfn, changeSetId, signal) {
    const events = [];
    let token;
    do {
        const page = await cfn.send(new dist_cjs/* DescribeEventsCommand */.w6x({
            ChangeSetName: changeSetId,
            Filters: { FailedEvents: true },
            NextToken: token
        }), withSignal(signal));
        events.push(...(page.OperationEvents ?? []));
        token = page.NextToken;
    } while (token !== undefined && token !== '');
    return events;
}
/** `Bucket (AWS::S3::Bucket) at /Properties/BucketName: reason`, from a validation or provisioning failure. */
function describeFailedEvent(event) {
    const why = event.ValidationStatusReason ?? event.ResourceStatusReason ?? event.HookStatusReason ?? '';
    const who = event.LogicalResourceId ?? '';
    if (why === '' && who === '')
        return '';
    const type = event.ResourceType === undefined || event.ResourceType === '' ? '' : ` (${event.ResourceType})`;
    const path = event.ValidationPath === undefined || event.ValidationPath === '' ? '' : ` at ${event.ValidationPath}`;
    const check = event.ValidationName === undefined || event.ValidationName === '' ? '' : ` [${event.ValidationName}]`;
    return `${who}${type}${path}${check}: ${why === '' ? 'no reason given' : why}`;
}
/** Every change in the change set: the first page already read, then every further page, with property values. */
async function describeAllChanges(cfn, id, firstPage, signal) {
    const changes = [...(firstPage.Changes ?? [])];
    let token = firstPage.NextToken;
    while (token !== undefined && token !== '') {
        const page = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, NextToken: token, IncludePropertyValues: true }), withSignal(signal));
        changes.push(...(page.Changes ?? []));
        token = page.NextToken;
    }
    return changes;
}
/**
 * Every nested change set under a built root change set, depth first: a ResourceChange of type
 * AWS::CloudFormation::Stack carries the nested change set's ChangeSetId (ResourceChange API reference).
 */
async function describeNestedChangeSets(cfn, rootChanges, signal, path = []) {
    const found = [];
    for (const change of rootChanges) {
        const resource = change.ResourceChange;
        const id = resource?.ChangeSetId;
        if (resource === undefined || id === undefined || id === '')
            continue;
        const nestedPath = [...path, resource.LogicalResourceId ?? ''];
        const first = await cfn.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, IncludePropertyValues: true }), withSignal(signal));
        const changes = await describeAllChanges(cfn, id, first, signal);
        const resources = changes.flatMap(c => (c.ResourceChange === undefined ? [] : [c.ResourceChange]));
        found.push({ path: nestedPath, changeSetId: id, changes: resources });
        found.push(...(await describeNestedChangeSets(cfn, changes, signal, nestedPath)));
    }
    return found;
}
/** ExecuteChangeSet; a retried request whose first attempt already started the execution counts as success. */
async function executeChangeSet(cfn, id, options) {
    try {
        await cfn.send(new dist_cjs/* ExecuteChangeSetCommand */.PB_({
            ChangeSetName: id,
            DisableRollback: options.disableRollback,
            ClientRequestToken: options.token,
            // Sent only when true: a false would be the default anyway.
            ...(options.retainExceptOnCreate ? { RetainExceptOnCreate: true } : {})
        }), withSignal(options.signal));
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
async function deleteChangeSet(cfn, id, warn, signal) {
    try {
        await cfn.send(new dist_cjs/* DeleteChangeSetCommand */.$GE({ ChangeSetName: id }), withSignal(signal));
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
;// CONCATENATED MODULE: ./src/stack/event-log.ts
/** The stack's own events carry this type, whatever the change set holds. */
const STACK_TYPE = 'AWS::CloudFormation::Stack';
/** CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS: the width every operation's log needs from its first line. */
const SHORTEST_STATUS_WIDTH = 'UPDATE_IN_PROGRESS'.length;
/**
 * One readable log line per stack event (time, status, type, logical id, reason), in columns as wide as the
 * run needs: the type column fits the longest resource type of the change set being executed, so a stack of
 * S3 buckets is not padded to 44 characters and `AWS::SageMaker::NotebookInstanceLifecycleConfig` does not push
 * its line out of line. A status or type longer than any seen so far (a rollback's cleanup status, a type only
 * a nested stack's events name) widens the column from that line on; it never narrows, so later lines stay in
 * line with each other.
 */
class EventLog {
    statusWidth = SHORTEST_STATUS_WIDTH;
    typeWidth;
    /** `resourceTypes`: the types the operation touches (the change set's, nested stacks' included). */
    constructor(resourceTypes = []) {
        this.typeWidth = Math.max(STACK_TYPE.length, ...[...resourceTypes].map(t => t.length));
    }
    line(event) {
        const status = event.ResourceStatus ?? '';
        const type = event.ResourceType ?? '';
        this.statusWidth = Math.max(this.statusWidth, status.length);
        this.typeWidth = Math.max(this.typeWidth, type.length);
        const time = (event.Timestamp ?? new Date()).toISOString().slice(11, 19);
        const reason = event.ResourceStatusReason === undefined || event.ResourceStatusReason === ''
            ? ''
            : `  ${event.ResourceStatusReason}`;
        return `${time}  ${status.padEnd(this.statusWidth)}  ${type.padEnd(this.typeWidth)}  ${event.LogicalResourceId ?? ''}${reason}`;
    }
}

;// CONCATENATED MODULE: ./src/stack/watch.ts




class WatchCancelled extends errors/* DeployError */.sH {
}
/** If no event arrives for this long, DescribeStacks is asked directly, in case the event stream lags. */
const IDLE_CHECK_MS = 60_000;
/**
 * Follows one stack operation through its events until the stack reaches a terminal state: each event is
 * reported as it arrives, failures are collected (with those of nested stacks), and the stack is described only
 * at the end (or when the events go quiet), which keeps the number of calls below a fixed-interval DescribeStacks
 * loop. A read that fails (throttling past every retry, a dropped connection) never ends the watch while time
 * remains: the outcome is what matters, and CloudFormation goes on regardless.
 */
async function watchStack(cfn, options) {
    const { clock, signal, stackId } = options;
    const seen = new Set();
    const failures = [];
    const orphaned = [];
    const nested = new Map();
    const delay = new run_clock/* AdaptiveDelay */.OH(options.minDelayMs ?? 1_000, options.maxDelayMs ?? 10_000);
    let calls = 0;
    let failedReads = 0;
    let lastReadError = '';
    let lastProgress = clock.now();
    let wait = delay.peek();
    /** The latest status of each stack (root and nested) from its own events, for clean-up phases. */
    const phase = new Map();
    const cancelled = () => new WatchCancelled('Cancelled while waiting for the stack.');
    const attempt = async (work) => {
        calls++;
        try {
            return { ok: true, value: await work() };
        }
        catch (error) {
            if (signal.aborted)
                throw cancelled();
            failedReads++;
            lastReadError = (0,errors/* messageOf */.bD)(error);
            return { ok: false, error };
        }
    };
    const ours = (event, isRoot) => event.ClientRequestToken === options.token ||
        ((isRoot ? event.ClientRequestToken === undefined : true) &&
            (event.Timestamp?.getTime() ?? 0) >= options.since);
    /** New events of one stack, oldest first: every page back to the first event already seen. */
    const freshEvents = async (id, isRoot) => {
        const fresh = [];
        let token;
        for (;;) {
            const page = await cfn.send(new dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: id, NextToken: token }), {
                abortSignal: signal
            });
            for (const event of page.StackEvents ?? []) {
                if (seen.has(event.EventId ?? '') || !ours(event, isRoot))
                    return fresh.reverse();
                fresh.push(event);
            }
            token = page.NextToken;
            if (token === undefined || token === '')
                return fresh.reverse();
            calls++;
        }
    };
    /** Reports and files the new events of one stack; true when the root stack reached a terminal status. */
    const absorb = (events, path, ownId) => {
        let terminal = false;
        for (const event of events) {
            seen.add(event.EventId ?? '');
            const status = event.ResourceStatus ?? '';
            const isOwn = event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === ownId;
            const named = path.length === 0
                ? event
                : { ...event, LogicalResourceId: [...path, event.LogicalResourceId ?? ''].join('/') };
            options.onEvent(named);
            if (isOwn) {
                phase.set(ownId, status);
                if (ownId === stackId && (0,stack_state.isTerminalStatus)(status))
                    terminal = true;
                continue;
            }
            const child = event.PhysicalResourceId ?? '';
            if (event.ResourceType === 'AWS::CloudFormation::Stack' &&
                child.startsWith('arn:') &&
                child !== stackId) {
                // Any news of it (started, or settled) calls for another read of its own events.
                nested.set(child, {
                    id: child,
                    path: [...path, event.LogicalResourceId ?? ''],
                    active: !(0,stack_state.isTerminalStatus)(status),
                    finalRead: false
                });
            }
            if (!status.endsWith('_FAILED'))
                continue;
            if (status === 'DELETE_FAILED' && (0,stack_state.isCleanupStatus)(phase.get(ownId) ?? ''))
                orphaned.push(named);
            else
                failures.push(named);
        }
        return terminal;
    };
    /** Reads every nested stack that runs, or settled since its last read. */
    const followNested = async () => {
        let count = 0;
        for (const child of [...nested.values()]) {
            if (!child.active && child.finalRead)
                continue;
            const read = await attempt(() => freshEvents(child.id, false));
            if (!read.ok)
                continue;
            if (!child.active)
                child.finalRead = true;
            absorb(read.value, child.path, child.id);
            count += read.value.length;
        }
        return count;
    };
    const readRoot = async () => {
        const read = await attempt(() => freshEvents(stackId, true));
        if (!read.ok)
            return undefined;
        return { terminal: absorb(read.value, [], stackId), count: read.value.length };
    };
    /** DescribeStacks, retried until the deadline: the final status is the one thing the watch must learn. */
    const finalStatus = async (untilDeadline) => {
        for (;;) {
            const read = await attempt(() => (0,stack_state.describeStack)(cfn, stackId, signal));
            if (read.ok) {
                if (read.value === undefined)
                    throw new errors/* DeployError */.sH(`Stack ${options.stackName} disappeared while it was being watched.`);
                return read.value;
            }
            if (!untilDeadline || clock.now() > options.deadline)
                return undefined;
            await clock.sleep(delay.next(false), signal);
            if (signal.aborted)
                throw cancelled();
        }
    };
    const result = async (stack) => {
        // The last events of nested stacks explain the root's failure; read them before reporting.
        await followNested();
        const warnings = [];
        if (failedReads > 0) {
            warnings.push(`${failedReads} read${failedReads === 1 ? '' : 's'} of stack ${options.stackName} failed while it was watched (last: ${lastReadError}); the final status ${stack.StackStatus ?? ''} was read from CloudFormation, but the events shown may be incomplete.`);
        }
        return { stack, failures: rootCausesFirst(failures), orphaned, warnings, calls };
    };
    for (;;) {
        await clock.sleep(wait, signal);
        if (signal.aborted)
            throw cancelled();
        const root = await readRoot();
        const nestedCount = root === undefined ? 0 : await followNested();
        if (root?.terminal === true) {
            const stack = await finalStatus(true);
            if (stack !== undefined)
                return result(stack);
        }
        const progressed = root !== undefined && root.count + nestedCount > 0;
        if (progressed)
            lastProgress = clock.now();
        if (root === undefined || clock.now() - lastProgress > IDLE_CHECK_MS) {
            // The events could not be read, or have gone quiet: ask for the status itself.
            const stack = await finalStatus(false);
            if (stack !== undefined && (0,stack_state.isTerminalStatus)(stack.StackStatus ?? '')) {
                // One more look at the events, for the failures that explain the outcome.
                const last = await readRoot();
                if (last !== undefined)
                    await followNested();
                return result(stack);
            }
            lastProgress = clock.now();
        }
        if (clock.now() > options.deadline) {
            const stack = await finalStatus(false);
            if (stack !== undefined && (0,stack_state.isTerminalStatus)(stack.StackStatus ?? ''))
                return result(stack);
            throw new errors/* DeployError */.sH(stack === undefined
                ? `Timed out waiting for stack ${options.stackName}, and its status could not be read (${lastReadError}). CloudFormation goes on with the operation; check the stack in the console before the next run.`
                : `Timed out waiting for stack ${options.stackName}: it is still ${stack.StackStatus ?? 'in an unknown state'}. CloudFormation goes on with the operation; follow it in the console, and raise timeout-minutes if deploys of this stack take longer.`);
        }
        wait = delay.next(progressed);
    }
}
/**
 * Root causes first: a resource's own failure, then a nested stack's summary of its children's ("Embedded stack
 * ... was not successfully created"), then siblings CloudFormation cancelled because of the others.
 */
function rootCausesFirst(failures) {
    const rank = (e) => {
        if (/cancelled/i.test(e.ResourceStatusReason ?? ''))
            return 2;
        if (e.ResourceType === 'AWS::CloudFormation::Stack')
            return 1;
        return 0;
    };
    return [0, 1, 2].flatMap(r => failures.filter(e => rank(e) === r));
}

;// CONCATENATED MODULE: ./src/stack/apply.ts





/**
 * Executes a built change set and follows it to the end, streaming events. Shared by deploy and execute, so a
 * reviewed change set runs exactly as a fresh one would. A failure throws StackOperationFailed naming every
 * failed resource; a cancelled run says that CloudFormation carries on.
 */
async function applyChangeSet(ctx, handle, options) {
    const { settings, log } = ctx;
    const cfn = ctx.clients.cloudformation;
    // ClientRequestToken: CloudFormation stamps it on every event of this execution (at most 128 characters).
    const token = `${handle.name.slice(0, 120)}-exec`;
    const since = ctx.clock.now();
    const eventLog = new EventLog(options.resourceTypes);
    await executeChangeSet(cfn, handle.id, {
        disableRollback: settings.disableRollback,
        // A failed first create must not leave DeletionPolicy: Retain resources behind in an empty stack.
        retainExceptOnCreate: options.creates,
        token
    });
    options.onStarted();
    try {
        const result = await log.group(`Stack events: ${settings.stackName}`, () => watchStack(cfn, {
            stackId: handle.stackId,
            stackName: settings.stackName,
            token,
            since,
            clock: ctx.clock,
            deadline: ctx.deadline,
            signal: ctx.signal,
            onEvent: event => log.info(eventLog.line(event))
        }));
        const status = result.stack.StackStatus ?? '';
        if (!(0,stack_state.isSuccessStatus)(status))
            throw failureError(ctx, status, result.failures, options.secrets);
        log.info(`Stack ${settings.stackName} is ${status}.`);
        // Reads that failed while waiting (throttling, dropped connections) did not change the outcome, but say so.
        for (const warning of result.warnings)
            log.warning(warning);
        const orphaned = result.orphaned;
        for (const event of orphaned) {
            log.warning(`${event.LogicalResourceId ?? ''} (${event.ResourceType ?? ''}, ${event.PhysicalResourceId ?? 'no physical id'}) could not be deleted and is no longer managed by the stack: ${event.ResourceStatusReason ?? 'no reason given'}. Delete it yourself or it keeps costing.`);
        }
        return { stack: result.stack, orphaned };
    }
    catch (err) {
        if (err instanceof WatchCancelled) {
            throw new errors/* DeployError */.sH(`Cancelled while stack ${settings.stackName} was being deployed. CloudFormation goes on with change set ${handle.name}; it will finish or roll back on its own. Check the stack before the next run.`);
        }
        throw err;
    }
}
/** Annotates every failed resource, then builds the error that fails the step. */
function failureError(ctx, status, failures, secrets) {
    const { log, settings } = ctx;
    for (const failure of failures) {
        log.error(`${failure.LogicalResourceId ?? ''} (${failure.ResourceType ?? ''}): ${failure.ResourceStatusReason ?? 'no reason given'}`, { title: `${failure.ResourceStatus ?? 'FAILED'}: ${failure.LogicalResourceId ?? ''}` });
    }
    const causes = failures.filter(f => !/cancelled/i.test(f.ResourceStatusReason ?? ''));
    const listed = (causes.length > 0 ? causes : failures).map(f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`);
    return new errors/* StackOperationFailed */.XZ(`Deploy of stack ${settings.stackName} failed (${status}). ${outcomeOf(status, settings.disableRollback)}${listed.length > 0 ? ` Failed: ${listed.join('; ')}` : ''}`, settings.stackName, status, failures.map(f => ({
        logicalId: f.LogicalResourceId ?? '',
        type: f.ResourceType ?? '',
        status: f.ResourceStatus ?? '',
        reason: f.ResourceStatusReason ?? ''
    })), secrets);
}
/** What the final status means for the next run. */
function outcomeOf(status, disableRollback) {
    switch (status) {
        case 'ROLLBACK_COMPLETE':
            return 'The create failed and was rolled back; the next run deletes and recreates it (on-failed-create).';
        case 'UPDATE_ROLLBACK_COMPLETE':
            return 'The update failed and was rolled back; the stack is as it was before this run, and the next run updates it again.';
        case 'CREATE_FAILED':
        case 'UPDATE_FAILED':
            return disableRollback
                ? 'Rollback is disabled, so the resources that were created or updated are kept; fix the cause and run again to continue from here (fix forward).'
                : `The stack is now ${status}.`;
        default:
            return `The stack is now ${status}.`;
    }
}

// EXTERNAL MODULE: ./src/settings/settings.ts + 2 modules
var settings_settings = __webpack_require__(3218);
;// CONCATENATED MODULE: ./src/stack/lifecycle.ts






/** The stack, described and classified (a REVIEW_IN_PROGRESS one after asking whether another run uses it). */
async function currentState(ctx, prefetched) {
    const cfn = ctx.clients.cloudformation;
    try {
        const stack = await (prefetched ?? (0,stack_state.describeStack)(cfn, ctx.settings.stackName, ctx.signal));
        const state = (0,stack_state.classifyStack)(stack);
        if (state.kind === 'failed-create' && state.stack.StackStatus === 'REVIEW_IN_PROGRESS')
            return await (0,stack_state.classifyReviewStack)(cfn, state.stack, Date.now(), ctx.signal);
        return state;
    }
    catch (err) {
        // A call aborted by the cancel: say so, rather than the SDK's "Request aborted".
        if (ctx.signal.aborted)
            throw new errors/* DeployError */.sH(`Cancelled while reading stack ${ctx.settings.stackName}; nothing was changed.`);
        throw err;
    }
}
/**
 * Describes the stack and, while another operation runs on it (another workflow run, or a person in the
 * console), says who is in the way and waits for it to settle, within the run's deadline.
 */
async function settledState(ctx) {
    const name = ctx.settings.stackName;
    const delay = new run_clock/* AdaptiveDelay */.OH(2_000, 15_000);
    const prefetched = ctx.firstLook;
    ctx.firstLook = undefined;
    let state = await currentState(ctx, prefetched);
    let announced = '';
    while (state.kind === 'in-progress') {
        const status = state.stack.StackStatus ?? '';
        const situation = `${status}/${state.pendingChangeSet ?? ''}`;
        if (situation !== announced) {
            const who = state.pendingChangeSet !== undefined
                ? ` (change set ${state.pendingChangeSet} of another run's first deploy or preview is pending)`
                : await whoIsInTheWay(ctx, state.stack);
            ctx.log.info(`Stack ${name} is ${status}${who}; waiting for it to finish before planning.`);
            announced = situation;
        }
        if (ctx.clock.now() > ctx.deadline) {
            throw new errors/* DeployError */.sH(`Timed out after waiting for another operation on stack ${name}: it is still ${status}. Raise timeout-minutes, or find the other run in the Actions tab or the CloudFormation console.`);
        }
        await ctx.clock.sleep(delay.next(false), ctx.signal);
        if (ctx.signal.aborted)
            throw new errors/* DeployError */.sH(`Cancelled while waiting for stack ${name} (${status}); nothing was changed.`);
        state = await currentState(ctx);
    }
    return state;
}
/** Names the change set being executed, if any: the usual culprit is another run of this action. */
async function whoIsInTheWay(ctx, stack) {
    try {
        const list = await ctx.clients.cloudformation.send(new dist_cjs/* ListChangeSetsCommand */.NK4({ StackName: stack.StackId }), { abortSignal: ctx.signal });
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
 * Resources a failed first create left in the account: its rollback skips the delete of resources whose
 * DeletionPolicy is Retain (DELETE_SKIPPED), unless the execution set RetainExceptOnCreate. Deleting the stack
 * does not remove them, so they are named before it is recreated. The latest event per resource counts.
 */
async function retainedLeftovers(cfn, stackId, signal) {
    const latest = new Map();
    let token;
    do {
        const page = await cfn.send(new dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: stackId, NextToken: token }), signal === undefined ? {} : { abortSignal: signal });
        for (const event of page.StackEvents ?? []) {
            // Newest first: the first event seen for a resource is its latest.
            const id = event.LogicalResourceId ?? '';
            if (event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === stackId)
                continue;
            if (!latest.has(id))
                latest.set(id, event);
        }
        token = page.NextToken;
    } while (token !== undefined && token !== '');
    return [...latest.values()].filter(e => e.ResourceStatus === 'DELETE_SKIPPED').reverse();
}
/** One warning per leftover: what it is, and where to find it. */
function leftoverWarning(stackName, event) {
    return `${event.LogicalResourceId ?? ''} (${event.ResourceType ?? ''}, physical id ${event.PhysicalResourceId ?? 'unknown'}) was kept by the failed first create of stack ${stackName} (DeletionPolicy: Retain) and stays in the account after the stack is deleted. Delete it, or import it, if the new stack creates its own.`;
}
/**
 * Deletes a stack whose first create failed or never ran (ROLLBACK_COMPLETE, or an empty REVIEW_IN_PROGRESS
 * stack) and waits for DELETE_COMPLETE, streaming its events. A ROLLBACK_COMPLETE stack holds no resources, but
 * its rollback may have left retained ones in the account: each is named in a warning first. Returns them.
 */
async function deleteEmptyStack(ctx, stack, token) {
    const cfn = ctx.clients.cloudformation;
    const stackId = stack.StackId ?? ctx.settings.stackName;
    let leftovers = [];
    if (stack.StackStatus === 'ROLLBACK_COMPLETE') {
        try {
            leftovers = await retainedLeftovers(cfn, stackId, ctx.signal);
        }
        catch (err) {
            ctx.log.warning(`Could not read the events of stack ${ctx.settings.stackName} to find resources its failed create kept (${(0,errors/* messageOf */.bD)(err)}); check its DELETE_SKIPPED events in the console.`);
        }
        for (const event of leftovers)
            ctx.log.warning(leftoverWarning(ctx.settings.stackName, event));
    }
    const since = ctx.clock.now();
    const eventLog = new EventLog();
    await cfn.send(new dist_cjs/* DeleteStackCommand */.fAr({ StackName: stackId, ClientRequestToken: token }), {
        abortSignal: ctx.signal
    });
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
        onEvent: event => ctx.log.info(eventLog.line(event))
    });
    const status = result.stack.StackStatus ?? '';
    if (status !== 'DELETE_COMPLETE') {
        const reasons = result.failures
            .map(f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`)
            .join('; ');
        throw new errors/* DeployError */.sH(`Deleting the failed stack ${ctx.settings.stackName} ended in ${status}${reasons === '' ? '' : ` (${reasons})`}. Delete it in the console, then re-run.`);
    }
    return leftovers;
}

// EXTERNAL MODULE: ./src/template/yaml-data.ts
var yaml_data = __webpack_require__(3580);
;// CONCATENATED MODULE: ./src/template/cfn-yaml.ts

/**
 * Every short-form function CloudFormation's YAML reads as `Fn::Name` (intrinsic function reference, plus the
 * Rules functions of the "Rules" user guide page). `!Ref`, `!Condition` and `!GetAtt` are handled apart.
 */
const FUNCTIONS = new Set([
    'And',
    'Base64',
    'Cidr',
    'Contains',
    'EachMemberEquals',
    'EachMemberIn',
    'Equals',
    'FindInMap',
    'ForEach',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Not',
    'Or',
    'RefAll',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform',
    'ValueOf',
    'ValueOfAll'
]);
/**
 * YAML 1.1 booleans as CloudFormation reads them (and cfn-lint, whose loader is PyYAML's): the resolver of
 * SnakeYAML and PyYAML takes exactly these spellings (lower, Capitalised and UPPER case; not `y`/`n`, not `yEs`).
 * So `AllowedValues: [Yes, No]` means "true"/"false" to CloudFormation (aws-cli #5257, ASFHyP3/hyp3 #2061).
 */
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
/** YAML 1.2 core numbers (decimal, 0o octal, 0x hex, floats, infinities): the forms JSON and YAML agree on. */
const INT = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;
function plainScalar(source) {
    if (NULL.test(source))
        return null;
    if (TRUE.test(source))
        return true;
    if (FALSE.test(source))
        return false;
    if (INT.test(source) || FLOAT.test(source))
        return Number(source);
    if (OCTAL.test(source))
        return parseInt(source.slice(2), 8);
    if (HEX.test(source))
        return parseInt(source.slice(2), 16);
    if (INFINITY.test(source))
        return source.startsWith('-') ? -Infinity : Infinity;
    if (NAN.test(source))
        return NaN;
    return source;
}
function standardScalar(type, source) {
    switch (type) {
        case 'null':
            return null;
        case 'bool':
            return TRUE.test(source);
        case 'int':
        case 'float':
            return Number(source);
        default:
            return source;
    }
}
function shortForm(tag, value) {
    // A tag on an empty node (`!GetAZs` alone) is an empty string, as `!GetAZs ''` is.
    const argument = value === null ? '' : value;
    const name = tag.slice(1);
    if (name === 'Ref')
        return { Ref: argument };
    if (name === 'Condition')
        return { Condition: argument };
    if (name === 'GetAtt') {
        // `!GetAtt Resource.Attribute.With.Dots` splits at the first dot only, as CloudFormation does.
        if (typeof argument !== 'string')
            return { 'Fn::GetAtt': argument };
        const dot = argument.indexOf('.');
        return { 'Fn::GetAtt': dot < 0 ? [argument] : [argument.slice(0, dot), argument.slice(dot + 1)] };
    }
    if (tag.startsWith('!') && FUNCTIONS.has(name))
        return { [`Fn::${name}`]: argument };
    return undefined;
}
/** How CloudFormation reads a template's scalars and short forms. */
const CLOUDFORMATION_YAML = {
    plain: plainScalar,
    standard: standardScalar,
    local: shortForm
};
class TemplateSyntaxError extends Error {
}
/**
 * Parses a template body, JSON or YAML with short-form tags, into plain data (maps without a prototype). A YAML
 * template may start with `{` (a flow map), so JSON goes through the same YAML reader, which also makes duplicate
 * keys an error in both, as they are in CloudFormation's YAML. An unknown tag (`!Reff`) is an error: read as a
 * plain string it would silently deploy a different template.
 */
function parseTemplateBody(body) {
    const json = /^\uFEFF?\s*[{[]/.test(body) && !/^\uFEFF?\s*\{\s*[A-Za-z]/.test(body);
    try {
        return (0,yaml_data.readYaml)(body, CLOUDFORMATION_YAML);
    }
    catch (err) {
        if (err instanceof yaml_data.YamlSyntaxError) {
            throw new TemplateSyntaxError(`invalid ${json ? 'JSON' : 'YAML'}: ${err.message}`);
        }
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/stack/template-features.ts

const NESTED_TYPES = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);
function templateFeatures(body) {
    const template = parseTemplateBody(body);
    const root = isMap(template) ? template : {};
    const resources = isMap(root.Resources) ? Object.values(root.Resources) : [];
    const types = resources.flatMap(r => (isMap(r) && typeof r.Type === 'string' ? [r.Type] : []));
    const keys = new Set();
    collectKeys(template, keys);
    return {
        nestedStacks: types.some(type => NESTED_TYPES.has(type)),
        transforms: Object.hasOwn(root, 'Transform') || keys.has('Fn::Transform'),
        modules: types.some(type => type.endsWith('::MODULE')),
        stackOutputs: keys.has('Fn::GetStackOutput')
    };
}
function isMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Every map key anywhere in the template (intrinsic functions are keys of one-key maps). */
function collectKeys(value, keys) {
    if (Array.isArray(value)) {
        for (const item of value)
            collectKeys(item, keys);
    }
    else if (isMap(value)) {
        for (const [key, inner] of Object.entries(value)) {
            keys.add(key);
            collectKeys(inner, keys);
        }
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/aws/clients.ts + 5 modules
var aws_clients = __webpack_require__(875);
;// CONCATENATED MODULE: ./src/template/bundled.ts
/**
 * Facts about the bundled template (templates/metaflow.yml) that the action checks before any AWS call.
 * The longest name it generates is the migration function's, `<StackName>-migrate-db`, and Lambda allows 64
 * characters, so the stack name may have at most 64 - "-migrate-db".length characters.
 */
const BUNDLED_TEMPLATE_PATH = 'templates/metaflow.yml';
const BUNDLED_MAX_STACK_NAME = 64 - '-migrate-db'.length;

;// CONCATENATED MODULE: ./src/template/compact.ts

/**
 * The bundled template as CloudFormation receives it: the same data as templates/metaflow.yml, as JSON without
 * comments or layout. The YAML source is written for people (a third of it is comments), and CloudFormation's
 * inline limit (51,200 bytes) counts every byte of it; the compact form keeps the template inline as it grows,
 * so no run needs an S3 bucket for it. JSON is CloudFormation's own template format, and the reader that turns
 * the YAML into data is the one the action checks templates with (short forms become `Fn::` maps, YAML 1.1
 * booleans become booleans), so what is sent is what was read.
 *
 * Deterministic: the same source always gives the same bytes, which the no-change shortcut compares with the
 * deployed template (GetTemplate, stage Original).
 */
function compactTemplate(source) {
    return JSON.stringify(parseTemplateBody(source), (_key, value) => {
        if (typeof value === 'number' && !Number.isFinite(value)) {
            // JSON has no NaN or Infinity; no template of ours holds one, and a silent null would change the data.
            throw new Error(`the template holds ${String(value)}, which JSON cannot carry`);
        }
        return value;
    });
}

;// CONCATENATED MODULE: ./src/template/s3-url.ts

const PARTITIONS = [
    {
        id: 'aws-cn',
        regions: /^cn-\w+-\d+$/,
        dnsSuffix: 'amazonaws.com.cn',
        implicitGlobalRegion: 'cn-northwest-1'
    },
    {
        id: 'aws-us-gov',
        regions: /^us-gov-\w+-\d+$/,
        dnsSuffix: 'amazonaws.com',
        implicitGlobalRegion: 'us-gov-west-1'
    },
    {
        id: 'aws-iso',
        regions: /^us-iso-\w+-\d+$/,
        dnsSuffix: 'c2s.ic.gov',
        implicitGlobalRegion: 'us-iso-east-1'
    },
    {
        id: 'aws-iso-b',
        regions: /^us-isob-\w+-\d+$/,
        dnsSuffix: 'sc2s.sgov.gov',
        implicitGlobalRegion: 'us-isob-east-1'
    },
    {
        id: 'aws-iso-e',
        regions: /^eu-isoe-\w+-\d+$/,
        dnsSuffix: 'cloud.adc-e.uk',
        implicitGlobalRegion: 'eu-isoe-west-1'
    },
    {
        id: 'aws-iso-f',
        regions: /^us-isof-\w+-\d+$/,
        dnsSuffix: 'csp.hci.ic.gov',
        implicitGlobalRegion: 'us-isof-south-1'
    },
    {
        id: 'aws-eusc',
        regions: /^eusc-de-\w+-\d+$/,
        dnsSuffix: 'amazonaws.eu',
        implicitGlobalRegion: 'eusc-de-east-1'
    }
];
const AWS = {
    id: 'aws',
    regions: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
    dnsSuffix: 'amazonaws.com',
    implicitGlobalRegion: 'us-east-1'
};
/** The partition a region belongs to (the commercial one for anything unknown, as the SDK does). */
function partitionOf(region) {
    return PARTITIONS.find(p => p.regions.test(region)) ?? AWS;
}
const SUFFIXES = [...new Set([...PARTITIONS, AWS].map(p => p.dnsSuffix))]
    .sort((a, b) => b.length - a.length)
    .map(s => s.replace(/\./g, '\\.'))
    .join('|');
/**
 * S3 hosts (S3 user guide, "Virtual-hosted-style and path-style requests", "Legacy: regional endpoints with a
 * dash", "Dual-stack endpoints", "FIPS endpoints"): s3, s3.REGION, s3-REGION, s3.dualstack.REGION,
 * s3-fips.REGION, s3-fips.dualstack.REGION, s3-external-1; each optionally preceded by `BUCKET.` (virtual-hosted)
 * and followed by a partition's DNS suffix. The bucket part is greedy: a dotted bucket name keeps its dots.
 */
const S3_HOST = new RegExp(`^(?:(?<bucket>.+)\\.)?(?<endpoint>s3-external-1|s3(?:-fips)?(?:[.-](?:dualstack\\.)?(?<region>[a-z]{2,}(?:-[a-z]+)+-\\d+))?|s3(?:-fips)?\\.dualstack)\\.(?<suffix>${SUFFIXES})$`);
function notS3(url) {
    return new errors/* InputError */.dz('template', `"${url}" is not an S3 object URL. CloudFormation reads templates only from S3: use https://BUCKET.s3.REGION.amazonaws.com/KEY (or s3://BUCKET/KEY), or a path in the workspace.`);
}
/**
 * Reads bucket, key, region and version out of a template URL, in every form S3 serves objects from, in every
 * partition. The URL itself goes to CloudFormation unchanged; this is only for reading the template here.
 */
function parseS3Url(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw notS3(url);
    }
    const versionId = parsed.searchParams.get('versionId') ?? undefined;
    const withVersion = (object) => versionId === undefined ? object : { ...object, versionId };
    const path = decodePath(parsed.pathname, url);
    if (parsed.protocol === 's3:') {
        if (parsed.hostname === '' || path === '')
            throw notS3(url);
        return withVersion({ bucket: parsed.hostname, key: path });
    }
    const host = S3_HOST.exec(parsed.hostname)?.groups;
    if (parsed.protocol !== 'https:' || host === undefined)
        throw notS3(url);
    const suffix = host.suffix;
    const region = host.region ??
        (host.endpoint === 's3-external-1'
            ? 'us-east-1'
            : // GovCloud shares amazonaws.com, but a global host there is the commercial partition's.
                ([AWS, ...PARTITIONS].find(p => p.dnsSuffix === suffix) ?? AWS).implicitGlobalRegion);
    if (host.bucket !== undefined) {
        if (path === '')
            throw notS3(url);
        return withVersion({ bucket: host.bucket, key: path, region });
    }
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1)
        throw notS3(url);
    return withVersion({ bucket: path.slice(0, slash), key: path.slice(slash + 1), region });
}
function decodePath(pathname, url) {
    try {
        return decodeURIComponent(pathname.replace(/^\//, ''));
    }
    catch {
        throw notS3(url);
    }
}
/**
 * The https URL of an object in `region`'s partition: virtual-hosted, or path-style for a dotted bucket name
 * (whose virtual host would not match S3's wildcard certificate). With an endpoint override (an emulator or a
 * VPC endpoint) the override's path-style URL.
 */
function s3ObjectUrl(region, bucket, key, endpoint, versionId) {
    const encodedKey = key.split('/').map(encodeURIComponent).join('/');
    const query = versionId === undefined ? '' : `?versionId=${encodeURIComponent(versionId)}`;
    if (endpoint !== undefined)
        return `${endpoint}/${bucket}/${encodedKey}${query}`;
    const host = `s3.${region}.${partitionOf(region).dnsSuffix}`;
    return bucket.includes('.')
        ? `https://${host}/${bucket}/${encodedKey}${query}`
        : `https://${bucket}.${host}/${encodedKey}${query}`;
}

;// CONCATENATED MODULE: ./src/template/workspace-file.ts



/**
 * Where a path input points, checked to be inside the workspace: `../../etc/passwd`, an absolute path elsewhere,
 * or a symlink whose target is elsewhere would let a workflow (or a pull request that edits one) read any file
 * of the runner and send it to AWS as a template or parameter values.
 */
function workspacePath(input, path, workspace) {
    const root = (0,external_node_path_.resolve)(workspace);
    const full = (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.resolve)(path) : (0,external_node_path_.resolve)(root, path);
    if (!inside(root, full)) {
        throw new errors/* InputError */.dz(input, `"${path}" is outside the workspace (${root}). Give a path inside the repository checkout, relative to the workspace.`);
    }
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(full);
    }
    catch {
        throw new errors/* InputError */.dz(input, `file "${path}" was not found (looked at ${full}). Check out the repository first (actions/checkout) or fix the path, which is relative to the workspace.`);
    }
    let realRoot = root;
    try {
        realRoot = (0,external_node_fs_.realpathSync)(root);
    }
    catch {
        // A workspace that does not exist holds nothing: the lexical check above already placed the path in it.
    }
    if (!inside(realRoot, real)) {
        throw new errors/* InputError */.dz(input, `"${path}" is a symlink to ${real}, outside the workspace. Point it at a file inside the repository checkout.`);
    }
    return real;
}
function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
}
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a folder';
    if (stats.isFIFO())
        return 'a named pipe';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a regular file';
}
/**
 * Reads a regular file with one link, of at most `limit.bytes` bytes (`limit.rule` says whose limit, for the
 * message). The kind, the links and the size are checked with stat BEFORE the file is
 * opened (opening a FIFO for reading blocks until a writer comes; reading a device may never end), and again on
 * the open descriptor, opened non-blocking, so a file swapped in between cannot slip through.
 */
function readRegularFile(input, shown, path, limit) {
    const check = (stats) => {
        if (!stats.isFile()) {
            throw new errors/* InputError */.dz(input, `"${shown}" is ${kindOf(stats)}; give the path of a regular file.`);
        }
        // A hard link shares the file of another name, possibly outside the workspace (a runner's credentials file
        // linked in by an earlier step or an archive): nothing in the path says where its content came from.
        if (stats.nlink > 1) {
            throw new errors/* InputError */.dz(input, `"${shown}" has ${stats.nlink} hard links, so its content may be a file outside the workspace. Give a file with one link (copy it: cp --no-preserve=links).`);
        }
        if (stats.size > limit.bytes) {
            throw new errors/* InputError */.dz(input, `"${shown}" is ${stats.size} bytes; ${limit.rule}`);
        }
    };
    check((0,external_node_fs_.statSync)(path));
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        const stats = (0,external_node_fs_.fstatSync)(fd);
        check(stats);
        // Room for one byte past the size seen, so a file that grew since the stat is caught rather than cut short.
        const buffer = Buffer.alloc(stats.size + 1);
        let length = 0;
        for (;;) {
            const read = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null);
            if (read === 0)
                break;
            length += read;
            if (length > stats.size) {
                throw new errors/* InputError */.dz(input, `"${shown}" changed while it was being read; run again.`);
            }
        }
        return buffer.subarray(0, length);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/template/load.ts












/** CloudFormation's limit for an inline TemplateBody, in bytes (UTF-8), not characters. */
const TEMPLATE_BODY_LIMIT = 51_200;
/** CloudFormation's limit for a template in S3, in bytes. */
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
            return fromBody(compactTemplate((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(actionRoot(), BUNDLED), 'utf8')), `the bundled ${BUNDLED}`);
        case 'file': {
            const path = workspacePath('template', source.path, workspace);
            const bytes = readRegularFile('template', source.path, path, {
                bytes: TEMPLATE_URL_LIMIT,
                rule: `CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`
            });
            return fromBody(bytes.toString('utf8'), source.path);
        }
        case 'url':
            return fromUrl(source.url, clients);
    }
}
/**
 * Reads a template in S3 for the parameter checks. CloudFormation gets the URL exactly as given (its version,
 * its region, a presigned query); only an s3:// URL, which CloudFormation refuses ("TemplateURL must be a
 * supported URL"), becomes the https URL of the same object in this run's region and partition.
 */
async function fromUrl(url, clients) {
    const object = parseS3Url(url);
    const runRegion = await clients.region();
    const s3 = await s3ClientFor(clients, object.region ?? runRegion, runRegion);
    const { GetObjectCommand } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
    let body;
    try {
        const response = await s3.send(new GetObjectCommand({
            Bucket: object.bucket,
            Key: object.key,
            ...(object.versionId === undefined ? {} : { VersionId: object.versionId })
        }));
        if ((response.ContentLength ?? 0) > TEMPLATE_URL_LIMIT) {
            throw new errors/* InputError */.dz('template', `${url} is ${response.ContentLength} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes from S3.`);
        }
        body = (await response.Body?.transformToString('utf8')) ?? '';
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        throw new errors/* InputError */.dz('template', `could not read ${describe(object)}: ${(0,errors/* messageOf */.bD)(err)}. Check the URL and that the role may s3:GetObject${object.versionId === undefined ? '' : ' and s3:GetObjectVersion'} on it.`);
    }
    const given = url.startsWith('s3:')
        ? s3ObjectUrl(runRegion, object.bucket, object.key, (0,aws_clients.customS3Endpoint)(), object.versionId)
        : url;
    return { ...fromBody(body, url), url: given };
}
function describe(object) {
    return `s3://${object.bucket}/${object.key}${object.versionId === undefined ? '' : ` (version ${object.versionId})`}${object.region === undefined ? '' : ` in ${object.region}`}`;
}
/**
 * An S3 client for the region a URL names: the run's own client when it is the same region, otherwise one built
 * like it (credentials, retries, HTTP handler, user agent) for that region, following S3's region redirects for
 * a global host whose bucket lives elsewhere.
 */
async function s3ClientFor(clients, region, runRegion) {
    const base = await clients.s3();
    if (region === runRegion)
        return base;
    const { S3Client: Client } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
    const { customUserAgent } = base.config;
    return new Client({
        region,
        credentials: base.config.credentials,
        retryStrategy: await base.config.retryStrategy(),
        requestHandler: base.config.requestHandler,
        ...(customUserAgent === undefined ? {} : { customUserAgent }),
        forcePathStyle: (0,aws_clients.customS3Endpoint)() !== undefined,
        followRegionRedirects: true
    });
}
function fromBody(body, origin) {
    // Bytes, not characters: CloudFormation's limits count UTF-8 bytes, and a template of 51,200 characters with
    // some non-ASCII text is over the inline limit.
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > TEMPLATE_URL_LIMIT) {
        throw new errors/* InputError */.dz('template', `${origin} is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`);
    }
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
    const parameters = template.Parameters;
    if (parameters !== undefined &&
        (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))) {
        throw new errors/* InputError */.dz('template', `${origin} has a Parameters section that is not a map.`);
    }
    return {
        origin,
        body,
        bytes,
        parameters: (parameters ?? Object.create(null)),
        resourceCount: Object.keys(template.Resources).length
    };
}
/** The URL CloudFormation should read an S3 object from: this run's region and partition, or the endpoint override. */
async function objectUrl(clients, bucket, key) {
    return s3ObjectUrl(await clients.region(), bucket, key, (0,aws_clients.customS3Endpoint)());
}
/**
 * Decides how CloudFormation gets the template: inline up to 51,200 bytes, otherwise from S3 (uploaded to
 * `template-bucket` under a key unique to this run), and says what it uploaded so the run can remove it
 * (removeUploadedTemplate). Call only after every input has been validated: the upload is the first write.
 */
async function placeTemplate(template, bucket, uniqueKey, clients) {
    if (template.url !== undefined)
        return { location: { TemplateURL: template.url } };
    if (template.bytes <= TEMPLATE_BODY_LIMIT)
        return { location: { TemplateBody: template.body } };
    if (bucket === undefined) {
        throw new errors/* InputError */.dz('template-bucket', templateTooLargeMessage(template));
    }
    const key = `metaflow-deploy/${uniqueKey}/${(0,external_node_path_.basename)(template.origin).replace(/[^\w.-]/g, '_') || 'template.yml'}`;
    const s3 = await clients.s3();
    const { PutObjectCommand } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
    let versionId;
    try {
        const response = await s3.send(new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: Buffer.from(template.body, 'utf8'),
            ContentType: 'application/x-yaml'
        }));
        versionId = response.VersionId;
    }
    catch (err) {
        throw new errors/* InputError */.dz('template-bucket', `uploading the template to s3://${bucket}/${key} failed: ${(0,errors/* messageOf */.bD)(err)}. Check that the bucket exists in this region and that the role may s3:PutObject.`);
    }
    return {
        location: { TemplateURL: await objectUrl(clients, bucket, key) },
        uploaded: { bucket, key, ...(versionId === undefined ? {} : { versionId }) }
    };
}
/**
 * Removes a template the run uploaded. CloudFormation copies the template into the change set when it creates
 * it, so nothing reads the object afterwards, in any mode (a kept plan executes from its own copy). Deletes the
 * key, not the version: that needs only s3:DeleteObject; in a versioned bucket the old version stays until a
 * lifecycle rule expires it (the README says so). Warns, never throws: clean-up must not hide the real outcome.
 */
async function removeUploadedTemplate(clients, uploaded, warn) {
    if (uploaded === undefined)
        return;
    try {
        const s3 = await clients.s3();
        const { DeleteObjectCommand } = await __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
        await s3.send(new DeleteObjectCommand({ Bucket: uploaded.bucket, Key: uploaded.key }));
    }
    catch (err) {
        warn(`Could not remove the uploaded template s3://${uploaded.bucket}/${uploaded.key}: ${(0,errors/* messageOf */.bD)(err)}. Delete it by hand, or give template-bucket a lifecycle rule; the role needs s3:DeleteObject on it.`);
    }
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

;// CONCATENATED MODULE: ./src/stack/plan.ts








/** CloudFormation's limit on stack tags (CreateChangeSet API reference, Tags: "maximum number of 50 tags"). */
const MAX_STACK_TAGS = 50;
/**
 * The Tags to send, or undefined to send none. An absent Tags list keeps the stack's tags while an empty one
 * removes them all (UpdateStack API reference), so an unset `tags` input is never sent as a list of its own:
 * - `tags` given: exactly those, plus the environment tag;
 * - unset, UPDATE: the stack's existing tags plus the environment tag; omitted when the stack already has an
 *   environment tag (or there is no environment), which keeps them just the same (as unchanged.ts compares);
 * - unset, CREATE: the environment tag alone, or nothing without an environment.
 * Throws an InputError naming `tags` when the result exceeds CloudFormation's 50, before any call.
 */
function stackTags(settings, existing) {
    const environment = settings.environment;
    let tags;
    if (settings.tags !== undefined) {
        tags = Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value }));
        if (environment !== '' && !(settings_settings/* ENVIRONMENT_TAG */.vp in settings.tags))
            tags.push({ Key: settings_settings/* ENVIRONMENT_TAG */.vp, Value: environment });
    }
    else {
        const kept = (existing?.Tags ?? []).map(t => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
        if (environment === '' || kept.some(t => t.Key === settings_settings/* ENVIRONMENT_TAG */.vp))
            return undefined;
        tags = [...kept, { Key: settings_settings/* ENVIRONMENT_TAG */.vp, Value: environment }];
    }
    if (tags.length > MAX_STACK_TAGS) {
        const source = settings.tags !== undefined
            ? `${Object.keys(settings.tags).length} tags given`
            : `the ${tags.length - 1} tags stack ${settings.stackName} already has`;
        throw new errors/* InputError */.dz('tags', `${source} plus the environment tag ${settings_settings/* ENVIRONMENT_TAG */.vp} make ${tags.length}; CloudFormation allows at most ${MAX_STACK_TAGS} stack tags. Remove ${tags.length - MAX_STACK_TAGS} (or leave environment empty).`);
    }
    return tags.length === 0 && settings.tags === undefined ? undefined : tags;
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
    // Checked before the template upload, the first write.
    const tags = stackTags(settings, request.type === 'UPDATE' ? request.existingStack : undefined);
    const { location, uploaded } = await placeTemplate(request.template, settings.templateBucket, request.name, ctx.clients);
    try {
        return await buildChangeSet(ctx, request, location, tags);
    }
    finally {
        // CloudFormation keeps its own copy of the template in the change set, so the upload is needed no longer,
        // whatever the mode (a kept plan executes from that copy).
        await removeUploadedTemplate(ctx.clients, uploaded, message => log.warning(message));
    }
}
async function buildChangeSet(ctx, request, location, tags) {
    const { settings, log } = ctx;
    const cfn = ctx.clients.cloudformation;
    const input = {
        StackName: request.stackName,
        ChangeSetName: request.name,
        ChangeSetType: request.type,
        ...location,
        Parameters: request.parameters.parameters,
        Capabilities: settings.capabilities,
        // Absent keeps the stack's value; an empty list would clear it (UpdateStack API reference).
        ...(tags === undefined ? {} : { Tags: tags }),
        ...(settings.notificationArns === undefined ? {} : { NotificationARNs: settings.notificationArns }),
        // From the parsed template; include-nested-stacks: false leaves it off for templates whose change sets fail
        // with it (cloudformation-coverage-roadmap #759, rain #550), and the guard then refuses every nested stack
        // Modify as unknown unless allow-data-loss names it.
        ...(settings.includeNestedStacks && templateFeatures(request.template.body).nestedStacks
            ? { IncludeNestedStacks: true }
            : {}),
        Description: changeSetDescription(ctx),
        // A drift-aware change set restores drifted properties (CreateChangeSet API reference, DeploymentMode).
        ...(settings.deploymentMode === 'revert-drift' && request.type === 'UPDATE'
            ? { DeploymentMode: 'REVERT_DRIFT' }
            : {}),
        ...(settings.roleArn === undefined ? {} : { RoleARN: settings.roleArn }),
        // Complete once configuration is applied, without waiting for readiness (API_DeploymentConfig); verify waits.
        ...(settings.deploymentSpeed === 'express' ? { DeploymentConfig: { Mode: 'EXPRESS' } } : {})
    };
    const handle = await log.group(`Creating ${request.type} change set ${request.name}`, async () => {
        const created = await createChangeSet(cfn, input, ctx.signal);
        log.info(`Change set ${created.id}`);
        return created;
    });
    try {
        const outcome = await waitForChangeSet(cfn, handle.id, ctx.clock, ctx.deadline, ctx.signal);
        if (outcome.kind === 'ready')
            return await readPlan(ctx, handle, outcome.description, request.type);
        return {
            handle,
            type: request.type,
            outcome,
            changes: [],
            resources: [],
            nested: [],
            counts: { ...stack_changes/* NO_CHANGES */.eo },
            rootCounts: { ...stack_changes/* NO_CHANGES */.eo },
            parameters: []
        };
    }
    catch (err) {
        await discardPlan(ctx, handle, request.createsStack);
        throw err;
    }
}
/**
 * Reads a built change set in full: every page of its changes (the first is the description already read), and,
 * when it has nested change sets (IncludeNestedStacks), every page of each of them, depth first.
 */
async function readPlan(ctx, handle, description, type = 'UPDATE') {
    const cfn = ctx.clients.cloudformation;
    const changes = await describeAllChanges(cfn, handle.id, description, ctx.signal);
    const nested = await describeNestedChangeSets(cfn, changes, ctx.signal);
    const resources = (0,stack_changes/* resourceChanges */.Ag)(changes);
    return {
        handle,
        type,
        outcome: { kind: 'ready', description },
        changes,
        resources,
        nested,
        counts: (0,stack_changes/* countChanges */.xS)([...resources, ...nested.flatMap(n => n.changes)]),
        rootCounts: (0,stack_changes/* countChanges */.xS)(resources),
        parameters: description.Parameters ?? []
    };
}
/**
 * Removes what a plan created and nobody executed: the change set and, when the plan's CREATE made the stack,
 * the empty REVIEW_IN_PROGRESS stack it left. Warns instead of throwing, so the real error stays the one reported;
 * returns what it could not remove (each also named in a warning), for the run's error to name. After the deadline
 * or a cancel, each call gets one short attempt (LATE_CLEANUP_CALL_MS): a hung DeleteChangeSet must not stretch a
 * 6 s timeout-minutes to half a minute of retries.
 */
async function discardPlan(ctx, handle, removeEmptyStack) {
    const cfn = ctx.clients.cloudformation;
    const warn = (message) => ctx.log.warning(message);
    const late = ctx.signal.aborted || ctx.clock.now() >= ctx.deadline;
    const cleanup = cleanupContext(ctx);
    const leftovers = [];
    const oneCall = () => late ? AbortSignal.any([cleanup.signal, AbortSignal.timeout(LATE_CLEANUP_CALL_MS)]) : cleanup.signal;
    if (!(await deleteChangeSet(cfn, handle.id, warn, oneCall())))
        leftovers.push(`change set ${handle.id}`);
    if (!removeEmptyStack)
        return leftovers;
    try {
        const stack = await (0,stack_state.describeStack)(cfn, handle.stackId, oneCall());
        if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
            await deleteEmptyStack(cleanup, stack, `${handle.name}-cleanup`);
        }
    }
    catch (err) {
        leftovers.push(`empty stack ${stackNameOf(handle)} (REVIEW_IN_PROGRESS)`);
        if (ctx.signal.aborted || late) {
            warn(`The run ${ctx.signal.aborted ? 'was cancelled' : 'ran out of time'} before the empty stack ${stackNameOf(handle)} left by the change set was confirmed deleted (${(0,errors/* messageOf */.bD)(err)}). If it is still REVIEW_IN_PROGRESS, the next run deletes it, or delete it yourself.`);
            return leftovers;
        }
        warn(`Could not remove the empty stack ${stackNameOf(handle)} left by the change set: ${(0,errors/* messageOf */.bD)(err)}`);
    }
    return leftovers;
}
/**
 * How long a clean-up may take once the run is cancelled. The runner sends SIGINT, waits 7,500 ms, sends SIGTERM,
 * waits 2,500 ms, then kills the process tree (GitHub docs, "Workflow cancellation reference"): 5 s leaves room
 * for the rest of the shutdown. A clean-up after timeout-minutes ran out gets the same.
 */
const CANCELLED_CLEANUP_MS = 5_000;
/** After the deadline or a cancel, the longest one clean-up call may take, its SDK retries included. */
const LATE_CLEANUP_CALL_MS = 3_000;
/**
 * The context a clean-up runs in: never the run's own signal, which may be aborted already, yet bounded. Once the
 * run is cancelled or its deadline passes (before or during the clean-up), the clean-up has CANCELLED_CLEANUP_MS
 * left, then its calls and waits are aborted.
 */
function cleanupContext(ctx) {
    const controller = new AbortController();
    let started = false;
    const startGrace = () => {
        if (started)
            return;
        started = true;
        setTimeout(() => controller.abort(new Error('the clean-up ran out of time')), CANCELLED_CLEANUP_MS).unref();
    };
    const now = ctx.clock.now();
    if (ctx.signal.aborted || now >= ctx.deadline) {
        startGrace();
        return { ...ctx, signal: controller.signal, deadline: now + CANCELLED_CLEANUP_MS };
    }
    ctx.signal.addEventListener('abort', startGrace, { once: true });
    setTimeout(startGrace, ctx.deadline - now).unref();
    return { ...ctx, signal: controller.signal };
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
/** Every resource type a plan touches, nested stacks' included. */
function planResourceTypes(plan) {
    return [...plan.resources, ...plan.nested.flatMap(n => n.changes)].map(c => c.ResourceType ?? '');
}
/** Logs a plan as one group: its counts in the title, one line per resource change. */
async function logPlan(log, title, plan, after = []) {
    const width = Math.max(0, ...planResourceTypes(plan).map(type => type.length));
    await log.group(`${title}: ${(0,stack_changes/* describeCounts */.wv)(plan.counts)}`, () => {
        for (const change of plan.resources)
            log.info((0,stack_changes/* formatChange */.eD)(change, width));
        for (const nested of plan.nested) {
            log.info(`In nested stack ${nested.path.join('/')}:`);
            for (const change of nested.changes)
                log.info(`  ${(0,stack_changes/* formatChange */.eD)(change, width)}`);
        }
        for (const line of after)
            log.info(line);
        return Promise.resolve();
    });
}

;// CONCATENATED MODULE: ./src/template/java-pattern.ts
const cache = new Map();
/**
 * Compiles with the `u` flag: in that mode JavaScript refuses, rather than silently re-reads, nearly everything
 * that is Java-only: possessive quantifiers (`a++`), atomic groups (`(?>…)`), inline flags (`(?i)`), `\A`,
 * `\Z`, `\z`, `\G`, `\h`, `\Q…\E`, POSIX and Java classes (`\p{Alpha}`, `\p{javaLowerCase}`), `\x{…}`, nested
 * classes (`[a[b]]`). Without `u`, `\A` would match a letter A and `\p{Alpha}` the text "p{Alpha}". The one
 * Java-only forms that still compile are caught by name: class intersection (`[a-z&&[^e]]`), and property
 * classes other than a general category (`\p{Alpha}` is ASCII letters in Java, every alphabetic letter in
 * JavaScript; `\p{L}` and `\p{Lu}` mean the same in both).
 */
function compileJavaPattern(pattern) {
    const known = cache.get(pattern);
    if (known !== undefined)
        return known;
    let compiled;
    const property = differingProperty(pattern);
    if (hasClassIntersection(pattern)) {
        compiled = { ok: false, reason: 'it uses a character-class intersection (&&), which JavaScript lacks' };
    }
    else if (property !== undefined) {
        compiled = { ok: false, reason: `${property} means something else in Java than in JavaScript` };
    }
    else {
        try {
            // CloudFormation matches the whole value, as Java's Pattern.matches does.
            compiled = { ok: true, regex: new RegExp(`^(?:${pattern})$`, 'u') };
        }
        catch (err) {
            compiled = { ok: false, reason: `JavaScript cannot read it (${err.message})` };
        }
    }
    cache.set(pattern, compiled);
    return compiled;
}
/** The first `\p{…}` / `\P{…}` that is not a one- or two-letter general category, if any. */
function differingProperty(pattern) {
    for (const match of pattern.matchAll(/\\+[pP]\{([^}]*)\}/g)) {
        const escapes = /^\\+/.exec(match[0])[0].length;
        // `\\p{X}` is a backslash then the text p{X}: only an odd run of backslashes starts an escape.
        if (escapes % 2 === 1 && !/^[A-Z][a-z]?$/.test(match[1]))
            return match[0].slice(escapes - 1);
    }
    return undefined;
}
/** True when `&&` appears inside a `[...]` class (escapes skipped). */
function hasClassIntersection(pattern) {
    let depth = 0;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            i++;
        }
        else if (c === '[') {
            depth++;
        }
        else if (c === ']' && depth > 0) {
            depth--;
        }
        else if (depth > 0 && c === '&' && pattern[i + 1] === '&') {
            return true;
        }
    }
    return false;
}

// EXTERNAL MODULE: ./src/render/redact.ts + 1 modules
var redact = __webpack_require__(4227);
;// CONCATENATED MODULE: ./src/template/parameter-values.ts



/** A parameters file larger than this is refused before it is read (200 parameters of 4,096 bytes fit). */
const PARAMETERS_FILE_LIMIT = 1_000_000;
/**
 * Values as written. A parameter value reaches CloudFormation as a string, and the CLI and the console pass the
 * text the user typed; so an unquoted scalar here is its text: `1.10` stays `1.10` (not 1.1), `012345678901`
 * keeps its zero, `1e3` and `0x1F` stay as written. That includes `yes`/`no`/`on`/`off`: read as YAML 1.1
 * booleans (as CloudFormation reads its templates) they would become `true`/`false`, a value the user never
 * wrote and that a parameter with `AllowedValues: ['yes', 'no']` refuses; when the template's own unquoted
 * `[Yes, No]` means true/false, the check in parameters.ts says so and asks for `true`/`false`. Only an empty value, `~`
 * and `null` mean "empty" (`Key:` sets an empty value, like `Key=`).
 */
const AS_WRITTEN = {
    plain: source => (/^(?:~|null|Null|NULL|)$/.test(source) ? null : source),
    standard: (type, source) => (type === 'null' ? null : source)
};
const EMPTY = () => Object.create(null);
/** Key text for messages: quoted, control characters escaped, long keys cut (a key is never a secret). */
function shownKey(key) {
    const quoted = JSON.stringify(key);
    return quoted.length > 80 ? `${quoted.slice(0, 76)}…"` : quoted;
}
/**
 * Reads `parameters-file`: a {Key: Value} map, CloudFormation's native [{ParameterKey, ParameterValue}] array,
 * or a CodePipeline template configuration {Parameters: {…}} (the official deploy action's users have these).
 * The file must be a regular file inside the workspace.
 */
function readParametersFile(path, workspace) {
    if (path === '')
        return EMPTY();
    const input = 'parameters-file';
    const full = workspacePath(input, path, workspace);
    const text = readRegularFile(input, path, full, {
        bytes: PARAMETERS_FILE_LIMIT,
        rule: `a parameters file may have at most ${PARAMETERS_FILE_LIMIT} bytes (200 values of 4,096 bytes fit).`
    }).toString('utf8');
    return interpret(input, `"${path}"`, parse(input, `"${path}" is not valid YAML or JSON`, text));
}
/** parseInlineParameters as a promise, for callers written when the YAML library loaded lazily. */
function readInlineParameters(text) {
    try {
        return Promise.resolve(parseInlineParameters(text));
    }
    catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
}
/**
 * Reads `parameters`: `Key=Value` lines, an inline YAML/JSON map (or native array), or the official action's
 * `parameter-overrides` comma form.
 */
function parseInlineParameters(text) {
    const input = 'parameters';
    const trimmed = text.trim();
    if (trimmed === '')
        return EMPTY();
    if (/^file:\/\//i.test(trimmed)) {
        throw new errors/* InputError */.dz(input, `"file://…" is the official CloudFormation action's way to name a parameters file. Here, give the file as its own input, with a path relative to the workspace:\n  parameters-file: ${workspaceRelative(trimmed)}`);
    }
    if (/^[{[]/.test(trimmed) || /^[A-Za-z0-9_.:/@+-]+\s*:(?:\s|$)/.test(firstLine(trimmed))) {
        return interpret(input, 'the value', parse(input, 'is not a valid YAML/JSON map', trimmed));
    }
    return keyValueLines(trimmed);
}
/** The path of an official-action `file://` value, made relative to the workspace when it points into it. */
function workspaceRelative(fileUrl) {
    const path = (fileUrl.split('\n')[0] ?? '').replace(/^file:\/\//i, '');
    const workspace = process.env.GITHUB_WORKSPACE;
    for (const root of [workspace, '/github/workspace'].filter(r => r !== undefined && r !== '')) {
        const prefix = `${root.replace(/\/+$/, '')}/`;
        if (path.startsWith(prefix))
            return path.slice(prefix.length);
    }
    return path.replace(/^\.\//, '') || 'path/to/params.json';
}
function firstLine(text) {
    return text.split('\n').find(line => line.trim() !== '' && !line.trim().startsWith('#')) ?? '';
}
function parse(input, what, text) {
    try {
        return (0,yaml_data.readYaml)(text, AS_WRITTEN);
    }
    catch (err) {
        // The reader's messages name a line and column, never the text there (which may be a secret).
        if (err instanceof yaml_data.YamlSyntaxError)
            throw new errors/* InputError */.dz(input, `${what}: ${err.message}.`);
        throw err;
    }
}
const CONFIGURATION_SECTIONS = new Set(['Parameters', 'Tags', 'StackPolicy']);
/** Turns parsed YAML/JSON into given values: a map, a native array, or a template configuration. */
function interpret(input, where, data) {
    if (data === null || data === undefined)
        return EMPTY();
    if (Array.isArray(data))
        return nativeArray(input, where, data);
    if (typeof data !== 'object') {
        throw new errors/* InputError */.dz(input, `${where} is not a map of Key: Value (nor a [{ParameterKey, ParameterValue}] list).`);
    }
    const map = data;
    const keys = Object.keys(map);
    const parameters = map.Parameters;
    if (keys.length > 0 &&
        keys.every(key => CONFIGURATION_SECTIONS.has(key)) &&
        typeof parameters === 'object' &&
        parameters !== null &&
        !Array.isArray(parameters)) {
        refuseConfigurationExtras(input, where, map);
        return plainMap(input, parameters);
    }
    return plainMap(input, map);
}
/**
 * A CodePipeline template configuration file may also carry Tags and a StackPolicy. Tags belong to the `tags`
 * input here (one place decides the stack's tags); the message shows the equivalent, tag values included (tags
 * are not secret). A stack policy is not something this action sets.
 */
function refuseConfigurationExtras(input, where, map) {
    if (map.Tags !== undefined) {
        const tags = map.Tags;
        const lines = typeof tags === 'object' && tags !== null && !Array.isArray(tags)
            ? Object.entries(tags).map(([key, value]) => `    ${key}=${typeof value === 'string' ? value : value === null ? '' : '…'}`)
            : ['    Key=Value'];
        throw new errors/* InputError */.dz(input, `${where} has a Tags section; stack tags are set with the tags input here, not in a parameters file. Remove Tags from the file and add to the step:\n  tags: |\n${lines.join('\n')}`);
    }
    if (map.StackPolicy !== undefined) {
        throw new errors/* InputError */.dz(input, `${where} has a StackPolicy section, which this action does not set. Remove it from the file and set the policy with \`aws cloudformation set-stack-policy\`.`);
    }
}
function plainMap(input, map) {
    const result = EMPTY();
    for (const key of Object.keys(map))
        result[key] = { value: parameter_values_valueOf(input, key, map[key]), input };
    return result;
}
/** CloudFormation's native form, as `aws cloudformation create-stack --parameters file://…` reads it. */
function nativeArray(input, where, entries) {
    const result = EMPTY();
    entries.forEach((entry, index) => {
        const item = entry;
        const expected = `entry ${index + 1} of ${where}: expected {ParameterKey: …, ParameterValue: …}`;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
            throw new errors/* InputError */.dz(input, `${expected}, got ${Array.isArray(item) ? 'a list' : 'a single value'}.`);
        }
        // Name the misspelt field, never a value: with `ParamterKey` the value beside it may be a secret.
        const unknownField = Object.keys(item).find(field => !['ParameterKey', 'ParameterValue', 'UsePreviousValue', 'ResolvedValue'].includes(field));
        if (unknownField !== undefined) {
            throw new errors/* InputError */.dz(input, `${expected}; it has a field ${shownKey(unknownField)}.`);
        }
        const key = item.ParameterKey;
        if (typeof key !== 'string' || key === '')
            throw new errors/* InputError */.dz(input, `${expected}; ParameterKey is missing.`);
        if (key in result)
            throw new errors/* InputError */.dz(input, `${shownKey(key)} is given twice in ${where}.`);
        const usePrevious = typeof item.UsePreviousValue === 'string' && item.UsePreviousValue.toLowerCase() === 'true';
        result[key] = { value: parameter_values_valueOf(input, key, item.ParameterValue), input, usePrevious };
    });
    return result;
}
/** A value as CloudFormation takes it: a string; a list becomes comma-joined (CommaDelimitedList). */
function parameter_values_valueOf(input, key, value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value) && value.every(item => item === null || typeof item === 'string')) {
        return value.map(item => (item === null ? '' : item)).join(',');
    }
    throw new errors/* InputError */.dz(input, 
    // Values may be secrets: the message names the key and the kind of value, never the value.
    `the value of ${shownKey(key)} must be a string, number, boolean or list of those, got ${Array.isArray(value) ? 'a list holding a map or list' : 'a map'}.`);
}
const KEY_START = /^\s*[A-Za-z0-9]+\s*=/;
/**
 * `Key=Value` lines. A line that is wholly a comma list of `Key=…` pairs (`A=1,B=2`, `A="x,y",B=2`) is the
 * official action's `parameter-overrides` form and is read as several pairs; any other line is one pair whose
 * value keeps its commas, so `Subnets=subnet-1,subnet-2` stays one CommaDelimitedList value. Quotes around a
 * value are removed, and protect commas inside them.
 */
function keyValueLines(text) {
    const input = 'parameters';
    const result = EMPTY();
    const lines = text.split('\n');
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const segments = splitOutsideQuotes(line);
        const pairs = segments.length > 1 && segments.every(s => KEY_START.test(s)) ? segments : [line];
        for (const pair of pairs) {
            const eq = pair.indexOf('=');
            if (eq <= 0) {
                // The line may be a secret typed without its key: name the line, never echo it.
                throw new errors/* InputError */.dz(input, `line ${index + 1}: expected Key=Value, and the line has no "=" after a key.`);
            }
            const key = pair.slice(0, eq).trim();
            if (!/^[A-Za-z0-9]+$/.test(key)) {
                throw new errors/* InputError */.dz(input, `line ${index + 1}: the text before "=" is not a parameter key (CloudFormation keys are letters and digits).`);
            }
            if (key in result) {
                throw new errors/* InputError */.dz(input, `line ${index + 1}: ${shownKey(key)} is given twice. For a list value write ${key}="a,b" on one line.`);
            }
            result[key] = { value: unquote(pair.slice(eq + 1).trim()), input };
        }
    });
    return result;
}
function splitOutsideQuotes(line) {
    const segments = [];
    let quote;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote !== undefined) {
            if (c === quote)
                quote = undefined;
        }
        else if (c === '"' || c === "'") {
            quote = c;
        }
        else if (c === ',') {
            segments.push(line.slice(start, i).trim());
            start = i + 1;
        }
    }
    segments.push(line.slice(start).trim());
    return segments;
}
function unquote(value) {
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
        return value.slice(1, -1);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/template/parameters.ts





/** NoEcho may be written as a boolean (including YAML 1.1 `yes`) or as the string "true". */
function isNoEcho(def) {
    return def.NoEcho === true || (typeof def.NoEcho === 'string' && def.NoEcho.toLowerCase() === 'true');
}
const isList = (type) => type === 'CommaDelimitedList' || type.startsWith('List<');
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
/**
 * Merges nothing (callers pass the file's values overlaid with the inline ones), checks every key and value
 * against the template's declared parameters, and decides which previous values to keep. `previous` holds the
 * deployed stack's parameter keys (undefined when the stack will be created). Keys are looked up as own
 * properties only: `constructor` or `__proto__` is never "declared" by an object's prototype.
 */
function resolveParameters(declared, given, previous) {
    const declaredKeys = Object.keys(declared);
    for (const key of Object.keys(given)) {
        if (!has(declared, key)) {
            const hint = closest(key, declaredKeys);
            throw new errors/* InputError */.dz(given[key].input, `unknown parameter ${shownKey(key)}${hint === undefined ? '' : ` (did you mean "${hint}"?)`}. The template declares: ${declaredKeys.join(', ') || '(none)'}.`);
        }
    }
    const parameters = [];
    const secrets = [];
    const kept = [];
    const missing = [];
    const warnings = [];
    for (const key of declaredKeys) {
        const def = declared[key];
        const entry = has(given, key) ? given[key] : undefined;
        if (entry !== undefined && entry.usePrevious !== true) {
            // Masked before the checks: nothing below may print it, but a NoEcho value is a secret from here on.
            if (isNoEcho(def) && entry.value !== '') {
                secrets.push(entry.value);
                if (entry.value.length < redact/* SHORT_SECRET */.UM)
                    warnings.push((0,redact/* shortSecretWarning */.Hu)(key));
            }
            checkValue(key, entry, def, warnings);
            parameters.push({ ParameterKey: key, ParameterValue: entry.value });
        }
        else if (previous?.has(key) === true) {
            parameters.push({ ParameterKey: key, UsePreviousValue: true });
            kept.push(key);
        }
        else if (entry?.usePrevious === true) {
            throw new errors/* InputError */.dz(entry.input, `${shownKey(key)} asks for UsePreviousValue, but the stack has no previous value for it. Give a value.`);
        }
        else if (def.Default === undefined) {
            missing.push(key);
        }
    }
    if (missing.length > 0) {
        throw new errors/* InputError */.dz('parameters', `the template requires ${missing.map(shownKey).join(', ')}: no default and no previous value. Add ${missing.length === 1 ? 'it' : 'them'} to parameters or parameters-file.`);
    }
    return { parameters, secrets, kept, warnings };
}
const YAML11_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
/**
 * The checks CloudFormation makes on a value (parameters reference, "Properties"): AllowedValues and
 * AllowedPattern on every type (each item of a list), MinLength/MaxLength on String only, MinValue/MaxValue on
 * Number only, and that a Number (or each item of a List<Number>) is a number. A NoEcho value is never shown.
 */
function checkValue(key, entry, def, warnings) {
    const noEcho = isNoEcho(def);
    const shown = noEcho ? '(NoEcho value)' : JSON.stringify(entry.value);
    const fail = (expected) => {
        throw new errors/* InputError */.dz(entry.input, `parameter ${shownKey(key)} = ${shown} is not allowed: ${def.ConstraintDescription ?? expected}.`);
    };
    const type = def.Type;
    const items = isList(type) ? entry.value.split(',').map(item => item.trim()) : [entry.value];
    const pattern = typeof def.AllowedPattern === 'string' ? compileJavaPattern(def.AllowedPattern) : undefined;
    if (pattern !== undefined && !pattern.ok) {
        warnings.push(`Parameter ${shownKey(key)}: AllowedPattern ${JSON.stringify(def.AllowedPattern)} is a Java regular expression that is not checked here: ${pattern.reason}. CloudFormation checks it when the change set is created.`);
    }
    for (const item of items) {
        if (Array.isArray(def.AllowedValues)) {
            const allowed = def.AllowedValues.map(String);
            if (!allowed.includes(item)) {
                const yaml11 = YAML11_BOOLEAN.test(item) && (allowed.includes('true') || allowed.includes('false'))
                    ? ' (the template writes them unquoted, so CloudFormation reads Yes/No/On/Off there as true/false: give true or false)'
                    : '';
                fail(`expected one of ${allowed.join(', ')}${yaml11}`);
            }
        }
        if (pattern?.ok === true && !pattern.regex.test(item)) {
            fail(`expected a value matching ${def.AllowedPattern}`);
        }
        if (type === 'Number' || type === 'List<Number>') {
            if (item.trim() === '' || Number.isNaN(Number(item)))
                fail('expected a number');
        }
        if (type === 'Number') {
            if (def.MinValue !== undefined && Number(item) < Number(def.MinValue))
                fail(`expected at least ${def.MinValue}`);
            if (def.MaxValue !== undefined && Number(item) > Number(def.MaxValue))
                fail(`expected at most ${def.MaxValue}`);
        }
        if (type === 'String') {
            if (def.MinLength !== undefined && item.length < Number(def.MinLength))
                fail(`expected at least ${def.MinLength} characters`);
            if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
                fail(`expected at most ${def.MaxLength} characters`);
        }
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
    if (Math.abs(a.length - b.length) > 3)
        return 4;
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

;// CONCATENATED MODULE: ./src/template/stack-request.ts


async function readStackRequest(ctx) {
    const { settings } = ctx;
    const given = {
        ...readParametersFile(settings.parametersFile, ctx.workspace),
        ...(await readInlineParameters(settings.parametersText))
    };
    const template = await loadTemplate(settings.template, ctx.clients, ctx.workspace);
    return { template, given };
}
/**
 * Checks the parameters against the template and the deployed stack, and masks NoEcho values at once, before
 * anything else can print them. Throws an InputError before any change is made.
 */
function checkParameters(ctx, request, state) {
    const deployed = 'stack' in state && state.kind !== 'failed-create' ? state.stack : undefined;
    const previous = deployed === undefined ? undefined : new Set((deployed.Parameters ?? []).map(p => p.ParameterKey ?? ''));
    const resolved = resolveParameters(request.template.parameters, request.given, previous);
    for (const warning of resolved.warnings)
        ctx.log.warning(warning);
    for (const secret of resolved.secrets) {
        ctx.log.secret(secret);
        if (!ctx.secrets.includes(secret))
            ctx.secrets.push(secret);
    }
    checkTemplateSize(request.template, ctx.settings.templateBucket);
    return resolved;
}

;// CONCATENATED MODULE: ./src/stack/termination-protection.ts

/**
 * Applies `termination-protection` after a successful deploy or execute, with or without changes. Unset leaves
 * the stack's own setting alone: protection someone turned on in the console stays on.
 */
async function applyTerminationProtection(ctx, stack) {
    const wanted = ctx.settings.terminationProtection;
    if (wanted === undefined || wanted === (stack.EnableTerminationProtection ?? false))
        return;
    await ctx.clients.cloudformation.send(new dist_cjs/* UpdateTerminationProtectionCommand */.mP2({
        StackName: stack.StackId ?? ctx.settings.stackName,
        EnableTerminationProtection: wanted
    }), { abortSignal: ctx.signal });
    stack.EnableTerminationProtection = wanted;
    ctx.log.info(`Termination protection of stack ${ctx.settings.stackName} is now ${wanted ? 'on' : 'off'}.`);
}

;// CONCATENATED MODULE: ./src/stack/unchanged.ts



/**
 * True when a change set could hold nothing: the deployed stack already has this exact template (GetTemplate's
 * Original stage, byte for byte), these parameter values, tags, notification topics and service role. Then a
 * deploy, plan or preview need not build a change set (seconds of CloudFormation's time, and a create, a poll and a
 * delete) to learn that.
 *
 * CloudFormation itself does not re-resolve dynamic references (`{{resolve:...}}`) on an unchanged template
 * (user guide, "Using dynamic references"), so skipping is no less correct than a change set. What a change set
 * WOULD see and this cannot is excluded: transforms and macros (expanded anew each time), registry modules and
 * Fn::GetStackOutput (resolved anew at every update: the module-versioning and GetStackOutput pages), SSM-typed
 * parameters (resolved anew each time), nested stacks (their templates live elsewhere), and NoEcho values (shown as
 * ****). Each is read from the parsed template (template-features.ts), not its text.
 */
async function matchesDeployedStack(ctx, request, resolved, stack) {
    // A stack that failed with its resources preserved (CREATE_FAILED / UPDATE_FAILED) holds the new template
    // already, half applied: only a change set (an update) finishes it.
    if (!(stack.StackStatus ?? '').endsWith('_COMPLETE'))
        return false;
    const body = request.template.body;
    const features = templateFeatures(body);
    if (features.transforms || features.nestedStacks || features.modules || features.stackOutputs)
        return false;
    if (Object.values(request.template.parameters).some(p => p.Type.startsWith('AWS::SSM::Parameter::')))
        return false;
    if (!sameParameters(resolved.parameters, stack.Parameters ?? []))
        return false;
    if (!sameTags(ctx, stack))
        return false;
    const topics = ctx.settings.notificationArns;
    if (topics !== undefined && !sameSet(topics, stack.NotificationARNs ?? []))
        return false;
    const role = ctx.settings.roleArn;
    if (role !== undefined && role !== stack.RoleARN)
        return false;
    const deployed = await ctx.clients.cloudformation.send(new dist_cjs/* GetTemplateCommand */._JK({ StackName: stack.StackId, TemplateStage: 'Original' }), { abortSignal: ctx.signal });
    return deployed.TemplateBody === body;
}
function sameParameters(proposed, deployed) {
    if (proposed.length !== deployed.length)
        return false;
    const current = new Map(deployed.map(p => [p.ParameterKey ?? '', p.ParameterValue]));
    return proposed.every(p => {
        if (!current.has(p.ParameterKey ?? ''))
            return false;
        if (p.UsePreviousValue === true)
            return true;
        const value = current.get(p.ParameterKey ?? '');
        // A NoEcho value is described as ****: it cannot be compared, so a change set decides.
        return value !== '****' && value === p.ParameterValue;
    });
}
/** The tags the change set would give the stack, against the ones it has. */
function sameTags(ctx, stack) {
    const { tags, environment } = ctx.settings;
    const current = new Map((stack.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']));
    const wanted = new Map(tags === undefined ? current : Object.entries(tags));
    if (environment !== '' && !wanted.has(settings_settings/* ENVIRONMENT_TAG */.vp))
        wanted.set(settings_settings/* ENVIRONMENT_TAG */.vp, environment);
    return wanted.size === current.size && [...wanted].every(([key, value]) => current.get(key) === value);
}
function sameSet(a, b) {
    const left = new Set(a);
    return left.size === new Set(b).size && b.every(item => left.has(item));
}

;// CONCATENATED MODULE: ./src/insight/checks.ts


const MAX_HOOK_RESULTS = 20;
function notRead(what, err, permission) {
    return /AccessDenied|UnauthorizedOperation/.test((0,errors/* awsErrorName */.ZH)(err))
        ? { note: `${what} were not read: the role lacks ${permission}.` }
        : { note: `${what} were not read.`, detail: (0,errors/* messageOf */.bD)(err).slice(0, 300) };
}
function validationFinding(event) {
    if (event.ValidationName === undefined || event.ValidationStatus === 'SKIPPED')
        return undefined;
    return {
        source: 'validation',
        level: event.ValidationFailureMode === 'WARN' ? 'WARN' : 'FAIL',
        name: event.ValidationName,
        reason: event.ValidationStatusReason ?? event.ResourceStatusReason ?? '',
        ...(event.LogicalResourceId === undefined ? {} : { logicalId: event.LogicalResourceId }),
        ...(event.ValidationPath === undefined ? {} : { path: event.ValidationPath })
    };
}
async function validations(ctx, changeSetId) {
    const findings = [];
    let NextToken;
    do {
        const page = await ctx.clients.cloudformation.send(new dist_cjs/* DescribeEventsCommand */.w6x({
            ChangeSetName: changeSetId,
            ...(NextToken === undefined ? {} : { NextToken })
        }), { abortSignal: ctx.signal });
        for (const event of page.OperationEvents ?? []) {
            const finding = validationFinding(event);
            if (finding !== undefined)
                findings.push(finding);
        }
        NextToken = page.NextToken;
    } while (NextToken !== undefined && NextToken !== '');
    return findings;
}
async function hookFindings(ctx, summary) {
    const level = summary.FailureMode === 'WARN' ? 'WARN' : 'FAIL';
    const name = summary.TypeName ?? 'Hook';
    const result = await ctx.clients.cloudformation.send(new dist_cjs/* GetHookResultCommand */.Iyr({ HookResultId: summary.HookResultId }), { abortSignal: ctx.signal });
    const failed = (result.Annotations ?? []).filter(a => a.Status === 'FAILED');
    if (failed.length === 0) {
        return summary.Status === 'HOOK_COMPLETE_FAILED' || summary.Status === 'HOOK_FAILED'
            ? [{ source: 'hook', level, name, reason: result.HookStatusReason ?? summary.HookStatusReason ?? '' }]
            : [];
    }
    // A RESOURCE target names the resource; a CHANGE_SET target is the change set itself.
    const target = result.Target?.TargetType === 'RESOURCE' ? result.Target.TargetId : undefined;
    return failed.map(a => ({
        source: 'hook',
        level,
        name: `${name}: ${a.AnnotationName ?? ''}`,
        reason: a.StatusMessage ?? '',
        ...(target === undefined ? {} : { logicalId: target }),
        ...(a.SeverityLevel === undefined ? {} : { severity: a.SeverityLevel }),
        ...(a.RemediationMessage === undefined ? {} : { remediation: a.RemediationMessage }),
        ...(a.RemediationLink === undefined ? {} : { link: a.RemediationLink })
    }));
}
async function hooks(ctx, changeSetId) {
    const summaries = [];
    let NextToken;
    do {
        const page = await ctx.clients.cloudformation.send(new dist_cjs/* ListHookResultsCommand */.VKF({
            TargetType: 'CHANGE_SET',
            TargetId: changeSetId,
            ...(NextToken === undefined ? {} : { NextToken })
        }), { abortSignal: ctx.signal });
        summaries.push(...(page.HookResults ?? []));
        NextToken = page.NextToken;
    } while (NextToken !== undefined && NextToken !== '' && summaries.length < MAX_HOOK_RESULTS);
    // Only results that did not pass carry findings worth a GetHookResult call.
    const worth = summaries
        .filter(s => s.Status !== 'HOOK_COMPLETE_SUCCEEDED' || s.FailureMode === 'WARN')
        .slice(0, MAX_HOOK_RESULTS);
    return (await Promise.all(worth.map(s => hookFindings(ctx, s)))).flat();
}
/** Reads both kinds of checks of a change set; what cannot be read is a note. */
async function readChecks(ctx, changeSetId) {
    const notes = [];
    const [fromValidations, fromHooks] = await Promise.all([
        validations(ctx, changeSetId).catch((err) => {
            notes.push(notRead('Validation results', err, 'cloudformation:DescribeEvents'));
            return [];
        }),
        hooks(ctx, changeSetId).catch((err) => {
            notes.push(notRead('Hook results', err, 'cloudformation:ListHookResults and GetHookResult'));
            return [];
        })
    ]);
    return { findings: [...fromValidations, ...fromHooks], notes };
}

// EXTERNAL MODULE: ./src/insight/cost/estimate.ts + 1 modules
var estimate = __webpack_require__(9036);
;// CONCATENATED MODULE: ./src/insight/cost/price-list.ts
/** The product's on-demand USD price (the first tier), or undefined when it has none. */
function onDemandPrice(entry) {
    let doc;
    // The SDK hands each entry over as a String object (its automatic JSON-string conversion), not a primitive.
    const text = entry instanceof String ? entry.valueOf() : entry;
    try {
        doc = (typeof text === 'string' ? JSON.parse(text) : text);
    }
    catch {
        return undefined;
    }
    const attributes = doc.product?.attributes ?? {};
    for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
        const dimensions = Object.values(term.priceDimensions ?? {});
        const first = dimensions.find(d => (d.beginRange ?? '0') === '0') ?? dimensions[0];
        const usd = Number(first?.pricePerUnit?.USD);
        if (first !== undefined && Number.isFinite(usd))
            return { usd, unit: first.unit ?? '', attributes };
    }
    return undefined;
}
/** The first product the price list offers whose usage type ends as asked (any, without a suffix) and is priced. */
function pickPrice(entries, usageTypeEndsWith) {
    for (const entry of entries) {
        const price = onDemandPrice(entry);
        if (price === undefined || price.usd <= 0)
            continue;
        if (usageTypeEndsWith !== undefined && !(price.attributes.usagetype ?? '').endsWith(usageTypeEndsWith))
            continue;
        return price;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/insight/cost/get-products.ts

/**
 * One price from GetProducts: the query's TERM_MATCH filters and the region (`regionCode`), page by page until a
 * product matches (Price List Query API reference, GetProducts). Shared by the action and the snapshot script.
 */
async function getProductsPrice(client, query, region, signal) {
    const { GetProductsCommand } = await __webpack_require__.e(/* import() */ 453).then(__webpack_require__.t.bind(__webpack_require__, 4453, 19));
    const Filters = Object.entries({ ...query.filters, regionCode: region }).map(([Field, Value]) => ({
        Type: 'TERM_MATCH',
        Field,
        Value
    }));
    let NextToken;
    for (let page = 0; page < PAGE_LIMIT; page++) {
        const answer = await client.send(new GetProductsCommand({
            ServiceCode: query.serviceCode,
            Filters,
            FormatVersion: 'aws_v1',
            MaxResults: 100,
            ...(NextToken === undefined ? {} : { NextToken })
        }), signal === undefined ? {} : { abortSignal: signal });
        const found = pickPrice((answer.PriceList ?? []), query.usageTypeEndsWith);
        if (found !== undefined)
            return found;
        NextToken = answer.NextToken;
        if (NextToken === undefined || NextToken === '')
            return undefined;
    }
    return undefined;
}
/** Pages read at most per query: the filters name one product, so more pages mean the filters are too loose. */
const PAGE_LIMIT = 5;

// EXTERNAL MODULE: ./src/insight/cost/price-query.ts
var price_query = __webpack_require__(9060);
;// CONCATENATED MODULE: ./src/insight/cost/price-snapshot.json
const price_snapshot_namespaceObject = /*#__PURE__*/JSON.parse('{"date":"2026-12-04","source":"scripts/price-snapshot.ts --emulator: the emulator\'s recorded GetProducts answers (emulator/data/pricing-products.json)","prices":{"us-east-1":{"AmazonEC2|capacitystatus=Used|instanceType=c5.large|operatingSystem=Linux|preInstalledSw=NA|productFamily=Compute Instance|tenancy=Shared":{"usd":0.085,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-BoxUsage:c5.large"}},"AmazonECS|cputype=perCPU|productFamily=Compute|usagetype=*Fargate-vCPU-Hours:perCPU":{"usd":0.04048,"unit":"hours","attributes":{"usagetype":"USE1-Fargate-vCPU-Hours:perCPU"}},"AmazonECS|memorytype=perGB|productFamily=Compute|usagetype=*Fargate-GB-Hours":{"usd":0.004445,"unit":"hours","attributes":{"usagetype":"USE1-Fargate-GB-Hours"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.m6g.large|productFamily=Database Instance":{"usd":0.318,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-Multi-AZUsage:db.m6g.large"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.m6g.xlarge|productFamily=Database Instance":{"usd":0.636,"unit":"Hrs","attributes":{"vcpu":"4","usagetype":"USE1-Multi-AZUsage:db.m6g.xlarge"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.t3.large|productFamily=Database Instance":{"usd":0.29,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-Multi-AZUsage:db.t3.large"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.t3.medium|productFamily=Database Instance":{"usd":0.144,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-Multi-AZUsage:db.t3.medium"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.t3.micro|productFamily=Database Instance":{"usd":0.036,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-Multi-AZUsage:db.t3.micro"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|instanceType=db.t3.small|productFamily=Database Instance":{"usd":0.072,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-Multi-AZUsage:db.t3.small"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Multi-AZ|productFamily=Database Storage|volumeType=General Purpose-GP3":{"usd":0.23,"unit":"GB-Mo","attributes":{"usagetype":"USE1-RDS:Multi-AZ-GP3-Storage"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.m6g.large|productFamily=Database Instance":{"usd":0.159,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-InstanceUsage:db.m6g.large"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.m6g.xlarge|productFamily=Database Instance":{"usd":0.318,"unit":"Hrs","attributes":{"vcpu":"4","usagetype":"USE1-InstanceUsage:db.m6g.xlarge"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.t3.large|productFamily=Database Instance":{"usd":0.145,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-InstanceUsage:db.t3.large"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.t3.medium|productFamily=Database Instance":{"usd":0.072,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-InstanceUsage:db.t3.medium"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.t3.micro|productFamily=Database Instance":{"usd":0.018,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-InstanceUsage:db.t3.micro"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.t3.small|productFamily=Database Instance":{"usd":0.036,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"USE1-InstanceUsage:db.t3.small"}},"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|productFamily=Database Storage|volumeType=General Purpose-GP3":{"usd":0.115,"unit":"GB-Mo","attributes":{"usagetype":"USE1-RDS:GP3-Storage"}},"AmazonSageMaker|component=Notebook|instanceName=ml.t3.2xlarge|productFamily=ML Instance":{"usd":0.399,"unit":"Hrs","attributes":{"usagetype":"USE1-Notebk:ml.t3.2xlarge"}},"AmazonSageMaker|component=Notebook|instanceName=ml.t3.large|productFamily=ML Instance":{"usd":0.1,"unit":"Hrs","attributes":{"usagetype":"USE1-Notebk:ml.t3.large"}},"AmazonSageMaker|component=Notebook|instanceName=ml.t3.medium|productFamily=ML Instance":{"usd":0.05,"unit":"Hrs","attributes":{"usagetype":"USE1-Notebk:ml.t3.medium"}},"AmazonSageMaker|component=Notebook|instanceName=ml.t3.xlarge|productFamily=ML Instance":{"usd":0.2,"unit":"Hrs","attributes":{"usagetype":"USE1-Notebk:ml.t3.xlarge"}},"AmazonVPC|productFamily=VPC Public IPv4 Address|usagetype=*PublicIPv4:InUseAddress":{"usd":0.005,"unit":"Hrs","attributes":{"usagetype":"USE1-PublicIPv4:InUseAddress"}},"AWSELB|productFamily=Load Balancer-Application|usagetype=*LoadBalancerUsage":{"usd":0.0225,"unit":"Hrs","attributes":{"usagetype":"USE1-LoadBalancerUsage"}},"AWSELB|productFamily=Load Balancer-Network|usagetype=*LoadBalancerUsage":{"usd":0.0225,"unit":"Hrs","attributes":{"usagetype":"USE1-LoadBalancerUsage"}},"AWSSecretsManager|productFamily=Secret|usagetype=*AWSSecretsManager-Secrets":{"usd":0.4,"unit":"Secrets","attributes":{"usagetype":"USE1-AWSSecretsManager-Secrets"}}},"eu-west-1":{"AmazonRDS|databaseEngine=PostgreSQL|deploymentOption=Single-AZ|instanceType=db.t3.small|productFamily=Database Instance":{"usd":0.04,"unit":"Hrs","attributes":{"vcpu":"2","usagetype":"EU-InstanceUsage:db.t3.small"}}}}}');
;// CONCATENATED MODULE: ./src/insight/cost/price-source.ts




const BUNDLED_SNAPSHOT = price_snapshot_namespaceObject;
/** Prices from GetProducts, cached per query; the snapshot once the API fails. */
class RunPriceSource {
    client;
    snapshot;
    signal;
    cache = new Map();
    fallback;
    constructor(client, snapshot = BUNDLED_SNAPSHOT, signal) {
        this.client = client;
        this.snapshot = snapshot;
        this.signal = signal;
    }
    origin() {
        return this.fallback === undefined
            ? { kind: 'api' }
            : { kind: 'snapshot', date: this.snapshot.date, ...this.fallback };
    }
    price(query, region) {
        const key = `${region}|${(0,price_query/* queryKey */.q)(query)}`;
        let known = this.cache.get(key);
        if (known === undefined) {
            known = this.ask(query, region);
            this.cache.set(key, known);
        }
        return known;
    }
    fromSnapshot(query, region) {
        return this.snapshot.prices[region]?.[(0,price_query/* queryKey */.q)(query)];
    }
    async ask(query, region) {
        if (this.fallback !== undefined)
            return this.fromSnapshot(query, region);
        try {
            return await this.fromApi(query, region);
        }
        catch (err) {
            const name = (0,errors/* awsErrorName */.ZH)(err);
            this.fallback ??= /AccessDenied|UnauthorizedOperation|NotAuthorized/.test(name)
                ? { reason: 'pricing:GetProducts was denied' }
                : { reason: 'the Price List API did not answer', detail: (0,errors/* messageOf */.bD)(err).slice(0, 200) };
            return this.fromSnapshot(query, region);
        }
    }
    async fromApi(query, region) {
        return getProductsPrice(await this.client(), query, region, this.signal);
    }
}
/** Prices from a snapshot alone, with no call (the README's cost table, tests). */
function snapshotPrices(snapshot = BUNDLED_SNAPSHOT, reason = 'no API call') {
    return {
        price: (query, region) => Promise.resolve(snapshot.prices[region]?.[queryKey(query)]),
        origin: () => ({ kind: 'snapshot', date: snapshot.date, reason })
    };
}

// EXTERNAL MODULE: ./src/insight/cost/resolve-template.ts
var resolve_template = __webpack_require__(5415);
// EXTERNAL MODULE: ./src/insight/cost/sides.ts
var cost_sides = __webpack_require__(4484);
;// CONCATENATED MODULE: ./src/insight/drift.ts


/** How long drift may take: past it, a note and no drift section (INTERFACE.md, `drift`). */
const DRIFT_BUDGET_MS = 60_000;
/**
 * Detects drift on the stack and reads the drifted resources. Never throws: a denied call, a failed detection or
 * the budget running out is a note. `budgetMs` counts the waits between polls on the run's clock.
 */
async function detectDrift(ctx, stackName, budgetMs = DRIFT_BUDGET_MS) {
    const cfn = ctx.clients.cloudformation;
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(budgetMs + 5_000)]);
    try {
        const started = await cfn.send(new dist_cjs/* DetectStackDriftCommand */._9b({ StackName: stackName }), {
            abortSignal: signal
        });
        const id = started.StackDriftDetectionId ?? '';
        let waited = 0;
        let partial;
        for (let delay = 500;; delay = Math.min(delay * 2, 5_000)) {
            const status = await cfn.send(new dist_cjs/* DescribeStackDriftDetectionStatusCommand */.Hb8({ StackDriftDetectionId: id }), {
                abortSignal: signal
            });
            if (status.DetectionStatus === 'DETECTION_COMPLETE')
                break;
            // Failed for some resources (often one the role may not read): results still come for the others
            // (DescribeStackDriftDetectionStatus API reference, DETECTION_FAILED).
            if (status.DetectionStatus === 'DETECTION_FAILED') {
                partial = status.DetectionStatusReason ?? 'no reason given';
                break;
            }
            if (waited >= budgetMs)
                return {
                    kind: 'unavailable',
                    note: `Drift detection did not finish within ${Math.round(budgetMs / 1000)} s; drift is not shown.`
                };
            await ctx.clock.sleep(delay, signal);
            waited += delay;
        }
        const drifts = [];
        let NextToken;
        do {
            const page = await cfn.send(new dist_cjs/* DescribeStackResourceDriftsCommand */.Bkw({
                StackName: stackName,
                StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
                MaxResults: 100,
                ...(NextToken === undefined ? {} : { NextToken })
            }), { abortSignal: signal });
            drifts.push(...(page.StackResourceDrifts ?? []));
            NextToken = page.NextToken;
        } while (NextToken !== undefined && NextToken !== '');
        return {
            kind: 'raw',
            ...(partial === undefined ? {} : { partial }),
            drifts: drifts.map(d => ({
                logicalId: d.LogicalResourceId ?? '',
                type: d.ResourceType ?? '',
                status: d.StackResourceDriftStatus === 'DELETED' ? 'DELETED' : 'MODIFIED',
                differences: (d.PropertyDifferences ?? []).map(p => ({
                    path: p.PropertyPath ?? '',
                    deployed: p.ExpectedValue,
                    live: p.ActualValue
                }))
            }))
        };
    }
    catch (err) {
        const name = (0,errors/* awsErrorName */.ZH)(err);
        if (/AccessDenied|UnauthorizedOperation/.test(name))
            return {
                kind: 'unavailable',
                note: `Drift was not checked: ${name} (the role needs cloudformation:DetectStackDrift, DescribeStackDriftDetectionStatus and DescribeStackResourceDrifts).`
            };
        if (signal.aborted && !ctx.signal.aborted)
            return {
                kind: 'unavailable',
                note: `Drift detection did not finish within ${Math.round(budgetMs / 1000)} s; drift is not shown.`
            };
        return { kind: 'unavailable', note: 'Drift was not checked.', detail: (0,errors/* messageOf */.bD)(err).slice(0, 300) };
    }
}
/** The value at a JSON pointer (`/A/0/B`) in a change set's context properties, as text. */
function valueAt(context, pointer) {
    if (context === undefined)
        return undefined;
    let node;
    try {
        node = JSON.parse(context).Properties;
    }
    catch {
        return undefined;
    }
    for (const step of pointer.split('/').slice(1)) {
        const key = step.replace(/~1/g, '/').replace(/~0/g, '~');
        if (typeof node !== 'object' || node === null)
            return undefined;
        node = node[key];
    }
    if (node === undefined)
        return undefined;
    return typeof node === 'string' ? node : JSON.stringify(node);
}
/** Whether a change set detail sets this property (or a part of it, or a property that holds it). */
function touches(change, pointer) {
    const full = `/Properties${pointer}`;
    return (change.Details ?? []).some(d => {
        const path = d.Target?.Path;
        if (path === undefined)
            return d.Target?.Attribute === 'Properties' && d.Target.Name === pointer.split('/')[1];
        return full === path || full.startsWith(`${path}/`) || path.startsWith(`${full}/`);
    });
}
/** Drift read against the change set: what the merge does to each drifted property. */
function driftAgainstChanges(drifts, changes) {
    const byId = new Map(changes.map(c => [c.LogicalResourceId ?? '', c]));
    return drifts.map(drift => {
        const change = byId.get(drift.logicalId);
        const fate = change === undefined
            ? 'untouched'
            : change.Action === 'Remove'
                ? 'removed'
                : change.Replacement === 'True'
                    ? 'replaced'
                    : 'updated';
        const properties = drift.differences.map(d => {
            if (fate === 'removed')
                return { ...d, afterMerge: undefined, overwritten: true };
            const set = change !== undefined && (fate === 'replaced' || touches(change, d.path));
            return set
                ? { ...d, afterMerge: valueAt(change.AfterContext, d.path), overwritten: true }
                : { ...d, afterMerge: d.live, overwritten: false };
        });
        return { logicalId: drift.logicalId, type: drift.type, status: drift.status, fate, properties };
    });
}

// EXTERNAL MODULE: ./src/insight/insight.ts
var insight_insight = __webpack_require__(2952);
;// CONCATENATED MODULE: ./src/insight/revert-drift.ts
function revertDriftChanges(changes) {
    const out = [];
    for (const change of changes) {
        const properties = (change.Details ?? [])
            .filter(d => d.Target?.Drift !== undefined || d.Target?.BeforeValueFrom !== undefined)
            .map(d => ({
            path: d.Target?.Path ?? d.Target?.Name ?? '',
            previous: d.Target?.Drift?.PreviousValue,
            actual: d.Target?.Drift?.ActualValue,
            after: d.Target?.AfterValue,
            beforeValueFrom: d.Target?.BeforeValueFrom
        }));
        const ignored = (change.ResourceDriftIgnoredAttributes ?? []).map(a => ({
            path: a.Path ?? '',
            reason: a.Reason ?? ''
        }));
        if (change.ResourceDriftStatus === undefined && properties.length === 0 && ignored.length === 0)
            continue;
        out.push({
            logicalId: change.LogicalResourceId ?? '',
            type: change.ResourceType ?? '',
            driftStatus: change.ResourceDriftStatus ?? '',
            properties,
            ignored
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/insight/gather.ts












/** Starts drift detection on an existing stack (drift on); undefined when there is nothing to check. */
function startDrift(ctx, existing) {
    if (!ctx.settings.drift || existing === undefined)
        return undefined;
    const stop = new AbortController();
    const signal = AbortSignal.any([ctx.signal, stop.signal]);
    return {
        result: detectDrift({ ...ctx, signal }, existing.StackName ?? ctx.settings.stackName),
        stop: () => stop.abort()
    };
}
/** The change set's cost at rest; a note instead when it cannot be priced. Never throws. */
async function priceChange(ctx, templateBody, parameters, changes) {
    try {
        const given = Object.fromEntries(parameters.map(p => [p.ParameterKey ?? '', p.ParameterValue ?? '']));
        const resolved = (0,resolve_template/* resolveResources */.k)(parseTemplateBody(templateBody), given);
        const sides = (0,cost_sides/* stackSides */.v)(resolved, (0,stack_changes/* resourceChanges */.Ag)([...changes]));
        const prices = new RunPriceSource(() => ctx.clients.pricing(), undefined, ctx.signal);
        return await (0,estimate/* estimateCost */.a)(sides, await ctx.clients.region(), prices);
    }
    catch (err) {
        return {
            note: `The change could not be priced: ${(0,errors/* messageOf */.bD)(err)
                .slice(0, 200)
                .replace(/[^\w .,:()/-]/g, '')}`
        };
    }
}
/** Cost, checks and drift of a preview's or plan's change set, read concurrently while the change set exists. */
async function gatherInsight(ctx, view, drift) {
    const { settings } = ctx;
    const wantsCost = settings.cost || settings.maxMonthlyIncrease !== undefined;
    const [cost, checks, rawDrift] = await Promise.all([
        wantsCost ? priceChange(ctx, view.templateBody, view.parameters, view.changes) : undefined,
        readChecks(ctx, view.changeSetId),
        drift?.result
    ]);
    const changes = (0,stack_changes/* resourceChanges */.Ag)([...view.changes]);
    const driftResult = rawDrift === undefined
        ? undefined
        : rawDrift.kind === 'raw'
            ? {
                kind: 'checked',
                resources: driftAgainstChanges(rawDrift.drifts, changes),
                ...(rawDrift.partial === undefined ? {} : { partial: rawDrift.partial })
            }
            : rawDrift;
    return {
        cost,
        maxMonthlyIncrease: settings.maxMonthlyIncrease,
        drift: driftResult,
        revertDrift: settings.deploymentMode === 'revert-drift' ? revertDriftChanges(changes) : undefined,
        checks
    };
}
/**
 * Why a preview or plan that reported in full fails after all (the comment it wrote stays as it is): a priced
 * increase over max-monthly-increase, or a failed check. undefined when it does not.
 */
function notReadyReason(insight) {
    const reasons = [];
    const fails = (0,insight_insight/* failedChecks */.HH)(insight);
    if (fails > 0)
        reasons.push(`${fails} of AWS's checks failed (see the Checks section)`);
    if ((0,insight_insight/* overLimit */.W1)(insight) && insight !== undefined && (0,insight_insight/* isEstimate */.Bh)(insight.cost))
        reasons.push(`the change raises the monthly cost at rest by $${(0,estimate/* dollars */.E)(insight.cost.delta)}, over max-monthly-increase ($${(0,estimate/* dollars */.E)(insight.maxMonthlyIncrease ?? 0)})`);
    return reasons.length === 0 ? undefined : `This change is not ready to merge: ${reasons.join('; ')}.`;
}
/**
 * deploy and execute: prices the change set and refuses it, before ExecuteChangeSet, when the increase is over
 * max-monthly-increase. Returns what it found, for the summary. The caller deletes the change set when this throws.
 */
async function guardCost(ctx, view) {
    const { settings } = ctx;
    if (!settings.cost && settings.maxMonthlyIncrease === undefined)
        return undefined;
    const body = view.templateBody ?? (await changeSetTemplate(ctx, view.changeSetId));
    const cost = await priceChange(ctx, body, view.parameters, view.changes);
    const insight = { cost, maxMonthlyIncrease: settings.maxMonthlyIncrease };
    if (!(0,insight_insight/* isEstimate */.Bh)(cost)) {
        if (settings.maxMonthlyIncrease !== undefined)
            ctx.log.warning(`max-monthly-increase is set, but ${cost.note.replace(/^The/, 'the')}; the change is not refused for cost.`);
        return insight;
    }
    if ((0,insight_insight/* overLimit */.W1)(insight)) {
        throw new errors/* DeployError */.sH(`Refusing to execute: the change raises the monthly cost at rest of stack ${settings.stackName} by $${(0,estimate/* dollars */.E)(cost.delta)} (from $${(0,estimate/* dollars */.E)(cost.before)} to $${(0,estimate/* dollars */.E)(cost.after)}), over max-monthly-increase ($${(0,estimate/* dollars */.E)(settings.maxMonthlyIncrease ?? 0)}). Raise the limit or change the parameters.`);
    }
    return insight;
}
async function changeSetTemplate(ctx, changeSetId) {
    const answer = await ctx.clients.cloudformation.send(new dist_cjs/* GetTemplateCommand */._JK({
        StackName: ctx.settings.stackName,
        ChangeSetName: changeSetId,
        TemplateStage: 'Original'
    }), { abortSignal: ctx.signal });
    return answer.TemplateBody ?? '';
}
/** The insight outputs: cost-monthly-before/after/delta (two decimals) and drifted-count; empty when not looked at. */
function insightOutputs(insight) {
    const out = {};
    if (insight !== undefined && (0,insight_insight/* isEstimate */.Bh)(insight.cost)) {
        out['cost-monthly-before'] = (0,estimate/* dollars */.E)(insight.cost.before);
        out['cost-monthly-after'] = (0,estimate/* dollars */.E)(insight.cost.after);
        out['cost-monthly-delta'] = (0,estimate/* dollars */.E)(insight.cost.delta);
    }
    if (insight?.drift?.kind === 'checked')
        out['drifted-count'] = String(insight.drift.resources.length);
    return out;
}

;// CONCATENATED MODULE: ./src/modes/deploy.ts












/** Errors that mean another operation got to the stack first: wait, then plan again. */
function isConflict(err) {
    const text = (0,errors/* messageOf */.bD)(err);
    return (((0,errors/* awsErrorName */.ZH)(err) === 'ValidationError' && /_IN_PROGRESS state and can not be updated/.test(text)) ||
        (/^InvalidChangeSetStatus/.test((0,errors/* awsErrorName */.ZH)(err)) && /OBSOLETE/.test(text)) ||
        // Executing a change set deletes the stack's others: ours vanished because another run executed first.
        /^ChangeSetNotFound/.test((0,errors/* awsErrorName */.ZH)(err)) ||
        err instanceof ChangeSetDeleted ||
        // Another run's first deploy created the stack between our look and our CREATE change set: AWS answers
        // ValidationError "Stack [name] already exists and cannot be created again with the changeSet [...]".
        (/^(ValidationError|AlreadyExistsException)$/.test((0,errors/* awsErrorName */.ZH)(err)) &&
            /already exists and cannot be created again|^Stack \[/.test(text)));
}
const MAX_PLANS = 3;
/** Creates or updates the stack through a change set, waits, and explains every failure. */
async function deploy(ctx, request) {
    for (let plan = 1;; plan++) {
        try {
            return await deployOnce(ctx, request);
        }
        catch (err) {
            if (!isConflict(err) || plan >= MAX_PLANS)
                throw err;
            ctx.log.info(`Another operation started on stack ${ctx.settings.stackName} (${(0,errors/* messageOf */.bD)(err)}); waiting for it, then planning again.`);
        }
    }
}
async function deployOnce(ctx, request) {
    const { settings, log } = ctx;
    let state = await settledState(ctx);
    if (state.kind === 'stuck') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`);
    }
    const resolved = checkParameters(ctx, request, state);
    if (resolved.kept.length > 0) {
        log.info(`Keeping the previous values of ${resolved.kept.length} parameters not given: ${resolved.kept.join(', ')}.`);
    }
    // A drift-aware change set can revert drift with the template unchanged: it is always built.
    const revertsDrift = settings.deploymentMode === 'revert-drift';
    if (state.kind === 'stable' &&
        !revertsDrift &&
        (await matchesDeployedStack(ctx, request, resolved, state.stack))) {
        return noChanges(ctx, state.stack, resolved.secrets, 'the template, parameters and tags are those deployed');
    }
    const name = changeSetName('metaflow-deploy', settings.environment, ctx.env);
    let operation = state.kind === 'absent' ? 'create' : 'update';
    if (state.kind === 'failed-create') {
        // An empty review stack (left by a preview or a plan) is taken over as it is: a create, not a recreate.
        operation = state.stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'create' : 'recreate';
        state = await replaceFailedCreate(ctx, state, name);
    }
    // A REVIEW_IN_PROGRESS stack (a first deploy or plan that never executed) takes a CREATE change set as it is.
    const creates = state.kind !== 'stable';
    const stackExisted = state.kind !== 'absent';
    const plan = await planChangeSet(ctx, {
        stackName: settings.stackName,
        type: creates ? 'CREATE' : 'UPDATE',
        name,
        template: request.template,
        parameters: resolved,
        createsStack: creates && !stackExisted,
        existingStack: state.kind === 'absent' ? undefined : state.stack
    });
    const { handle } = plan;
    let executed = false;
    let failure;
    try {
        if (plan.outcome.kind === 'failed') {
            throw new errors/* DeployError */.sH(`The change set for stack ${settings.stackName} failed: ${plan.outcome.reason}`);
        }
        if (plan.outcome.kind === 'empty') {
            const stack = await describeOrFail(ctx);
            return noChanges(ctx, stack, resolved.secrets, 'the change set holds no changes');
        }
        await logPlan(log, 'Changes', plan);
        const nested = plan.nested;
        const dataLoss = guardDataLoss(ctx, { changes: plan.changes, nested });
        const insight = await guardCost(ctx, {
            templateBody: request.template.body,
            parameters: plan.parameters,
            changes: plan.changes,
            changeSetId: handle.id
        });
        const applied = await applyChangeSet(ctx, handle, {
            creates,
            secrets: resolved.secrets,
            resourceTypes: planResourceTypes(plan),
            onStarted: () => {
                executed = true;
            }
        });
        await applyTerminationProtection(ctx, applied.stack);
        return {
            stack: applied.stack,
            changeSetId: handle.id,
            operation,
            changes: plan.changes,
            nested,
            parameters: plan.parameters,
            parameterChanges: parameterChanges(state.kind === 'stable' ? state.stack.Parameters : undefined, plan.parameters),
            hasChanges: true,
            dataLoss,
            secrets: resolved.secrets,
            orphaned: applied.orphaned,
            insight
        };
    }
    catch (err) {
        failure = err;
        throw err;
    }
    finally {
        // Nothing is left behind: a change set that was not executed goes, with the empty stack a CREATE made.
        if (!executed)
            (0,errors/* noteLeftovers */.Bn)(failure, await discardPlan(ctx, handle, creates && !stackExisted));
    }
}
/**
 * A first create that failed (ROLLBACK_COMPLETE) holds nothing: with on-failed-create recreate it is deleted, so
 * that a CREATE change set can build it again. An empty REVIEW_IN_PROGRESS stack is kept as it is: a CREATE change
 * set works on it, and another run may be planning on it (deleting it would pull the floor from under that run).
 */
async function replaceFailedCreate(ctx, state, name) {
    const { settings, log } = ctx;
    const status = state.stack.StackStatus ?? '';
    if (status === 'REVIEW_IN_PROGRESS')
        return state;
    if (settings.onFailedCreate === 'fail') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${status}: its first create failed and was rolled back, so it holds no resources. Delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`) or set on-failed-create: recreate, then re-run.`);
    }
    await log.group(`Deleting stack ${settings.stackName} (${status}: its first create failed) to create it again`, () => deleteEmptyStack(ctx, state.stack, `${name}-delete`));
    return { kind: 'absent' };
}
/** Nothing to deploy: still applies termination protection, unless fail-on-empty-changeset says to fail. */
async function noChanges(ctx, stack, secrets, why) {
    const { settings, log } = ctx;
    if (settings.failOnEmptyChangeset) {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} has no changes to deploy, and fail-on-empty-changeset is true.`);
    }
    log.info(`No changes: stack ${settings.stackName} already matches (${why}).`);
    await applyTerminationProtection(ctx, stack);
    return unchangedOutcome(stack, 'update', secrets);
}
async function describeOrFail(ctx) {
    const stack = await (0,stack_state.describeStack)(ctx.clients.cloudformation, ctx.settings.stackName);
    if (stack === undefined)
        throw new errors/* DeployError */.sH(`Stack ${ctx.settings.stackName} does not exist.`);
    return stack;
}

;// CONCATENATED MODULE: ./src/guards/plan-binding.ts



/**
 * Binds execute to what was reviewed. A change set's name and description say who claims to have built it, and
 * anyone allowed to create change sets can claim anything; so execute reads the same `template` and parameter
 * inputs the plan read (the promotion checks out the same commit) and refuses, before ExecuteChangeSet, a change
 * set whose own template (GetTemplate with its name, stage Original: the template exactly as submitted) or whose
 * parameters differ from them. Only the reviewed commit's change set can run, whoever made one with a plan's name.
 *
 * A refused change set is LEFT in place, and named: the difference may be the execute job's own inputs (another
 * commit checked out, a parameters file left out), and deleting would throw away a reviewed plan. Only the deploy
 * role may build `metaflow-plan-*` change sets (docs/iam-policy-preview.json denies them), and execute refuses a
 * foreign one whoever asks, so leaving it runs nothing.
 */
class PlanMismatch extends errors/* DeployError */.sH {
    constructor(message) {
        super(message);
        this.name = 'PlanMismatch';
    }
}
async function checkPlanBinding(ctx, binding) {
    const { description, template } = binding;
    const name = description.ChangeSetName ?? ctx.settings.changeSetId;
    const fix = `Execute only on the plan's commit, with the same template, parameters and parameters-file as the plan (the promotion example checks out the plan's commit); otherwise plan again. Change set ${name} was left in place.`;
    const planned = await ctx.clients.cloudformation.send(new dist_cjs/* GetTemplateCommand */._JK({
        StackName: description.StackId,
        ChangeSetName: description.ChangeSetId ?? ctx.settings.changeSetId,
        TemplateStage: 'Original'
    }), { abortSignal: ctx.signal });
    if (planned.TemplateBody !== template.body) {
        throw new PlanMismatch(`Refused to execute change set ${name}: its template is not the template this job was given (${template.origin}), so it is not the plan that was reviewed for this commit. ${fix}`);
    }
    const differing = differingParameters(binding);
    if (differing.length > 0) {
        throw new PlanMismatch(`Refused to execute change set ${name}: its parameters ${differing.join(', ')} differ from this job's parameters and parameters-file, so it is not the plan that was reviewed. ${fix}`);
    }
}
/**
 * Keys whose value in the change set is not the one these inputs give: a given value, the stack's value for a
 * kept one, or the template's default. NoEcho parameters are left out: CloudFormation describes them as ****.
 */
function differingParameters({ description, template, resolved, deployed }) {
    const inChangeSet = new Map((description.Parameters ?? []).map(p => [p.ParameterKey ?? '', p]));
    const previous = new Map((deployed?.Parameters ?? []).map(p => [p.ParameterKey ?? '', p.ParameterValue]));
    const given = new Map(resolved.parameters.map(p => [p.ParameterKey ?? '', p]));
    const differing = [];
    for (const [key, declared] of Object.entries(template.parameters)) {
        if (isNoEcho(declared))
            continue;
        const expected = expectedValue(given.get(key), previous.get(key), declared.Default);
        if (expected === undefined)
            continue;
        if (inChangeSet.get(key)?.ParameterValue !== expected)
            differing.push(key);
    }
    for (const key of inChangeSet.keys()) {
        if (!Object.hasOwn(template.parameters, key))
            differing.push(key);
    }
    return differing;
}
function expectedValue(given, previous, fallback) {
    if (given?.UsePreviousValue === true)
        return previous;
    if (given !== undefined)
        return given.ParameterValue;
    if (Array.isArray(fallback))
        return fallback.map(String).join(',');
    if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean')
        return String(fallback);
    return undefined;
}

;// CONCATENATED MODULE: ./src/modes/execute.ts













/**
 * mode execute: runs exactly the change set a plan kept, never a new one. Before ExecuteChangeSet it proves the
 * change set is the reviewed one: it belongs to stack-name, was built by this action's plan, CloudFormation still
 * offers it for execution (a stack changed since the plan makes it OBSOLETE), and its own template and parameters
 * are this job's `template` and parameter inputs, the reviewed commit's (plan-binding.ts). Then it applies the
 * data-loss guard to every stack of the plan, nested ones included, executes, follows the events and publishes as
 * deploy does. The NoEcho values of those inputs are masked from the start, whatever AWS echoes back.
 */
async function executePlanned(ctx, given) {
    const { settings, log } = ctx;
    const state = await settledState(ctx);
    if (settings.changeSetId === '') {
        if (state.kind !== 'stable') {
            throw new errors/* DeployError */.sH(`change-set-id is empty (the plan had nothing to change), but stack ${settings.stackName} is ${state.kind === 'absent' ? 'absent' : (state.stack.StackStatus ?? '')}. Plan again.`);
        }
        log.info(`change-set-id is empty: the plan found nothing to change in stack ${settings.stackName}.`);
        await applyTerminationProtection(ctx, state.stack);
        return unchangedOutcome(state.stack, 'update', []);
    }
    if (state.kind === 'stuck') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`);
    }
    const request = given ?? (await readStackRequest(ctx));
    // Masks the NoEcho values these inputs give (log, annotations, summary) before anything can echo them.
    const resolved = checkParameters(ctx, request, state);
    const description = await describePlanned(ctx);
    const deployed = state.kind === 'stable' ? state.stack : undefined;
    checkPlanned(ctx, description, deployed);
    await checkPlanBinding(ctx, { description, template: request.template, resolved, deployed });
    const handle = {
        id: description.ChangeSetId ?? settings.changeSetId,
        name: description.ChangeSetName ?? '',
        stackId: description.StackId ?? ''
    };
    const plan = await readPlan(ctx, handle, description);
    await logPlan(log, 'Executing the planned change set', plan);
    const creates = deployed === undefined;
    let dataLoss;
    try {
        dataLoss = guardDataLoss(ctx, { changes: plan.changes, nested: plan.nested });
    }
    catch (err) {
        // Refused: the reviewed change set must not be run later by accident either. Planning again with
        // allow-data-loss makes a new one for a new review.
        await deleteChangeSet(ctx.clients.cloudformation, handle.id, message => log.warning(message));
        throw err;
    }
    let insight;
    try {
        insight = await guardCost(ctx, {
            parameters: plan.parameters,
            changes: plan.changes,
            changeSetId: handle.id
        });
    }
    catch (err) {
        // Refused for cost: as for data loss, the reviewed change set goes, so nobody runs it later by accident.
        await deleteChangeSet(ctx.clients.cloudformation, handle.id, message => log.warning(message));
        throw err;
    }
    const applied = await applyChangeSet(ctx, handle, {
        creates,
        secrets: resolved.secrets,
        resourceTypes: planResourceTypes(plan),
        onStarted: () => undefined
    });
    await applyTerminationProtection(ctx, applied.stack);
    return {
        stack: applied.stack,
        changeSetId: handle.id,
        operation: creates ? 'create' : 'update',
        changes: plan.changes,
        nested: plan.nested,
        parameters: plan.parameters,
        parameterChanges: parameterChanges(deployed?.Parameters, plan.parameters),
        hasChanges: true,
        dataLoss,
        secrets: resolved.secrets,
        orphaned: applied.orphaned,
        insight
    };
}
async function describePlanned(ctx) {
    const id = ctx.settings.changeSetId;
    try {
        return await ctx.clients.cloudformation.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ ChangeSetName: id, IncludePropertyValues: true }), { abortSignal: ctx.signal });
    }
    catch (err) {
        if (/^ChangeSetNotFound/.test((0,errors/* awsErrorName */.ZH)(err))) {
            throw new errors/* DeployError */.sH(`Change set ${id} is gone: it was deleted, or another change set of the stack was executed since the plan (which deletes the others). Plan again and review the new plan.`);
        }
        throw err;
    }
}
/** Refuses, before any change, a change set that is not the reviewed, executable plan of this stack. */
function checkPlanned(ctx, description, deployed) {
    const { settings } = ctx;
    const id = settings.changeSetId;
    const stackName = description.StackName ?? '';
    if (stackName !== settings.stackName) {
        throw new errors/* DeployError */.sH(`Change set ${id} belongs to stack ${stackName}, not to stack-name ${settings.stackName}. Pass the change-set-id of this stack's plan.`);
    }
    if (!(description.ChangeSetName ?? '').startsWith(stack_state.PLAN_CHANGE_SET_PREFIX) ||
        !(description.Description ?? '').startsWith('metaflow-deploy')) {
        throw new errors/* DeployError */.sH(`Change set ${description.ChangeSetName ?? id} was not built by this action's plan mode, so nobody reviewed it here. Run mode: plan and pass its change-set-id.`);
    }
    const status = description.Status ?? '';
    const execution = description.ExecutionStatus ?? '';
    if (execution === 'OBSOLETE') {
        throw new errors/* DeployError */.sH(`Change set ${description.ChangeSetName ?? id} is OBSOLETE: stack ${settings.stackName} changed after the plan (another deploy or an execute ran), so what was reviewed no longer applies. Plan again and review the new plan.`);
    }
    // CloudFormation deletes or obsoletes a stack's other change sets when one executes; this holds even where it
    // has not (yet) done so: a stack changed after the plan was made is not the stack that was reviewed.
    const planned = description.CreationTime?.getTime();
    const changed = (deployed?.LastUpdatedTime ?? deployed?.CreationTime)?.getTime();
    if (planned !== undefined && changed !== undefined && changed > planned) {
        throw new errors/* DeployError */.sH(`Change set ${description.ChangeSetName ?? id} is stale: stack ${settings.stackName} changed at ${new Date(changed).toISOString()}, after the plan was made at ${new Date(planned).toISOString()}. Plan again and review the new plan.`);
    }
    if (execution === 'EXECUTE_COMPLETE' || execution === 'EXECUTE_IN_PROGRESS') {
        throw new errors/* DeployError */.sH(`Change set ${description.ChangeSetName ?? id} was already executed (${execution}). Plan again for any further change.`);
    }
    if (status !== 'CREATE_COMPLETE' || execution !== 'AVAILABLE') {
        throw new errors/* DeployError */.sH(`Change set ${description.ChangeSetName ?? id} cannot be executed: its status is ${status || 'unknown'} and its execution status ${execution || 'unknown'}${description.StatusReason === undefined ? '' : ` (${description.StatusReason})`}. Plan again.`);
    }
}

// EXTERNAL MODULE: ./src/run/log.ts
var log = __webpack_require__(3503);
;// CONCATENATED MODULE: ./src/modes/preview.ts










/**
 * What merging would do: a change set against the live stack, read in full. A preview then deletes it; a plan
 * KEEPS it, for a later execute to run exactly that. Nothing is executed either way, and no stack is ever deleted:
 * the empty REVIEW_IN_PROGRESS stack a CREATE change set leaves costs nothing, and the first deploy (or a later
 * preview) builds its own CREATE change set on it. Deleting it was a race: a first deploy running at the same time
 * could have made it a real stack between the check and the delete (issue 23.2).
 */
async function preview(ctx, request, keep) {
    const { settings, log } = ctx;
    const what = keep ? 'plan' : 'preview';
    const state = await settledState(ctx);
    if (state.kind === 'stuck') {
        throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, so no deploy can run until a person fixes it. ${state.recovery}`);
    }
    const resolved = checkParameters(ctx, request, state);
    const existing = state.kind === 'stable' ? state.stack : undefined;
    // A drift-aware change set can revert drift with the template unchanged: it is always built.
    const revertsDrift = settings.deploymentMode === 'revert-drift';
    if (existing !== undefined &&
        !revertsDrift &&
        (await matchesDeployedStack(ctx, request, resolved, existing))) {
        log.info(`No changes: stack ${settings.stackName} already has this template, these parameters and tags; no change set was needed.`);
        return unchangedOutcome(existing, 'update', resolved.secrets);
    }
    const name = changeSetName(keep ? stack_state.PLAN_CHANGE_SET_PREFIX : 'metaflow-preview', settings.environment, ctx.env);
    let stackName = settings.stackName;
    let type = 'UPDATE';
    let operation = 'update';
    if (state.kind === 'absent') {
        type = 'CREATE';
        operation = 'create';
    }
    else if (state.kind === 'failed-create') {
        // A CREATE change set works on a REVIEW_IN_PROGRESS stack as it is. Next to a ROLLBACK_COMPLETE one a preview
        // needs a stand-in stack: one fixed name per stack, left empty in REVIEW_IN_PROGRESS and reused by every later
        // preview (never deleted: previews delete no stack). A plan cannot, since execute must run on the real stack.
        type = 'CREATE';
        // An empty review stack (a preview's, or a first deploy's that never ran) is created, not recreated: the
        // first deploy takes it over as it is.
        operation = state.stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'create' : 'recreate';
        if (state.stack.StackStatus === 'ROLLBACK_COMPLETE') {
            if (keep) {
                throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ROLLBACK_COMPLETE: its first create failed, and it holds nothing. A plan changes nothing, so it cannot replace that stack: run mode: deploy (on-failed-create: recreate) or delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`), then plan again.`);
            }
            stackName = standInName(settings.stackName);
        }
    }
    // Drift detection runs while CloudFormation builds the change set.
    const drift = startDrift(ctx, existing);
    const plan = await planChangeSet(ctx, {
        stackName,
        type,
        name,
        template: request.template,
        parameters: resolved,
        createsStack: false,
        existingStack: state.kind === 'absent' ? undefined : state.stack
    });
    let kept = false;
    let failure;
    try {
        if (plan.outcome.kind === 'failed') {
            throw new errors/* DeployError */.sH(`The change set for stack ${settings.stackName} failed, so this change cannot deploy: ${plan.outcome.reason}`);
        }
        const empty = plan.outcome.kind === 'empty';
        await logPlan(log, keep ? 'Plan' : 'Preview', plan, empty ? [`No changes: stack ${settings.stackName} already matches the template and parameters.`] : []);
        if (empty)
            return unchangedOutcome(existing, operation, resolved.secrets);
        const nested = plan.nested;
        kept = keep;
        if (keep) {
            log.info(`Kept change set ${plan.handle.id} for review. Execute exactly it with mode: execute and change-set-id set to this run's change-set-id output.`);
        }
        const insight = await gatherInsight(ctx, {
            templateBody: request.template.body,
            parameters: plan.parameters,
            changes: plan.changes,
            changeSetId: plan.handle.id
        }, drift);
        return {
            insight,
            stack: existing,
            changeSetId: plan.handle.id,
            operation,
            changes: plan.changes,
            nested,
            parameters: plan.parameters,
            parameterChanges: parameterChanges(existing?.Parameters, plan.parameters),
            hasChanges: true,
            dataLoss: (0,data_loss/* assessPlan */.u8)({ changes: plan.changes, nested }, settings.allowDataLoss),
            secrets: resolved.secrets,
            orphaned: []
        };
    }
    catch (err) {
        failure = err;
        throw err;
    }
    finally {
        drift?.stop();
        if (!kept) {
            const left = await log.group(`Deleting ${what} change set ${name}`, () => discardPlan(ctx, plan.handle, false));
            (0,errors/* noteLeftovers */.Bn)(failure, left);
        }
    }
}
/**
 * The stack a preview of a ROLLBACK_COMPLETE stack plans on: CloudFormation takes no change set on that stack, and
 * a preview may not delete it. The suffix keeps it inside the `metaflow-*` resources the preview role may use.
 */
function standInName(stackName) {
    const suffix = '-preview-stand-in';
    return `${stackName.slice(0, 128 - suffix.length)}${suffix}`;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/publish/changes-file.ts




/**
 * Writes the document under RUNNER_TEMP (which the runner empties after the job) and returns its path. Secrets
 * are removed from the data itself before it is serialised, so no encoding of them reaches the file.
 */
function writeChangesFile(env, document, secrets) {
    const dir = (0,external_node_path_.join)(env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'metaflow-deploy');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    const label = [document.stackName, document.environment, document.mode].filter(p => p !== '').join('-');
    const path = (0,external_node_path_.join)(dir, `changes-${label}.json`);
    (0,external_node_fs_.writeFileSync)(path, `${JSON.stringify(redactDeep(document, secrets), null, 2)}\n`, { mode: 0o600 });
    return path;
}
/**
 * Every string in the value (keys too) with each secret replaced by ****: the renderers' redactor, applied to the
 * data, so the file is redacted the same way as the comment and the summary.
 */
function redactDeep(value, secrets) {
    if (secrets.every(secret => secret === ''))
        return value;
    const clean = (0,redact/* redactor */.$p)(secrets);
    const scrub = (item) => {
        if (typeof item === 'string')
            return clean(item);
        if (Array.isArray(item))
            return item.map(scrub);
        if (item instanceof Date)
            return item;
        if (item !== null && typeof item === 'object') {
            return Object.fromEntries(Object.entries(item).map(([key, inner]) => [clean(key), scrub(inner)]));
        }
        return item;
    };
    return scrub(value);
}

;// CONCATENATED MODULE: ./src/github/octokit.ts
/** Answers that a retry cannot change: 403 (permissions, or a spent rate limit), 404, 422 (validation), … */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];
/** A read that hangs this long is abandoned and tried again (reads only; writes are never retried blind). */
const GITHUB_REQUEST_MS = 20_000;
/**
 * Retries of a 5xx, 429 or dropped connection, and the first wait (then 4x, 9x: the plugin squares the count).
 * Two, from 0.5 s: a comment is worth 2.5 s of waiting, not the minute three retries from 1 s took per call.
 */
const RETRIES = 2;
const RETRY_BASE_MS = 500;
/** A GitHub call ended because the run had to stop (deadline or cancellation), not because GitHub answered. */
class GitHubInterrupted extends Error {
    call;
    constructor(call, reason) {
        super(`${call} was interrupted: ${reason}`);
        this.call = call;
        this.name = 'GitHubInterrupted';
    }
}
/** What a GitHub call does, in words, from its method and path: how warnings and errors name it. */
function callName(method, url) {
    const path = url.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]+/, '');
    const kinds = [
        [/^GET .*\/issues\/\d+\/comments/, "listing the pull request's comments"],
        [/^POST .*\/issues\/\d+\/comments/, 'creating the preview comment'],
        [/^PATCH .*\/issues\/comments\/\d+/, 'updating the preview comment'],
        [/^DELETE .*\/issues\/comments\/\d+/, 'deleting a duplicate preview comment'],
        [/^POST .*\/graphql$/, 'asking GitHub who the token is'],
        [/^(GET|POST|PUT) .*\/issues\/\d+\/labels/, "setting the pull request's labels"],
        [/^DELETE .*\/issues\/\d+\/labels/, "removing a pull request's label"]
    ];
    const call = `${method} ${path}`;
    const kind = kinds.find(([pattern]) => pattern.test(call))?.[1];
    return kind === undefined ? call : `${kind} (${call})`;
}
/** The call an error came from, when Octokit made it: `listing the pull request's comments (GET /repos/…)`. */
function callOf(err) {
    if (err instanceof GitHubInterrupted)
        return err.call;
    const request = err?.request;
    return typeof request?.method === 'string' && typeof request.url === 'string'
        ? callName(request.method, request.url)
        : undefined;
}
/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * the runner's proxy (HTTPS_PROXY / NO_PROXY, which @actions/github applies through @actions/http-client), and
 * up to 2 retries of 5xx, 429 and dropped connections, never of DO_NOT_RETRY. Writes turn the retries off and
 * look before trying again (github/issue-comment.ts). Every attempt is capped at `limits.requestMs`, and every
 * call, its retries and their waits included, ends at once when `limits.signal` aborts. Loaded only when a run
 * posts a comment.
 */
async function createOctokit(token, limits) {
    const [{ getOctokit: build }, { retry }] = await Promise.all([
        __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 1758)),
        __webpack_require__.e(/* import() */ 735).then(__webpack_require__.bind(__webpack_require__, 9735))
    ]);
    // `retries` belongs in the plugin's options: set as a request default (`request: { retries: 3 }`), every failed
    // request carries it, and the plugin's scheduler then retries ANY error, 403/404/422 included.
    const octokit = build(token, { retry: { retries: RETRIES, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: RETRY_BASE_MS } }, retry);
    if (limits === undefined)
        return octokit;
    // Registered last, so it wraps the retry plugin: one race against the run's end for the call and its retries,
    // and a fetch that caps each attempt on its own.
    octokit.hook.wrap('request', async (request, options) => {
        const call = callName(options.method, expand(options.url, options));
        const interrupted = () => new GitHubInterrupted(call, reasonOf(limits.signal));
        if (limits.signal.aborted)
            throw interrupted();
        const fetch = options.request.fetch ?? globalThis.fetch;
        const capped = (url, init) => fetch(url, {
            ...init,
            signal: AbortSignal.any([
                limits.signal,
                AbortSignal.timeout(limits.requestMs),
                ...(init?.signal ? [init.signal] : [])
            ])
        });
        let onAbort = () => undefined;
        const ended = new Promise((_, reject) => {
            onAbort = () => reject(interrupted());
            limits.signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
            // In place: before-after-hook binds every inner hook to this same options object, and ignores arguments.
            options.request.fetch = capped;
            return await Promise.race([request(options), ended]);
        }
        catch (err) {
            throw limits.signal.aborted ? interrupted() : err;
        }
        finally {
            limits.signal.removeEventListener('abort', onAbort);
        }
    });
    return octokit;
}
/** A route template filled in: `/repos/{owner}/{repo}/issues/{issue_number}/comments` → `/repos/acme/…/7/…`. */
function expand(url, parameters) {
    return url.replace(/\{(\w+)\}/g, (whole, name) => {
        const value = parameters[name];
        return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
    });
}
function reasonOf(signal) {
    const reason = signal.reason;
    return reason instanceof Error
        ? reason.message
        : typeof reason === 'string'
            ? reason
            : 'the run was stopped';
}

;// CONCATENATED MODULE: ./src/github/issue-comment.ts



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
/**
 * The hidden line that identifies our comment for one repository, stack, environment and region. It must START
 * the body (listOurs): a comment that merely quotes it (another workflow's bot echoing ours, a reply) is not ours.
 * The repository makes it ours among bot comments that other repositories' workflows write on the same pull
 * request (a cross-repository deploy, a fork's base).
 */
function commentMarker(pr, stackName, environment, region) {
    return `<!-- metaflow-deploy preview: repository=${pr.owner}/${pr.repo}; stack=${stackName}; environment=${environment || '-'}; region=${region} -->`;
}
/**
 * The login behind the token. The default GITHUB_TOKEN cannot read /user, but GraphQL's viewer works. When even
 * that fails (some fine-grained and app tokens), our comments are recognised by the marker on comments written by
 * a bot: the default token and GitHub Apps write as bots, a person's comment is never taken over, and a person's
 * token (a PAT) can always read its viewer. Guessing `github-actions[bot]` instead would, for an app token, miss
 * the comment every run and add a new one each time.
 */
async function author(octokit, log) {
    try {
        const result = await octokit.graphql('query { viewer { login } }');
        return { login: result.viewer.login };
    }
    catch (err) {
        log.debug(`GraphQL viewer query failed (${(0,errors/* messageOf */.bD)(err)}); taking the preview comment to be the one a bot wrote with this stack's marker.`);
        return { anyBot: true };
    }
}
function statusOf(err) {
    return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
        ? err.status
        : undefined;
}
/** True for an error that carries no HTTP response: the request may or may not have reached GitHub. */
function responseLost(err) {
    return typeof err === 'object' && err !== null && !('response' in err && err.response !== undefined);
}
function headerOf(err, name) {
    const headers = err.response?.headers;
    const value = headers?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
/**
 * A spent rate limit: 429, or a 403 with x-ratelimit-remaining 0 (primary) or a "secondary rate limit" message
 * (docs.github.com, "Rate limits for the REST API": both answer 403 or 429).
 */
function rateLimitOf(err) {
    const status = statusOf(err);
    if (status !== 403 && status !== 429)
        return undefined;
    const message = (0,errors/* messageOf */.bD)(err);
    const remaining = headerOf(err, 'x-ratelimit-remaining');
    if (status === 429 || remaining === '0' || /rate limit/i.test(message)) {
        const reset = Number(headerOf(err, 'x-ratelimit-reset'));
        const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
        const retryAfter = headerOf(err, 'retry-after');
        const wait = retryAfter === undefined ? '' : ` GitHub asks to wait ${retryAfter} s.`;
        return `GitHub's API rate limit is spent (${status}: ${message.split('\n')[0] ?? ''}).${when}${wait}`;
    }
    return undefined;
}
/** No automatic retry: a write is retried here only after a fresh look at what is already there. */
const NO_RETRY = { request: { retries: 0 } };
/**
 * The pull request's ONE comment for this stack, environment and region, made current: found among all the
 * comments (paginated, 100 a page) by its marker and author, updated in place, created when missing, and left
 * alone when its body is already right. It stays one when runs overlap or GitHub misbehaves:
 * - a create whose response was lost (the connection dropped after GitHub acted) is not sent again blind: the
 *   comments are listed again, and one that appeared is adopted;
 * - after a create, the comments are listed again; if another run created one too, the oldest is kept and
 *   updated, and the others (ours included) are deleted;
 * - an update that finds the comment deleted meanwhile (404) creates it again;
 * - a spent rate limit is reported as such; 403, 404 and 422 are never retried.
 */
async function upsertComment(octokit, pr, marker, body, log) {
    try {
        const by = await author(octokit, log);
        const ours = await listOurs(octokit, pr, marker, by);
        const oldest = ours[0];
        if (oldest !== undefined) {
            await removeDuplicates(octokit, pr, ours.slice(1), log);
            return await update(octokit, pr, marker, by, oldest, body, log);
        }
        return await create(octokit, pr, marker, by, body, log);
    }
    catch (err) {
        const limited = rateLimitOf(err);
        if (limited !== undefined) {
            log.warning(`Could not write the pull-request comment: ${limited} The preview is in the job summary.`);
            return { kind: 'rate-limited', reason: limited };
        }
        const status = statusOf(err);
        if (status === 403 || status === 404)
            return { kind: 'forbidden', reason: (0,errors/* messageOf */.bD)(err) };
        if (status === 422 && /too long/i.test((0,errors/* messageOf */.bD)(err)))
            return { kind: 'too-long' };
        throw err;
    }
}
/** Our comments with this marker, oldest first. */
async function listOurs(octokit, pr, marker, by) {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100
    });
    const mine = (c) => 'login' in by ? c.user?.login === by.login : c.user?.type === 'Bot';
    return comments.filter(c => mine(c) && (c.body ?? '').startsWith(marker)).sort((a, b) => a.id - b.id);
}
async function update(octokit, pr, marker, by, comment, body, log) {
    if (comment.body === body)
        return { kind: 'unchanged', url: comment.html_url };
    try {
        const updated = await octokit.rest.issues.updateComment({
            owner: pr.owner,
            repo: pr.repo,
            comment_id: comment.id,
            body,
            ...NO_RETRY
        });
        return { kind: 'updated', url: updated.data.html_url };
    }
    catch (err) {
        if (statusOf(err) !== 404)
            throw err;
        log.info(`The preview comment ${comment.id} was deleted meanwhile; writing it again.`);
        return create(octokit, pr, marker, by, body, log);
    }
}
async function create(octokit, pr, marker, by, body, log) {
    let created;
    try {
        created = await createOnce(octokit, pr, body);
    }
    catch (err) {
        if (err instanceof GitHubInterrupted)
            throw err;
        if (!responseLost(err) && (statusOf(err) ?? 0) < 500)
            throw err;
        log.info(`Creating the preview comment got no answer (${(0,errors/* messageOf */.bD)(err)}); checking whether GitHub made it.`);
        const appeared = await listOurs(octokit, pr, marker, by);
        const first = appeared[0];
        if (first === undefined) {
            // Not made: one more try, still without automatic retries.
            created = await createOnce(octokit, pr, body);
        }
        else {
            await removeDuplicates(octokit, pr, appeared.slice(1), log);
            const outcome = await updateOnce(octokit, pr, first, body);
            return outcome.kind === 'unchanged' ? { kind: 'created', url: outcome.url } : outcome;
        }
    }
    // Another run may have created its comment at the same moment: keep the oldest, and only it.
    const ours = await listOurs(octokit, pr, marker, by);
    const keep = ours[0];
    if (keep === undefined || keep.id === created.id) {
        await removeDuplicates(octokit, pr, ours.slice(1), log);
        return { kind: 'created', url: created.html_url };
    }
    await removeDuplicates(octokit, pr, ours.filter(c => c.id !== keep.id), log);
    return updateOnce(octokit, pr, keep, body);
}
/** Updates without the 404 fallback (used after a create, where a second create could loop). */
/** One CreateComment call, never retried by Octokit: a retry after a lost answer could post the comment twice. */
async function createOnce(octokit, pr, body) {
    const response = await octokit.rest.issues.createComment({
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        body,
        ...NO_RETRY
    });
    return response.data;
}
async function updateOnce(octokit, pr, comment, body) {
    if (comment.body === body)
        return { kind: 'unchanged', url: comment.html_url };
    const updated = await octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: comment.id,
        body,
        ...NO_RETRY
    });
    return { kind: 'updated', url: updated.data.html_url };
}
/** Deletes duplicate preview comments; one already deleted by the other run (404) is fine. */
async function removeDuplicates(octokit, pr, duplicates, log) {
    for (const duplicate of duplicates) {
        try {
            await octokit.rest.issues.deleteComment({
                owner: pr.owner,
                repo: pr.repo,
                comment_id: duplicate.id,
                ...NO_RETRY
            });
            log.info(`Deleted duplicate preview comment ${duplicate.id} (two runs wrote at once).`);
        }
        catch (err) {
            if (statusOf(err) !== 404)
                throw err;
        }
    }
}

;// CONCATENATED MODULE: ./src/github/deadline.ts

function githubLimits(ctx) {
    const { timeoutMs } = ctx.settings;
    const grace = Math.ceil(Math.min(5_000, timeoutMs * 0.05));
    const expired = new AbortController();
    const left = Math.max(0, ctx.deadline + grace - Date.now());
    const expire = () => expired.abort(new Error(`timeout-minutes (${Math.round(timeoutMs / 600) / 100}) ran out`));
    // Already past: no call may start. Otherwise the timer only bounds calls in flight, and must not keep a finished
    // run alive.
    if (left === 0)
        expire();
    else
        setTimeout(expire, left).unref();
    const cancelled = new AbortController();
    const onCancel = () => cancelled.abort(new Error('the job was cancelled'));
    if (ctx.signal.aborted)
        onCancel();
    else
        ctx.signal.addEventListener('abort', onCancel, { once: true });
    return { signal: AbortSignal.any([cancelled.signal, expired.signal]), requestMs: GITHUB_REQUEST_MS };
}

;// CONCATENATED MODULE: ./src/github/permission-hint.ts

/**
 * What to tell a user whose token could not write to the pull request. A fork's pull request gets a read-only
 * token whatever the workflow asks for; a pull request from this repository was denied only because the job's
 * `permissions:` leave out the write it needs, so the hint names that permission instead of blaming forks.
 */
function writeDeniedHint(env, permission = 'pull-requests: write') {
    const fork = isFromFork(env);
    if (fork === true)
        return 'Pull requests from forks get a read-only token, so nothing can be written to them from this job.';
    const add = `Add \`${permission}\` to the job's \`permissions:\` (next to \`id-token: write\` and \`contents: read\`).`;
    return fork === false
        ? `The job's token may not write to this pull request. ${add}`
        : `${add} (A pull request from a fork gets a read-only token whatever the job asks for.)`;
}
/** Whether the run's pull request comes from another repository; undefined when the event does not say. */
function isFromFork(env) {
    if (env.GITHUB_EVENT_PATH === undefined || env.GITHUB_REPOSITORY === undefined)
        return undefined;
    try {
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        const head = payload.pull_request?.head;
        if (head === undefined)
            return undefined;
        // A deleted fork leaves head.repo null: it was a fork all the same.
        if (head.repo === null || head.repo === undefined)
            return true;
        return typeof head.repo.full_name === 'string'
            ? head.repo.full_name.toLowerCase() !== env.GITHUB_REPOSITORY.toLowerCase()
            : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/render/render-report.ts + 6 modules
var render_report = __webpack_require__(7924);
// EXTERNAL MODULE: ./src/render/failure.ts
var render_failure = __webpack_require__(7010);
// EXTERNAL MODULE: ./src/render/markdown.ts
var markdown = __webpack_require__(2495);
;// CONCATENATED MODULE: ./src/publish/preview-comment.ts









/** GitHub rejects comment bodies over 65,536 characters. */
const COMMENT_LIMIT = 65_536;
/**
 * Why a GitHub call failed, naming the call: `GitHub answered 502 to listing the pull request's comments (GET
 * /repos/…): Bad Gateway`, or `… was interrupted: timeout-minutes (1) ran out`.
 */
function describeGitHubFailure(err) {
    if (err instanceof GitHubInterrupted)
        return err.message;
    const call = callOf(err);
    const status = err?.status;
    const message = (0,errors/* messageOf */.bD)(err).split('\n')[0] ?? '';
    if (call === undefined)
        return message;
    return typeof status === 'number' && status > 0
        ? `GitHub answered ${status} to ${call}: ${message}`
        : `${call} failed: ${message}`;
}
/**
 * Writes `render(limit)` as the pull request's one comment for this stack, environment and region, updated in
 * place. A run that is not for a pull request, an empty token, or a read-only token (a fork's pull request) is a
 * note or a warning, not a failure: the job summary has the same. Returns the comment's URL.
 */
async function postComment(ctx, region, render) {
    const { log, settings } = ctx;
    const pr = pullRequestOf(ctx.env);
    if (pr === undefined) {
        log.info('This run is not for a pull request, so there is no comment to write; the job summary has the detail.');
        return undefined;
    }
    if (settings.githubToken === '') {
        log.warning('github-token is empty, so the pull-request comment was skipped; the job summary has the detail.');
        return undefined;
    }
    const marker = commentMarker(pr, settings.stackName, settings.environment, region);
    let outcome;
    try {
        const octokit = await createOctokit(settings.githubToken, githubLimits(ctx));
        outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT), log);
        if (outcome.kind === 'too-long') {
            // GitHub's own count can differ from ours (it has been seen to change); try once more with half the room.
            outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT / 2), log);
        }
    }
    catch (err) {
        // The preview is done and in the job summary: a comment GitHub would not take (5xx, 401, 422, a hang cut off
        // at the deadline) is a warning that names the call, never the run's failure.
        log.warning(`Could not write the pull-request comment: ${describeGitHubFailure(err)}. The job summary has the detail.`);
        return undefined;
    }
    switch (outcome.kind) {
        case 'forbidden':
            log.warning(`Could not write the pull-request comment (${outcome.reason}). ${writeDeniedHint(ctx.env)} The job summary has the detail.`);
            return undefined;
        case 'too-long':
            log.warning('GitHub rejected the comment as too long even after shedding detail; the job summary has the detail.');
            return undefined;
        case 'rate-limited':
            // upsertComment has said so (with when the limit resets); the job summary has the detail.
            return undefined;
        default:
            log.info(`Pull-request comment ${outcome.kind}: ${outcome.url}`);
            return outcome.url;
    }
}
/** Posts the preview as the pull request's comment for this stack and environment. Returns the comment's URL. */
async function postPreviewComment(ctx, report) {
    const summaryLink = report.runUrl === undefined
        ? 'The job summary'
        : `The <a href="${(0,markdown/* escapeHtml */.ZD)(report.runUrl)}">job summary</a>`;
    return postComment(ctx, report.region, (marker, limit) => (0,render_report/* renderReport */.B1)(report, {
        limit,
        unit: 'chars',
        header: marker,
        fullDetailIn: `${summaryLink} has the full detail.`
    }).body);
}
/**
 * Replaces the pull request's preview comment (same marker) with one that says the preview failed, why, for which
 * commit, and links the run, so an earlier green preview never stays up. Returns the comment's URL.
 */
async function postFailedPreviewComment(ctx, failure) {
    return postComment(ctx, failure.region, (marker, limit) => {
        const body = (0,render_failure/* renderFailedPreview */.QL)({ ...failure, header: marker });
        if (body.length <= limit)
            return body;
        // An absurd reason is cut to fit, after redaction, so the cut can never leave a secret's prefix behind.
        const reason = (0,redact/* redactor */.$p)(failure.secrets)(failure.reason);
        const cut = reason.slice(0, Math.max(0, reason.length - (body.length - limit) - 100));
        return (0,render_failure/* renderFailedPreview */.QL)({
            ...failure,
            reason: `${cut}\n… (cut to fit the comment; the job log has it all)`,
            header: marker
        });
    });
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
    // Our template's stack name: two environments in one account keep their state machines and rules apart.
    ['METAFLOW_SFN_STATE_MACHINE_PREFIX', 'SFNStateMachinePrefix'],
    ['METAFLOW_ECS_FARGATE_EXECUTION_ROLE', 'ECSFargateExecutionRoleArn'],
    // Only when the stack runs the UI (EnableUI): `metaflow` prints links to runs there.
    ['METAFLOW_UI_URL', 'UIServiceUrl']
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
const INPUT = 'metaflow-config-file';
/**
 * Writes the file readable by its owner only (it holds the API key), atomically: the content goes into a new file
 * in the same folder, created 0600 from its first byte with O_EXCL under a name no one can guess, flushed to
 * disk, then renamed over the target, so a reader sees the old file or the whole new one, and no other user ever
 * can read the key. The path is checked folder by folder first (safeFolder). A symlink at the path is refused:
 * writing through it would put the key wherever it points. An existing file is chmod 0600 before the key goes
 * anywhere near it, in case the rename fails and leaves it in place. Every failure names the input.
 */
function writeConfig(path, content) {
    try {
        safeFolder((0,external_node_path_.dirname)(path));
        const existing = lstatOrUndefined(path);
        if (existing?.isSymbolicLink() === true) {
            throw new errors/* InputError */.dz(INPUT, `${path} is a symbolic link; the action does not write the API key through a link. Give the path of the real file, or remove the link.`);
        }
        if (existing !== undefined && !existing.isFile()) {
            throw new errors/* InputError */.dz(INPUT, `${path} exists and is not a regular file; give the path of a file to write.`);
        }
        if (existing !== undefined && (existing.mode & 0o777) !== 0o600)
            (0,external_node_fs_.chmodSync)(path, 0o600);
        const temporary = temporaryPath(path);
        const fd = openExclusive(temporary);
        try {
            // The umask cannot widen 0600, but a umask like 0177 is not the only one: make it exact.
            (0,external_node_fs_.fchmodSync)(fd, 0o600);
            (0,external_node_fs_.writeSync)(fd, content);
            (0,external_node_fs_.fsyncSync)(fd);
        }
        catch (err) {
            (0,external_node_fs_.closeSync)(fd);
            (0,external_node_fs_.rmSync)(temporary, { force: true });
            throw err;
        }
        (0,external_node_fs_.closeSync)(fd);
        try {
            (0,external_node_fs_.renameSync)(temporary, path);
        }
        catch (err) {
            (0,external_node_fs_.rmSync)(temporary, { force: true });
            throw err;
        }
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        throw new errors/* InputError */.dz(INPUT, `could not write ${path}: ${explain(err)}`);
    }
}
/**
 * The temporary file's path: beside the target (a rename never crosses file systems), under a name with 96 random
 * bits, so no one can plant a link there first.
 */
function temporaryPath(path) {
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(12).toString('hex')}.tmp`);
}
/** Opens a new file 0600 for writing with O_CREAT | O_EXCL: anything already there, a symlink included, fails. */
function openExclusive(path) {
    return (0,external_node_fs_.openSync)(path, 'wx', 0o600);
}
/**
 * Checks the folder the file goes in, and every folder above it, component by component from the root: none may
 * be a symbolic link (the key would land where the link points, and links can be swapped), none may be writable
 * by others unless it is sticky (/tmp: others cannot rename or remove our entries), and the folder itself may not
 * be writable by group or others even when sticky (they could create names in it). Missing folders are created
 * 0700, one at a time; an existing folder keeps its mode.
 */
function safeFolder(folder) {
    const absolute = (0,external_node_path_.resolve)(folder);
    const root = (0,external_node_path_.parse)(absolute).root;
    const parts = absolute
        .slice(root.length)
        .split(external_node_path_.sep)
        .filter(part => part !== '');
    let current = root;
    for (const [index, part] of parts.entries()) {
        current = (0,external_node_path_.join)(current, part);
        let stats = lstatOrUndefined(current);
        if (stats === undefined) {
            (0,external_node_fs_.mkdirSync)(current, { mode: 0o700 });
            stats = (0,external_node_fs_.lstatSync)(current);
        }
        if (stats.isSymbolicLink()) {
            throw new errors/* InputError */.dz(INPUT, `${current} is a symbolic link; the action never writes the API key through a link anywhere in the path. Give a path of real folders.`);
        }
        if (!stats.isDirectory()) {
            throw new errors/* InputError */.dz(INPUT, `${current} is a file, not a folder; give a path whose folders are folders.`);
        }
        const last = index === parts.length - 1;
        const sticky = (stats.mode & 0o1000) !== 0;
        if ((last && (stats.mode & 0o022) !== 0) || (!sticky && (stats.mode & 0o002) !== 0)) {
            throw new errors/* InputError */.dz(INPUT, `${current} is writable by ${last && (stats.mode & 0o002) === 0 ? 'its group' : 'every user'} (mode ${(stats.mode & 0o7777).toString(8)}); the API key is not written where others could replace it. Give a folder only you can write (chmod go-w), such as one under the workspace or ~/.metaflowconfig.`);
        }
    }
}
/** A file-system error in words, with its code. */
function explain(err) {
    const code = err.code;
    const words = {
        ENOENT: 'a folder in the path disappeared while the file was written',
        EEXIST: 'a file appeared at the temporary path (another process writing the same file?)',
        ENOTDIR: 'a part of the path is a file, not a folder',
        EISDIR: 'the path is a folder',
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        ENAMETOOLONG: "the file's name is too long for the file system",
        EROFS: 'the file system is read-only',
        ENOSPC: 'the disk is full'
    };
    const text = code === undefined ? undefined : words[code];
    return text === undefined ? (err instanceof Error ? err.message : String(err)) : `${text} (${code})`;
}
function lstatOrUndefined(path) {
    try {
        return (0,external_node_fs_.lstatSync)(path);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}

// EXTERNAL MODULE: ./src/render/report.ts
var report = __webpack_require__(6076);
;// CONCATENATED MODULE: ./src/publish/step-outputs.ts



const ACTION_OUTPUT_NAMES = [
    'stack-id',
    'stack-status',
    'change-set-id',
    'has-changes',
    'changes-count',
    'changes-summary',
    'comment-url',
    'changes-file',
    'api-key',
    'metaflow-config-file',
    'data-loss',
    'changes-markdown',
    'migration',
    'db-snapshot-id',
    'metaflow-service-version',
    'cost-monthly-before',
    'cost-monthly-after',
    'cost-monthly-delta',
    'drifted-count'
];
/**
 * Whether a stack output's key may become a step output: CloudFormation requires an output's logical ID to be
 * alphanumeric (A-Za-z0-9), at most 255 characters (CloudFormation User Guide, "Outputs"). A key outside that
 * (from another backend, a proxy, or an emulator) is not written: in GITHUB_OUTPUT a name with a line break or
 * `<<` could set other outputs.
 */
function isStackOutputKey(key) {
    return /^[A-Za-z0-9]{1,255}$/.test(key);
}
function changeOutputs(counts, hasChanges) {
    // The four documented kinds always; Import, Dynamic and SyncWithActual only when the change set has them, so
    // the usual summary stays the documented {"add","modify","replace","remove"}.
    const { add, modify, replace, remove, ...rarer } = counts;
    const present = Object.fromEntries(Object.entries(rarer).filter(([, count]) => count > 0));
    return {
        'has-changes': String(hasChanges),
        'changes-count': String((0,stack_changes/* totalChanges */.YE)(counts)),
        'changes-summary': JSON.stringify({ add, modify, replace, remove, ...present })
    };
}
/**
 * The `data-loss` output: the changes deploy or execute refuses (or refused), as `{"path","type","action"}`, `[]`
 * when none. Accepted losses (allow-data-loss) are not listed: nothing refuses them.
 */
function dataLossOutput(verdicts) {
    return JSON.stringify(verdicts
        .filter(v => !v.allowed)
        .map(v => ({
        path: (0,report/* verdictPath */.NO)(v),
        type: v.resourceType,
        action: (0,report/* actionWord */.He)(v.change)
    })));
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
        if (!isStackOutputKey(key)) {
            log.warning(`Stack output ${JSON.stringify(key).slice(0, 80)} is not a CloudFormation output name (alphanumeric, at most 255 characters); it is not set as a step output.`);
            continue;
        }
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

// EXTERNAL MODULE: ./src/publish/summary.ts
var summary = __webpack_require__(1463);
;// CONCATENATED MODULE: ./src/github/labels.ts


/**
 * The pull request's state label, one per environment (`metaflow:<environment>:<state>`, or `metaflow:<state>`
 * without one), as tfcmt keeps its plan labels: reviewers and branch rules see the preview's verdict without
 * opening the comment. Setting a state removes the environment's other state labels; other labels, including
 * other environments' ones, are never touched.
 */
const LABEL_STATES = ['no-changes', 'changes', 'data-loss'];
function labelName(environment, state) {
    return environment === '' ? `metaflow:${state}` : `metaflow:${environment}:${state}`;
}
function labels_statusOf(err) {
    return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
        ? err.status
        : undefined;
}
/**
 * Puts `state`'s label on the pull request and takes this environment's other state labels off it; with no state
 * (a failed preview), takes them all off. Adding a label the repository lacks creates it (GitHub's "Add labels to
 * an issue"). A removal that finds the label already gone (404) is what was wanted.
 */
async function setStateLabel(octokit, pr, environment, state, log) {
    const target = state === undefined ? undefined : labelName(environment, state);
    const ours = new Set(LABEL_STATES.map(s => labelName(environment, s)));
    const issue = { owner: pr.owner, repo: pr.repo, issue_number: pr.number };
    try {
        const current = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...issue, per_page: 100 });
        const names = current.map(label => label.name);
        for (const stale of names.filter(name => ours.has(name) && name !== target)) {
            try {
                await octokit.rest.issues.removeLabel({ ...issue, name: stale });
            }
            catch (err) {
                if (labels_statusOf(err) !== 404)
                    throw err;
                log.debug(`Label ${stale} was already gone.`);
            }
        }
        if (target === undefined)
            return { kind: 'cleared' };
        if (names.includes(target))
            return { kind: 'unchanged', label: target };
        await octokit.rest.issues.addLabels({ ...issue, labels: [target] });
        return { kind: 'set', label: target };
    }
    catch (err) {
        const limited = rateLimitOf(err);
        if (limited !== undefined)
            return { kind: 'rate-limited', reason: limited };
        const status = labels_statusOf(err);
        if (status === 403 || status === 404)
            return { kind: 'forbidden', reason: (0,errors/* messageOf */.bD)(err) };
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/publish/pr-label.ts





/** The `labels` input: the preview's verdict as the pull request's state label, for this environment. */
/** A change that loses data (refused or accepted) outranks any other change. */
function labelStateOf(outcome) {
    if (outcome.dataLoss.length > 0)
        return 'data-loss';
    return outcome.hasChanges ? 'changes' : 'no-changes';
}
/**
 * Sets the state label on the run's pull request (no state: removes this environment's, as a failed preview
 * knows none). Never fails the run: a label is a convenience, the comment and the summary are the record.
 */
async function labelPullRequest(ctx, state) {
    const { settings, log } = ctx;
    const pr = pullRequestOf(ctx.env);
    if (pr === undefined || settings.githubToken === '')
        return;
    try {
        const octokit = await createOctokit(settings.githubToken);
        const outcome = await setStateLabel(octokit, pr, settings.environment, state, log);
        switch (outcome.kind) {
            case 'forbidden':
                log.warning(`Could not set the pull request's label (${outcome.reason}). ${writeDeniedHint(ctx.env)} Or set labels: false.`);
                return;
            case 'rate-limited':
                log.warning(`Could not set the pull request's label: ${outcome.reason}`);
                return;
            case 'set':
                log.info(`Labelled the pull request ${outcome.label ?? ''}.`);
                return;
            default:
                return;
        }
    }
    catch (err) {
        log.warning(`Could not set the pull request's label: ${(0,errors/* messageOf */.bD)(err)}`);
    }
}

// EXTERNAL MODULE: ./src/metaflow/upgrades.ts
var metaflow_upgrades = __webpack_require__(5376);
;// CONCATENATED MODULE: ./src/render/from-outcome.ts


/** A run's outcome as the renderer reads it, for the job summary and the pull-request comment. */
function reportFromOutcome(outcome, context) {
    const { mode, migrate, ...where } = context;
    const upgrades = mode === undefined || migrate === undefined
        ? []
        : (0,metaflow_upgrades/* upgradeNotes */.kN)(outcome.parameterChanges, mode === 'plan' ? 'plan' : context.kind, migrate);
    return {
        ...where,
        ...(upgrades.length === 0 ? {} : { upgrades }),
        operation: outcome.operation,
        changeSetId: outcome.changeSetId,
        changes: (0,stack_changes/* resourceChanges */.Ag)(outcome.changes),
        nested: outcome.nested.map(n => ({ path: n.path, changes: n.changes })),
        hasChanges: outcome.hasChanges,
        dataLoss: outcome.dataLoss,
        parameters: outcome.parameterChanges,
        secrets: outcome.secrets,
        insight: outcome.insight
    };
}

;// CONCATENATED MODULE: ./src/template/capabilities.ts


/**
 * The capabilities a template needs, read from the template before CreateChangeSet, so that a missing one is an
 * input error naming the `capabilities` value to use instead of CloudFormation's InsufficientCapabilities.
 *
 * "Acknowledging IAM resources in CloudFormation templates" (AWS CloudFormation User Guide): templates with IAM
 * resources need CAPABILITY_IAM, and those that give IAM resources custom names CAPABILITY_NAMED_IAM (which
 * covers CAPABILITY_IAM). Macros and transforms need CAPABILITY_AUTO_EXPAND when a stack is created from the
 * processed template; the CreateChangeSet reference says it "doesn't apply to creating change sets", so that one
 * is a note, not a refusal: CloudFormation decides (shared/reference/aws-semantics.md).
 */
/** IAM resource types and the property that gives each a custom name. */
const IAM_NAME_PROPERTY = {
    'AWS::IAM::Role': 'RoleName',
    'AWS::IAM::User': 'UserName',
    'AWS::IAM::Group': 'GroupName',
    'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
    'AWS::IAM::InstanceProfile': 'InstanceProfileName',
    'AWS::IAM::Policy': undefined,
    'AWS::IAM::AccessKey': undefined,
    'AWS::IAM::UserToGroupAddition': undefined
};
function hasFnTransform(value, depth = 0) {
    if (depth > 64 || typeof value !== 'object' || value === null)
        return false;
    if (!Array.isArray(value) && Object.hasOwn(value, 'Fn::Transform'))
        return true;
    return Object.values(value).some(v => hasFnTransform(v, depth + 1));
}
function neededCapabilities(body) {
    const template = parseTemplateBody(body);
    const resources = Object.values(template.Resources ?? {}).filter(r => r !== null && typeof r === 'object');
    const iam = resources.filter(r => typeof r?.Type === 'string' && Object.hasOwn(IAM_NAME_PROPERTY, r.Type));
    const namedIam = iam.some(r => {
        const property = IAM_NAME_PROPERTY[r?.Type];
        return property !== undefined && r?.Properties?.[property] !== undefined;
    });
    const types = resources.map(r => (typeof r?.Type === 'string' ? r.Type : ''));
    const autoExpand = template.Transform !== undefined
        ? 'its Transform'
        : types.includes('AWS::CloudFormation::Macro')
            ? 'a macro'
            : hasFnTransform(template)
                ? 'an Fn::Transform'
                : types.includes('AWS::CloudFormation::Stack')
                    ? 'its nested stacks'
                    : '';
    return { iam: iam.length > 0, namedIam, autoExpand };
}
/**
 * Refuses, before CreateChangeSet, a `capabilities` input that lacks what the template's IAM resources need.
 * Returns a note when the template may need CAPABILITY_AUTO_EXPAND and it is not given ('' otherwise).
 */
function checkCapabilities(body, origin, given) {
    const needed = neededCapabilities(body);
    const has = (c) => given.includes(c);
    const missing = [];
    if (needed.namedIam && !has('CAPABILITY_NAMED_IAM'))
        missing.push('CAPABILITY_NAMED_IAM');
    else if (needed.iam && !has('CAPABILITY_IAM') && !has('CAPABILITY_NAMED_IAM'))
        missing.push('CAPABILITY_IAM');
    if (missing.length > 0) {
        const wanted = [
            ...new Set([...given.filter(c => c !== 'CAPABILITY_IAM' || !needed.namedIam), ...missing])
        ];
        throw new errors/* InputError */.dz('capabilities', `${origin} ${needed.namedIam ? 'gives IAM resources custom names' : 'creates IAM resources'}, which needs ${missing.join(', ')}; capabilities is "${given.join(',')}". Set capabilities: ${wanted.join(',')}.`);
    }
    if (needed.autoExpand !== '' && !has('CAPABILITY_AUTO_EXPAND'))
        return `${origin} may need CAPABILITY_AUTO_EXPAND (${needed.autoExpand}); if CloudFormation asks for it, add it to capabilities.`;
    return '';
}

;// CONCATENATED MODULE: ./src/modes/outputs.ts


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

;// CONCATENATED MODULE: ./src/orchestrate.ts

























/**
 * The run, phase by phase: settings -> template and parameters -> deploy | execute | plan | preview | outputs ->
 * publish (outputs, changes file, key, config, summary, comment). One error boundary: whatever goes wrong ends
 * here as one clear failure.
 */
async function runMode(launch, env = process.env) {
    const cancel = new AbortController();
    const onSignal = (signal) => {
        if (!cancel.signal.aborted)
            log.coreLogger.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`);
        cancel.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const { settings, clients, firstLook, scale } = launch;
    // Every AWS call in flight, and every retry backoff, ends when the job is cancelled or timeout-minutes runs
    // out, even a call that hangs. A little grace lets the watch's own "timed out, the stack is X" message come first.
    clients.interruptOn(cancel.signal, 'the job was cancelled');
    const grace = Math.ceil(Math.min(5_000, settings.timeoutMs * 0.05));
    const deadline = AbortSignal.timeout(settings.timeoutMs + grace);
    clients.interruptOn(deadline, `timeout-minutes (${Math.round(settings.timeoutMs / 600) / 100}) ran out`);
    if (log.coreLogger.isDebug())
        (0,log.debugSettings)(settings, log.coreLogger);
    const clock = (0,run_clock/* systemClock */.ml)(scale);
    const ctx = {
        settings,
        clients,
        firstLook,
        clock,
        signal: cancel.signal,
        log: log.coreLogger,
        env,
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        deadline: clock.now() + settings.timeoutMs,
        secrets: []
    };
    try {
        warnAboutSettings(ctx);
        await refuseWrongTarget(ctx);
        const { outputs, failure } = await runPhases(ctx);
        setOutputs(outputs);
        // After everything is published: the comment, the summary and the outputs tell why the step failed.
        if (failure !== undefined)
            log.coreLogger.fail(failure);
    }
    catch (raw) {
        const explained = (0,errors/* explainAwsError */.Ni)((0,errors/* explainFirstRunError */.bO)(raw, env), {
            capabilities: settings.capabilities,
            roleArn: settings.roleArn,
            timeoutMs: settings.timeoutMs,
            elapsedMs: clock.now() - (ctx.deadline - settings.timeoutMs)
        });
        const err = await explainStackFailure(ctx, explained);
        await reportFailure(ctx, err);
        const where = fileAnnotation(err, settings);
        if (where === undefined)
            log.coreLogger.fail((0,errors/* messageOf */.bD)(err));
        else {
            // The annotation points at the file and line in the pull request's "Files changed" view.
            log.coreLogger.error((0,errors/* messageOf */.bD)(err), where);
            process.exitCode = 1;
        }
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** A stack operation that failed on an ECS service gets its tasks' reasons (src/metaflow/, loaded only then). */
async function explainStackFailure(ctx, err) {
    if (!(err instanceof errors/* StackOperationFailed */.XZ) || !err.failures.some(f => f.type === 'AWS::ECS::Service'))
        return err;
    return (await Promise.all(/* import() */[__webpack_require__.e(212), __webpack_require__.e(821)]).then(__webpack_require__.bind(__webpack_require__, 5202))).withServiceDiagnosis(ctx, err);
}
async function runPhases(ctx) {
    const { settings } = ctx;
    switch (settings.mode) {
        case 'deploy':
        case 'execute': {
            const outcome = settings.mode === 'deploy' ? await deploy(ctx, await checkedRequest(ctx)) : await executePlanned(ctx);
            const stack = outcome.stack;
            if (stack === undefined)
                throw new errors/* DeployError */.sH(`Stack ${settings.stackName} does not exist after the run.`);
            // Set at once, so that a failure while publishing still reports what was deployed.
            const outputs = changeOutcomeOutputs(ctx, outcome);
            setOutputs({ ...outputs, 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' });
            const published = await publishStack(ctx, stack, coreSink);
            const apiKey = published.outputs['api-key'];
            const report = {
                ...(await reportOf(ctx, outcome, 'deploy')),
                status: stack.StackStatus ?? '',
                outputs: published.stackOutputs,
                secrets: [...outcome.secrets, ...(apiKey === undefined ? [] : [apiKey])]
            };
            await (0,summary/* writeSummary */.Sy)(report);
            const service = await serviceStep(ctx, published.stackOutputs, apiKey, outcome);
            return {
                outputs: { ...outputs, ...published.outputs, 'changes-markdown': changesMarkdown(report), ...service }
            };
        }
        case 'preview':
        case 'plan': {
            const keep = settings.mode === 'plan';
            const outcome = await preview(ctx, await checkedRequest(ctx), keep);
            const outputs = {
                ...changeOutcomeOutputs(ctx, outcome),
                ...(outcome.stack === undefined
                    ? {}
                    : { 'stack-id': outcome.stack.StackId ?? '', 'stack-status': outcome.stack.StackStatus ?? '' })
            };
            const report = await reportOf(ctx, outcome, settings.mode);
            outputs['changes-markdown'] = changesMarkdown(report);
            setOutputs(outputs);
            await (0,summary/* writeSummary */.Sy)(report);
            if (settings.comment) {
                const url = await postPreviewComment(ctx, report);
                if (url !== undefined)
                    outputs['comment-url'] = url;
            }
            if (settings.labels)
                await labelPullRequest(ctx, labelStateOf(outcome));
            const failures = [dataLossFailure(ctx, outcome), notReadyReason(outcome.insight)];
            return { outputs, failure: failures.filter(f => f !== undefined).join('\n') || undefined };
        }
        case 'outputs': {
            const stack = await readDeployedStack(ctx);
            setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' });
            const published = await publishStack(ctx, stack, coreSink);
            const service = await serviceStep(ctx, published.stackOutputs, published.outputs['api-key'], undefined);
            return { outputs: { ...published.outputs, ...service } };
        }
    }
}
/**
 * Migrate, roll and verify the Metaflow service (src/metaflow/), loaded only for stacks whose outputs name a
 * migration function or a service URL: other stacks never load it, nor the Lambda, ECS and RDS clients.
 */
async function serviceStep(ctx, stackOutputs, apiKey, outcome) {
    if ((stackOutputs.MigrationFunctionName ?? '') === '' && (stackOutputs.ServiceUrl ?? '') === '')
        return {};
    const { afterDeploy } = await Promise.all(/* import() */[__webpack_require__.e(212), __webpack_require__.e(202), __webpack_require__.e(696), __webpack_require__.e(81)]).then(__webpack_require__.bind(__webpack_require__, 3081));
    const change = outcome && { operation: outcome.operation, parameterChanges: outcome.parameterChanges };
    return afterDeploy(ctx, { stackName: ctx.settings.stackName, stackOutputs, apiKey, change }, setOutputs);
}
/** The change outputs every change-set mode sets, and the changes file they point to. */
function changeOutcomeOutputs(ctx, outcome) {
    const counts = countOutcome(outcome);
    const path = writeChangesFile(ctx.env, {
        stackName: ctx.settings.stackName,
        environment: ctx.settings.environment,
        region: ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? '',
        mode: ctx.settings.mode,
        operation: outcome.operation,
        changeSetId: outcome.changeSetId,
        hasChanges: outcome.hasChanges,
        counts,
        parameterChanges: outcome.parameterChanges,
        parameters: outcome.parameters,
        changes: outcome.changes,
        nested: outcome.nested,
        dataLoss: outcome.dataLoss
    }, outcome.secrets);
    return {
        ...changeOutputs(counts, outcome.hasChanges),
        'change-set-id': outcome.changeSetId,
        'changes-file': path,
        'data-loss': dataLossOutput(outcome.dataLoss),
        ...insightOutputs(outcome.insight)
    };
}
/**
 * fail-on-data-loss: a preview or a plan whose change set holds a loss deploy or execute would refuse fails its
 * step, so that a required check blocks the merge. Called after the summary and the comment are written.
 */
function dataLossFailure(ctx, outcome) {
    const refused = outcome.dataLoss.filter(v => !v.allowed);
    if (!ctx.settings.failOnDataLoss || refused.length === 0)
        return undefined;
    const ids = refused.map(report/* verdictPath */.NO);
    const by = ctx.settings.mode === 'plan' ? 'execute' : 'the deploy after merging';
    return `fail-on-data-loss: the change set would lose the data of ${refused.map(v => `${(0,report/* verdictPath */.NO)(v)} (${v.resourceType})`).join(', ')}, which ${by} refuses. The comment and the job summary show the change. If the loss is intended, list ${ids.length === 1 ? 'it' : 'them'} in allow-data-loss (\`allow-data-loss: ${ids.join(',')}\`) for this run and the deploy; to report without failing, set fail-on-data-loss: false.`;
}
/** The change report as the comment shows it (redacted), for the `changes-markdown` output. */
function changesMarkdown(report) {
    return (0,render_report/* renderReport */.B1)(report, {
        limit: COMMENT_LIMIT,
        unit: 'chars',
        fullDetailIn: 'The job summary has the full detail.'
    }).body;
}
/** The outcome as the renderer reads it, for the job summary and the pull-request comment. */
async function reportOf(ctx, outcome, kind) {
    return reportFromOutcome(outcome, {
        kind,
        failOnDataLoss: ctx.settings.failOnDataLoss,
        stackName: ctx.settings.stackName,
        environment: ctx.settings.environment,
        region: await ctx.clients.region(),
        commitSha: ctx.env.GITHUB_SHA ?? '',
        runUrl: runUrl(ctx.env),
        mode: ctx.settings.mode,
        migrate: ctx.settings.migrate
    });
}
/** Warnings about the run itself, before any AWS call. */
function warnAboutSettings(ctx) {
    const { settings, log } = ctx;
    if (settings.eventName === 'pull_request_target' &&
        (settings.mode === 'preview' || settings.mode === 'plan')) {
        log.warning("This preview runs on pull_request_target, with this repository's secrets and AWS role. The workflow must not check out the pull request's head (its template and parameters) in this job: anyone who opens a pull request could run code or deploy with them. Use pull_request, or check out the base branch only.");
    }
}
/**
 * Refuses, before any AWS call that changes anything, a run aimed at the wrong target: a stack name the bundled
 * template cannot create (its migration function would fail mid-create), or a stack another environment owns
 * (tagged metaflow-deploy:environment with another value), unless the tags input re-tags it on purpose.
 */
async function refuseWrongTarget(ctx) {
    const { settings } = ctx;
    const changes = settings.mode === 'deploy' || settings.mode === 'preview' || settings.mode === 'plan';
    if (changes && settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
        throw new errors/* InputError */.dz('stack-name', `"${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so the create would fail halfway. Use a stack-name of ${BUNDLED_MAX_STACK_NAME} characters or fewer.`);
    }
    if (settings.environment === '' || ctx.firstLook === undefined)
        return;
    // A failed first look is reported by the mode that takes it, as before.
    const stack = await ctx.firstLook.catch(() => undefined);
    const owner = stack?.Tags?.find(tag => tag.Key === settings_settings/* ENVIRONMENT_TAG */.vp)?.Value ?? '';
    if (owner === '' ||
        owner === settings.environment ||
        settings.tags?.[settings_settings/* ENVIRONMENT_TAG */.vp] === settings.environment)
        return;
    throw new errors/* InputError */.dz('environment', `is "${settings.environment}", but stack ${settings.stackName} is tagged ${settings_settings/* ENVIRONMENT_TAG */.vp}=${owner}: it belongs to environment "${owner}". Nothing was changed. Check stack-name and environment; to move the stack to "${settings.environment}" on purpose, give tags: ${settings_settings/* ENVIRONMENT_TAG */.vp}=${settings.environment}.`);
}
/** The template and parameters, with the capabilities the template needs checked before any change set. */
async function checkedRequest(ctx) {
    const request = await readStackRequest(ctx);
    const note = checkCapabilities(request.template.body, request.template.origin, ctx.settings.capabilities);
    if (note !== '')
        ctx.log.info(note);
    return request;
}
/**
 * Where a failure is reported besides the step's error: a failed deploy's summary lists every failed resource; a
 * failed preview or plan replaces the pull request's comment, so an earlier green preview never stays up.
 */
async function reportFailure(ctx, err) {
    const { settings } = ctx;
    // The comment and summary already say why (cost over the limit, a failed check): they stay as written.
    try {
        if (settings.mode === 'preview' || settings.mode === 'plan') {
            const failure = {
                stackName: settings.stackName,
                environment: settings.environment,
                region: await ctx.clients.region(),
                reason: (0,errors/* messageOf */.bD)(err),
                commitSha: ctx.env.GITHUB_SHA ?? '',
                runUrl: runUrl(ctx.env),
                secrets: ctx.secrets
            };
            await (0,summary/* writeFailedPreviewSummary */.zX)(failure, ctx.log);
            if (settings.comment)
                await postFailedPreviewComment(ctx, failure);
            // The state is not known: no label may claim one.
            if (settings.labels)
                await labelPullRequest(ctx, undefined);
            return;
        }
    }
    catch (reportErr) {
        ctx.log.warning(`Could not report the failed ${settings.mode} on the pull request: ${(0,errors/* messageOf */.bD)(reportErr)}`);
        return;
    }
    if (err instanceof DataLossRefused) {
        setOutputs({ 'data-loss': dataLossOutput(err.verdicts) });
        await (0,summary/* writeRefusalSummary */.Ut)({
            stackName: settings.stackName,
            environment: settings.environment,
            region: await ctx.clients.region(),
            mode: settings.mode === 'execute' ? 'execute' : 'deploy',
            verdicts: err.verdicts,
            commitSha: ctx.env.GITHUB_SHA ?? '',
            runUrl: runUrl(ctx.env)
        });
        return;
    }
    if (!(err instanceof errors/* StackOperationFailed */.XZ))
        return;
    await (0,summary/* writeFailureSummary */.KJ)({
        stackName: err.stackName,
        environment: ctx.settings.environment,
        region: await ctx.clients.region(),
        status: err.status,
        failures: err.failures,
        commitSha: ctx.env.GITHUB_SHA ?? '',
        runUrl: runUrl(ctx.env),
        secrets: err.secrets
    });
}
/** Where in the parameters file an error is (`at line N, column M` in its message), for the error annotation. */
function fileAnnotation(err, settings) {
    if (!(err instanceof errors/* InputError */.dz) || err.input !== 'parameters-file' || settings.parametersFile === '')
        return undefined;
    const at = / at line (\d+), column (\d+)/.exec(err.message);
    return {
        file: settings.parametersFile.replace(/^\.\//, ''),
        ...(at === null ? {} : { startLine: Number(at[1]), startColumn: Number(at[2]) })
    };
}
const coreSink = {
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value)
};


/***/ }),

/***/ 1463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KJ: () => (/* binding */ writeFailureSummary),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   Ut: () => (/* binding */ writeRefusalSummary),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   zX: () => (/* binding */ writeFailedPreviewSummary)
/* harmony export */ });
/* unused harmony export SUMMARY_LIMIT */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _run_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4314);
/* harmony import */ var _run_log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3503);
/* harmony import */ var _render_render_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7924);
/* harmony import */ var _render_failure_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7010);






/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
const SUMMARY_LIMIT = 1_000_000;
/**
 * The one function that writes the job summary: appends Markdown to the file the runner names in
 * GITHUB_STEP_SUMMARY. A summary reports on the job; it never fails it: where the runner offers no summary file
 * (older GitHub Enterprise Server, a run outside Actions) that is a note, and a failed write is a warning.
 */
async function appendSummary(markdown, log = _run_log_js__WEBPACK_IMPORTED_MODULE_3__.coreLogger, env = process.env) {
    const path = env.GITHUB_STEP_SUMMARY ?? '';
    if (path === '') {
        log.info('This runner offers no job summary (GITHUB_STEP_SUMMARY is not set); the log has the same detail.');
        return false;
    }
    try {
        // The runner creates the file; one that is missing is not ours to create (it may be a stale path).
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
    }
    catch {
        log.info(`The job summary file ${path} does not exist or is not writable; the log has the same detail.`);
        return false;
    }
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.appendFile)(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
        return true;
    }
    catch (err) {
        log.warning(`Could not write the job summary: ${(0,_run_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(err)}. The log has the same detail.`);
        return false;
    }
}
/** Writes the report to the job summary, every change in full (shedding detail only past GitHub's 1 MiB). */
async function writeSummary(report, log) {
    const rendered = (0,_render_render_report_js__WEBPACK_IMPORTED_MODULE_4__/* .renderReport */ .B1)(report, {
        limit: SUMMARY_LIMIT,
        unit: 'bytes',
        fold: false,
        fullDetailIn: 'The run log lists every change, one line each.'
    });
    await appendSummary(rendered.body, log);
}
/** The job summary of a failed deploy. */
async function writeFailureSummary(failure, log) {
    await appendSummary((0,_render_render_report_js__WEBPACK_IMPORTED_MODULE_4__/* .renderFailure */ .zt)(failure), log);
}
/** The job summary of a failed preview: what failed and why. */
async function writeFailedPreviewSummary(failure, log) {
    await appendSummary((0,_render_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .renderFailedPreview */ .QL)(failure), log);
}
/** The job summary of a deploy or an execute the data-loss guard refused. */
async function writeRefusalSummary(refusal, log) {
    await appendSummary((0,_render_failure_js__WEBPACK_IMPORTED_MODULE_5__/* .renderRefusedDeploy */ .cn)(refusal), log);
}


/***/ }),

/***/ 7010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QL: () => (/* binding */ renderFailedPreview),
/* harmony export */   cn: () => (/* binding */ renderRefusedDeploy),
/* harmony export */   zt: () => (/* binding */ renderFailure)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2495);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4227);
/* harmony import */ var _guards_data_loss_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(217);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6076);




/** Secrets redacted and URL queries (a presigned URL's credentials) hidden: how AWS text is shown in a failure. */
function shownReason(secrets) {
    const clean = (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactor */ .$p)(secrets);
    return text => (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .withoutUrlQueries */ .kl)(clean(text));
}
function where(environment, region) {
    const text = [environment, region].filter(Boolean).map(_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY).join(' · ');
    return text === '' ? '' : ` · ${text}`;
}
function footer(commitSha, runUrl) {
    const sha = /^[0-9a-f]{7,64}$/i.test(commitSha) ? ` · commit ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(commitSha.slice(0, 7))}` : '';
    const run = runUrl === undefined ? '' : ` · <a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .ZD)(runUrl)}">workflow run</a>`;
    return `<sub>metaflow-deploy${sha}${run}</sub>`;
}
/** The job summary of a failed deploy. Reasons come from AWS: each is shown exactly, never as Markdown. */
function renderFailure(raw) {
    const clean = shownReason(raw.secrets);
    const below = [];
    const rows = raw.failures.map(f => {
        const reason = clean(f.reason);
        const id = clean(f.logicalId);
        let reasonCell = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(reason);
        if (!(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .fitsInCell */ .c8)(reason, 300)) {
            below.push(`${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(id)}:\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .fenced */ .OF)(reason)}`);
            reasonCell = '_(below)_';
        }
        return [(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(id), (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(clean(f.type)), (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(clean(f.status)), reasonCell];
    });
    const parts = [
        `### ❌ CloudFormation deploy: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(raw.stackName)}${where(raw.environment, raw.region)}`,
        `Status: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(clean(raw.status))}.`,
        rows.length === 0
            ? 'No resource reported a failure; see the stack events in the log.'
            : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['Resource', 'Type', 'Status', 'Reason'], rows),
        ...below,
        footer(raw.commitSha, raw.runUrl)
    ];
    return parts.join('\n\n') + '\n';
}
/**
 * What the pull request shows when its preview failed: that it failed, why, for which commit, and the run. It
 * replaces the last preview in the same comment, so an earlier green verdict never stays up.
 */
function renderFailedPreview(failure) {
    const reason = shownReason(failure.secrets)(failure.reason);
    const sha = /^[0-9a-f]{7,64}$/i.test(failure.commitSha)
        ? ` for commit ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(failure.commitSha.slice(0, 7))}`
        : '';
    const parts = [
        failure.header,
        `### ❌ CloudFormation preview failed: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(failure.stackName)}${where(failure.environment, failure.region)}`,
        `> [!WARNING]\n> The preview${sha} failed, so this pull request's changes to the stack are **not known**. Any earlier preview in this comment no longer applies. Fix the cause and push again, or re-run the job.`,
        '**Reason:**',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .fenced */ .OF)(reason === '' ? '(no reason given)' : reason),
        failure.runUrl === undefined
            ? 'The job log has the detail.'
            : `The <a href="${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .ZD)(failure.runUrl)}">job log</a> has the detail.`,
        footer(failure.commitSha, failure.runUrl)
    ];
    return parts.filter((p) => p !== undefined && p !== '').join('\n\n') + '\n';
}
/** What the change does to a resource's data, with the guard's reason when it gives one (a loss in place). */
function whatHappens(verdict) {
    const reason = verdict.reason;
    const fate = `${(0,_guards_data_loss_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFate */ .s8)(verdict.fate)} (${verdict.fate})`;
    if (typeof reason !== 'string' || reason === '')
        return fate;
    return `${fate}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .fitsInCell */ .c8)(reason, 300) ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(reason) : '_(the run log has why)_'}`;
}
/**
 * The job summary of a refused deploy or execute: which resources would have lost their data and how, that
 * nothing changed, and how to accept the loss or keep the data. Logical ids and types are CloudFormation names.
 */
function renderRefusedDeploy(refusal) {
    const refused = refusal.verdicts.filter(v => !v.allowed);
    const rows = refused.map(v => [
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)((0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictPath */ .NO)(v)),
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .cellCode */ .GA)(v.resourceType),
        (0,_report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionWord */ .He)(v.change),
        whatHappens(v)
    ]);
    const ids = refused.map(_report_js__WEBPACK_IMPORTED_MODULE_2__/* .verdictPath */ .NO).join(',');
    const parts = [
        `### ⛔ CloudFormation ${refusal.mode} refused: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(refusal.stackName)}${where(refusal.environment, refusal.region)}`,
        `> [!CAUTION]\n> The change set would lose the data of ${refused.length === 1 ? 'a resource' : `${refused.length} resources`}, and \`allow-data-loss\` does not list ${refused.length === 1 ? 'it' : 'them'}. **Nothing was changed**: the change set was deleted before it ran.`,
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['Resource', 'Type', 'Action', 'What would happen'], rows),
        `If losing this data is intended, set ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)(`allow-data-loss: ${ids}`)} (or ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)('*')})${refusal.mode === 'execute' ? ', plan again and execute the new plan' : ' and run again'}. To keep a removed resource's data, give it ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .code */ .aY)('DeletionPolicy: Retain')} in the template.`,
        footer(refusal.commitSha, refusal.runUrl)
    ];
    return parts.join('\n\n') + '\n';
}


/***/ }),

/***/ 2495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GA: () => (/* binding */ cellCode),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   c8: () => (/* binding */ fitsInCell),
/* harmony export */   h8: () => (/* binding */ htmlCode),
/* harmony export */   q0: () => (/* binding */ closeOpenFence),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   wg: () => (/* binding */ EMPTY)
/* harmony export */ });
/* unused harmony exports NEWLINE_MARK, flatten */
/**
 * Markdown that GitHub shows exactly as written. Every value from a template, the parameters or AWS goes through
 * one of these, because GitHub applies Markdown (emphasis, links, autolinks, entities) and its own filters
 * (mentions, issue links, emoji) to everything that is not code. Only two things are literal on GitHub: a code
 * span and a fenced code block, so values go in one or the other, never in plain text or in `<code>` tags (inside
 * a paragraph or a table cell, Markdown still applies between `<code>` and `</code>`).
 */
/** What a line break in a value becomes where a value must stay on one line (a list item, a summary line). */
const NEWLINE_MARK = '⏎';
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);
}
/** A value on one line: each line break (CRLF, LF or CR) becomes a visible mark instead of vanishing into a space. */
function flatten(value) {
    return value.replace(/\r\n|\r|\n/g, NEWLINE_MARK);
}
/** The longest run of backticks in a text (0 when there is none). */
function longestBacktickRun(text) {
    let longest = 0;
    for (const run of text.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    return longest;
}
/**
 * A code span (CommonMark 6.1): a fence of backticks longer than any run inside, so the value cannot close it.
 * CommonMark strips one space from each end when both ends have one, and a backtick at either end would join the
 * fence, so such values are padded with one space a side, which the parser then strips.
 */
function codeSpan(value) {
    const fence = '`'.repeat(longestBacktickRun(value) + 1);
    const pad = value.startsWith('`') ||
        value.endsWith('`') ||
        (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '');
    const inner = pad ? ` ${value} ` : value;
    return `${fence}${inner}${fence}`;
}
/** An empty value, which no code span can hold. */
const EMPTY = '_(empty)_';
/** A value inline, outside a table (a list item, a heading, a paragraph), on one line. */
function code(value) {
    return value === '' ? EMPTY : codeSpan(flatten(value));
}
/**
 * Whether a value can sit in a table cell as a code span and read exactly the same on every GFM parser. A table
 * row splits on every `|` not escaped as `\|`, even inside a code span, and the `\` of `\|` is removed there;
 * a value that itself holds `\|` would need `\\|`, which cmark-gfm (GitHub) and micromark read differently.
 */
function fitsInCell(value, maxLength) {
    return value.length <= maxLength && !/[\r\n]/.test(value) && !value.includes('\\|') && value !== '';
}
/** A value in a table cell: a code span with every pipe escaped (GFM 4.10). Callers check fitsInCell first. */
function cellCode(value) {
    if (value === '')
        return EMPTY;
    return codeSpan(flatten(value)).replace(/\|/g, '\\|');
}
/**
 * A value inside raw HTML (`<summary>` lines of a `<details>` block): GitHub applies no Markdown inside an HTML
 * block and no mentions inside `<code>`, so HTML escaping is enough. Kept on one line: a blank line would end
 * the HTML block.
 */
function htmlCode(value) {
    return `<code>${escapeHtml(flatten(value))}</code>`;
}
/** A fenced code block (CommonMark 4.5) whose fence no line of the content can close. */
function fenced(content, info = '') {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
    const body = content.replace(/\r\n|\r/g, '\n');
    return `${fence}${info}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${fence}`;
}
/** Closes a fenced code block left open when a body is cut, so what follows it is not swallowed as code. */
function closeOpenFence(text) {
    let open;
    for (const line of text.split('\n')) {
        const fence = /^ {0,3}(`{3,})/.exec(line)?.[1];
        if (fence === undefined)
            continue;
        if (open === undefined)
            open = fence;
        else if (fence.length >= open.length && line.trim() === fence)
            open = undefined;
    }
    return open === undefined ? text : `${text}\n${open}`;
}
function table(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
/** Pluralises a count: `plural(2, 'resource')` is `2 resources`. */
function plural(count, noun, many = `${noun}s`) {
    return `${count} ${count === 1 ? noun : many}`;
}


/***/ }),

/***/ 4227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UM: () => (/* binding */ SHORT_SECRET),
  $p: () => (/* binding */ redactor),
  Hu: () => (/* binding */ shortSecretWarning),
  kl: () => (/* binding */ withoutUrlQueries)
});

// UNUSED EXPORTS: REDACTED

;// CONCATENATED MODULE: ./src/render/encodings.ts
/**
 * The spellings a secret takes once some layer has encoded it, as regular-expression source: JSON string escapes
 * (`\"`, `\n`, `\u0027`), HTML/XML character references (`&#39;`, `&#x27;`, `&apos;`), URL percent-encoding
 * (`%27`, and `+` for a space) and base64 (standard and URL-safe). AWS and templates echo values in all of them:
 * a change-set failure reason quotes a base64 UserData, an error page an entity-escaped value, a presigned URL a
 * percent-encoded one. Written by hand: no library turns a string into a pattern for its encoded forms.
 */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A hexadecimal number, any case, with optional leading zeros: `[0]*2[7]` for 0x27, `[0]*[fF][fF]` for 0xff. */
function hexNumber(value, width = 0) {
    const digits = value
        .toString(16)
        .padStart(width, '0')
        .split('')
        .map(d => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
        .join('');
    return width > 0 ? digits : `0*${digits}`;
}
/** HTML's named references for the characters escapers name (escape-html, lodash, he, XML's five). */
const NAMED_ENTITY = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
/** JSON's two-character escapes (RFC 8259, section 7); `/` may be escaped too. */
const JSON_SHORT = {
    '"': '\\"',
    '\\': '\\\\',
    '/': '\\/',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\b': '\\b',
    '\f': '\\f'
};
/** One character of a secret, as itself or in any of the encodings, each alternative a regular expression. */
function characterForms(ch) {
    const code = ch.codePointAt(0) ?? 0;
    const forms = [escapeRegExp(ch), `&#0*${code};`, `&#[xX]${hexNumber(code)};`];
    const named = NAMED_ENTITY[ch];
    if (named !== undefined)
        forms.push(`&${named};`);
    const short = JSON_SHORT[ch];
    if (short !== undefined)
        forms.push(escapeRegExp(short));
    // JSON's \u escape: one for a character of the Basic Multilingual Plane, a surrogate pair above it.
    const units = ch.length === 1 ? [code] : [ch.charCodeAt(0), ch.charCodeAt(1)];
    forms.push(units.map(unit => `\\\\u${hexNumber(unit, 4)}`).join(''));
    forms.push([...Buffer.from(ch, 'utf8')].map(byte => `%${hexNumber(byte, 2)}`).join(''), ...(ch === ' ' ? ['\\+'] : []));
    if (ch === '\n')
        forms.push('\\r\\n', '\\\\r\\\\n');
    return forms;
}
/**
 * A pattern matching the secret in any mix of the character encodings above, one character at a time (a text
 * can escape only some characters, as JSON does with `"` but not `a`). A line break matches as \n or \r\n, so a
 * multi-line secret written on Windows, or read back from a CRLF file, still matches.
 */
function characterPattern(secret) {
    const chars = [...secret.replace(/\r\n/g, '\n')];
    return chars.map(ch => `(?:${characterForms(ch).join('|')})`).join('');
}
/** Base64 middles shorter than this are not redacted: they would match ordinary words, and say little. */
const MIN_BASE64_FORM = 6;
/**
 * The base64 text that encodes the secret wherever its bytes fall in the encoded data. Base64 writes 3 bytes as 4
 * characters, so the secret can start at byte 0, 1 or 2 of a group; in each alignment the characters that also
 * carry a neighbour's bits (up to 3 at the start, 1 at the end) differ from text to text, and only the middle is
 * stable. Those middles, standard and URL-safe, are the forms. A border of at most 3 characters is left, which
 * carries less than 2 bytes of the secret.
 */
function base64Forms(secret) {
    const bytes = Buffer.from(secret, 'utf8');
    const forms = [];
    for (const offset of [0, 1, 2]) {
        const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
        const encoded = padded.toString('base64').replace(/=+$/, '');
        // Characters that also hold the padding bytes' bits: none, 2 (6+2 bits of byte 0) or 3 (6+6+4 bits).
        const lead = [0, 2, 3][offset] ?? 0;
        // When the data does not end on a group boundary, the last character holds the next byte's bits too.
        const trail = padded.length % 3 === 0 ? 0 : 1;
        const middle = encoded.slice(lead, encoded.length - trail);
        if (middle.length < MIN_BASE64_FORM)
            continue;
        forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    return [...new Set(forms)];
}

;// CONCATENATED MODULE: ./src/render/redact.ts
/**
 * Secrets (NoEcho values the user gave, the API key) are removed from the DATA, before anything is escaped,
 * truncated, pretty-printed or diffed. Redacting the finished Markdown cannot work: by then a secret may be
 * HTML-escaped (`x&amp;y`), pipe-escaped (`a\|b`), split by a line-break mark, cut to a prefix, or re-encoded
 * by the JSON pretty-printer, and no longer match. The data itself may hold a secret encoded by AWS or the
 * template (JSON, HTML entities, URL encoding, base64): those forms are matched too (encodings.ts).
 */

const REDACTED = '****';
/** Below this length a NoEcho value is redacted all the same, but a warning says why that is not enough. */
const SHORT_SECRET = 8;
/**
 * The warning for a NoEcho value shorter than SHORT_SECRET. Every occurrence of a short value is replaced,
 * inside other words too, and that tells the value away: with the secret `prod`, `production` reads
 * `****uction` (and the runner's own masking does the same to the whole log).
 */
function shortSecretWarning(key) {
    return `The NoEcho parameter "${key}" has a value of fewer than ${SHORT_SECRET} characters. It is masked, but a short secret is an oracle: every text that contains it is masked too (with the secret "prod", "production" shows as "****uction"), which tells the value to anyone reading the log. Use a longer value.`;
}
/** A URL's query, up to white space, a quote, a bracket or the fragment: what a presigned URL's credentials ride in. */
const URL_QUERY = /\b((?:https?|s3):\/\/[^\s?#"'`<>]*)\?[^\s#"'`<>)\]]*/gi;
/**
 * The text with every URL's query string replaced by `?…`. A presigned template URL carries a security token and
 * a credential in its query (X-Amz-Security-Token, X-Amz-Credential, X-Amz-Signature); shown anywhere (a debug
 * line, an error, the failed-preview comment) it would hand out the role's session. The URL without its query
 * still says which object was meant.
 */
function withoutUrlQueries(text) {
    return text.replace(URL_QUERY, '$1?…');
}
const redact_escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A function that replaces every secret in a text with ****, in one pass, longest first (so a short secret never
 * matches inside a longer one, nor inside the **** of one already replaced). Every non-empty secret counts, even
 * one character long: a short secret is still a secret. Each secret matches as itself or in any of its encoded
 * forms.
 */
function redactor(secrets) {
    const unique = [...new Set(secrets)].filter(secret => secret !== '');
    if (unique.length === 0)
        return text => text;
    const patterns = [
        ...unique.map(secret => ({ length: secret.length, source: characterPattern(secret) })),
        ...unique.flatMap(secret => base64Forms(secret).map(form => ({ length: form.length, source: redact_escapeRegExp(form) })))
    ].sort((a, b) => b.length - a.length);
    const pattern = new RegExp(patterns.map(p => p.source).join('|'), 'g');
    return text => text.replace(pattern, REDACTED);
}


/***/ }),

/***/ 7924:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zt: () => (/* reexport */ failure/* renderFailure */.zt),
  B1: () => (/* binding */ renderReport)
});

// UNUSED EXPORTS: redactReport, renderFailedPreview, renderRefusedDeploy

// EXTERNAL MODULE: ./src/stack/changes.ts
var stack_changes = __webpack_require__(1313);
// EXTERNAL MODULE: ./src/render/markdown.ts
var markdown = __webpack_require__(2495);
;// CONCATENATED MODULE: ./src/render/mode-words.ts

function wordsFor(report) {
    const kept = (report.changeSetId ?? '') !== '';
    switch (report.kind) {
        case 'preview':
            return {
                title: '📋 CloudFormation preview',
                create: 'The stack does not exist yet: merging creates it.',
                recreate: "The stack's first create failed and left nothing: the deploy after merging deletes it and creates it again.",
                countsLead: 'Merging deploys',
                outputsOnly: "No resource changes: merging updates only the stack's outputs, parameters or tags.",
                noChanges: '✅ **No changes.** The stack already matches this template and these parameters: merging deploys nothing.',
                refusedNote: ' ⛔ **The deploy after merging refuses this** unless `allow-data-loss` lists it.',
                refuser: 'The deploy after merging is',
                review: ' Review before merging.',
                footerNote: kept ? 'nothing was deployed; the change set was deleted' : 'nothing was deployed'
            };
        case 'plan':
            return {
                title: '📋 CloudFormation plan',
                create: 'The stack does not exist yet: executing this plan creates it.',
                recreate: "The stack's first create never completed and holds nothing: executing this plan creates it.",
                countsLead: 'Executing it deploys',
                outputsOnly: "No resource changes: executing it updates only the stack's outputs, parameters or tags.",
                noChanges: '✅ **No changes.** The stack already matches this template and these parameters: no change set was kept, and execute has nothing to run.',
                refusedNote: ' ⛔ **Execute refuses this** unless `allow-data-loss` lists it.',
                refuser: 'Executing this change set is',
                review: ' Review before executing it.',
                footerNote: kept
                    ? 'nothing was deployed; the change set was kept for execute'
                    : 'nothing was deployed'
            };
        case 'deploy':
            return {
                title: report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
                    ? '✅ CloudFormation deploy'
                    : '❌ CloudFormation deploy',
                create: 'This deploy created the stack.',
                recreate: "The stack's first create had failed and left nothing: this deploy deleted it and created it again.",
                countsLead: 'Applied',
                outputsOnly: "No resource changes: the update changed only the stack's outputs, parameters or tags.",
                noChanges: '✅ **No changes** were needed: nothing was deployed.',
                refusedNote: ' ⛔ **Refused** unless `allow-data-loss` lists it.',
                refuser: 'This deploy was',
                review: '',
                footerNote: ''
            };
    }
}
/** The plan's line saying where its change set is kept and how to run it. */
function keptLine(report) {
    if (report.kind !== 'plan' || (report.changeSetId ?? '') === '')
        return '';
    return `The change set was **kept** as ${(0,markdown/* code */.aY)(report.changeSetId ?? '')}: nothing changes until \`mode: execute\` runs it with this \`change-set-id\`.`;
}
/** Counts as a deploy reports them (done: `3 added`), or as a preview or plan does (to do: `3 to add`). */
function describeDone(counts) {
    return [
        `${counts.add} added, ${counts.modify} modified, ${counts.replace} replaced, ${counts.remove} removed`,
        counts.import > 0 ? `${counts.import} imported` : '',
        counts.dynamic > 0 ? `${counts.dynamic} decided during execution` : '',
        counts.syncWithActual > 0 ? `${counts.syncWithActual} synced with actual` : ''
    ]
        .filter(part => part !== '')
        .join(', ');
}

// EXTERNAL MODULE: ./src/guards/data-loss.ts + 1 modules
var data_loss = __webpack_require__(217);
// EXTERNAL MODULE: ./src/guards/no-data-types.ts
var no_data_types = __webpack_require__(8400);
// EXTERNAL MODULE: ./src/render/report.ts
var render_report = __webpack_require__(6076);
;// CONCATENATED MODULE: ./src/render/caution.ts






/** The caution block: every replaced or removed resource, what happens to it, and what a deploy would refuse. */
/**
 * What happens to the old resource, from the change set's PolicyAction. The action comes from AWS like every other
 * value: shown as code, never as Markdown.
 */
function fateOf(change) {
    const kind = (0,stack_changes/* kindOf */.I)(change);
    const policy = change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete');
    const shown = `(${(0,markdown/* code */.aY)(policy)})`;
    if (!(0,data_loss/* holdsData */.VU)(change.ResourceType) && (policy === 'Delete' || policy === 'ReplaceAndDelete')) {
        return kind === 'remove'
            ? `it is deleted ${shown}`
            : `a new one replaces it and the old one is deleted ${shown}`;
    }
    if (change.ResourceType === 'AWS::S3::Bucket' && /Delete/.test(policy)) {
        // CloudFormation cannot delete a bucket that holds objects. Its early validation may refuse the change set;
        // otherwise the delete fails in the update's clean-up, the update still succeeds, and the bucket stays.
        return `${(0,data_loss/* describeFate */.s8)(policy)}; if the bucket still holds objects, CloudFormation cannot delete it: the change set may fail early validation, or else the update succeeds and leaves the bucket in the account, no longer managed by the stack ${shown}`;
    }
    return `${(0,data_loss/* describeFate */.s8)(policy)} ${shown}`;
}
/** Why a resource is replaced: the properties that force it. */
function replacementCauses(change) {
    const forcing = (change.Details ?? []).filter(d => d.Target?.RequiresRecreation === 'Always' || d.Target?.RequiresRecreation === 'Conditionally');
    const names = [
        ...new Set(forcing.map(d => `${(0,markdown/* code */.aY)(d.Target?.Path ?? d.Target?.Name ?? d.Target?.Attribute ?? '?')} (${d.Target?.RequiresRecreation === 'Always' ? 'always' : 'conditionally'})`))
    ];
    return names.length === 0 ? '' : ` Forced by ${names.join(', ')}.`;
}
function verdictNote(report, verdict) {
    if (verdict === undefined)
        return '';
    return verdict.allowed ? ' ✅ Allowed by `allow-data-loss`.' : wordsFor(report).refusedNote;
}
/** The logical id a change's detail names as its cause (`Vpc.Id` and `Vpc` both name `Vpc`). */
function causeOf(entity) {
    return (entity ?? '').split('.')[0] ?? '';
}
/**
 * The data stores a network replacement takes down: those whose changes CloudFormation traces back to it (a
 * database whose subnet group moves to a new VPC is replaced with it), following causes through the subnets and
 * the subnet group.
 */
function takenDown(network, all) {
    const reached = new Set([network.change.LogicalResourceId ?? '']);
    const found = [];
    for (let grew = true; grew;) {
        grew = false;
        for (const located of all) {
            const id = located.change.LogicalResourceId ?? '';
            if (reached.has(id))
                continue;
            if ((located.change.Details ?? []).some(d => reached.has(causeOf(d.CausingEntity)))) {
                reached.add(id);
                grew = true;
                if ((0,data_loss/* holdsData */.VU)(located.change.ResourceType))
                    found.push(located);
            }
        }
    }
    return found;
}
/** The sentence that names what a replaced network takes down with it ('' for anything else). */
function networkNote(located, all) {
    if ((0,stack_changes/* kindOf */.I)(located.change) !== 'replace')
        return '';
    if (!Object.hasOwn(no_data_types/* REMOVABLE_NETWORK_TYPES */.JY, located.change.ResourceType ?? ''))
        return '';
    const stores = takenDown(located, all);
    if (stores.length === 0)
        return ' 🗄️ Any database in it moves to the new network: a new, empty one replaces it.';
    const names = stores.map(s => `${data_loss/* DATA_TYPES */.hL[s.change.ResourceType ?? ''] ?? 'data store'} ${(0,render_report/* who */.dp)(s)}`);
    return ` 🗄️ It takes down the ${names.join(', the ')}: moved to the new network, ${stores.length === 1 ? 'it is' : 'each is'} replaced by a new, empty one.`;
}
function warningLine(report, located, all) {
    const { change } = located;
    const data = (0,data_loss/* holdsData */.VU)(change.ResourceType)
        ? `, 💾 holds data (${data_loss/* DATA_TYPES */.hL[change.ResourceType ?? '']})`
        : '';
    const network = networkNote(located, all);
    const subject = `${render_report/* ICON */.kb[(0,stack_changes/* kindOf */.I)(change)]} ${(0,render_report/* who */.dp)(located)} (${(0,markdown/* code */.aY)(change.ResourceType ?? '')})`;
    const note = verdictNote(report, (0,render_report/* verdictFor */.Xb)(report, located));
    if ((0,stack_changes/* kindOf */.I)(change) === 'remove') {
        return `- ${subject} is **removed**${data}: ${fateOf(change)}.${note}`;
    }
    const certainty = change.Replacement === 'True'
        ? 'is **replaced**'
        : '**may be replaced** (CloudFormation decides during the update)';
    return `- ${subject} ${certainty}${data}: ${fateOf(change)}.${network}${replacementCauses(change)}${note}`;
}
/**
 * The caution block: every replaced or removed resource, those holding data first, and what a deploy would refuse.
 * `cap` limits the list only when the resource table is shed too, so "more" never points at a missing table.
 * A CAUTION alert when data is at stake (a data store, or a network one lives in), a WARNING otherwise.
 */
function warningBlock(report, destructive, all, cap, elsewhere) {
    if (destructive.length === 0)
        return '';
    const withData = destructive.filter(l => (0,data_loss/* holdsData */.VU)(l.change.ResourceType));
    const refused = (0,render_report/* refusedVerdicts */.l_)(report);
    const atStake = withData.length > 0 || (report.dataLoss ?? []).length > 0;
    const ordered = [...withData, ...destructive.filter(l => !(0,data_loss/* holdsData */.VU)(l.change.ResourceType))];
    const shown = ordered.slice(0, cap).map(l => warningLine(report, l, all));
    if (ordered.length > cap)
        shown.push(`- …and ${ordered.length - cap} more. ${elsewhere}`);
    const headline = `**${(0,markdown/* plural */.LS)(destructive.length, 'resource is', 'resources are')} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.**${wordsFor(report).review}`;
    const gate = report.failOnDataLoss === true && report.kind !== 'deploy'
        ? ` This check fails until then (\`fail-on-data-loss\`).`
        : '';
    const refusal = refused.length === 0
        ? []
        : [
            `> ⛔ ${wordsFor(report).refuser} **refused**: data would be lost at ${refused.map(v => (0,markdown/* code */.aY)((0,render_report/* verdictPath */.NO)(v))).join(', ')}. To accept that, set ${(0,markdown/* code */.aY)(`allow-data-loss: ${refused.map(render_report/* verdictPath */.NO).join(',')}`)} (or ${(0,markdown/* code */.aY)('*')}); to keep a removed resource's data, give it ${(0,markdown/* code */.aY)('DeletionPolicy: Retain')}.${gate}`,
            '>'
        ];
    return [
        `> [!${atStake ? 'CAUTION' : 'WARNING'}]`,
        ...refusal,
        `> ${headline}`,
        '>',
        ...shown.map(line => `> ${line}`)
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/render/line-diff.ts
/**
 * A line diff for values a reviewer must see whole: JSON documents (IAM policies, container definitions, state
 * machine definitions) pretty-printed, and multi-line text. Shown in a ```diff block, so an added statement is a
 * run of `+` lines, wherever in the document it is.
 */
/** Largest LCS table (cells of 4 bytes): 4 M cells, 16 MB, a few hundred milliseconds at most. */
const MAX_TABLE = 4_000_000;
/**
 * The longest common subsequence of two line lists, walked back into unchanged, removed and added lines. Quadratic
 * in the lines that differ, after the common head and tail are set aside; policies and task definitions are a few
 * hundred lines at most (CloudFormation's own limit on a template is 1 MB).
 */
function diffLines(before, after) {
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head])
        head++;
    let tail = 0;
    while (tail < before.length - head &&
        tail < after.length - head &&
        before[before.length - 1 - tail] === after[after.length - 1 - tail])
        tail++;
    const a = before.slice(head, before.length - tail);
    const b = after.slice(head, after.length - tail);
    const context = (lines) => lines.map(text => ({ op: ' ', text }));
    if (a.length * b.length > MAX_TABLE) {
        // Two large documents that differ throughout (a rewritten state machine): the table would not fit in memory,
        // and a line-by-line match would not help a reader either. Shown as all of one, then all of the other.
        return [
            ...context(before.slice(0, head)),
            ...a.map(text => ({ op: '-', text })),
            ...b.map(text => ({ op: '+', text })),
            ...context(before.slice(before.length - tail))
        ];
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
    const width = b.length + 1;
    const lcs = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--)
        for (let j = b.length - 1; j >= 0; j--)
            lcs[i * width + j] =
                a[i] === b[j]
                    ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
                    : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    const middle = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) {
            middle.push({ op: ' ', text: a[i++] ?? '' });
            j++;
        }
        else if (i < a.length &&
            (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
            // Removed lines before added ones, as diff and git show them.
            middle.push({ op: '-', text: a[i++] ?? '' });
        }
        else {
            middle.push({ op: '+', text: b[j++] ?? '' });
        }
    }
    return slideRuns([
        ...before.slice(0, head).map(text => ({ op: ' ', text })),
        ...middle,
        ...before.slice(before.length - tail).map(text => ({ op: ' ', text }))
    ]);
}
const indentOf = (text) => text.length - text.trimStart().length;
/**
 * A run of added (or removed) lines can often sit at several places with the same meaning: a statement added
 * between two others can be read as `{ … },` or as `… }, {`. Like git's indent heuristic, each run is moved to the
 * place where its first and last lines are least indented, so it reads as whole blocks.
 */
function slideRuns(lines) {
    const out = lines.map(line => ({ ...line }));
    const textAt = (i) => out[i]?.text ?? '';
    const opAt = (i) => out[i]?.op;
    // Moving a run [s, e) by one line only swaps ops, because the line that leaves it equals the one that joins it.
    const setOp = (i, op) => {
        const line = out[i];
        if (line !== undefined)
            line.op = op;
    };
    let start = 0;
    while (start < out.length) {
        const op = opAt(start);
        if (op === ' ' || op === undefined) {
            start++;
            continue;
        }
        let s = start;
        let e = start;
        while (opAt(e) === op)
            e++;
        while (s > 0 && opAt(s - 1) === ' ' && textAt(s - 1) === textAt(e - 1)) {
            setOp(s - 1, op);
            setOp(e - 1, ' ');
            s--;
            e--;
        }
        const score = () => indentOf(textAt(s)) + indentOf(textAt(e - 1));
        let best = { s, score: score() };
        while (e < out.length && opAt(e) === ' ' && textAt(e) === textAt(s)) {
            setOp(s, ' ');
            setOp(e, op);
            s++;
            e++;
            if (score() < best.score)
                best = { s, score: score() };
        }
        while (s > best.s) {
            setOp(s - 1, op);
            setOp(e - 1, ' ');
            s--;
            e--;
        }
        start = e;
    }
    return out;
}
/** A JSON object or array, parsed; undefined for anything else (a number, a plain string, invalid JSON). */
function parseDocument(value) {
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        return undefined;
    try {
        const parsed = JSON.parse(trimmed);
        return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** Applies a function to every string (keys and values) of a parsed JSON document. */
function mapStrings(value, map) {
    if (typeof value === 'string')
        return map(value);
    if (Array.isArray(value))
        return value.map(item => mapStrings(item, map));
    if (typeof value === 'object' && value !== null)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), mapStrings(v, map)]));
    return value;
}
/**
 * The lines of a value as a reviewer reads it: a JSON document pretty-printed (keys in their order, 2-space
 * indent), anything else split at its line breaks. `clean` runs on every string of a document after parsing,
 * where JSON escapes (`\u0022`) are decoded, so a secret written with escapes is still found.
 */
function linesOf(value, clean) {
    if (value === undefined)
        return [];
    const document = parseDocument(value);
    const text = document === undefined ? value : JSON.stringify(mapStrings(document, clean), null, 2);
    return text.split(/\r\n|\r|\n/);
}
/**
 * The body of a ```diff block: one line per diff line, `+`/`-`/space first. With `context`, unchanged stretches
 * longer than that many lines around each change collapse to one `@@ N unchanged lines @@` line, as in a unified
 * diff (a content line always starts with a space, `+` or `-`, so the two cannot be confused).
 */
function formatDiff(lines, context = Number.POSITIVE_INFINITY) {
    const keep = lines.map(() => !Number.isFinite(context));
    lines.forEach((line, i) => {
        if (line.op === ' ')
            return;
        for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++)
            keep[k] = true;
    });
    const out = [];
    let hidden = 0;
    const flush = () => {
        if (hidden > 0)
            out.push(`@@ ${hidden} unchanged line${hidden === 1 ? '' : 's'} @@`);
        hidden = 0;
    };
    lines.forEach((line, i) => {
        if (keep[i] === true) {
            flush();
            out.push(`${line.op}${line.text}`);
        }
        else
            hidden++;
    });
    flush();
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/render/properties.ts


/** Values up to this long, on one line and not a JSON document, are shown in the table; longer ones below it. */
const CELL_WIDTH = 80;
/** Where a property change comes from, with the parameter or resource that causes it. */
function describeSource(detail) {
    const entity = detail.CausingEntity === undefined || detail.CausingEntity === '' ? undefined : detail.CausingEntity;
    const named = entity === undefined ? '' : ` ${cellValue(entity)}`;
    switch (detail.ChangeSource) {
        case 'ParameterReference':
            return `parameter${named}`;
        case 'ResourceReference':
        case 'ResourceAttribute':
            return `${entity === undefined ? 'another resource' : cellValue(entity)} changes${detail.Evaluation === 'Dynamic' ? ' (known after apply)' : ''}`;
        case 'DirectModification':
            return 'template';
        case 'Automatic':
            return `automatic${named}`;
        case undefined:
            return '';
        default:
            return `${cellValue(detail.ChangeSource)}${named}`;
    }
}
/** A short value in a cell; one a cell cannot hold exactly is named as shown below instead. */
function cellValue(value) {
    return (0,markdown/* fitsInCell */.c8)(value, 200) ? (0,markdown/* cellCode */.GA)(value) : '_(below)_';
}
function recreation(detail) {
    switch (detail.Target?.RequiresRecreation) {
        case 'Always':
            return '**Always**';
        case 'Conditionally':
            return 'Conditionally';
        case 'Never':
            return 'Never';
        default:
            return '';
    }
}
/** The property a detail changes, by its path (`/Properties/Policies/0/PolicyDocument`), else its name. */
function propertyPath(detail) {
    const target = detail.Target;
    return target?.Path ?? target?.Name ?? target?.Attribute ?? '';
}
/** Add, Remove or Modify: AWS's AttributeChangeType, else inferred from which values are present. */
function changeType(detail) {
    const target = detail.Target;
    if (target?.AttributeChangeType !== undefined)
        return target.AttributeChangeType;
    if (target?.BeforeValue === undefined && target?.AfterValue !== undefined)
        return 'Add';
    if (target?.BeforeValue !== undefined &&
        target?.AfterValue === undefined &&
        detail.Evaluation !== 'Dynamic')
        return 'Remove';
    return 'Modify';
}
const inCell = (value) => value === undefined || value === '' || ((0,markdown/* fitsInCell */.c8)(value, CELL_WIDTH) && parseDocument(value) === undefined);
/**
 * A value the table cannot show exactly (long, multi-line, a JSON document) as a block below it: a ```diff of
 * the pretty-printed lines when there is a before and an after, the value alone otherwise.
 */
function valueBlock(detail, options) {
    const clean = options.clean;
    const target = detail.Target;
    const before = target?.BeforeValue;
    const after = target?.AfterValue;
    const label = `${(0,markdown/* code */.aY)(propertyPath(detail))} (${changeType(detail)})`;
    if (after === undefined && detail.Evaluation === 'Dynamic') {
        return `${label}, before; the new value is known only during the update:\n\n${(0,markdown/* fenced */.OF)(linesOf(before, clean).join('\n'))}`;
    }
    const lines = diffLines(linesOf(before, clean), linesOf(after, clean));
    return `${label}:\n\n${(0,markdown/* fenced */.OF)(formatDiff(lines, options.context), 'diff')}`;
}
/**
 * Every property a resource change touches: a table (path, kind of change, whether it forces a replacement, why,
 * before and after) and, below it, each value too long or structured for a cell, whole, as a diff.
 */
function propertyChanges(change, options) {
    const blocks = [];
    const below = options.blocksElsewhere === undefined ? '_(below)_' : `_(${options.blocksElsewhere})_`;
    const rows = (change.Details ?? []).map(detail => {
        const target = detail.Target;
        const fits = inCell(target?.BeforeValue) && inCell(target?.AfterValue);
        const show = (value, dynamic) => {
            if (value === undefined)
                return dynamic ? '_(known after apply)_' : '';
            if (!fits)
                return below;
            return value === '' ? markdown/* EMPTY */.wg : (0,markdown/* cellCode */.GA)(value);
        };
        if (!fits)
            blocks.push(valueBlock(detail, options));
        const path = propertyPath(detail);
        return [
            (0,markdown/* fitsInCell */.c8)(path, 200) ? (0,markdown/* cellCode */.GA)(path) : below,
            changeType(detail),
            recreation(detail),
            describeSource(detail),
            show(target?.BeforeValue, false),
            show(target?.AfterValue, detail.Evaluation === 'Dynamic')
        ];
    });
    // Causes too long for a cell are listed once, exactly, after the table.
    const causes = (change.Details ?? [])
        .map(d => d.CausingEntity)
        .filter((e) => e !== undefined && e !== '' && !(0,markdown/* fitsInCell */.c8)(e, 200));
    const paths = (change.Details ?? []).map(propertyPath).filter(p => p !== '' && !(0,markdown/* fitsInCell */.c8)(p, 200));
    for (const text of [...new Set([...paths, ...causes])])
        blocks.push((0,markdown/* fenced */.OF)(text));
    const table_ = (0,markdown/* table */.tp)(['Property', 'Change', 'Recreation', 'Because of', 'Before', 'After'], rows);
    return options.blocksElsewhere === undefined ? [table_, ...blocks].join('\n\n') : table_;
}

// EXTERNAL MODULE: ./src/render/redact.ts + 1 modules
var redact = __webpack_require__(4227);
;// CONCATENATED MODULE: ./src/render/redact-report.ts

function redactChange(change, clean) {
    const text = (value) => value === undefined ? undefined : clean(value);
    return {
        ...change,
        LogicalResourceId: text(change.LogicalResourceId),
        PhysicalResourceId: text(change.PhysicalResourceId),
        ResourceType: text(change.ResourceType),
        Details: change.Details?.map(d => ({
            ...d,
            CausingEntity: text(d.CausingEntity),
            Target: d.Target === undefined
                ? undefined
                : {
                    ...d.Target,
                    Name: text(d.Target.Name),
                    Path: text(d.Target.Path),
                    BeforeValue: text(d.Target.BeforeValue),
                    AfterValue: text(d.Target.AfterValue)
                }
        }))
    };
}
/**
 * The report with every secret replaced by ****, in every string that came from the template, the parameters or
 * AWS: done on the data, before any escaping, truncation or diffing can change how a secret is spelled.
 */
function redactReport(report, clean = (0,redact/* redactor */.$p)(report.secrets)) {
    const text = (value) => value === undefined ? undefined : clean(value);
    return {
        ...report,
        changes: report.changes.map(c => redactChange(c, clean)),
        parameters: report.parameters.map(p => ({
            key: clean(p.key),
            before: text(p.before),
            after: text(p.after)
        })),
        ...(report.status === undefined ? {} : { status: clean(report.status) }),
        ...(report.outputs === undefined
            ? {}
            : {
                outputs: Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [clean(k), clean(v)]))
            }),
        dataLoss: report.dataLoss?.map(v => ({
            ...v,
            path: v.path.map(clean),
            logicalId: clean(v.logicalId),
            reason: clean(v.reason)
        })),
        nested: report.nested?.map(n => ({
            path: n.path.map(clean),
            changes: n.changes.map(c => redactChange(c, clean))
        }))
    };
}

// EXTERNAL MODULE: ./src/insight/cost/estimate.ts + 1 modules
var estimate = __webpack_require__(9036);
// EXTERNAL MODULE: ./src/insight/cost/price-query.ts
var price_query = __webpack_require__(9060);
// EXTERNAL MODULE: ./src/insight/insight.ts
var insight_insight = __webpack_require__(2952);
;// CONCATENATED MODULE: ./src/insight/render.ts




/**
 * The Markdown sections of cost, drift and checks, pure functions of an Insight. Every value from AWS or the
 * template goes through the shared escaping helpers (code spans), after the run's redactor.
 */
/** `+$86.14`, `-$12.00`, `$0.00`. */
function signedUsd(delta) {
    const text = (0,estimate/* dollars */.E)(Math.abs(delta));
    if (text === '0.00')
        return '$0.00';
    return `${delta > 0 ? '+' : '-'}$${text}`;
}
const usd = (n) => `$${Number((0,estimate/* dollars */.E)(n)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** A value in a cell, or `…` when no cell can hold it exactly. */
function cell(value, clean) {
    if (value === undefined)
        return '_(none)_';
    const v = clean(value);
    return (0,markdown/* fitsInCell */.c8)(v, 120) ? (0,markdown/* cellCode */.GA)(v) : (0,markdown/* cellCode */.GA)(`${v.slice(0, 60).replace(/\\\|/g, '')}…`);
}
/** AWS's own words about a failure, as code (they are untrusted text), after a sentence of ours. */
const detail = (text, clean) => text === undefined ? '' : ` AWS said: ${(0,markdown/* code */.aY)(clean(text))}`;
function shape(side, verb) {
    return side === undefined ? `_(${verb})_` : (0,markdown/* code */.aY)(side.shape);
}
function costLine(line, clean) {
    const from = shape(line.before, 'new');
    const to = shape(line.after, 'removed');
    const what = line.before !== undefined && line.after !== undefined
        ? `${from} → ${to}`
        : line.before === undefined
            ? `${to} (new)`
            : `${from} (removed)`;
    return `- **${signedUsd(line.delta)}/mo**: ${(0,markdown/* code */.aY)(clean(line.logicalId))} ${what}`;
}
function costSection(insight, clean) {
    const cost = insight.cost;
    if (cost === undefined)
        return '';
    if (!(0,insight_insight/* isEstimate */.Bh)(cost))
        return ['#### 💰 Cost at rest', `> [!NOTE]\n> ${cost.note}`].join('\n\n');
    const parts = ['#### 💰 Cost at rest', costTotals(cost)];
    if (cost.lines.length > 0)
        parts.push(cost.lines.map(l => costLine(l, clean)).join('\n'));
    else
        parts.push('No priced resource changes its cost.');
    const limit = insight.maxMonthlyIncrease;
    if (limit !== undefined) {
        parts.push(cost.delta > limit
            ? `> [!CAUTION]\n> The increase (${signedUsd(cost.delta)}/mo) is over \`max-monthly-increase\` (${usd(limit)}): this preview fails, and a deploy would refuse it.`
            : cost.delta > 0
                ? `The increase is within \`max-monthly-increase\` (${usd(limit)}).`
                : `No increase: \`max-monthly-increase\` (${usd(limit)}) is met.`);
    }
    const details = [];
    if (cost.usage.length > 0)
        details.push([
            '<details>',
            '<summary>Usage-priced parts, not included</summary>',
            '',
            ...cost.usage.map(u => `- ${(0,markdown/* code */.aY)(u.type)}: ${u.parts.join(', ')}`),
            '',
            '</details>'
        ].join('\n'));
    if (cost.unpriced.length > 0)
        details.push(`Not priced: ${cost.unpriced.map(u => `${(0,markdown/* code */.aY)(clean(u.logicalId))} (${u.what})`).join('; ')}.`);
    if (details.length > 0)
        parts.push(details.join('\n\n'));
    parts.push(cost.origin.kind === 'api'
        ? `<sub>On-demand prices in ${(0,markdown/* code */.aY)(cost.region)} from the AWS Price List API, ${price_query/* HOURS_PER_MONTH */.x} hours a month.</sub>`
        : `> [!NOTE]\n> Prices from the snapshot bundled with the action, dated ${(0,markdown/* code */.aY)(cost.origin.date)}: ${cost.origin.reason}${detail(cost.origin.detail, clean)}. On demand, ${(0,markdown/* code */.aY)(cost.region)}, ${price_query/* HOURS_PER_MONTH */.x} hours a month.`);
    return parts.join('\n\n');
}
function costTotals(cost) {
    return (0,markdown/* table */.tp)(['', 'Before', 'After', 'Change'], [['Monthly', usd(cost.before), usd(cost.after), `**${signedUsd(cost.delta)}**`]]);
}
const FATE = {
    untouched: 'not in this change: the live values stay',
    updated: 'updated by this change',
    replaced: 'replaced by this change: the live values are lost',
    removed: 'removed by this change'
};
function driftSection(drift, clean) {
    if (drift === undefined)
        return '';
    if (drift.kind === 'unavailable')
        return ['#### 🧭 Drift', `> [!NOTE]\n> ${drift.note}${detail(drift.detail, clean)}`].join('\n\n');
    const partial = drift.partial === undefined
        ? ''
        : `\n\n> [!NOTE]\n> Drift detection failed for some resources; the others are shown.${detail(drift.partial, clean)}`;
    if (drift.resources.length === 0)
        return [
            '#### 🧭 Drift',
            `No drift: every resource checked matches its deployed template.${partial}`
        ].join('\n\n');
    const overwritten = drift.resources.filter(r => r.properties.some(p => p.overwritten) || r.fate === 'replaced' || r.fate === 'removed');
    const parts = [
        '#### 🧭 Drift',
        `${(0,markdown/* plural */.LS)(drift.resources.length, 'resource')} drifted from the deployed template.`
    ];
    if (overwritten.length > 0)
        parts.push(`> [!WARNING]\n> Merging overwrites live changes made outside CloudFormation on ${overwritten.map(r => (0,markdown/* code */.aY)(clean(r.logicalId))).join(', ')}.`);
    for (const r of drift.resources) {
        parts.push(`${(0,markdown/* code */.aY)(clean(r.logicalId))} · ${(0,markdown/* code */.aY)(r.type)} · ${r.status === 'DELETED' ? '**deleted outside CloudFormation**' : 'modified'}; ${FATE[r.fate]}`);
        if (r.properties.length > 0)
            parts.push((0,markdown/* table */.tp)(['Property', 'As deployed', 'Live', 'After merge', ''], r.properties.map(p => [
                cell(p.path, clean),
                cell(p.deployed, clean),
                cell(p.live, clean),
                cell(p.afterMerge, clean),
                p.overwritten ? '⚠️ overwritten' : 'kept'
            ])));
    }
    return parts.join('\n\n');
}
function revertDriftSection(changes, clean) {
    if (changes === undefined || changes.length === 0)
        return '';
    const parts = ['#### ↩️ Drift reverted by this change set (`deployment-mode: revert-drift`)'];
    for (const c of changes) {
        parts.push(`${(0,markdown/* code */.aY)(clean(c.logicalId))} · ${(0,markdown/* code */.aY)(c.type)} · drift status ${(0,markdown/* code */.aY)(c.driftStatus || 'unknown')}`);
        if (c.properties.length > 0)
            parts.push((0,markdown/* table */.tp)(['Property', 'Previous (deployed)', 'Actual (live)', 'After', 'Before value from'], c.properties.map(p => [
                cell(p.path, clean),
                cell(p.previous, clean),
                cell(p.actual, clean),
                cell(p.after, clean),
                cell(p.beforeValueFrom, clean)
            ])));
        if (c.ignored.length > 0)
            parts.push(`Ignored attributes: ${c.ignored.map(i => `${(0,markdown/* code */.aY)(i.path)} (${(0,markdown/* code */.aY)(i.reason)})`).join(', ')}.`);
    }
    return parts.join('\n\n');
}
function findingRow(f, clean) {
    const fix = [f.remediation, f.link].filter((v) => v !== undefined);
    return [
        f.level === 'FAIL' ? '⛔ FAIL' : '⚠️ WARN',
        cell(f.name, clean),
        f.logicalId === undefined ? '' : cell(f.logicalId, clean),
        cell(f.reason, clean) + (f.path === undefined ? '' : ` at ${cell(f.path, clean)}`),
        [f.severity === undefined ? '' : cell(f.severity, clean), ...fix.map(v => cell(v, clean))]
            .filter(Boolean)
            .join(' ')
    ];
}
function checksSection(checks, clean) {
    if (checks === undefined)
        return '';
    const parts = ['#### 🛡️ Checks'];
    const fails = checks.findings.filter(f => f.level === 'FAIL').length;
    if (checks.findings.length === 0)
        parts.push("CloudFormation's validations and Hooks found nothing.");
    else {
        parts.push(fails > 0
            ? `> [!CAUTION]\n> ${(0,markdown/* plural */.LS)(fails, 'check')} failed: this change cannot deploy as it is, and this preview fails.`
            : `${(0,markdown/* plural */.LS)(checks.findings.length, 'warning')} from CloudFormation's validations and Hooks.`);
        parts.push((0,markdown/* table */.tp)(['', 'Check', 'Resource', 'Reason', 'Remediation'], [...checks.findings].sort((a, b) => a.level.localeCompare(b.level)).map(f => findingRow(f, clean))));
    }
    if (checks.notes.length > 0)
        parts.push(`> [!NOTE]\n> ${checks.notes.map(n => `${n.note}${detail(n.detail, clean)}`).join('\n> ')}`);
    return parts.join('\n\n');
}
/** The sections, in reading order; empty strings for what the run did not look at. */
function insightSections(insight, clean) {
    if (insight === undefined)
        return [];
    return [
        checksSection(insight.checks, clean),
        costSection(insight, clean),
        driftSection(insight.drift, clean),
        revertDriftSection(insight.revertDrift, clean)
    ].filter(s => s !== '');
}

// EXTERNAL MODULE: ./src/render/failure.ts
var failure = __webpack_require__(7010);
;// CONCATENATED MODULE: ./src/render/render-report.ts












/** A value in a table cell, or, when no cell can hold it exactly, a pointer to a block after the table. */
function valueCell(value, label, below) {
    if (value === undefined)
        return '_(not set)_';
    if (value === '')
        return '_(empty)_';
    if ((0,markdown/* fitsInCell */.c8)(value, 120))
        return (0,markdown/* cellCode */.GA)(value);
    below.push(`${label}:\n\n${(0,markdown/* fenced */.OF)(value)}`);
    return '_(below)_';
}
function parameterTable(parameters, fold) {
    if (parameters.length === 0)
        return '';
    const below = [];
    const rows = parameters.map(p => [
        valueCell(p.key, `${(0,markdown/* code */.aY)(p.key)}`, below),
        p.before === undefined ? '' : valueCell(p.before, `${(0,markdown/* code */.aY)(p.key)} before`, below),
        valueCell(p.after, `${(0,markdown/* code */.aY)(p.key)} after`, below)
    ]);
    // On a create no parameter had a value before: the column would say "not set" on every row.
    const created = parameters.every(p => p.before === undefined);
    const body = created
        ? (0,markdown/* table */.tp)(['Parameter', 'Value'], rows.map(([key = '', , after = '']) => [key, after]))
        : (0,markdown/* table */.tp)(['Parameter', 'Before', 'After'], rows.map(row => row.map(cell => cell || '_(not set)_')));
    return [
        '#### Parameters',
        foldable(body, rows.length, (0,markdown/* plural */.LS)(rows.length, 'parameter'), fold),
        ...below
    ].join('\n\n');
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
function dataCell(report, located) {
    const verdict = (0,render_report/* verdictFor */.Xb)(report, located);
    if (verdict !== undefined)
        return verdict.allowed ? '✅ allowed by `allow-data-loss`' : '⛔ refused without `allow-data-loss`';
    const { change } = located;
    if ((0,stack_changes/* kindOf */.I)(change) === 'remove' && change.PolicyAction === 'Retain' && (0,data_loss/* holdsData */.VU)(change.ResourceType))
        return '💾 kept (Retain)';
    return '';
}
/** Tables longer than this are folded in comments, so a big change does not bury the conversation. */
const FOLD_ROWS = 20;
/** A column only when some row has something in it (a create has no Replacement, a safe change no Data). */
function withoutEmptyColumns(header, rows, optional) {
    const keep = header.map((name, i) => !optional.has(name) || rows.some(row => (row[i] ?? '') !== ''));
    const pick = (cells) => cells.filter((_, i) => keep[i]);
    return (0,markdown/* table */.tp)(pick(header), rows.map(pick));
}
/** A table in a `<details>` block, closed, when it has more rows than a reader scrolls past. */
function foldable(body, rows, what, fold) {
    if (!fold || rows <= FOLD_ROWS)
        return body;
    return ['<details>', `<summary>${what}</summary>`, '', body, '', '</details>'].join('\n');
}
const OPTIONAL_COLUMNS = new Set(['Replacement', 'Data']);
function resourceTable(report, title, located, fold) {
    // Data only beside verdicts: a lone "kept (Retain)" is in the caution list already.
    const withData = (report.dataLoss ?? []).length > 0;
    const rows = located.map(l => {
        const c = l.change;
        return [
            render_report/* ICON */.kb[(0,stack_changes/* kindOf */.I)(c)],
            (0,markdown/* cellCode */.GA)(c.LogicalResourceId ?? ''),
            (0,markdown/* cellCode */.GA)(c.ResourceType ?? ''),
            render_report/* ACTION */.hr[(0,stack_changes/* kindOf */.I)(c)],
            replacementCell(c),
            withData ? dataCell(report, l) : ''
        ];
    });
    const header = ['', 'Resource', 'Type', 'Action', 'Replacement', 'Data'];
    const body = withoutEmptyColumns(header, rows, OPTIONAL_COLUMNS);
    return [title, '', foldable(body, rows.length, (0,markdown/* plural */.LS)(rows.length, 'resource change'), fold)].join('\n');
}
function nestedTitle(path) {
    return `#### Nested stack ${path.map(markdown/* code */.aY).join(' › ')}`;
}
function countsByType(changes, clean) {
    const byType = new Map();
    for (const change of changes) {
        const row = byType.get(change.ResourceType ?? '') ?? { add: 0, modify: 0, replace: 0, remove: 0 };
        row[(0,stack_changes/* kindOf */.I)(change)]++;
        byType.set(change.ResourceType ?? '', row);
    }
    const rows = [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => [
        (0,markdown/* cellCode */.GA)(clean(type)),
        String(n.add),
        String(n.modify),
        String(n.replace),
        String(n.remove)
    ]);
    return ['#### Resources by type', '', (0,markdown/* table */.tp)(['Type', 'Add', 'Modify', 'Replace', 'Remove'], rows)].join('\n');
}
/** Unchanged lines a folded (comment) diff keeps around each change; the job summary shows documents whole. */
const COMMENT_CONTEXT = 4;
function propertyDetails(located, fold, clean, blocksElsewhere) {
    const { change, path } = located;
    const ids = [...path, change.LogicalResourceId ?? ''].map(markdown/* htmlCode */.h8).join(' › ');
    const summary = `${render_report/* ICON */.kb[(0,stack_changes/* kindOf */.I)(change)]} ${ids} · ${(0,markdown/* htmlCode */.h8)(change.ResourceType ?? '')} · ${render_report/* ACTION */.hr[(0,stack_changes/* kindOf */.I)(change)].toLowerCase()}`;
    return [
        fold ? '<details>' : '<details open>',
        `<summary>${summary}</summary>`,
        '',
        propertyChanges(change, { clean, context: fold ? COMMENT_CONTEXT : undefined, blocksElsewhere }),
        '',
        '</details>'
    ].join('\n');
}
function heading(report) {
    const where = [report.environment, report.region].filter(Boolean).map(markdown/* code */.aY).join(' · ');
    return `### ${wordsFor(report).title}: ${(0,markdown/* code */.aY)(report.stackName)}${where === '' ? '' : ` · ${where}`}`;
}
function intro(report, all, empty) {
    const words = wordsFor(report);
    const lines = [];
    if (report.operation === 'create')
        lines.push(words.create);
    if (report.operation === 'recreate')
        lines.push(words.recreate);
    if (report.kind === 'deploy' && report.status !== undefined)
        lines.push(`Status: ${(0,markdown/* code */.aY)(report.status)}.`);
    if (!empty) {
        lines.push(keptLine(report));
        const counts = (0,stack_changes/* countChanges */.xS)(all);
        lines.push(`**${words.countsLead}:** ${report.kind === 'deploy' ? describeDone(counts) : (0,stack_changes/* describeCounts */.wv)(counts)}.`);
        if (all.length === 0)
            lines.push(words.outputsOnly);
    }
    return lines.filter(line => line !== '').join('\n\n');
}
/** The Metaflow service upgrades the change brings (src/metaflow/upgrades.ts), versions as code. */
function upgradeNote(upgrades) {
    if (upgrades === undefined || upgrades.length === 0)
        return '';
    return ['> [!IMPORTANT]', ...upgrades.map(line => `> - ${(0,markdown/* code */.aY)(line)}`)].join('\n');
}
function outputsTable(outputs) {
    if (outputs === undefined || Object.keys(outputs).length === 0)
        return '';
    const below = [];
    const rows = Object.entries(outputs).map(([k, v]) => [
        valueCell(k, (0,markdown/* code */.aY)(k), below),
        valueCell(v, (0,markdown/* code */.aY)(k), below)
    ]);
    return ['#### Outputs', (0,markdown/* table */.tp)(['Output', 'Value'], rows), ...below].join('\n\n');
}
function footer(report) {
    const sha = /^[0-9a-f]{7,64}$/i.test(report.commitSha)
        ? ` · commit ${(0,markdown/* code */.aY)(report.commitSha.slice(0, 7))}`
        : '';
    const run = report.runUrl === undefined ? '' : ` · <a href="${(0,markdown/* escapeHtml */.ZD)(report.runUrl)}">workflow run</a>`;
    const note = wordsFor(report).footerNote;
    return `<sub>metaflow-deploy${sha}${run}${note === '' ? '' : ` · ${note}`}</sub>`;
}
/**
 * A lower bound on the characters (so also the bytes) the per-resource tables and the caution list take: each row
 * holds at least its logical id, its type and the table's punctuation, each caution line its id and type.
 */
function tableFloor(located, destructive) {
    let floor = destructive * 40;
    for (const { change } of located)
        floor += (change.LogicalResourceId ?? '').length + (change.ResourceType ?? '').length + 20;
    return floor;
}
const limitName = (options) => options.unit === 'chars' ? "GitHub's comment" : "GitHub's step summary";
/** Where the full detail is, in a few words for a table cell. */
const elsewhereShort = (options) => options.unit === 'chars' ? 'see the job summary' : 'see the run log';
const sizeOf = (text, unit) => unit === 'chars' ? text.length : Buffer.byteLength(text, 'utf8');
/**
 * Renders a report as Markdown within a size limit, shedding detail in order: property details first, then the
 * per-resource tables (collapsed to counts per type, the list of replaced and removed resources capped with them),
 * and says what it left out and where to find it. Secrets are redacted from the data first.
 */
function renderReport(raw, options) {
    const clean = (0,redact/* redactor */.$p)(raw.secrets);
    const locate = (r) => [
        ...r.changes.map(change => ({ path: [], change })),
        ...(r.nested ?? []).flatMap(n => n.changes.map(change => ({ path: n.path, change })))
    ];
    const rawLocated = locate(raw);
    const all = rawLocated.map(l => l.change);
    // Rendering a level that cannot fit is most of the cost of a big change set (10,000 changes: every table row and
    // property diff built, then thrown away), and so is redacting changes no level will show: when the tables alone
    // exceed the limit, only the counts level is built, and only the replaced and removed resources it lists are
    // redacted (counts by type redact each type name they show).
    const tablesFit = tableFloor(rawLocated, rawLocated.filter(l => (0,render_report/* isDestructive */.TI)(l.change)).length) <= options.limit;
    const shown = tablesFit
        ? raw
        : {
            ...raw,
            changes: raw.changes.filter(render_report/* isDestructive */.TI),
            nested: raw.nested?.map(n => ({ path: n.path, changes: n.changes.filter(render_report/* isDestructive */.TI) }))
        };
    // With no secrets the redactor is the identity, and its copy of every change is skipped.
    const report = raw.secrets.length === 0 ? shown : redactReport(shown, clean);
    const fold = options.fold ?? options.unit === 'chars';
    const located = locate(report);
    const destructive = located.filter(l => (0,render_report/* isDestructive */.TI)(l.change));
    const empty = rawLocated.length === 0 && report.parameters.length === 0 && report.hasChanges !== true;
    const build = (level) => {
        const tables = level === 'full' || level === 'no-diffs' || level === 'no-details';
        const parts = [options.header, heading(report), intro(report, all, empty)];
        if (empty) {
            parts.push(wordsFor(report).noChanges);
        }
        else {
            parts.push(warningBlock(report, destructive, located, tables ? Number.POSITIVE_INFINITY : 50, options.fullDetailIn));
            parts.push(upgradeNote(report.upgrades));
            parts.push(parameterTable(report.parameters, fold));
            if (tables) {
                if (report.changes.length > 0)
                    parts.push(resourceTable(report, '#### Resources', located.filter(l => l.path.length === 0), fold));
                for (const nested of report.nested ?? []) {
                    if (nested.changes.length === 0)
                        continue;
                    parts.push(resourceTable(report, nestedTitle(nested.path), nested.changes.map(change => ({ path: nested.path, change })), fold));
                }
            }
            else if (all.length > 0)
                parts.push(countsByType(all, clean));
            parts.push(...insightSections(report.insight, clean));
            if (level === 'full' || level === 'no-diffs') {
                const elsewhere = level === 'no-diffs' ? `left out to fit; ${elsewhereShort(options)}` : undefined;
                const details = located
                    .filter(l => (l.change.Details ?? []).length > 0)
                    .map(l => propertyDetails(l, fold, clean, elsewhere));
                if (details.length > 0)
                    parts.push(['#### Property changes', ...details].join('\n\n'));
                if (level === 'no-diffs')
                    parts.push(`> [!NOTE]\n> Long values and their diffs are left out to fit ${limitName(options)} limit. ${options.fullDetailIn}`);
            }
            else {
                const shed = level === 'no-details' ? 'Property details are' : 'Property details and the per-resource tables are';
                parts.push(`> [!NOTE]\n> ${shed} left out to fit ${limitName(options)} limit. ${options.fullDetailIn}`);
            }
        }
        parts.push(outputsTable(report.outputs));
        parts.push(footer(report));
        return parts.filter(part => part !== undefined && part !== '').join('\n\n') + '\n';
    };
    for (const level of ['full', 'no-diffs', 'no-details', 'counts']) {
        if (level !== 'counts' && !tablesFit)
            continue;
        const body = build(level);
        if (sizeOf(body, options.unit) <= options.limit)
            return { body, level };
    }
    // Only an absurd number of resource types gets here: cut the body at a line and say so.
    const note = `\n\n> [!NOTE]\n> Cut to fit the size limit. ${options.fullDetailIn}\n\n${footer(report)}\n`;
    let body = build('counts');
    // Room for a closing fence, should the cut fall inside a code block.
    while (sizeOf(body + note, options.unit) + 20 > options.limit)
        body = body.slice(0, Math.floor(body.length * 0.9));
    return { body: (0,markdown/* closeOpenFence */.q0)(body.slice(0, body.lastIndexOf('\n'))) + note, level: 'truncated' };
}


/***/ }),

/***/ 6076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* binding */ actionWord),
/* harmony export */   NO: () => (/* binding */ verdictPath),
/* harmony export */   TI: () => (/* binding */ isDestructive),
/* harmony export */   Xb: () => (/* binding */ verdictFor),
/* harmony export */   dp: () => (/* binding */ who),
/* harmony export */   hr: () => (/* binding */ ACTION),
/* harmony export */   kb: () => (/* binding */ ICON),
/* harmony export */   l_: () => (/* binding */ refusedVerdicts)
/* harmony export */ });
/* harmony import */ var _stack_changes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1313);
/* harmony import */ var _guards_data_loss_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(217);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2495);



const ICON = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' };
const ACTION = {
    add: 'Add',
    modify: 'Modify',
    replace: 'Replace',
    remove: 'Remove'
};
const isDestructive = (change) => (0,_stack_changes_js__WEBPACK_IMPORTED_MODULE_0__/* .kindOf */ .I)(change) === 'replace' || (0,_stack_changes_js__WEBPACK_IMPORTED_MODULE_0__/* .kindOf */ .I)(change) === 'remove';
/** A logical id with the nested stacks it is in: `Network › Vpc`. */
function who(located) {
    return [...located.path, located.change.LogicalResourceId ?? ''].map(_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY).join(' › ');
}
/** Where a verdict's resource is, `Nested/Id`: the form allow-data-loss takes. */
const verdictPath = (verdict) => (0,_guards_data_loss_js__WEBPACK_IMPORTED_MODULE_1__/* .pathOf */ .XM)(verdict);
/** The data-loss verdict of a resource change: the same path of nested stacks, logical id and type. */
function verdictFor(report, located) {
    return report.dataLoss?.find(v => v.logicalId === (located.change.LogicalResourceId ?? '') &&
        v.path.join('/') === located.path.join('/') &&
        v.resourceType === (located.change.ResourceType ?? ''));
}
/** A verdict's change as CloudFormation names the action (`Replace`, `Remove`; `Modify` for a loss in place). */
function actionWord(change) {
    return change === '' ? '' : `${change.charAt(0).toUpperCase()}${change.slice(1)}`;
}
/** The verdicts a deploy or an execute refuses (allow-data-loss does not list them). */
function refusedVerdicts(report) {
    return (report.dataLoss ?? []).filter(v => !v.allowed);
}


/***/ }),

/***/ 3503:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   coreLogger: () => (/* binding */ coreLogger),
/* harmony export */   debugSettings: () => (/* binding */ debugSettings),
/* harmony export */   forLog: () => (/* binding */ forLog),
/* harmony export */   inert: () => (/* binding */ inert)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(143);
/* harmony import */ var _render_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4227);


/*
 * How the runner reads workflow commands from a step's output (actions/runner, src/Runner.Common/ActionCommand.cs
 * and src/Runner.Worker/ActionCommandManager.cs), stdout and stderr alike:
 * - a line is ended by \n, \r or \r\n (.NET StreamReader.ReadLine);
 * - `::command::data` counts when the line starts with `::` after TrimStart() (any Unicode white space);
 * - the legacy `##[command]data` counts ANYWHERE in a line (TryParse uses IndexOf), for every registered command,
 *   stop-commands and add-mask included.
 * So text from AWS, a template or a user could, printed raw, add a mask that hides the log, stop command
 * processing, set outputs or raise annotations.
 */
const LINE_BREAK = /\r\n|\r|\n/;
// .NET's Char.IsWhiteSpace is JavaScript's \s plus U+0085 (NEL); U+FEFF is white space to JS only, which errs safe.
const COMMAND_START = /^([\s\u0085]*)::/;
const LEGACY_COMMAND = /##\[/g;
/**
 * Terminal escape sequences (ECMA-48): CSI (`ESC [ … final`, and its one-byte form U+009B), OSC (`ESC ] … BEL` or
 * `ESC ] … ESC \\`, which can set a hyperlink or the window title) and two-byte escapes, then any ESC left alone.
 * The log viewer renders colours and cursor moves: AWS text could paint itself green, hide a line or fake one.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const TERMINAL_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u001b/g;
/* eslint-enable no-control-regex */
/** Invisible, and not white space to .NET, so TrimStart() keeps it and the line no longer starts with `::`. */
const ZERO_WIDTH_SPACE = '\u200b';
/**
 * Untrusted text made inert for the runner: terminal escape sequences are removed, a line that would start with
 * `::` gets a zero-width space before it (text and masks still match, since nothing is inserted inside the
 * line's content), and `##[` anywhere is broken as `##\u200b[`. Line breaks are kept, so the text reads as before.
 */
function inert(text) {
    return text
        .replace(TERMINAL_ESCAPE, '')
        .split(LINE_BREAK)
        .map(line => line.replace(COMMAND_START, `$1${ZERO_WIDTH_SPACE}::`).replace(LEGACY_COMMAND, `##${ZERO_WIDTH_SPACE}[`))
        .join('\n');
}
/** A message as the log may show it: inert, and with no URL's query (a presigned URL's credentials). */
function forLog(message) {
    return inert((0,_render_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutUrlQueries */ .kl)(message));
}
/**
 * The one way the action writes to the log. Every message passes through `forLog`, annotations and group titles
 * too: @actions/core escapes line breaks in those, but `core.info` writes raw, and one rule for all is easier to
 * trust than a rule per call.
 */
const coreLogger = {
    info: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(forLog(message)),
    warning: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(forLog(message)),
    error: (message, properties) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(forLog(message), properties),
    notice: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(forLog(message)),
    debug: message => {
        // The runner hides ::debug:: lines without step debug; not printing them at all keeps logs and time small.
        if (_actions_core__WEBPACK_IMPORTED_MODULE_0__.isDebug())
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(forLog(message));
    },
    secret: value => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(value),
    group: (name, work) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(forLog(name), work),
    fail: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(forLog(message)),
    isDebug: () => _actions_core__WEBPACK_IMPORTED_MODULE_0__.isDebug()
};
/**
 * Logs the resolved settings at debug level (step debug only), one per line, secrets left out: the GitHub token
 * is never shown, and inline parameters show their keys only (a value may be a NoEcho secret, which only the
 * template can tell). Call it once the settings are parsed.
 */
function debugSettings(settings, log) {
    for (const [name, value] of Object.entries(settings)) {
        log.debug(`setting ${name} = ${shownSetting(name, value)}`);
    }
}
function shownSetting(name, value) {
    if (name === 'githubToken')
        return value === '' ? '(empty)' : '(set; not shown)';
    if (name === 'parametersText') {
        const text = String(value);
        if (text.trim() === '')
            return '(empty)';
        const keys = [...text.matchAll(/^\s*"?([A-Za-z0-9]+)"?\s*[=:]/gm)].map(m => m[1]);
        return `(keys: ${keys.join(', ') || 'none recognised'}; values not logged)`;
    }
    if (value instanceof Set)
        return JSON.stringify([...value]);
    if (value === undefined)
        return '(unset)';
    return JSON.stringify(value, (_key, inner) => inner instanceof Set ? [...inner] : inner);
}


/***/ }),

/***/ 1313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ag: () => (/* binding */ resourceChanges),
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   YE: () => (/* binding */ totalChanges),
/* harmony export */   eD: () => (/* binding */ formatChange),
/* harmony export */   eo: () => (/* binding */ NO_CHANGES),
/* harmony export */   wv: () => (/* binding */ describeCounts),
/* harmony export */   xS: () => (/* binding */ countChanges)
/* harmony export */ });
/* unused harmony export actionOf */
const NO_CHANGES = Object.freeze({
    add: 0,
    modify: 0,
    replace: 0,
    remove: 0,
    import: 0,
    dynamic: 0,
    syncWithActual: 0
});
function resourceChanges(changes) {
    return changes.flatMap(change => (change.ResourceChange === undefined ? [] : [change.ResourceChange]));
}
/** What a resource change does, with Import, Dynamic and SyncWithActual as themselves. */
function actionOf(change) {
    switch (change.Action) {
        case 'Add':
            return 'add';
        case 'Remove':
            return 'remove';
        case 'Import':
            return 'import';
        case 'Dynamic':
            return 'dynamic';
        case 'SyncWithActual':
            return 'syncWithActual';
        default:
            return change.Replacement === 'True' || change.Replacement === 'Conditional' ? 'replace' : 'modify';
    }
}
/**
 * The kind shown by renderers that know only four: an import adds the resource to the stack, the others change
 * it in place. Prefer `actionOf`.
 */
function kindOf(change) {
    const action = actionOf(change);
    if (action === 'import')
        return 'add';
    if (action === 'dynamic' || action === 'syncWithActual')
        return 'modify';
    return action;
}
function countChanges(changes) {
    const counts = { ...NO_CHANGES };
    for (const change of changes)
        counts[actionOf(change)]++;
    return counts;
}
/** Every change counted, whatever its kind (the `changes-count` output). */
function totalChanges(counts) {
    return (counts.add +
        counts.modify +
        counts.replace +
        counts.remove +
        counts.import +
        counts.dynamic +
        counts.syncWithActual);
}
/** `1 to add, 0 to modify, 0 to replace, 2 to remove`, plus the rarer kinds only when present. */
function describeCounts(counts) {
    const rare = [
        counts.import > 0 ? `${counts.import} to import` : '',
        counts.dynamic > 0 ? `${counts.dynamic} decided during execution` : '',
        counts.syncWithActual > 0 ? `${counts.syncWithActual} to sync with actual` : ''
    ].filter(part => part !== '');
    return [
        `${counts.add} to add, ${counts.modify} to modify, ${counts.replace} to replace, ${counts.remove} to remove`,
        ...rare
    ].join(', ');
}
/**
 * One log line per change, like a plan: `+ AWS::S3::Bucket  Datastore`. `typeWidth` is the longest resource type in
 * the run, so the logical ids line up without a column wider than the run needs.
 */
function formatChange(change, typeWidth = 44) {
    const marks = {
        add: '+',
        modify: '~',
        replace: '±',
        remove: '-',
        import: '→',
        dynamic: '?',
        syncWithActual: '≈'
    };
    const action = actionOf(change);
    const note = action === 'replace'
        ? change.Replacement === 'True'
            ? '  (replaced)'
            : '  (may be replaced)'
        : action === 'remove' && change.PolicyAction === 'Retain'
            ? '  (retained)'
            : action === 'import'
                ? '  (imported)'
                : action === 'dynamic'
                    ? '  (decided during execution)'
                    : action === 'syncWithActual'
                        ? '  (synced with actual)'
                        : '';
    return `${marks[action]} ${(change.ResourceType ?? '').padEnd(typeWidth)} ${change.LogicalResourceId ?? ''}${note}`;
}


/***/ }),

/***/ 7401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PLAN_CHANGE_SET_PREFIX: () => (/* binding */ PLAN_CHANGE_SET_PREFIX),
/* harmony export */   classifyReviewStack: () => (/* binding */ classifyReviewStack),
/* harmony export */   classifyStack: () => (/* binding */ classifyStack),
/* harmony export */   describeStack: () => (/* binding */ describeStack),
/* harmony export */   isCleanupStatus: () => (/* binding */ isCleanupStatus),
/* harmony export */   isSuccessStatus: () => (/* binding */ isSuccessStatus),
/* harmony export */   isTerminalStatus: () => (/* binding */ isTerminalStatus),
/* harmony export */   recoveryFor: () => (/* binding */ recoveryFor)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3805);
/* harmony import */ var _run_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4314);


const STABLE = new Set([
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE'
]);
/**
 * "Stack failure options" (CloudFormation user guide): with "preserve successfully provisioned resources", a
 * failed create or update stops in CREATE_FAILED / UPDATE_FAILED "until the next update operation is performed";
 * Update, Retry or Roll back all continue from there.
 */
const PRESERVED = new Set(['CREATE_FAILED', 'UPDATE_FAILED']);
function classifyStack(stack) {
    if (stack === undefined)
        return { kind: 'absent' };
    const status = stack.StackStatus ?? '';
    const name = stack.StackName ?? '';
    if (status === 'DELETE_COMPLETE')
        return { kind: 'absent' };
    if (STABLE.has(status))
        return { kind: 'stable', stack };
    if (PRESERVED.has(status))
        return { kind: 'stable', stack, preserved: true };
    if (status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS')
        return { kind: 'failed-create', stack };
    if (status.endsWith('_IN_PROGRESS'))
        return { kind: 'in-progress', stack };
    return { kind: 'stuck', stack, recovery: recoveryFor(status, name) };
}
/** The names plan mode gives the change sets it keeps for review (preview.ts). */
const PLAN_CHANGE_SET_PREFIX = 'metaflow-plan';
/** Change-set statuses that mean another run's CreateChangeSet is still building or waiting to be executed. */
const PENDING_CHANGE_SET = new Set(['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
/**
 * A REVIEW_IN_PROGRESS stack is empty, but it is also where another run's first deploy or preview builds its
 * CREATE change set. It counts as a failed create (ours to delete) only when none of its change sets is pending;
 * otherwise another run is in flight and this one waits (issue 12.3: two first deploys never delete each other's
 * stack). A ready change set left unexecuted for longer than `staleAfterMs` is a crashed run's leftover.
 */
async function classifyReviewStack(cfn, stack, now, signal, staleAfterMs = 60 * 60_000) {
    const pending = await pendingChangeSets(cfn, stack.StackId ?? stack.StackName ?? '', signal);
    // A plan's kept change set is not in flight: it waits for review, and execute (or a deploy) runs on this stack.
    const inFlight = pending.find(cs => !(cs.ChangeSetName ?? '').startsWith(PLAN_CHANGE_SET_PREFIX) &&
        (cs.Status !== 'CREATE_COMPLETE' ||
            // Being executed right now (the stack's status has not caught up yet): another run's first create.
            (cs.ExecutionStatus ?? '').startsWith('EXECUTE_') ||
            (cs.ExecutionStatus === 'AVAILABLE' && now - (cs.CreationTime?.getTime() ?? 0) < staleAfterMs)));
    if (inFlight === undefined)
        return { kind: 'failed-create', stack };
    return {
        kind: 'in-progress',
        stack,
        pendingChangeSet: `${inFlight.ChangeSetName ?? inFlight.ChangeSetId ?? ''} (${inFlight.Status ?? ''})`
    };
}
async function pendingChangeSets(cfn, stackId, signal) {
    const found = [];
    let token;
    do {
        const page = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .ListChangeSetsCommand */ .NK4({ StackName: stackId, NextToken: token }), signal === undefined ? {} : { abortSignal: signal });
        // Only this stack's: an implementation that lists others too (moto does) must not make this run wait on them.
        const ours = (cs) => cs.StackId === undefined || cs.StackId === stackId || cs.StackName === stackId;
        found.push(...(page.Summaries ?? []).filter(cs => ours(cs) && PENDING_CHANGE_SET.has(cs.Status ?? '')));
        token = page.NextToken;
    } while (token !== undefined && token !== '');
    return found;
}
/** The exact step that gets a stack out of a state the action will not touch. */
function recoveryFor(status, name) {
    switch (status) {
        case 'UPDATE_ROLLBACK_FAILED':
            return `The rollback of the last update failed. Fix the cause shown in the stack events, then run \`aws cloudformation continue-update-rollback --stack-name ${name}\`; for resources that cannot be restored, add \`--resources-to-skip LogicalId1 LogicalId2\` (CloudFormation then marks them as rolled back without touching them). Re-run this job once the stack is UPDATE_ROLLBACK_COMPLETE.`;
        case 'ROLLBACK_FAILED':
            return `The first create failed and its rollback failed too, so some resources may remain. Inspect the stack events, then delete the stack (\`aws cloudformation delete-stack --stack-name ${name}\`, with \`--retain-resources\` for what cannot be deleted) and re-run this job.`;
        case 'DELETE_FAILED':
            return `A delete of this stack failed. Remove what blocks it (for example a non-empty S3 bucket) and run \`aws cloudformation delete-stack --stack-name ${name}\` again, or delete the stack and keep whatever still fails with \`aws cloudformation delete-stack --stack-name ${name} --deletion-mode FORCE_DELETE_STACK\`. Then re-run this job.`;
        case 'IMPORT_ROLLBACK_FAILED':
            // ContinueUpdateRollback is documented for UPDATE_ROLLBACK_FAILED only, and RollbackStack for
            // CREATE_FAILED / UPDATE_FAILED only (API reference): neither applies to a failed import rollback.
            return `A resource import failed and so did its rollback. AWS documents no command that resumes it (continue-update-rollback applies to UPDATE_ROLLBACK_FAILED only). Fix the resources named in the stack events, then delete the stack, keeping the resources that must survive: \`aws cloudformation delete-stack --stack-name ${name} --retain-resources LogicalId1 LogicalId2\`; import them again into a new stack if needed, and re-run this job.`;
        default:
            return `The stack is in ${status}, which the action does not handle. Resolve it in the CloudFormation console and re-run this job.`;
    }
}
/** DescribeStacks for one stack; undefined when it does not exist (and only then). */
async function describeStack(cfn, nameOrId, signal) {
    try {
        const result = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_1__/* .DescribeStacksCommand */ .Y47({ StackName: nameOrId }), signal === undefined ? {} : { abortSignal: signal });
        return result.Stacks?.[0];
    }
    catch (err) {
        // Only this exact message means "absent"; any other ValidationError (a bad name, a denied role) is real.
        if ((0,_run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .awsErrorName */ .ZH)(err) === 'ValidationError' && /does not exist/.test((0,_run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(err)))
            return undefined;
        throw err;
    }
}
/**
 * Final: no `_IN_PROGRESS` suffix. The clean-up phases (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
 * UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS) end in IN_PROGRESS too, so they are waited through.
 */
const isTerminalStatus = (status) => status !== '' && !status.endsWith('_IN_PROGRESS');
const isCleanupStatus = (status) => status.endsWith('_CLEANUP_IN_PROGRESS');
const isSuccessStatus = (status) => status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'IMPORT_COMPLETE' ||
    status === 'DELETE_COMPLETE';


/***/ }),

/***/ 3580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YamlSyntaxError: () => (/* binding */ YamlSyntaxError),
/* harmony export */   readYaml: () => (/* binding */ readYaml)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);

/** Text that is not the YAML (or JSON) it should be; the message names the line, never the text. */
class YamlSyntaxError extends Error {
}
/** Alias expansions allowed in one document: aliases are shared, not copied, but a bound keeps it obvious. */
const MAX_ALIASES = 10_000;
/**
 * Reads one YAML (or JSON: YAML 1.2 reads JSON) document into plain data, in time linear in its size:
 * - every scalar goes through `policy`, so callers decide whether `yes` is a boolean and whether `1.10` is a
 *   number (the parser itself resolves nothing: failsafe schema);
 * - duplicate keys are found with one Set per map (the yaml package's own `uniqueKeys` check compares each
 *   key with every earlier one: 50,000 keys took over 50 s);
 * - maps are objects without a prototype, so `__proto__` and `constructor` are ordinary keys.
 */
function readYaml(text, policy) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__.LineCounter();
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parseDocument)(text.replace(/^\uFEFF/, ''), {
            schema: 'failsafe',
            uniqueKeys: false,
            prettyErrors: false,
            lineCounter: lines,
            version: '1.2'
        });
    }
    catch (err) {
        throw tooDeep(err);
    }
    const at = (offset) => {
        if (offset === undefined)
            return '';
        const { line, col } = lines.linePos(offset);
        return ` at line ${line}, column ${col}`;
    };
    const problem = document.errors[0];
    if (problem !== undefined) {
        // The yaml package's first line names the problem; later lines quote the source, which may hold a secret.
        const first = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        throw new YamlSyntaxError(`${first}${at(problem.pos[0])}`);
    }
    const shared = new Map();
    let aliases = 0;
    const convert = (node) => {
        if (node === null || node === undefined)
            return null;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isAlias)(node)) {
            const target = node.resolve(document);
            if (target === undefined)
                throw new YamlSyntaxError(`unknown alias *${node.source}${at(node.range?.[0])}`);
            if (++aliases > MAX_ALIASES)
                throw new YamlSyntaxError(`more than ${MAX_ALIASES} aliases`);
            if (!shared.has(target))
                shared.set(target, convert(target));
            return shared.get(target);
        }
        const tagged = (value, tag, offset) => {
            if (tag === undefined || tag.startsWith('tag:yaml.org,2002:'))
                return value;
            const long = policy.local?.(tag, value);
            if (long === undefined)
                throw new YamlSyntaxError(`Unresolved tag: ${tag}${at(offset)}`);
            return long;
        };
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(node)) {
            const offset = node.range?.[0];
            return tagged(scalarValue(node, policy, message => new YamlSyntaxError(`${message}${at(offset)}`)), node.tag, offset);
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node)) {
            const map = Object.create(null);
            const seen = new Set();
            for (const pair of node.items) {
                const key = convert(pair.key);
                if (key !== null && typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') {
                    throw new YamlSyntaxError(`a map key must be a scalar${at(rangeOf(pair.key))}`);
                }
                const name = key === null ? '' : String(key);
                if (seen.has(name)) {
                    throw new YamlSyntaxError(`Map keys must be unique: "${name}" appears twice${at(rangeOf(pair.key))}`);
                }
                seen.add(name);
                map[name] = convert(pair.value);
            }
            return tagged(map, node.tag, node.range?.[0]);
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(node)) {
            return tagged(node.items.map(item => convert(item)), node.tag, node.range?.[0]);
        }
        throw new YamlSyntaxError(`unsupported YAML node${at(rangeOf(node))}`);
    };
    try {
        return convert(document.contents);
    }
    catch (err) {
        throw tooDeep(err);
    }
}
function rangeOf(node) {
    return node?.range?.[0];
}
function scalarValue(node, policy, fail) {
    // With the failsafe schema every scalar's value is its text: quoted and block scalars already unescaped and
    // folded, plain ones exactly as written (a multi-line plain scalar folded to one line).
    const text = typeof node.value === 'string' ? node.value : '';
    const tag = node.tag;
    if (tag !== undefined && tag.startsWith('tag:yaml.org,2002:')) {
        const type = tag.slice('tag:yaml.org,2002:'.length);
        if (!['str', 'int', 'float', 'bool', 'null'].includes(type))
            throw fail(`unsupported tag !!${type}`);
        return policy.standard(type, text);
    }
    return node.type === 'PLAIN' ? policy.plain(text) : text;
}
/** A document nested deeper than the call stack allows is refused as input, not a crash. */
function tooDeep(err) {
    return err instanceof RangeError ? new YamlSyntaxError('the document is nested too deeply') : err;
}


/***/ })

};
