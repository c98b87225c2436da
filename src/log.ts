import * as core from '@actions/core'

/** What the action logs through; @actions/core in production, a recorder in unit tests. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  error(message: string, properties?: core.AnnotationProperties): void
  debug(message: string): void
  /** Masks a value in every later line of the log (the runner's add-mask). */
  secret(value: string): void
  group<T>(name: string, work: () => Promise<T>): Promise<T>
}

export const coreLogger: Logger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  error: (message, properties) => core.error(message, properties),
  debug: message => core.debug(message),
  secret: value => core.setSecret(value),
  group: (name, work) => core.group(name, work)
}
