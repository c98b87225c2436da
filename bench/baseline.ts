/**
 * The official aws-cloudformation-github-deploy action's way of waiting (v2.2, see shared/reference/anchors.md
 * 1.4-1.5), rebuilt with the same SDK calls so that the benchmark can run it beside ours against the emulator:
 * DescribeStacks to see whether the stack exists, CreateChangeSet, the SDK waiter (minDelay 10 s, maxDelay 120 s),
 * DescribeChangeSet for the changes, ExecuteChangeSet, then DescribeStacks every 10 s until a terminal status,
 * and a final DescribeStacks for the stack id. Its event monitor (extra DescribeEvents calls) is left out, which
 * favours it in the call count.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  type Parameter
} from '@aws-sdk/client-cloudformation'

const TERMINAL = /(_COMPLETE|_FAILED)$/

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export interface BaselineRun {
  /** When the baseline returned. */
  doneAt: number
  status: string
}

async function exists(cfn: CloudFormationClient, name: string): Promise<boolean> {
  try {
    await cfn.send(new DescribeStacksCommand({ StackName: name }))
    return true
  } catch {
    return false
  }
}

export async function baselineDeploy(
  cfn: CloudFormationClient,
  name: string,
  body: string,
  parameters: Parameter[],
  execute = true
): Promise<BaselineRun> {
  const type = (await exists(cfn, name)) ? 'UPDATE' : 'CREATE'
  const changeSetName = `${name}-CS`
  await cfn.send(
    new CreateChangeSetCommand({
      StackName: name,
      ChangeSetName: changeSetName,
      ChangeSetType: type,
      TemplateBody: body,
      Parameters: parameters,
      Capabilities: ['CAPABILITY_IAM']
    })
  )
  await waitUntilChangeSetCreateComplete(
    { client: cfn, minDelay: 10, maxWaitTime: 1800 },
    { ChangeSetName: changeSetName, StackName: name }
  )
  let token: string | undefined
  do {
    const page = await cfn.send(
      new DescribeChangeSetCommand({
        ChangeSetName: changeSetName,
        StackName: name,
        NextToken: token,
        IncludePropertyValues: true
      })
    )
    token = page.NextToken
  } while (token !== undefined)
  if (!execute) return { doneAt: Date.now(), status: 'PREVIEWED' }
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetName, StackName: name }))
  let status: string
  for (;;) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]
    status = stack?.StackStatus ?? ''
    if (TERMINAL.test(status) && !status.endsWith('_IN_PROGRESS')) break
    await sleep(10_000)
  }
  await cfn.send(new DescribeStacksCommand({ StackName: name }))
  return { doneAt: Date.now(), status }
}
