/**
 * The template's Rules section (user guide, "CloudFormation template Rules syntax", rules-section-structure;
 * template reference, "Rule functions", intrinsic-function-reference-rules): each rule's RuleCondition and
 * Assertions are checked against the parameter values before anything is created or updated. "If the condition
 * evaluates to false, CloudFormation doesn't check the parameter value and proceeds"; a false assertion refuses
 * the operation.
 *
 * What a refusal says: a ValidationError whose message is the AssertDescription ("Using two different values
 * will give you the AssertDescription as an error", Cloudar, "Using Template Constraint Rules in
 * CloudFormation", 2019). The exact text around it, and the text when a rule has no AssertDescription, are not
 * confirmed from AWS documentation.
 *
 * Fn::RefAll, Fn::ValueOf and Fn::ValueOfAll read the account (every VPC id, a subnet's tags…), which the
 * emulator does not have: they evaluate to "unknown", and an assertion the emulator cannot decide passes (a
 * rule whose condition it cannot decide is skipped), so the emulator never refuses what AWS might accept.
 */
import { resolve, type ResolveContext } from '../intrinsics.js'
import { validation } from './errors.js'

/** A rule function's value: a boolean, a string or list, or unknown (needs the account). */
const UNKNOWN = Symbol('unknown')
type RuleValue = boolean | string | RuleValue[] | typeof UNKNOWN

interface Assertion {
  Assert?: unknown
  AssertDescription?: string
}
interface Rule {
  RuleCondition?: unknown
  Assertions?: Assertion[]
}

/** Throws the ValidationError of the first assertion that fails. */
export function checkRules(rules: unknown, ctx: ResolveContext): void {
  if (typeof rules !== 'object' || rules === null) return
  for (const [name, rule] of Object.entries(rules as Record<string, Rule>)) {
    if (rule.RuleCondition !== undefined && evaluate(rule.RuleCondition, ctx) !== true) continue
    for (const assertion of rule.Assertions ?? []) {
      if (evaluate(assertion.Assert, ctx) !== false) continue
      throw validation(assertion.AssertDescription ?? `Template error: rule ${name} failed its assertion`)
    }
  }
}

function evaluate(expr: unknown, ctx: ResolveContext): RuleValue {
  if (typeof expr === 'boolean' || typeof expr === 'string') return expr
  if (typeof expr === 'number') return String(expr)
  if (Array.isArray(expr)) return expr.map(item => evaluate(item, ctx))
  if (typeof expr !== 'object' || expr === null) return UNKNOWN
  const [fn] = Object.keys(expr)
  const arg = (expr as Record<string, unknown>)[fn ?? '']
  const args = (): RuleValue[] => (Array.isArray(arg) ? arg.map(item => evaluate(item, ctx)) : [UNKNOWN])
  switch (fn) {
    case 'Fn::And':
      return kleene(args(), 'and')
    case 'Fn::Or':
      return kleene(args(), 'or')
    case 'Fn::Not': {
      const [value = UNKNOWN] = args()
      return typeof value === 'boolean' ? !value : UNKNOWN
    }
    case 'Fn::Equals': {
      const [a = UNKNOWN, b = UNKNOWN] = args()
      return known(a, b) ? String(a) === String(b) : UNKNOWN
    }
    // "Returns true if a specified string matches at least one value in a list of strings."
    case 'Fn::Contains': {
      const [list = UNKNOWN, value = UNKNOWN] = args()
      return Array.isArray(list) && known(value, ...list) ? list.map(String).includes(String(value)) : UNKNOWN
    }
    // "Returns true if a specified string matches all values in a list."
    case 'Fn::EachMemberEquals': {
      const [list = UNKNOWN, value = UNKNOWN] = args()
      return Array.isArray(list) && known(value, ...list)
        ? list.every(item => String(item) === String(value))
        : UNKNOWN
    }
    // "Returns true if each member in a list of strings matches at least one value in a second list of strings."
    case 'Fn::EachMemberIn': {
      const [members = UNKNOWN, allowed = UNKNOWN] = args()
      if (!Array.isArray(members) || !Array.isArray(allowed) || !known(...members, ...allowed)) return UNKNOWN
      const allowedText = allowed.map(String)
      return members.every(item => allowedText.includes(String(item)))
    }
    case 'Fn::RefAll':
    case 'Fn::ValueOf':
    case 'Fn::ValueOfAll':
      return UNKNOWN
    case 'Ref': {
      const value = resolve(expr, ctx)
      if (typeof value === 'string') return value
      return Array.isArray(value) ? value.map(String) : UNKNOWN
    }
    default:
      return UNKNOWN
  }
}

function known(...values: RuleValue[]): boolean {
  return values.every(value => value !== UNKNOWN && !(Array.isArray(value) && !known(...value)))
}

/** AND / OR over three values: a definite answer when one is decisive, else unknown. */
function kleene(values: RuleValue[], op: 'and' | 'or'): RuleValue {
  const decisive = op === 'or'
  if (values.some(value => value === decisive)) return decisive
  return values.every(value => value === !decisive) ? !decisive : UNKNOWN
}
