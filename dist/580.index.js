export const id = 580;
export const ids = [580];
export const modules = {

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
