export const id = 875;
export const ids = [875];
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


/***/ })

};
