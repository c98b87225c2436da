export const id = 401;
export const ids = [401];
export const modules = {

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
