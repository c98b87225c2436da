export const id = 503;
export const ids = [503];
export const modules = {

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


/***/ })

};

//# sourceMappingURL=503.index.js.map