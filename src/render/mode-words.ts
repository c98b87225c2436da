import type { ChangeCounts } from '../stack/changes.js'
import { code } from './markdown.js'
import type { ChangeReport } from './report.js'

/**
 * The words each mode uses for what it did, in one place: a preview tells what merging does and that its change
 * set was deleted, a plan that its change set was kept for execute and what executing it does, a deploy what it
 * did. Each claims only what happened in that mode (a plan's summary never says "deleted", a finished deploy
 * never says the stack "does not exist yet").
 */
export interface ModeWords {
  title: string
  /** The first line when the stack is new (`create`) or its failed first create is replaced (`recreate`). */
  create: string
  recreate: string
  /** What the change set does, before the counts. */
  countsLead: string
  /** The change set changes no resource, only outputs, parameters or tags. */
  outputsOnly: string
  noChanges: string
  /** In the caution list, after a resource that a deploy or an execute refuses. */
  refusedNote: string
  /** The refusal sentence's subject: who refuses. */
  refuser: string
  /** After the caution headline: what to do before going on ('' once done). */
  review: string
  /** The footer's note, or '' when there is nothing to claim besides the commit and the run. */
  footerNote: string
}

export function wordsFor(report: ChangeReport): ModeWords {
  const kept = (report.changeSetId ?? '') !== ''
  switch (report.kind) {
    case 'preview':
      return {
        title: '📋 CloudFormation preview',
        create: 'The stack does not exist yet: merging creates it.',
        recreate:
          "The stack's first create failed and left nothing: the deploy after merging deletes it and creates it again.",
        countsLead: 'Merging deploys',
        outputsOnly: "No resource changes: merging updates only the stack's outputs, parameters or tags.",
        noChanges:
          '✅ **No changes.** The stack already matches this template and these parameters: merging deploys nothing.',
        refusedNote: ' ⛔ **The deploy after merging refuses this** unless `allow-data-loss` lists it.',
        refuser: 'The deploy after merging is',
        review: ' Review before merging.',
        footerNote: !kept
          ? 'nothing was deployed'
          : report.changeSetLeft === true
            ? "nothing was deployed; the change set could not be deleted (the run's log names it)"
            : 'nothing was deployed; the change set was deleted'
      }
    case 'plan':
      return {
        title: '📋 CloudFormation plan',
        create: 'The stack does not exist yet: executing this plan creates it.',
        recreate:
          "The stack's first create never completed and holds nothing: executing this plan creates it.",
        countsLead: 'Executing it deploys',
        outputsOnly:
          "No resource changes: executing it updates only the stack's outputs, parameters or tags.",
        noChanges:
          '✅ **No changes.** The stack already matches this template and these parameters: no change set was kept, and execute has nothing to run.',
        refusedNote: ' ⛔ **Execute refuses this** unless `allow-data-loss` lists it.',
        refuser: 'Executing this change set is',
        review: ' Review before executing it.',
        footerNote: kept
          ? 'nothing was deployed; the change set was kept for execute'
          : 'nothing was deployed'
      }
    case 'deploy':
      return {
        title:
          report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
            ? '✅ CloudFormation deploy'
            : '❌ CloudFormation deploy',
        create: 'This deploy created the stack.',
        recreate:
          "The stack's first create had failed and left nothing: this deploy deleted it and created it again.",
        countsLead: 'Applied',
        outputsOnly: "No resource changes: the update changed only the stack's outputs, parameters or tags.",
        noChanges: '✅ **No changes** were needed: nothing was deployed.',
        refusedNote: ' ⛔ **Refused** unless `allow-data-loss` lists it.',
        refuser: 'This deploy was',
        review: '',
        footerNote: ''
      }
  }
}

/** The plan's line saying where its change set is kept and how to run it. */
export function keptLine(report: ChangeReport): string {
  if (report.kind !== 'plan' || (report.changeSetId ?? '') === '') return ''
  return `The change set was **kept** as ${code(report.changeSetId ?? '')}: nothing changes until \`mode: execute\` runs it with this \`change-set-id\`.`
}

/** Counts as a deploy reports them (done: `3 added`), or as a preview or plan does (to do: `3 to add`). */
export function describeDone(counts: ChangeCounts): string {
  return [
    `${counts.add} added, ${counts.modify} modified, ${counts.replace} replaced, ${counts.remove} removed`,
    counts.import > 0 ? `${counts.import} imported` : '',
    counts.dynamic > 0 ? `${counts.dynamic} decided during execution` : '',
    counts.syncWithActual > 0 ? `${counts.syncWithActual} synced with actual` : ''
  ]
    .filter(part => part !== '')
    .join(', ')
}
