export const id = 299;
export const ids = [299,50,401,503];
export const modules = {

/***/ 3050:
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

;// CONCATENATED MODULE: ./src/aws/clients.ts






/** An endpoint override for S3 (an emulator or a VPC endpoint), as the SDK itself reads it. */
function customS3Endpoint(env = process.env) {
    const value = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
    return value === undefined || value === '' ? undefined : value.replace(/\/+$/, '');
}
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

/***/ 1299:
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

;// CONCATENATED MODULE: ./src/stack/changes.ts
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
/** One log line per change, like a plan: `+ AWS::S3::Bucket  Datastore`. */
function formatChange(change) {
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
    return `${marks[action]} ${(change.ResourceType ?? '').padEnd(44)} ${change.LogicalResourceId ?? ''}${note}`;
}

;// CONCATENATED MODULE: ./src/guards/data-loss.ts

/**
 * Resource types that hold data, with what to call one in a sentence. Replacing or removing one loses what it
 * holds unless a policy keeps it, so deploy refuses such a change set unless `allow-data-loss` accepts it, and
 * previews mark it. The README's list (docs/previews.md) is this one.
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
/**
 * The network a data store lives in. Replacing one moves what runs in it to a new network: a database whose
 * subnet group changes VPC is replaced (AWS::RDS::DBInstance, DBSubnetGroupName: "Update requires: Replacement"),
 * even where the change set lists only the network (the database's own change is decided while executing). So
 * a replacement of these counts as a loss; a removal does not (the data stores in it would be removed too, and
 * are judged themselves).
 */
const DATA_NETWORK_TYPES = {
    'AWS::EC2::VPC': 'network (VPC) of the stack',
    'AWS::EC2::Subnet': 'subnet',
    'AWS::RDS::DBSubnetGroup': 'database subnet group'
};
function holdsData(resourceType) {
    return Object.hasOwn(DATA_TYPES, resourceType ?? '');
}
/** What CloudFormation does when the change set gives no PolicyAction: the default DeletionPolicy, Delete. */
function policyOf(change, kind) {
    return change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete');
}
/**
 * The resources that hold data and that this change set replaces (surely, or possibly: Replacement
 * `Conditional`) or removes, each with what happens to its data and whether allow-data-loss accepts it.
 *
 * A removal the template retains (DeletionPolicy Retain, PolicyAction `Retain`) loses nothing: the resource stays,
 * outside the stack. A replacement always counts, whatever its policy: the stack moves to a new, empty resource,
 * and the old one (retained or snapshotted at best) is no longer the one the application uses.
 */
function assessDataLoss(changes, allow) {
    const verdicts = [];
    for (const change of changes) {
        const kind = kindOf(change);
        if (kind !== 'replace' && kind !== 'remove')
            continue;
        const underData = kind === 'replace' && Object.hasOwn(DATA_NETWORK_TYPES, change.ResourceType ?? '');
        if (!holdsData(change.ResourceType) && !underData)
            continue;
        const fate = policyOf(change, kind);
        if (kind === 'remove' && fate === 'Retain')
            continue;
        const logicalId = change.LogicalResourceId ?? '';
        verdicts.push({
            logicalId,
            resourceType: change.ResourceType ?? '',
            change: kind,
            fate,
            allowed: allow.all || allow.paths.has(logicalId)
        });
    }
    return verdicts;
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
        default:
            return `CloudFormation's policy is ${fate}`;
    }
}
/**
 * Why deploy refused the change set: each refused resource, what would happen to its data, and how to allow it.
 * Plain text for the log and the error (logical ids and types are CloudFormation names, never a secret).
 */
function refusalMessage(stackName, verdicts) {
    const refused = verdicts.filter(v => !v.allowed);
    if (refused.length === 0)
        return '';
    const count = refused.length === 1 ? '1 resource that holds data' : `${refused.length} resources that hold data`;
    const lines = refused.map(v => `  - ${v.logicalId} (${v.resourceType}) is ${v.change === 'replace' ? 'replaced' : 'removed'}: ${describeFate(v.fate)} (${v.fate}).`);
    const ids = refused.map(v => v.logicalId).join(',');
    return [
        `Refused to deploy stack ${stackName}: the change set would replace or remove ${count}, and allow-data-loss does not list ${refused.length === 1 ? 'it' : 'them'}. Nothing was changed; the change set was deleted.`,
        ...lines,
        `If losing this data is intended, set \`allow-data-loss: ${ids}\` (or \`*\` for any resource) and run again. To keep a resource's data when it is removed, give it \`DeletionPolicy: Retain\` in the template. If the stack is not the one you meant, check stack-name and the region.`
    ].join('\n');
}

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
 * The data-loss guard of deploy and execute: every resource holding data that the change set would replace or
 * remove must be named in `allow-data-loss` (or `*`). Runs before ExecuteChangeSet; the caller deletes the change
 * set when this throws. Returns the verdicts, for the summary and the changes file.
 */
function guardDataLoss(ctx, changes) {
    const verdicts = assessDataLoss(changes, ctx.settings.allowDataLoss);
    const refused = verdicts.filter(v => !v.allowed);
    for (const verdict of verdicts.filter(v => v.allowed)) {
        ctx.log.warning(`${verdict.logicalId} (${verdict.resourceType}) is ${verdict.change === 'remove' ? 'removed' : 'replaced'}, losing its data (${verdict.fate}); allowed by allow-data-loss.`);
    }
    if (refused.length > 0)
        throw new DataLossRefused(refusalMessage(ctx.settings.stackName, refused), verdicts);
    return verdicts;
}

;// CONCATENATED MODULE: ./src/run/outcome.ts

/** The root stack's resource changes followed by every nested stack's. */
function allResourceChanges(outcome) {
    return [...resourceChanges(outcome.changes), ...outcome.nested.flatMap(n => n.changes)];
}
function countOutcome(outcome) {
    return countChanges(allResourceChanges(outcome));
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
/** One readable log line per event: time, status, type, logical id, reason. */
function formatEvent(event) {
    const time = (event.Timestamp ?? new Date()).toISOString().slice(11, 19);
    const reason = event.ResourceStatusReason === undefined || event.ResourceStatusReason === ''
        ? ''
        : `  ${event.ResourceStatusReason}`;
    return `${time}  ${(event.ResourceStatus ?? '').padEnd(36)} ${(event.ResourceType ?? '').padEnd(44)} ${event.LogicalResourceId ?? ''}${reason}`;
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
            onEvent: event => log.info(formatEvent(event))
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
        onEvent: event => ctx.log.info(formatEvent(event))
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/aws/clients.ts + 4 modules
var aws_clients = __webpack_require__(3050);
;// CONCATENATED MODULE: ./src/template/bundled.ts
/**
 * Facts about the bundled template (templates/metaflow.yml) that the action checks before any AWS call.
 * The longest name it generates is the migration function's, `<StackName>-migrate-db`, and Lambda allows 64
 * characters, so the stack name may have at most 64 - "-migrate-db".length characters.
 */
const BUNDLED_TEMPLATE_PATH = 'templates/metaflow.yml';
const BUNDLED_MAX_STACK_NAME = 64 - '-migrate-db'.length;

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/template/yaml-data.ts

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
    const lines = new dist.LineCounter();
    let document;
    try {
        document = (0,dist.parseDocument)(text.replace(/^\uFEFF/, ''), {
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
        if ((0,dist.isAlias)(node)) {
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
        if ((0,dist.isScalar)(node)) {
            const offset = node.range?.[0];
            return tagged(scalarValue(node, policy, message => new YamlSyntaxError(`${message}${at(offset)}`)), node.tag, offset);
        }
        if ((0,dist.isMap)(node)) {
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
        if ((0,dist.isSeq)(node)) {
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
        return readYaml(body, CLOUDFORMATION_YAML);
    }
    catch (err) {
        if (err instanceof YamlSyntaxError) {
            throw new TemplateSyntaxError(`invalid ${json ? 'JSON' : 'YAML'}: ${err.message}`);
        }
        throw err;
    }
}

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
function workspace_file_kindOf(stats) {
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
 * Reads a regular file of at most `limit.bytes` bytes (`limit.rule` says whose limit, for the message). The kind and the size are checked with stat BEFORE the file is
 * opened (opening a FIFO for reading blocks until a writer comes; reading a device may never end), and again on
 * the open descriptor, opened non-blocking, so a file swapped in between cannot slip through.
 */
function readRegularFile(input, shown, path, limit) {
    const check = (stats) => {
        if (!stats.isFile()) {
            throw new errors/* InputError */.dz(input, `"${shown}" is ${workspace_file_kindOf(stats)}; give the path of a regular file.`);
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
/**
 * True when the template declares nested stacks (AWS::CloudFormation::Stack, or a SAM application that expands
 * into one): the change set then needs IncludeNestedStacks to show what changes inside them. A mention in a
 * string is harmless: the flag on a template without nested stacks changes nothing.
 */
function hasNestedStacks(body) {
    return /AWS::CloudFormation::Stack\b|AWS::Serverless::Application\b/.test(body);
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
        ...(hasNestedStacks(request.template.body) ? { IncludeNestedStacks: true } : {}),
        Description: changeSetDescription(ctx),
        ...(settings.roleArn === undefined ? {} : { RoleARN: settings.roleArn })
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
            counts: { ...NO_CHANGES },
            rootCounts: { ...NO_CHANGES },
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
    const resources = resourceChanges(changes);
    return {
        handle,
        type,
        outcome: { kind: 'ready', description },
        changes,
        resources,
        nested,
        counts: countChanges([...resources, ...nested.flatMap(n => n.changes)]),
        rootCounts: countChanges(resources),
        parameters: description.Parameters ?? []
    };
}
/**
 * Removes what a plan created and nobody executed: the change set and, when the plan's CREATE made the stack,
 * the empty REVIEW_IN_PROGRESS stack it left. Warns instead of throwing, so the real error stays the one reported.
 */
async function discardPlan(ctx, handle, removeEmptyStack) {
    const cfn = ctx.clients.cloudformation;
    const warn = (message) => ctx.log.warning(message);
    const cleanup = cleanupContext(ctx);
    await deleteChangeSet(cfn, handle.id, warn, cleanup.signal);
    if (!removeEmptyStack)
        return;
    try {
        const stack = await (0,stack_state.describeStack)(cfn, handle.stackId, cleanup.signal);
        if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
            await deleteEmptyStack(cleanup, stack, `${handle.name}-cleanup`);
        }
    }
    catch (err) {
        if (ctx.signal.aborted) {
            warn(`The run was cancelled before the empty stack ${stackNameOf(handle)} left by the change set was confirmed deleted (${(0,errors/* messageOf */.bD)(err)}). If it is still REVIEW_IN_PROGRESS, the next run deletes it, or delete it yourself.`);
            return;
        }
        warn(`Could not remove the empty stack ${stackNameOf(handle)} left by the change set: ${(0,errors/* messageOf */.bD)(err)}`);
    }
}
/**
 * How long a clean-up may take once the run is cancelled. The runner sends SIGINT, waits 7,500 ms, sends SIGTERM,
 * waits 2,500 ms, then kills the process tree (GitHub docs, "Workflow cancellation reference"): 5 s leaves room
 * for the rest of the shutdown.
 */
const CANCELLED_CLEANUP_MS = 5_000;
/**
 * The context a clean-up runs in: never the run's own signal, which may be aborted already, yet bounded. Once the
 * run is cancelled (before or during the clean-up), the clean-up has CANCELLED_CLEANUP_MS left, then its calls
 * and waits are aborted; otherwise the run's deadline holds.
 */
function cleanupContext(ctx) {
    const controller = new AbortController();
    const startGrace = () => {
        const timer = setTimeout(() => controller.abort(), CANCELLED_CLEANUP_MS);
        timer.unref();
    };
    if (ctx.signal.aborted) {
        startGrace();
        return {
            ...ctx,
            signal: controller.signal,
            deadline: Math.min(ctx.deadline, ctx.clock.now() + CANCELLED_CLEANUP_MS)
        };
    }
    ctx.signal.addEventListener('abort', startGrace, { once: true });
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
/** Logs a plan as one group: its counts in the title, one line per resource change. */
async function logPlan(log, title, plan, after = []) {
    await log.group(`${title}: ${describeCounts(plan.counts)}`, () => {
        for (const change of plan.resources)
            log.info(formatChange(change));
        for (const nested of plan.nested) {
            log.info(`In nested stack ${nested.path.join('/')}:`);
            for (const change of nested.changes)
                log.info(`  ${formatChange(change)}`);
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
        return readYaml(text, AS_WRITTEN);
    }
    catch (err) {
        // The reader's messages name a line and column, never the text there (which may be a secret).
        if (err instanceof YamlSyntaxError)
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
            if (isNoEcho(def) && entry.value !== '')
                secrets.push(entry.value);
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
 * WOULD see and this cannot is excluded: transforms and macros (expanded anew each time), SSM-typed parameters
 * (resolved anew each time), nested stacks (their templates live elsewhere), and NoEcho values (shown as ****).
 */
async function matchesDeployedStack(ctx, request, resolved, stack) {
    // A stack that failed with its resources preserved (CREATE_FAILED / UPDATE_FAILED) holds the new template
    // already, half applied: only a change set (an update) finishes it.
    if (!(stack.StackStatus ?? '').endsWith('_COMPLETE'))
        return false;
    const body = request.template.body;
    if (/Transform|AWS::CloudFormation::Stack|AWS::Serverless/.test(body))
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
    if (state.kind === 'stable' && (await matchesDeployedStack(ctx, request, resolved, state.stack))) {
        return noChanges(ctx, state.stack, resolved.secrets, 'the template, parameters and tags are those deployed');
    }
    const name = changeSetName('metaflow-deploy', settings.environment, ctx.env);
    let operation = state.kind === 'absent' ? 'create' : 'update';
    if (state.kind === 'failed-create') {
        operation = 'recreate';
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
        const dataLoss = guardDataLoss(ctx, allResourceChanges({ changes: plan.changes, nested }));
        const applied = await applyChangeSet(ctx, handle, {
            creates,
            secrets: resolved.secrets,
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
            orphaned: applied.orphaned
        };
    }
    finally {
        // Nothing is left behind: a change set that was not executed goes, with the empty stack a CREATE made.
        if (!executed)
            await discardPlan(ctx, handle, creates && !stackExisted);
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

;// CONCATENATED MODULE: ./src/modes/execute.ts










/**
 * mode execute: runs exactly the change set a plan kept, never a new one. Before ExecuteChangeSet it proves the
 * change set is the reviewed one: it belongs to stack-name, was built by this action's plan, and CloudFormation
 * still offers it for execution (a stack changed since the plan makes it OBSOLETE). Then it applies the data-loss
 * guard, executes, follows the events and publishes as deploy does.
 */
async function executePlanned(ctx) {
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
    const description = await describePlanned(ctx);
    checkPlanned(ctx, description, state.kind === 'stable' ? state.stack : undefined);
    const handle = {
        id: description.ChangeSetId ?? settings.changeSetId,
        name: description.ChangeSetName ?? '',
        stackId: description.StackId ?? ''
    };
    const plan = await readPlan(ctx, handle, description);
    await logPlan(log, 'Executing the planned change set', plan);
    const deployed = state.kind === 'stable' ? state.stack : undefined;
    const creates = deployed === undefined;
    let dataLoss;
    try {
        dataLoss = guardDataLoss(ctx, allResourceChanges({ changes: plan.changes, nested: plan.nested }));
    }
    catch (err) {
        // Refused: the reviewed change set must not be run later by accident either. Planning again with
        // allow-data-loss makes a new one for a new review.
        await deleteChangeSet(ctx.clients.cloudformation, handle.id, message => log.warning(message));
        throw err;
    }
    const applied = await applyChangeSet(ctx, handle, { creates, secrets: [], onStarted: () => undefined });
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
        secrets: [],
        orphaned: applied.orphaned
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
var run_log = __webpack_require__(3503);
;// CONCATENATED MODULE: ./src/modes/preview.ts









/**
 * What merging would do: a change set against the live stack, read in full. A preview then deletes it (with the
 * empty stack a CREATE change set leaves); a plan KEEPS it, for a later execute to run exactly that. Nothing is
 * executed either way.
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
    if (existing !== undefined && (await matchesDeployedStack(ctx, request, resolved, existing))) {
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
        // needs a stand-in name, deleted afterwards; a plan cannot, since execute must run against the real stack.
        type = 'CREATE';
        operation = 'recreate';
        if (state.stack.StackStatus === 'ROLLBACK_COMPLETE') {
            if (keep) {
                throw new errors/* DeployError */.sH(`Stack ${settings.stackName} is ROLLBACK_COMPLETE: its first create failed, and it holds nothing. A plan changes nothing, so it cannot replace that stack: run mode: deploy (on-failed-create: recreate) or delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`), then plan again.`);
            }
            stackName = `${settings.stackName}-preview-${ctx.env.GITHUB_RUN_ID ?? Date.now()}`.slice(0, 128);
        }
    }
    // Only the stack its own CREATE change set made is ever removed.
    const createsStack = state.kind === 'absent' || stackName !== settings.stackName;
    const plan = await planChangeSet(ctx, {
        stackName,
        type,
        name,
        template: request.template,
        parameters: resolved,
        createsStack,
        existingStack: state.kind === 'absent' ? undefined : state.stack
    });
    let kept = false;
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
        return {
            stack: existing,
            changeSetId: plan.handle.id,
            operation,
            changes: plan.changes,
            nested,
            parameters: plan.parameters,
            parameterChanges: parameterChanges(existing?.Parameters, plan.parameters),
            hasChanges: true,
            dataLoss: assessDataLoss(allResourceChanges({ changes: plan.changes, nested }), settings.allowDataLoss),
            secrets: resolved.secrets,
            orphaned: []
        };
    }
    finally {
        if (!kept) {
            await log.group(`Deleting ${what} change set ${name}`, () => discardPlan(ctx, plan.handle, createsStack));
        }
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/render/redact.ts
/**
 * Secrets (NoEcho values the user gave, the API key) are removed from the DATA, before anything is escaped,
 * truncated, pretty-printed or diffed. Redacting the finished Markdown cannot work: by then a secret may be
 * HTML-escaped (`x&amp;y`), pipe-escaped (`a\|b`), split by a line-break mark, cut to a prefix, or re-encoded
 * by the JSON pretty-printer, and no longer match.
 */
const REDACTED = '****';
/** The forms a secret takes in text: as itself, and as it appears inside a JSON string (`"` → `\"`, …). */
function formsOf(secret) {
    const json = JSON.stringify(secret).slice(1, -1);
    const forms = new Set([secret, json, secret.replace(/\r\n/g, '\n'), secret.replace(/\n/g, '\r\n')]);
    return [...forms].filter(form => form !== '');
}
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A function that replaces every secret in a text with ****, in one pass, longest first (so a short secret never
 * matches inside a longer one, nor inside the **** of one already replaced). Every non-empty secret counts, even
 * one character long: a short secret is still a secret.
 */
function redactor(secrets) {
    const forms = [...new Set(secrets.flatMap(formsOf))].sort((a, b) => b.length - a.length);
    if (forms.length === 0)
        return text => text;
    const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
    return text => text.replace(pattern, REDACTED);
}

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
    const clean = redactor(secrets);
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
/** The hidden line that identifies our comment for one stack, environment and region. */
function commentMarker(stackName, environment, region) {
    return `<!-- metaflow-deploy preview: stack=${stackName}; environment=${environment || '-'}; region=${region} -->`;
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
    return comments.filter(c => mine(c) && (c.body ?? '').includes(marker)).sort((a, b) => a.id - b.id);
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

;// CONCATENATED MODULE: ./src/github/octokit.ts
/** Answers that a retry cannot change: 403 (permissions, or a spent rate limit), 404, 422 (validation), … */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];
/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * the runner's proxy (HTTPS_PROXY / NO_PROXY, which @actions/github applies through @actions/http-client), and
 * up to 3 retries of 5xx, 429 and dropped connections, never of DO_NOT_RETRY. Writes turn the retries off and
 * look before trying again (github/issue-comment.ts). Loaded only when a run posts a comment.
 */
async function createOctokit(token) {
    const [{ getOctokit: build }, { retry }] = await Promise.all([
        __webpack_require__.e(/* import() */ 758).then(__webpack_require__.bind(__webpack_require__, 1758)),
        __webpack_require__.e(/* import() */ 735).then(__webpack_require__.bind(__webpack_require__, 9735))
    ]);
    // `retries` belongs in the plugin's options: set as a request default (`request: { retries: 3 }`), every failed
    // request carries it, and the plugin's scheduler then retries ANY error, 403/404/422 included.
    return build(token, { retry: { retries: 3, doNotRetry: DO_NOT_RETRY } }, retry);
}

;// CONCATENATED MODULE: ./src/render/markdown.ts
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
const markdown_EMPTY = '_(empty)_';
/** A value inline, outside a table (a list item, a heading, a paragraph), on one line. */
function code(value) {
    return value === '' ? markdown_EMPTY : codeSpan(flatten(value));
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
        return markdown_EMPTY;
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

;// CONCATENATED MODULE: ./src/render/report.ts


const ICON = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' };
const ACTION = {
    add: 'Add',
    modify: 'Modify',
    replace: 'Replace',
    remove: 'Remove'
};
const isDestructive = (change) => kindOf(change) === 'replace' || kindOf(change) === 'remove';
/** A logical id with the nested stacks it is in: `Network › Vpc`. */
function who(located) {
    return [...located.path, located.change.LogicalResourceId ?? ''].map(code).join(' › ');
}
/**
 * The data-loss verdict of a resource change. Verdicts name a logical id and a type, not the nested stack (the
 * guard is given every change, root and nested, and allow-data-loss lists bare logical ids), so they match by both.
 */
function verdictFor(report, located) {
    return report.dataLoss?.find(v => v.logicalId === (located.change.LogicalResourceId ?? '') &&
        v.resourceType === (located.change.ResourceType ?? ''));
}

;// CONCATENATED MODULE: ./src/render/caution.ts




/** The caution block: every replaced or removed resource, what happens to it, and what a deploy would refuse. */
/** What happens to the old resource, from the change set's PolicyAction. */
function fateOf(change) {
    const kind = kindOf(change);
    const policy = change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete');
    if (!holdsData(change.ResourceType) && (policy === 'Delete' || policy === 'ReplaceAndDelete')) {
        return kind === 'remove'
            ? `it is deleted (${policy})`
            : `a new one replaces it and the old one is deleted (${policy})`;
    }
    if (change.ResourceType === 'AWS::S3::Bucket' && /Delete/.test(policy)) {
        return `${describeFate(policy)}; if the bucket still holds objects, the delete fails and so does the deploy (${policy})`;
    }
    return `${describeFate(policy)} (${policy})`;
}
/** Why a resource is replaced: the properties that force it. */
function replacementCauses(change) {
    const forcing = (change.Details ?? []).filter(d => d.Target?.RequiresRecreation === 'Always' || d.Target?.RequiresRecreation === 'Conditionally');
    const names = [
        ...new Set(forcing.map(d => `${code(d.Target?.Path ?? d.Target?.Name ?? d.Target?.Attribute ?? '?')} (${d.Target?.RequiresRecreation === 'Always' ? 'always' : 'conditionally'})`))
    ];
    return names.length === 0 ? '' : ` Forced by ${names.join(', ')}.`;
}
function verdictNote(verdict) {
    if (verdict === undefined)
        return '';
    return verdict.allowed
        ? ' ✅ Allowed by `allow-data-loss`.'
        : ' ⛔ **A deploy refuses this** unless `allow-data-loss` lists it.';
}
function warningLine(report, located) {
    const { change } = located;
    const data = holdsData(change.ResourceType)
        ? `, 💾 holds data (${DATA_TYPES[change.ResourceType ?? '']})`
        : '';
    const subject = `${ICON[kindOf(change)]} ${who(located)} (${code(change.ResourceType ?? '')})`;
    const note = verdictNote(verdictFor(report, located));
    if (kindOf(change) === 'remove') {
        return `- ${subject} is **removed**${data}: ${fateOf(change)}.${note}`;
    }
    const certainty = change.Replacement === 'True'
        ? 'is **replaced**'
        : '**may be replaced** (CloudFormation decides during the update)';
    return `- ${subject} ${certainty}${data}: ${fateOf(change)}.${replacementCauses(change)}${note}`;
}
/**
 * The caution block: every replaced or removed resource, those holding data first, and what a deploy would refuse.
 * `cap` limits the list only when the resource table is shed too, so "more" never points at a missing table.
 */
function warningBlock(report, destructive, cap, elsewhere) {
    if (destructive.length === 0)
        return '';
    const withData = destructive.filter(l => holdsData(l.change.ResourceType));
    const kind = withData.length > 0 ? 'CAUTION' : 'WARNING';
    const ordered = [...withData, ...destructive.filter(l => !holdsData(l.change.ResourceType))];
    const shown = ordered.slice(0, cap).map(l => warningLine(report, l));
    if (ordered.length > cap)
        shown.push(`- …and ${ordered.length - cap} more. ${elsewhere}`);
    const headline = `**${plural(destructive.length, 'resource is', 'resources are')} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.** Review before merging.`;
    const refused = (report.dataLoss ?? []).filter(v => !v.allowed);
    const refusal = refused.length === 0
        ? []
        : [
            '>',
            `> ⛔ A deploy of this change set is **refused**: it would lose the data of ${refused.map(v => code(v.logicalId)).join(', ')}. To accept that, set ${code(`allow-data-loss: ${refused.map(v => v.logicalId).join(',')}`)} (or ${code('*')}); to keep a removed resource's data, give it ${code('DeletionPolicy: Retain')}.`
        ];
    return [`> [!${kind}]`, `> ${headline}`, '>', ...shown.map(line => `> ${line}`), ...refusal].join('\n');
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
    return fitsInCell(value, 200) ? cellCode(value) : '_(below)_';
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
const inCell = (value) => value === undefined || value === '' || (fitsInCell(value, CELL_WIDTH) && parseDocument(value) === undefined);
/**
 * A value the table cannot show exactly (long, multi-line, a JSON document) as a block below it: a ```diff of
 * the pretty-printed lines when there is a before and an after, the value alone otherwise.
 */
function valueBlock(detail, options) {
    const clean = options.clean;
    const target = detail.Target;
    const before = target?.BeforeValue;
    const after = target?.AfterValue;
    const label = `${code(propertyPath(detail))} (${changeType(detail)})`;
    if (after === undefined && detail.Evaluation === 'Dynamic') {
        return `${label}, before; the new value is known only during the update:\n\n${fenced(linesOf(before, clean).join('\n'))}`;
    }
    const lines = diffLines(linesOf(before, clean), linesOf(after, clean));
    return `${label}:\n\n${fenced(formatDiff(lines, options.context), 'diff')}`;
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
            return value === '' ? markdown_EMPTY : cellCode(value);
        };
        if (!fits)
            blocks.push(valueBlock(detail, options));
        const path = propertyPath(detail);
        return [
            fitsInCell(path, 200) ? cellCode(path) : below,
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
        .filter((e) => e !== undefined && e !== '' && !fitsInCell(e, 200));
    const paths = (change.Details ?? []).map(propertyPath).filter(p => p !== '' && !fitsInCell(p, 200));
    for (const text of [...new Set([...paths, ...causes])])
        blocks.push(fenced(text));
    const table_ = table(['Property', 'Change', 'Recreation', 'Because of', 'Before', 'After'], rows);
    return options.blocksElsewhere === undefined ? [table_, ...blocks].join('\n\n') : table_;
}

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
function redactReport(report, clean = redactor(report.secrets)) {
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
        dataLoss: report.dataLoss?.map(v => ({ ...v, logicalId: clean(v.logicalId) })),
        nested: report.nested?.map(n => ({
            path: n.path.map(clean),
            changes: n.changes.map(c => redactChange(c, clean))
        }))
    };
}

;// CONCATENATED MODULE: ./src/render/failure.ts


function where(environment, region) {
    const text = [environment, region].filter(Boolean).map(code).join(' · ');
    return text === '' ? '' : ` · ${text}`;
}
function footer(commitSha, runUrl) {
    const sha = /^[0-9a-f]{7,64}$/i.test(commitSha) ? ` · commit ${code(commitSha.slice(0, 7))}` : '';
    const run = runUrl === undefined ? '' : ` · <a href="${escapeHtml(runUrl)}">workflow run</a>`;
    return `<sub>metaflow-deploy${sha}${run}</sub>`;
}
/** The job summary of a failed deploy. Reasons come from AWS: each is shown exactly, never as Markdown. */
function renderFailure(raw) {
    const clean = redactor(raw.secrets);
    const below = [];
    const rows = raw.failures.map(f => {
        const reason = clean(f.reason);
        const id = clean(f.logicalId);
        let reasonCell = cellCode(reason);
        if (!fitsInCell(reason, 300)) {
            below.push(`${code(id)}:\n\n${fenced(reason)}`);
            reasonCell = '_(below)_';
        }
        return [cellCode(id), cellCode(clean(f.type)), cellCode(clean(f.status)), reasonCell];
    });
    const parts = [
        `### ❌ CloudFormation deploy: ${code(raw.stackName)}${where(raw.environment, raw.region)}`,
        `Status: ${code(clean(raw.status))}.`,
        rows.length === 0
            ? 'No resource reported a failure; see the stack events in the log.'
            : table(['Resource', 'Type', 'Status', 'Reason'], rows),
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
    const reason = redactor(failure.secrets)(failure.reason);
    const sha = /^[0-9a-f]{7,64}$/i.test(failure.commitSha)
        ? ` for commit ${code(failure.commitSha.slice(0, 7))}`
        : '';
    const parts = [
        failure.header,
        `### ❌ CloudFormation preview failed: ${code(failure.stackName)}${where(failure.environment, failure.region)}`,
        `> [!WARNING]\n> The preview${sha} failed, so this pull request's changes to the stack are **not known**. Any earlier preview in this comment no longer applies. Fix the cause and push again, or re-run the job.`,
        '**Reason:**',
        fenced(reason === '' ? '(no reason given)' : reason),
        failure.runUrl === undefined
            ? 'The job log has the detail.'
            : `The <a href="${escapeHtml(failure.runUrl)}">job log</a> has the detail.`,
        footer(failure.commitSha, failure.runUrl)
    ];
    return parts.filter((p) => p !== undefined && p !== '').join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./src/render/render-report.ts










/** A value in a table cell, or, when no cell can hold it exactly, a pointer to a block after the table. */
function valueCell(value, label, below) {
    if (value === undefined)
        return '_(not set)_';
    if (value === '')
        return '_(empty)_';
    if (fitsInCell(value, 120))
        return cellCode(value);
    below.push(`${label}:\n\n${fenced(value)}`);
    return '_(below)_';
}
function parameterTable(parameters) {
    if (parameters.length === 0)
        return '';
    const below = [];
    const rows = parameters.map(p => [
        valueCell(p.key, `${code(p.key)}`, below),
        valueCell(p.before, `${code(p.key)} before`, below),
        valueCell(p.after, `${code(p.key)} after`, below)
    ]);
    return ['#### Parameters', table(['Parameter', 'Before', 'After'], rows), ...below].join('\n\n');
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
    const verdict = verdictFor(report, located);
    if (verdict !== undefined)
        return verdict.allowed ? '✅ allowed by `allow-data-loss`' : '⛔ refused without `allow-data-loss`';
    const { change } = located;
    if (kindOf(change) === 'remove' && change.PolicyAction === 'Retain' && holdsData(change.ResourceType))
        return '💾 kept (Retain)';
    return '';
}
function resourceTable(report, title, located) {
    // The column only when a deploy would refuse or accept a loss: otherwise it would be empty on every row.
    const withData = (report.dataLoss ?? []).length > 0;
    const rows = located.map(l => {
        const c = l.change;
        const row = [
            ICON[kindOf(c)],
            cellCode(c.LogicalResourceId ?? ''),
            cellCode(c.ResourceType ?? ''),
            ACTION[kindOf(c)],
            replacementCell(c)
        ];
        return withData ? [...row, dataCell(report, l)] : row;
    });
    const header = ['', 'Resource', 'Type', 'Action', 'Replacement', ...(withData ? ['Data'] : [])];
    return [title, '', table(header, rows)].join('\n');
}
function nestedTitle(path) {
    return `#### Nested stack ${path.map(code).join(' › ')}`;
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
        cellCode(type),
        String(n.add),
        String(n.modify),
        String(n.replace),
        String(n.remove)
    ]);
    return ['#### Resources by type', '', table(['Type', 'Add', 'Modify', 'Replace', 'Remove'], rows)].join('\n');
}
/** Unchanged lines a folded (comment) diff keeps around each change; the job summary shows documents whole. */
const COMMENT_CONTEXT = 4;
function propertyDetails(located, fold, clean, blocksElsewhere) {
    const { change, path } = located;
    const ids = [...path, change.LogicalResourceId ?? ''].map(htmlCode).join(' › ');
    const summary = `${ICON[kindOf(change)]} ${ids} · ${htmlCode(change.ResourceType ?? '')} · ${ACTION[kindOf(change)].toLowerCase()}`;
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
    const where = [report.environment, report.region].filter(Boolean).map(code).join(' · ');
    const title = report.kind === 'preview'
        ? '📋 CloudFormation preview'
        : report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
            ? '✅ CloudFormation deploy'
            : '❌ CloudFormation deploy';
    return `### ${title}: ${code(report.stackName)}${where === '' ? '' : ` · ${where}`}`;
}
function intro(report, counts, resourceCount, empty) {
    const lines = [];
    if (report.operation === 'create')
        lines.push(`The stack does not exist yet: merging creates it.`);
    if (report.operation === 'recreate')
        lines.push(`The stack's first create failed and left nothing: the deploy deletes it and creates it again.`);
    if (report.kind === 'deploy' && report.status !== undefined)
        lines.push(`Status: ${code(report.status)}.`);
    if (!empty) {
        lines.push(`**${report.kind === 'preview' ? 'Plan' : 'Applied'}:** ${counts}.`);
        if (resourceCount === 0)
            lines.push(report.kind === 'preview'
                ? "No resource changes: the update changes the stack's outputs/parameters/tags; merging runs an update."
                : "No resource changes: the update changed the stack's outputs/parameters/tags.");
    }
    return lines.join('\n\n');
}
function outputsTable(outputs) {
    if (outputs === undefined || Object.keys(outputs).length === 0)
        return '';
    const below = [];
    const rows = Object.entries(outputs).map(([k, v]) => [
        valueCell(k, code(k), below),
        valueCell(v, code(k), below)
    ]);
    return ['#### Outputs', table(['Output', 'Value'], rows), ...below].join('\n\n');
}
function render_report_footer(report) {
    const sha = /^[0-9a-f]{7,64}$/i.test(report.commitSha)
        ? ` · commit ${code(report.commitSha.slice(0, 7))}`
        : '';
    const run = report.runUrl === undefined ? '' : ` · <a href="${escapeHtml(report.runUrl)}">workflow run</a>`;
    const note = report.kind === 'preview' ? ' · nothing was deployed; the change set was deleted' : '';
    return `<sub>metaflow-deploy${sha}${run}${note}</sub>`;
}
function render_report_noChanges(report) {
    return report.kind === 'preview'
        ? `✅ **No changes.** The stack already matches this template and these parameters.`
        : `✅ **No changes** were needed.`;
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
    const clean = redactor(raw.secrets);
    const report = redactReport(raw, clean);
    const fold = options.fold ?? options.unit === 'chars';
    const located = [
        ...report.changes.map(change => ({ path: [], change })),
        ...(report.nested ?? []).flatMap(n => n.changes.map(change => ({ path: n.path, change })))
    ];
    const all = located.map(l => l.change);
    const counts = describeCounts(countChanges(all));
    const destructive = located.filter(l => isDestructive(l.change));
    const empty = located.length === 0 && report.parameters.length === 0 && report.hasChanges !== true;
    const build = (level) => {
        const tables = level === 'full' || level === 'no-diffs' || level === 'no-details';
        const parts = [
            options.header,
            heading(report),
            intro(report, counts, all.length, empty)
        ];
        if (empty) {
            parts.push(render_report_noChanges(report));
        }
        else {
            parts.push(warningBlock(report, destructive, tables ? Number.POSITIVE_INFINITY : 50, options.fullDetailIn));
            parts.push(parameterTable(report.parameters));
            if (tables) {
                if (report.changes.length > 0)
                    parts.push(resourceTable(report, '#### Resources', located.filter(l => l.path.length === 0)));
                for (const nested of report.nested ?? []) {
                    if (nested.changes.length === 0)
                        continue;
                    parts.push(resourceTable(report, nestedTitle(nested.path), nested.changes.map(change => ({ path: nested.path, change }))));
                }
            }
            else if (all.length > 0)
                parts.push(countsByType(all));
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
        parts.push(render_report_footer(report));
        return parts.filter(part => part !== undefined && part !== '').join('\n\n') + '\n';
    };
    for (const level of ['full', 'no-diffs', 'no-details', 'counts']) {
        const body = build(level);
        if (sizeOf(body, options.unit) <= options.limit)
            return { body, level };
    }
    // Only an absurd number of resource types gets here: cut the body at a line and say so.
    const note = `\n\n> [!NOTE]\n> Cut to fit the size limit. ${options.fullDetailIn}\n\n${render_report_footer(report)}\n`;
    let body = build('counts');
    // Room for a closing fence, should the cut fall inside a code block.
    while (sizeOf(body + note, options.unit) + 20 > options.limit)
        body = body.slice(0, Math.floor(body.length * 0.9));
    return { body: closeOpenFence(body.slice(0, body.lastIndexOf('\n'))) + note, level: 'truncated' };
}

;// CONCATENATED MODULE: ./src/publish/preview-comment.ts






/** GitHub rejects comment bodies over 65,536 characters. */
const COMMENT_LIMIT = 65_536;
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
    const octokit = await createOctokit(settings.githubToken);
    const marker = commentMarker(settings.stackName, settings.environment, region);
    let outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT), log);
    if (outcome.kind === 'too-long') {
        // GitHub's own count can differ from ours (it has been seen to change); try once more with half the room.
        outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT / 2), log);
    }
    switch (outcome.kind) {
        case 'forbidden':
            log.warning(`Could not write the pull-request comment (${outcome.reason}). Pull requests from forks get a read-only token; the job summary has the detail.`);
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
        : `The <a href="${escapeHtml(report.runUrl)}">job summary</a>`;
    return postComment(ctx, report.region, (marker, limit) => renderReport(report, {
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
        const body = renderFailedPreview({ ...failure, header: marker });
        if (body.length <= limit)
            return body;
        // An absurd reason is cut to fit, after redaction, so the cut can never leave a secret's prefix behind.
        const reason = redactor(failure.secrets)(failure.reason);
        const cut = reason.slice(0, Math.max(0, reason.length - (body.length - limit) - 100));
        return renderFailedPreview({
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
/**
 * Writes the file readable by its owner only (it holds the API key), atomically: the content goes into a new file
 * in the same folder, created 0600 from its first byte (`wx`: it must not exist), flushed to disk, then renamed
 * over the target, so a reader sees the old file or the whole new one, and no other user ever can read the key.
 * Missing folders are created 0700; an existing folder keeps its mode. A symlink at the path is refused: writing
 * through it would put the key wherever it points. An existing file is chmod 0600 before the key goes anywhere
 * near it, in case the rename fails and leaves it in place.
 */
function writeConfig(path, content) {
    const folder = (0,external_node_path_.dirname)(path);
    (0,external_node_fs_.mkdirSync)(folder, { recursive: true, mode: 0o700 });
    const existing = lstatOrUndefined(path);
    if (existing?.isSymbolicLink() === true) {
        throw new errors/* InputError */.dz('metaflow-config-file', `${path} is a symbolic link; the action does not write the API key through a link. Give the path of the real file, or remove the link.`);
    }
    if (existing !== undefined && !existing.isFile()) {
        throw new errors/* InputError */.dz('metaflow-config-file', `${path} exists and is not a regular file; give the path of a file to write.`);
    }
    if (existing !== undefined && (existing.mode & 0o777) !== 0o600)
        (0,external_node_fs_.chmodSync)(path, 0o600);
    const temporary = (0,external_node_path_.join)(folder, `.${(0,external_node_path_.basename)(path)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    const fd = (0,external_node_fs_.openSync)(temporary, 'wx', 0o600);
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
    'metaflow-config-file'
];
function changeOutputs(counts, hasChanges) {
    // The four documented kinds always; Import, Dynamic and SyncWithActual only when the change set has them, so
    // the usual summary stays the documented {"add","modify","replace","remove"}.
    const { add, modify, replace, remove, ...rarer } = counts;
    const present = Object.fromEntries(Object.entries(rarer).filter(([, count]) => count > 0));
    return {
        'has-changes': String(hasChanges),
        'changes-count': String(totalChanges(counts)),
        'changes-summary': JSON.stringify({ add, modify, replace, remove, ...present })
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/publish/summary.ts






/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
const SUMMARY_LIMIT = 1_000_000;
/**
 * The one function that writes the job summary: appends Markdown to the file the runner names in
 * GITHUB_STEP_SUMMARY. A summary reports on the job; it never fails it: where the runner offers no summary file
 * (older GitHub Enterprise Server, a run outside Actions) that is a note, and a failed write is a warning.
 */
async function appendSummary(markdown, log = run_log.coreLogger, env = process.env) {
    const path = env.GITHUB_STEP_SUMMARY ?? '';
    if (path === '') {
        log.info('This runner offers no job summary (GITHUB_STEP_SUMMARY is not set); the log has the same detail.');
        return false;
    }
    try {
        // The runner creates the file; one that is missing is not ours to create (it may be a stale path).
        await (0,promises_.access)(path, external_node_fs_.constants.W_OK);
    }
    catch {
        log.info(`The job summary file ${path} does not exist or is not writable; the log has the same detail.`);
        return false;
    }
    try {
        await (0,promises_.appendFile)(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
        return true;
    }
    catch (err) {
        log.warning(`Could not write the job summary: ${(0,errors/* messageOf */.bD)(err)}. The log has the same detail.`);
        return false;
    }
}
/** Writes the report to the job summary, every change in full (shedding detail only past GitHub's 1 MiB). */
async function writeSummary(report, log) {
    const rendered = renderReport(report, {
        limit: SUMMARY_LIMIT,
        unit: 'bytes',
        fold: false,
        fullDetailIn: 'The run log lists every change, one line each.'
    });
    await appendSummary(rendered.body, log);
}
/** The job summary of a failed deploy. */
async function writeFailureSummary(failure, log) {
    await appendSummary(renderFailure(failure), log);
}
/** The job summary of a failed preview: what failed and why. */
async function writeFailedPreviewSummary(failure, log) {
    await appendSummary(renderFailedPreview(failure), log);
}

;// CONCATENATED MODULE: ./src/render/from-outcome.ts

/** A run's outcome as the renderer reads it, for the job summary and the pull-request comment. */
function reportFromOutcome(outcome, context) {
    return {
        ...context,
        operation: outcome.operation,
        changes: resourceChanges(outcome.changes),
        nested: outcome.nested.map(n => ({ path: n.path, changes: n.changes })),
        hasChanges: outcome.hasChanges,
        dataLoss: outcome.dataLoss,
        parameters: outcome.parameterChanges,
        secrets: outcome.secrets
    };
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
            run_log.coreLogger.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`);
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
    if (run_log.coreLogger.isDebug())
        (0,run_log.debugSettings)(settings, run_log.coreLogger);
    const clock = (0,run_clock/* systemClock */.ml)(scale);
    const ctx = {
        settings,
        clients,
        firstLook,
        clock,
        signal: cancel.signal,
        log: run_log.coreLogger,
        env,
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        deadline: clock.now() + settings.timeoutMs,
        secrets: []
    };
    try {
        warnAboutSettings(ctx);
        const outputs = await runPhases(ctx);
        setOutputs(outputs);
    }
    catch (raw) {
        const err = (0,errors/* explainFirstRunError */.bO)(raw, env);
        await reportFailure(ctx, err);
        run_log.coreLogger.fail((0,errors/* messageOf */.bD)(err));
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
async function runPhases(ctx) {
    const { settings } = ctx;
    switch (settings.mode) {
        case 'deploy':
        case 'execute': {
            const outcome = settings.mode === 'deploy'
                ? await deploy(ctx, await readStackRequest(ctx))
                : await executePlanned(ctx);
            const stack = outcome.stack;
            if (stack === undefined)
                throw new errors/* DeployError */.sH(`Stack ${settings.stackName} does not exist after the run.`);
            // Set at once, so that a failure while publishing still reports what was deployed.
            const outputs = changeOutcomeOutputs(ctx, outcome);
            setOutputs({ ...outputs, 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' });
            const published = await publishStack(ctx, stack, coreSink);
            const apiKey = published.outputs['api-key'];
            await writeSummary({
                ...(await reportOf(ctx, outcome, 'deploy')),
                status: stack.StackStatus ?? '',
                outputs: published.stackOutputs,
                secrets: [...outcome.secrets, ...(apiKey === undefined ? [] : [apiKey])]
            });
            return { ...outputs, ...published.outputs };
        }
        case 'preview':
        case 'plan': {
            const keep = settings.mode === 'plan';
            const outcome = await preview(ctx, await readStackRequest(ctx), keep);
            const outputs = {
                ...changeOutcomeOutputs(ctx, outcome),
                ...(outcome.stack === undefined
                    ? {}
                    : { 'stack-id': outcome.stack.StackId ?? '', 'stack-status': outcome.stack.StackStatus ?? '' })
            };
            setOutputs(outputs);
            const report = await reportOf(ctx, outcome, 'preview');
            await writeSummary(report);
            if (settings.comment) {
                const url = await postPreviewComment(ctx, report);
                if (url !== undefined)
                    outputs['comment-url'] = url;
            }
            return outputs;
        }
        case 'outputs': {
            const stack = await readDeployedStack(ctx);
            setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' });
            return (await publishStack(ctx, stack, coreSink)).outputs;
        }
    }
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
        'changes-file': path
    };
}
/** The outcome as the renderer reads it, for the job summary and the pull-request comment. */
async function reportOf(ctx, outcome, kind) {
    return reportFromOutcome(outcome, {
        kind,
        stackName: ctx.settings.stackName,
        environment: ctx.settings.environment,
        region: await ctx.clients.region(),
        commitSha: ctx.env.GITHUB_SHA ?? '',
        runUrl: runUrl(ctx.env)
    });
}
/** Warnings about the run itself, before any AWS call. */
function warnAboutSettings(ctx) {
    const { settings, log } = ctx;
    if (settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
        log.warning(`stack-name "${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so keep stack-name to ${BUNDLED_MAX_STACK_NAME} or fewer.`);
    }
    if (settings.eventName === 'pull_request_target' &&
        (settings.mode === 'preview' || settings.mode === 'plan')) {
        log.warning("This preview runs on pull_request_target, with this repository's secrets and AWS role. The workflow must not check out the pull request's head (its template and parameters) in this job: anyone who opens a pull request could run code or deploy with them. Use pull_request, or check out the base branch only.");
    }
}
/**
 * Where a failure is reported besides the step's error: a failed deploy's summary lists every failed resource; a
 * failed preview or plan replaces the pull request's comment, so an earlier green preview never stays up.
 */
async function reportFailure(ctx, err) {
    const { settings } = ctx;
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
            await writeFailedPreviewSummary(failure, ctx.log);
            if (settings.comment)
                await postFailedPreviewComment(ctx, failure);
            return;
        }
    }
    catch (reportErr) {
        ctx.log.warning(`Could not report the failed ${settings.mode} on the pull request: ${(0,errors/* messageOf */.bD)(reportErr)}`);
        return;
    }
    if (!(err instanceof errors/* StackOperationFailed */.XZ))
        return;
    await writeFailureSummary({
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
const coreSink = {
    setOutput: (name, value) => core.setOutput(name, value),
    exportVariable: (name, value) => core.exportVariable(name, value)
};


/***/ }),

/***/ 3503:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   coreLogger: () => (/* binding */ coreLogger),
/* harmony export */   debugSettings: () => (/* binding */ debugSettings),
/* harmony export */   inert: () => (/* binding */ inert)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(143);

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
/** Invisible, and not white space to .NET, so TrimStart() keeps it and the line no longer starts with `::`. */
const ZERO_WIDTH_SPACE = '\u200b';
/**
 * Untrusted text made inert for the runner: a line that would start with `::` gets a zero-width space before
 * it (text and masks still match, since nothing is inserted inside the line's content), and `##[` anywhere is
 * broken as `##\u200b[`. Line breaks are kept, so the text reads as before.
 */
function inert(text) {
    return text
        .split(LINE_BREAK)
        .map(line => line.replace(COMMAND_START, `$1${ZERO_WIDTH_SPACE}::`).replace(LEGACY_COMMAND, `##${ZERO_WIDTH_SPACE}[`))
        .join('\n');
}
/**
 * The one way the action writes to the log. Every message passes through `inert`, annotations and group titles
 * too: @actions/core escapes line breaks in those, but `core.info` writes raw, and one rule for all is easier to
 * trust than a rule per call.
 */
const coreLogger = {
    info: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(inert(message)),
    warning: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(inert(message)),
    error: (message, properties) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(inert(message), properties),
    notice: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(inert(message)),
    debug: message => {
        // The runner hides ::debug:: lines without step debug; not printing them at all keeps logs and time small.
        if (_actions_core__WEBPACK_IMPORTED_MODULE_0__.isDebug())
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(inert(message));
    },
    secret: value => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(value),
    group: (name, work) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(inert(name), work),
    fail: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(inert(message)),
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


/***/ })

};

//# sourceMappingURL=299.index.js.map