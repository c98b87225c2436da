export const id = 81;
export const ids = [81];
export const modules = {

/***/ 3081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  afterDeploy: () => (/* binding */ afterDeploy)
});

// EXTERNAL MODULE: ./src/render/redact.ts + 1 modules
var redact = __webpack_require__(4227);
// EXTERNAL MODULE: ./src/run/errors.ts
var errors = __webpack_require__(4314);
// EXTERNAL MODULE: ./src/publish/summary.ts
var summary = __webpack_require__(1463);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-lambda/dist-cjs/index.js
var dist_cjs = __webpack_require__(1696);
;// CONCATENATED MODULE: ./src/metaflow/migrate.ts


/** A migration the function reported as failed: its own error, and what the user does next. */
class MigrationFailed extends errors/* DeployError */.sH {
}
async function invokeMigration(lambda, functionName, signal) {
    let answer;
    try {
        answer = await lambda.send(new dist_cjs.InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'RequestResponse',
            Payload: Buffer.from('{}')
        }), { abortSignal: signal });
    }
    catch (err) {
        throw new MigrationFailed(`Could not invoke the migration function ${functionName}: ${(0,errors/* messageOf */.bD)(err)}`);
    }
    const payload = answer.Payload === undefined ? '' : Buffer.from(answer.Payload).toString('utf8');
    // Invoke answers 200 even when the function raised: FunctionError says so, and the payload holds the error
    // (Invoke API reference, "FunctionError").
    if (answer.FunctionError !== undefined && answer.FunctionError !== '')
        throw new MigrationFailed(`The migration function ${functionName} failed (${answer.FunctionError}): ${functionError(payload)}`);
    return parseAnswer(payload, functionName);
}
/** `{"errorMessage": …, "errorType": …}` as one line; anything else as it came, cut to a readable length. */
function functionError(payload) {
    try {
        const error = JSON.parse(payload);
        if (typeof error.errorMessage === 'string')
            return `${typeof error.errorType === 'string' ? `${error.errorType}: ` : ''}${error.errorMessage}`.slice(0, 2000);
    }
    catch {
        // Not JSON: the raw text below.
    }
    return payload.slice(0, 2000) || '(no error text)';
}
function parseAnswer(payload, functionName) {
    let body;
    try {
        body = JSON.parse(payload);
    }
    catch {
        throw new MigrationFailed(`The migration function ${functionName} answered something that is not JSON: ${payload.slice(0, 500)}`);
    }
    const record = (body ?? {});
    const result = {
        before: schemaStatus(record.before),
        after: schemaStatus(record.after),
        upgrade: typeof record.upgrade === 'string' ? record.upgrade : JSON.stringify(record.upgrade ?? null)
    };
    // The function raises when the schema is still behind; an answer that says so anyway is a failure too.
    // `upgraded: false` alone is no failure: the schema was already up to date, so there was nothing to apply.
    if (result.after?.isUpToDate === false)
        throw new MigrationFailed(`The migration function ${functionName} finished but the schema is still not up to date (version ${result.after?.currentVersion ?? 'unknown'}; unapplied: ${result.after?.unappliedMigrations.join(', ') || 'unknown'}).`);
    return result;
}
/** The schema status fields, whatever JSON type the service gave the version (goose prints it; it is a string). */
function schemaStatus(value) {
    if (value === null || typeof value !== 'object')
        return undefined;
    const v = value;
    const version = v.current_version;
    return {
        isUpToDate: typeof v.is_up_to_date === 'boolean' ? v.is_up_to_date : undefined,
        currentVersion: typeof version === 'string' || typeof version === 'number' ? String(version) : undefined,
        unappliedMigrations: Array.isArray(v.unapplied_migrations) ? v.unapplied_migrations.map(String) : []
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/run/clock.ts
var clock = __webpack_require__(4219);
// EXTERNAL MODULE: ./src/metaflow/why-down.ts
var why_down = __webpack_require__(3240);
;// CONCATENATED MODULE: ./src/metaflow/rollout.ts




const POLL_MIN_MS = 5_000;
const POLL_MAX_MS = 15_000;
/** Starts every rollout, then waits for all of them; fails with the first failure's reason and the diagnosis. */
async function rollServices(ecs, services, wait) {
    const call = { abortSignal: wait.signal };
    const started = [];
    for (const service of services) {
        const updated = await ecs.send(new client_ecs_dist_cjs.UpdateServiceCommand({
            cluster: service.cluster,
            service: service.service,
            forceNewDeployment: true
        }), call);
        const primary = updated.service?.deployments?.find(d => d.status === 'PRIMARY');
        started.push({ logicalId: service.logicalId, deploymentId: primary?.id ?? '' });
        wait.log(`${service.logicalId}: new deployment ${primary?.id ?? '(id unknown)'} started.`);
    }
    const pending = new Map(services.map((service, i) => [service, started[i]]));
    const delay = new clock/* AdaptiveDelay */.OH(POLL_MIN_MS, POLL_MAX_MS);
    while (pending.size > 0) {
        let progressed = false;
        for (const [service, rolled] of [...pending]) {
            const described = await ecs.send(new client_ecs_dist_cjs.DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }), call);
            const deployments = described.services?.[0]?.deployments ?? [];
            const ours = deployments.find(d => d.id === rolled.deploymentId) ?? deployments.find(d => d.status === 'PRIMARY');
            const state = ours?.rolloutState;
            if (state === 'COMPLETED') {
                wait.log(`${service.logicalId}: deployment ${rolled.deploymentId} completed.`);
                pending.delete(service);
                progressed = true;
            }
            else if (state === 'FAILED' || ours === undefined) {
                const reason = ours?.rolloutStateReason ?? 'the deployment is gone from the service';
                const story = await (0,why_down/* whyDown */.Lr)(ecs, [service], wait.signal);
                throw new errors/* DeployError */.sH([
                    `The ECS service ${service.logicalId} did not roll to the migrated schema: ${reason}`,
                    ...story
                ].join('\n'));
            }
        }
        if (pending.size === 0)
            break;
        const pause = delay.next(progressed);
        if (wait.clock.now() + pause > wait.deadline) {
            const story = await (0,why_down/* whyDown */.Lr)(ecs, [...pending.keys()], wait.signal);
            throw new errors/* DeployError */.sH([
                `timeout-minutes ran out while ${[...pending.keys()].map(s => s.logicalId).join(', ')} rolled to a new deployment (ECS goes on with it).`,
                ...story
            ].join('\n'));
        }
        await wait.clock.sleep(pause, wait.signal);
    }
    return started;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-rds/dist-cjs/index.js
var client_rds_dist_cjs = __webpack_require__(7202);
;// CONCATENATED MODULE: ./src/metaflow/snapshot.ts



/**
 * The manual snapshot taken before a migration changes an existing database: named for the stack and the run,
 * tagged so that people can tell why it exists, and waited for until RDS says it is available.
 */
/**
 * `metaflow-deploy-<stack>-<run id>-<attempt>`, within RDS's rules for DBSnapshotIdentifier (CreateDBSnapshot API
 * reference): 1-255 letters, digits and hyphens, a letter first, no two hyphens in a row, none at the end.
 */
function snapshotIdentifier(stackName, runId, attempt) {
    const raw = `metaflow-deploy-${stackName}-${runId}-${attempt}`.toLowerCase();
    return raw
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/-{2,}/g, '-')
        .slice(0, 255)
        .replace(/-+$/, '');
}
const WAIT_MIN_MS = 5_000;
const WAIT_MAX_MS = 30_000;
/** CreateDBSnapshot, then DescribeDBSnapshots until `available`; returns the snapshot's id. */
async function snapshotDatabase(rds, dbInstance, snapshotId, tags, wait) {
    const call = { abortSignal: wait.signal };
    try {
        await rds.send(new client_rds_dist_cjs.CreateDBSnapshotCommand({
            DBInstanceIdentifier: dbInstance,
            DBSnapshotIdentifier: snapshotId,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
        }), call);
    }
    catch (err) {
        // A retried run attempt that already took it (the id holds the run and its attempt) finds it there.
        if (err.name !== 'DBSnapshotAlreadyExistsFault')
            throw new errors/* DeployError */.sH(`Could not snapshot the database ${dbInstance} before migrating it: ${(0,errors/* messageOf */.bD)(err)}. Nothing was migrated. Fix the cause, or set db-snapshot-before-migrate: false to migrate without a snapshot.`);
    }
    wait.log(`Snapshot ${snapshotId} of ${dbInstance} requested; waiting until it is available.`);
    const delay = new clock/* AdaptiveDelay */.OH(WAIT_MIN_MS, WAIT_MAX_MS);
    let status = 'creating';
    for (;;) {
        const described = await rds.send(new client_rds_dist_cjs.DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }), call);
        const snapshot = described.DBSnapshots?.[0];
        const next = snapshot?.Status ?? 'creating';
        if (next === 'available')
            return snapshotId;
        if (next === 'failed' || next === 'error' || next === 'deleted' || next === 'deleting')
            throw new errors/* DeployError */.sH(`The snapshot ${snapshotId} of ${dbInstance} ended ${next}. Nothing was migrated; see the RDS console's events for the instance.`);
        const progressed = next !== status;
        status = next;
        const pause = delay.next(progressed);
        if (wait.clock.now() + pause > wait.deadline)
            throw new errors/* DeployError */.sH(`timeout-minutes ran out while the snapshot ${snapshotId} of ${dbInstance} was ${status}${snapshot?.PercentProgress === undefined ? '' : ` (${snapshot.PercentProgress}%)`}. Nothing was migrated; the snapshot goes on in RDS. Raise timeout-minutes and run again.`);
        await wait.clock.sleep(pause, wait.signal);
    }
}

// EXTERNAL MODULE: ./src/metaflow/stack-resources.ts
var stack_resources = __webpack_require__(7437);
// EXTERNAL MODULE: ./src/render/markdown.ts
var markdown = __webpack_require__(2495);
;// CONCATENATED MODULE: ./src/metaflow/summary.ts

function emptyServiceReport() {
    return {
        migration: undefined,
        why: undefined,
        snapshotId: undefined,
        before: undefined,
        after: undefined,
        rolled: [],
        version: undefined,
        failure: undefined
    };
}
function schema(status) {
    if (status === undefined)
        return 'unknown';
    const pending = status.unappliedMigrations.length;
    return `${(0,markdown/* code */.aY)(status.currentVersion ?? 'unknown')}${pending > 0 ? ` (${pending} unapplied)` : status.isUpToDate === true ? ' (up to date)' : ''}`;
}
function renderServiceReport(report) {
    const lines = ['### Metaflow service'];
    if (report.migration !== undefined) {
        const why = report.why === undefined ? '' : ` (${report.why})`;
        lines.push(`- Migration: **${report.migration}**${why}`);
    }
    if (report.snapshotId !== undefined)
        lines.push(`- Database snapshot before the migration: ${(0,markdown/* code */.aY)(report.snapshotId)}`);
    if (report.before !== undefined || report.after !== undefined)
        lines.push(`- Schema version: ${schema(report.before)} → ${schema(report.after)}`);
    if (report.rolled.length > 0)
        lines.push(`- Rolled to a new deployment: ${report.rolled.map(markdown/* code */.aY).join(', ')}`);
    if (report.version !== undefined)
        lines.push(`- Metadata service answers: version ${(0,markdown/* code */.aY)(report.version)}`);
    if (report.failure !== undefined)
        lines.push('', '> [!CAUTION]', '> The step failed here:', '', (0,markdown/* fenced */.OF)(report.failure));
    return lines.length === 1 ? '' : `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/metaflow/upgrades.ts
var upgrades = __webpack_require__(5376);
;// CONCATENATED MODULE: ./src/metaflow/verify.ts


/** Pauses between attempts: 7.5 s, then 1.5x each time up to 30 s (AdaptiveDelay from 5 s; docs/reliability.md). */
const VERIFY_DELAY = { minMs: 5_000, maxMs: 30_000 };
/** Time kept after the last attempt, for reading the ECS services' stopped tasks and events. */
const RESERVE_MS = 5_000;
/** One request may take this long: API Gateway itself gives up on an integration after 29 s. */
const REQUEST_MS = 30_000;
async function verifyService(serviceUrl, apiKey, wait, get = actionsHttpGet) {
    const headers = apiKey === undefined ? {} : { 'x-api-key': apiKey };
    const scrub = (text) => apiKey === undefined || apiKey === '' ? text : text.split(apiKey).join('***');
    const delay = new clock/* AdaptiveDelay */.OH(VERIFY_DELAY.minMs, VERIFY_DELAY.maxMs);
    let attempts = 0;
    let last;
    for (;;) {
        attempts += 1;
        const ping = await safeGet(get, endpoint(serviceUrl, 'ping'), headers, remaining(wait));
        if (ping.status === 200 && ping.body.trim() === 'pong') {
            const version = await safeGet(get, endpoint(serviceUrl, 'version'), headers, remaining(wait));
            if (version.status === 200 && version.body.trim() !== '') {
                return { version: scrub(version.body.trim()).slice(0, 100), attempts };
            }
            last = `GET /version: ${describe(version, scrub)}`;
        }
        else
            last = `GET /ping: ${describe(ping, scrub)}`;
        // Retry until the deadline, the last pause shortened to fit; stop with RESERVE_MS left for the diagnosis.
        const left = wait.deadline - wait.clock.now() - RESERVE_MS;
        if (left <= 0 || wait.signal.aborted)
            throw new ServiceDown(serviceUrl, last, attempts);
        const pause = Math.min(delay.next(false), left);
        wait.log(`The metadata service is not answering yet (${last}); attempt ${attempts + 1} in ${Math.round(pause / 1000)} s.`);
        await wait.clock.sleep(pause, wait.signal);
    }
}
/** A service that never answered before the deadline: the URL, the last answer; the diagnosis is added by the caller. */
class ServiceDown extends errors/* DeployError */.sH {
    url;
    lastAnswer;
    attempts;
    constructor(url, lastAnswer, attempts) {
        super(`The Metaflow metadata service at ${url} did not answer within timeout-minutes (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; last answer: ${lastAnswer}).`);
        this.url = url;
        this.lastAnswer = lastAnswer;
        this.attempts = attempts;
    }
}
function endpoint(serviceUrl, path) {
    return new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`).toString();
}
function remaining(wait) {
    return Math.max(1_000, Math.min(REQUEST_MS, wait.deadline - wait.clock.now() - RESERVE_MS));
}
async function safeGet(get, url, headers, timeoutMs) {
    try {
        return await get(url, headers, timeoutMs);
    }
    catch (err) {
        return { status: undefined, body: (0,errors/* messageOf */.bD)(err) };
    }
}
function describe(answer, scrub) {
    const body = scrub(answer.body.replace(/\s+/g, ' ').trim()).slice(0, 200);
    return answer.status === undefined ? `no answer (${body})` : `HTTP ${answer.status} ${body}`.trim();
}
async function actionsHttpGet(url, headers, timeoutMs) {
    const { HttpClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4942));
    const client = new HttpClient('metaflow-deploy', undefined, {
        socketTimeout: timeoutMs,
        allowRetries: false,
        keepAlive: false
    });
    try {
        const response = await client.get(url, headers);
        return { status: response.message.statusCode, body: await response.readBody() };
    }
    finally {
        client.dispose();
    }
}

;// CONCATENATED MODULE: ./src/metaflow/wait.ts
function serviceWait(ctx) {
    return { clock: ctx.clock, deadline: ctx.deadline, signal: ctx.signal, log: line => ctx.log.info(line) };
}

;// CONCATENATED MODULE: ./src/metaflow/after-deploy.ts












/**
 * Runs the step; `publish` receives each output as soon as it is known, so a failure later in the step still
 * reports the snapshot taken. The job summary gets its section whether the step succeeds or fails.
 */
async function afterDeploy(ctx, deployed, publish) {
    const report = emptyServiceReport();
    const outputs = {};
    const set = (more) => {
        Object.assign(outputs, more);
        publish(more);
    };
    try {
        await migrateIfDue(ctx, deployed, report, set);
        await verifyIfAsked(ctx, deployed, report, set);
        return outputs;
    }
    catch (err) {
        report.failure = (0,errors/* messageOf */.bD)(err);
        throw err;
    }
    finally {
        const clean = (0,redact/* redactor */.$p)([...ctx.secrets, ...(deployed.apiKey === undefined ? [] : [deployed.apiKey])]);
        const section = renderServiceReport(report);
        if (section !== '')
            await (0,summary/* appendSummary */.fe)(clean(section), ctx.log, ctx.env);
    }
}
async function migrateIfDue(ctx, deployed, report, set) {
    const functionName = deployed.stackOutputs.MigrationFunctionName ?? '';
    if (deployed.change === undefined || functionName === '')
        return;
    const { settings, log } = ctx;
    const decision = (0,upgrades/* migrationDecision */.nH)(settings.migrate, deployed.change.operation, deployed.change.parameterChanges);
    report.why = decision.why;
    if (!decision.run) {
        report.migration = decision.outcome;
        log.info(`Database migration ${decision.outcome}: ${decision.why}.`);
        set({ migration: decision.outcome });
        return;
    }
    report.migration = 'failed';
    const wait = serviceWait(ctx);
    const resources = await (0,stack_resources/* findServiceResources */.M)(ctx.clients.cloudformation, deployed.stackName, ctx.signal);
    await log.group(`Migrating the Metaflow database (${decision.why})`, async () => {
        // A new stack's database is empty: there is nothing a snapshot would keep.
        if (deployed.change?.operation === 'update' &&
            settings.dbSnapshotBeforeMigrate &&
            resources.dbInstance !== undefined) {
            const id = snapshotIdentifier(deployed.stackName, ctx.env.GITHUB_RUN_ID ?? String(ctx.clock.now()), ctx.env.GITHUB_RUN_ATTEMPT ?? '1');
            const tags = {
                'metaflow-deploy:stack': deployed.stackName,
                'metaflow-deploy:reason': 'before schema migration'
            };
            await snapshotDatabase(await ctx.clients.rds(), resources.dbInstance, id, tags, wait);
            report.snapshotId = id;
            set({ 'db-snapshot-id': id });
            log.info(`Snapshot ${id} is available.`);
        }
        let result;
        try {
            result = await invokeMigration(await ctx.clients.lambda(), functionName, ctx.signal);
        }
        catch (err) {
            throw new MigrationFailed(`${(0,errors/* messageOf */.bD)(err)}\n${afterFailedMigration(report.snapshotId)}`);
        }
        report.before = result.before;
        report.after = result.after;
        log.info(`Schema ${result.before?.currentVersion ?? 'unknown'} -> ${result.after?.currentVersion ?? 'unknown'} (${result.upgrade}).`);
        await rollAll(ctx, resources, report, wait);
    });
    report.migration = 'ran';
    set({ migration: 'ran' });
}
async function rollAll(ctx, resources, report, wait) {
    if (resources.services.length === 0)
        return;
    const rolled = await rollServices(await ctx.clients.ecs(), resources.services, wait);
    report.rolled = rolled.map(r => r.logicalId);
}
/** What the user does next; the stack itself is as deployed (a failed migration changes no stack resource). */
function afterFailedMigration(snapshotId) {
    const snapshot = snapshotId === undefined ? '' : ` The database was snapshotted first as ${snapshotId} (db-snapshot-id).`;
    return `The stack is deployed and this step changed nothing in it; the ECS services were not rolled.${snapshot} See docs/upgrades.md, "When a migration fails".`;
}
async function verifyIfAsked(ctx, deployed, report, set) {
    const url = deployed.stackOutputs.ServiceUrl ?? '';
    if (!ctx.settings.verify || url === '')
        return;
    const { log } = ctx;
    const wait = serviceWait(ctx);
    await log.group(`Verifying the Metaflow metadata service at ${url}`, async () => {
        try {
            const verified = await verifyService(url, deployed.apiKey, wait);
            report.version = verified.version;
            set({ 'metaflow-service-version': verified.version });
            log.info(`The metadata service answers: pong, version ${verified.version} (attempt ${verified.attempts}).`);
        }
        catch (err) {
            if (!(err instanceof ServiceDown))
                throw err;
            throw new errors/* DeployError */.sH([err.message, ...(await diagnosis(ctx, deployed.stackName))].join('\n'));
        }
    });
}
/** The stack's ECS services' stopped tasks and events, or a note when they cannot be read. */
async function diagnosis(ctx, stackName) {
    try {
        const resources = await (0,stack_resources/* findServiceResources */.M)(ctx.clients.cloudformation, stackName);
        if (resources.services.length === 0)
            return [];
        return await (0,why_down/* whyDown */.Lr)(await ctx.clients.ecs(), resources.services, new AbortController().signal);
    }
    catch (err) {
        return [`Could not read the ECS services' tasks and events: ${(0,errors/* messageOf */.bD)(err)}`];
    }
}


/***/ }),

/***/ 7437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ findServiceResources)
/* harmony export */ });
/* unused harmony export clusterOf */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3805);

const ECS_SERVICE = 'AWS::ECS::Service';
const ECS_CLUSTER = 'AWS::ECS::Cluster';
const DB_INSTANCE = 'AWS::RDS::DBInstance';
/** Every page of ListStackResources, reduced to what the migration and the diagnosis need. */
async function findServiceResources(cfn, stackName, signal) {
    const found = [];
    let token;
    do {
        const page = await cfn.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__/* .ListStackResourcesCommand */ .XnL({ StackName: stackName, NextToken: token }), signal === undefined ? {} : { abortSignal: signal });
        for (const r of page.StackResourceSummaries ?? []) {
            if (r.ResourceStatus?.startsWith('DELETE') === true)
                continue;
            found.push({
                logicalId: r.LogicalResourceId ?? '',
                type: r.ResourceType ?? '',
                physicalId: r.PhysicalResourceId ?? ''
            });
        }
        token = page.NextToken;
    } while (token !== undefined && token !== '');
    const clusters = found.filter(r => r.type === ECS_CLUSTER).map(r => r.physicalId);
    const services = found
        .filter(r => r.type === ECS_SERVICE && r.physicalId !== '')
        .map(r => ({
        logicalId: r.logicalId,
        cluster: clusterOf(r.physicalId) ?? clusters[0] ?? 'default',
        service: r.physicalId
    }));
    return { services, dbInstance: found.find(r => r.type === DB_INSTANCE && r.physicalId !== '')?.physicalId };
}
/**
 * The cluster named in a service ARN of the long format, `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE`
 * (ECS developer guide, "Amazon Resource Names (ARNs) and IDs"); undefined for the old format without it.
 */
function clusterOf(serviceArn) {
    const match = /^arn:[^:]+:ecs:[^:]*:\d*:service\/([^/]+)\/[^/]+$/.exec(serviceArn);
    return match?.[1];
}


/***/ }),

/***/ 3240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lr: () => (/* binding */ whyDown)
/* harmony export */ });
/* unused harmony exports recentStopped, stoppedStory */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(212);
/* harmony import */ var _run_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4314);


/**
 * Why a Metaflow service is down, in one message instead of four consoles: the service's last stopped tasks with
 * ECS's stoppedReason and each container's reason (an image pull refused by Docker Hub's rate limit, a database
 * that refuses the connection), and the service's most recent events.
 */
/** Stopped tasks read per service: the most recent say why; older ones repeat it. */
const STOPPED_TASKS = 3;
const EVENTS = 5;
async function whyDown(ecs, services, signal) {
    const lines = [];
    for (const service of services) {
        try {
            lines.push(...(await serviceStory(ecs, service, signal)));
        }
        catch (err) {
            lines.push(`${service.logicalId}: could not read its tasks and events (${(0,_run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(err)}).`);
        }
    }
    return lines;
}
async function serviceStory(ecs, service, signal) {
    const call = { abortSignal: signal };
    const listed = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__.ListTasksCommand({
        cluster: service.cluster,
        serviceName: service.service,
        desiredStatus: 'STOPPED'
    }), call);
    const arns = listed.taskArns ?? [];
    const tasks = arns.length === 0
        ? []
        : ((await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__.DescribeTasksCommand({ cluster: service.cluster, tasks: arns.slice(0, 100) }), call)).tasks ?? []);
    const described = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_1__.DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }), call);
    const events = (described.services?.[0]?.events ?? []).slice(0, EVENTS);
    const lines = recentStopped(tasks).map(task => `${service.logicalId}: task stopped: ${stoppedStory(task)}`);
    for (const event of events)
        lines.push(`${service.logicalId}: event ${event.createdAt?.toISOString() ?? ''}: ${event.message ?? ''}`);
    return lines;
}
/** The most recently stopped tasks first. */
function recentStopped(tasks) {
    return [...tasks]
        .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
        .slice(0, STOPPED_TASKS);
}
/** `CannotPullContainerError: … (container metadata-service: exit code 1)`: the task's reason, then its containers'. */
function stoppedStory(task) {
    const containers = (task.containers ?? [])
        .filter(c => (c.reason ?? '') !== '' || c.exitCode !== undefined)
        .map(c => `container ${c.name ?? '?'}: ${[c.reason, c.exitCode === undefined ? undefined : `exit code ${c.exitCode}`].filter(Boolean).join(', ')}`);
    const head = [task.stopCode, task.stoppedReason]
        .filter(part => part !== undefined && part !== '')
        .join(': ');
    return [head || 'no reason given', ...containers].join('; ');
}


/***/ })

};
