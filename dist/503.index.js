export const id = 503;
export const ids = [503];
export const modules = {

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


/***/ })

};
