// The baseline (bench/baseline.ts) as its own program, bundled like dist/ and run as a process, as the runner runs
// an action: the benchmark then compares two bundles end to end (spawn, load, calls, exit), not a bundle with code
// already loaded in the benchmark's own process.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { baselineDeploy } from './baseline.js'

const env = process.env
const run = await baselineDeploy(
  new CloudFormationClient({}),
  env.BASELINE_STACK ?? '',
  env.BASELINE_TEMPLATE ?? '',
  [{ ParameterKey: 'Env', ParameterValue: env.BASELINE_ENV ?? '' }],
  env.BASELINE_EXECUTE !== 'false'
)
if (run.status.endsWith('_FAILED') || run.status.includes('ROLLBACK')) process.exitCode = 1
