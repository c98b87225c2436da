import { timeScaleFromEnv } from './run/clock.js'
import { messageOf } from './run/errors.js'
import { firstRequestWritten } from './run/first-request.js'
import { parseSettings, type Settings } from './settings/settings.js'

/**
 * Start-up, kept small: validate every input first (bad input makes no AWS call, and is reported before the AWS
 * SDK is even loaded), then send the first, read-only request (DescribeStacks) and load the rest of the action
 * (@actions/core, the modes, GitHub and rendering code) while it travels. The modes take the answer from there.
 *
 * The loading waits until the request has been written (run/first-request.ts says why).
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let settings: Settings
  try {
    settings = await parseSettings()
  } catch (err) {
    const core = await import('@actions/core')
    core.setFailed(messageOf(err))
    return
  }
  const [{ createClients }, { describeStack }] = await Promise.all([
    import('./aws/clients.js'),
    import('./stack/state.js')
  ])
  const scale = timeScaleFromEnv(env)
  const clients = createClients({ timeScale: scale })
  const written = firstRequestWritten()
  const firstLook = describeStack(clients.cloudformation, settings.stackName)
  // Awaited by the modes; this keeps an early failure from being reported as unhandled in the meantime.
  const settled = firstLook.then(
    () => undefined,
    () => undefined
  )
  await Promise.race([written, settled])
  const { runMode } = await import('./orchestrate.js')
  await runMode({ settings, clients, firstLook, scale }, env)
}
