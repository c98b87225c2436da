export const id = 821;
export const ids = [821];
export const modules = {

/***/ 5202:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   withServiceDiagnosis: () => (/* binding */ withServiceDiagnosis)
/* harmony export */ });
/* harmony import */ var _run_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4314);
/* harmony import */ var _stack_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7437);
/* harmony import */ var _why_down_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3240);



/**
 * A stack operation that failed on an ECS service (its deployment circuit breaker, a task that never became
 * healthy) says only "Error occurred during operation": the same error, with the service's stopped tasks'
 * reasons and its recent events added, so the cause is in the step's error and the summary.
 */
async function withServiceDiagnosis(ctx, err) {
    if (!(err instanceof _run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StackOperationFailed */ .XZ))
        return err;
    const failed = new Set(err.failures.filter(f => f.type === 'AWS::ECS::Service').map(f => f.logicalId));
    if (failed.size === 0)
        return err;
    let lines;
    try {
        const resources = await (0,_stack_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .findServiceResources */ .M)(ctx.clients.cloudformation, err.stackName);
        const services = resources.services.filter(s => failed.has(s.logicalId));
        if (services.length === 0)
            return err;
        lines = await (0,_why_down_js__WEBPACK_IMPORTED_MODULE_1__/* .whyDown */ .Lr)(await ctx.clients.ecs(), services, new AbortController().signal);
    }
    catch (diagnosisErr) {
        lines = [`Could not read the ECS services' tasks and events: ${(0,_run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(diagnosisErr)}`];
    }
    if (lines.length === 0)
        return err;
    return new _run_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StackOperationFailed */ .XZ([err.message, ...lines].join('\n'), err.stackName, err.status, err.failures.map(f => failed.has(f.logicalId)
        ? { ...f, reason: [f.reason, ...lines.filter(l => l.startsWith(`${f.logicalId}:`))].join('\n') }
        : f), err.secrets);
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
