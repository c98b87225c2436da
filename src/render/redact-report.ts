import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { redactor, type Redactor } from './redact.js'
import type { ChangeReport } from './report.js'

function redactChange(change: ResourceChange, clean: Redactor): ResourceChange {
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : clean(value)
  return {
    ...change,
    LogicalResourceId: text(change.LogicalResourceId),
    PhysicalResourceId: text(change.PhysicalResourceId),
    ResourceType: text(change.ResourceType),
    Details: change.Details?.map(d => ({
      ...d,
      CausingEntity: text(d.CausingEntity),
      Target:
        d.Target === undefined
          ? undefined
          : {
              ...d.Target,
              Name: text(d.Target.Name),
              Path: text(d.Target.Path),
              BeforeValue: text(d.Target.BeforeValue),
              AfterValue: text(d.Target.AfterValue)
            }
    }))
  }
}

/**
 * The report with every secret replaced by ****, in every string that came from the template, the parameters or
 * AWS: done on the data, before any escaping, truncation or diffing can change how a secret is spelled.
 */
export function redactReport(report: ChangeReport, clean: Redactor = redactor(report.secrets)): ChangeReport {
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : clean(value)
  return {
    ...report,
    changes: report.changes.map(c => redactChange(c, clean)),
    parameters: report.parameters.map(p => ({
      key: clean(p.key),
      before: text(p.before),
      after: text(p.after)
    })),
    ...(report.status === undefined ? {} : { status: clean(report.status) }),
    ...(report.outputs === undefined
      ? {}
      : {
          outputs: Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [clean(k), clean(v)]))
        }),
    dataLoss: report.dataLoss?.map(v => ({
      ...v,
      path: v.path.map(clean),
      logicalId: clean(v.logicalId),
      reason: clean(v.reason)
    })),
    nested: report.nested?.map(n => ({
      path: n.path.map(clean),
      changes: n.changes.map(c => redactChange(c, clean))
    }))
  }
}
