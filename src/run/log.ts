import * as core from '@actions/core'
import { withoutUrlQueries } from '../render/redact.js'
import type { Settings } from '../settings/settings.js'

/** What the action logs through; @actions/core in production, a recorder in unit tests. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  error(message: string, properties?: core.AnnotationProperties): void
  /** Printed only when the run has step debug on (ACTIONS_STEP_DEBUG, which the runner passes as RUNNER_DEBUG=1). */
  debug(message: string): void
  /** Masks a value in every later line of the log (the runner's add-mask). */
  secret(value: string): void
  group<T>(name: string, work: () => Promise<T>): Promise<T>
}

/** The Logger the action runs with, plus what only the run's error boundary and its outer steps need. */
export interface RunnerLog extends Logger {
  notice(message: string): void
  /** Marks the step failed with this message (an error annotation; exit code 1). */
  fail(message: string): void
  /** True when step debug is on, for work done only to be logged (such as timing every AWS call). */
  isDebug(): boolean
}

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
const LINE_BREAK = /\r\n|\r|\n/
// .NET's Char.IsWhiteSpace is JavaScript's \s plus U+0085 (NEL); U+FEFF is white space to JS only, which errs safe.
const COMMAND_START = /^([\s\u0085]*)::/
const LEGACY_COMMAND = /##\[/g
/**
 * Terminal escape sequences (ECMA-48): CSI (`ESC [ … final`, and its one-byte form U+009B), OSC (`ESC ] … BEL` or
 * `ESC ] … ESC \\`, which can set a hyperlink or the window title) and two-byte escapes, then any ESC left alone.
 * The log viewer renders colours and cursor moves: AWS text could paint itself green, hide a line or fake one.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const TERMINAL_ESCAPE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u001b/g
/* eslint-enable no-control-regex */

/** Invisible, and not white space to .NET, so TrimStart() keeps it and the line no longer starts with `::`. */
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * Untrusted text made inert for the runner: terminal escape sequences are removed, a line that would start with
 * `::` gets a zero-width space before it (text and masks still match, since nothing is inserted inside the
 * line's content), and `##[` anywhere is broken as `##\u200b[`. Line breaks are kept, so the text reads as before.
 */
export function inert(text: string): string {
  return text
    .replace(TERMINAL_ESCAPE, '')
    .split(LINE_BREAK)
    .map(line =>
      line.replace(COMMAND_START, `$1${ZERO_WIDTH_SPACE}::`).replace(LEGACY_COMMAND, `##${ZERO_WIDTH_SPACE}[`)
    )
    .join('\n')
}

/** A message as the log may show it: inert, and with no URL's query (a presigned URL's credentials). */
export function forLog(message: string): string {
  return inert(withoutUrlQueries(message))
}

/**
 * The one way the action writes to the log. Every message passes through `forLog`, annotations and group titles
 * too: @actions/core escapes line breaks in those, but `core.info` writes raw, and one rule for all is easier to
 * trust than a rule per call.
 */
export const coreLogger: RunnerLog = {
  info: message => core.info(forLog(message)),
  warning: message => core.warning(forLog(message)),
  error: (message, properties) => core.error(forLog(message), properties),
  notice: message => core.notice(forLog(message)),
  debug: message => {
    // The runner hides ::debug:: lines without step debug; not printing them at all keeps logs and time small.
    if (core.isDebug()) core.debug(forLog(message))
  },
  secret: value => core.setSecret(value),
  group: (name, work) => core.group(forLog(name), work),
  fail: message => core.setFailed(forLog(message)),
  isDebug: () => core.isDebug()
}

/**
 * Logs the resolved settings at debug level (step debug only), one per line, secrets left out: the GitHub token
 * is never shown, and inline parameters show their keys only (a value may be a NoEcho secret, which only the
 * template can tell). Call it once the settings are parsed.
 */
export function debugSettings(settings: Settings, log: Pick<Logger, 'debug'>): void {
  for (const [name, value] of Object.entries(settings) as [keyof Settings, unknown][]) {
    log.debug(`setting ${name} = ${shownSetting(name, value)}`)
  }
}

function shownSetting(name: keyof Settings, value: unknown): string {
  if (name === 'githubToken') return value === '' ? '(empty)' : '(set; not shown)'
  if (name === 'parametersText') {
    const text = String(value)
    if (text.trim() === '') return '(empty)'
    const keys = [...text.matchAll(/^\s*"?([A-Za-z0-9]+)"?\s*[=:]/gm)].map(m => m[1])
    return `(keys: ${keys.join(', ') || 'none recognised'}; values not logged)`
  }
  if (value instanceof Set) return JSON.stringify([...(value as Set<unknown>)])
  if (value === undefined) return '(unset)'
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof Set ? [...(inner as Set<unknown>)] : inner
  )
}
