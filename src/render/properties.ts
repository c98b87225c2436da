import type { ResourceChange, ResourceChangeDetail } from '@aws-sdk/client-cloudformation'
import { cellCode, code, EMPTY, fenced, fitsInCell, table } from './markdown.js'
import { diffLines, formatDiff, linesOf, parseDocument } from './line-diff.js'

/** Values up to this long, on one line and not a JSON document, are shown in the table; longer ones below it. */
export const CELL_WIDTH = 80

/** Where a property change comes from, with the parameter or resource that causes it. */
function describeSource(detail: ResourceChangeDetail): string {
  const entity =
    detail.CausingEntity === undefined || detail.CausingEntity === '' ? undefined : detail.CausingEntity
  const named = entity === undefined ? '' : ` ${cellValue(entity)}`
  switch (detail.ChangeSource) {
    case 'ParameterReference':
      return `parameter${named}`
    case 'ResourceReference':
    case 'ResourceAttribute':
      return `${entity === undefined ? 'another resource' : cellValue(entity)} changes${detail.Evaluation === 'Dynamic' ? ' (known after apply)' : ''}`
    case 'DirectModification':
      return 'template'
    case 'Automatic':
      return `automatic${named}`
    case undefined:
      return ''
    default:
      return `${cellValue(detail.ChangeSource)}${named}`
  }
}

/** A short value in a cell; one a cell cannot hold exactly is named as shown below instead. */
function cellValue(value: string): string {
  return fitsInCell(value, 200) ? cellCode(value) : '_(below)_'
}

function recreation(detail: ResourceChangeDetail): string {
  switch (detail.Target?.RequiresRecreation) {
    case 'Always':
      return '**Always**'
    case 'Conditionally':
      return 'Conditionally'
    case 'Never':
      return 'Never'
    default:
      return ''
  }
}

/** The property a detail changes, by its path (`/Properties/Policies/0/PolicyDocument`), else its name. */
export function propertyPath(detail: ResourceChangeDetail): string {
  const target = detail.Target
  return target?.Path ?? target?.Name ?? target?.Attribute ?? ''
}

/** Add, Remove or Modify: AWS's AttributeChangeType, else inferred from which values are present. */
function changeType(detail: ResourceChangeDetail): string {
  const target = detail.Target
  if (target?.AttributeChangeType !== undefined) return target.AttributeChangeType
  if (target?.BeforeValue === undefined && target?.AfterValue !== undefined) return 'Add'
  if (
    target?.BeforeValue !== undefined &&
    target?.AfterValue === undefined &&
    detail.Evaluation !== 'Dynamic'
  )
    return 'Remove'
  return 'Modify'
}

const inCell = (value: string | undefined): boolean =>
  value === undefined || value === '' || (fitsInCell(value, CELL_WIDTH) && parseDocument(value) === undefined)

/**
 * A value the table cannot show exactly (long, multi-line, a JSON document) as a block below it: a ```diff of
 * the pretty-printed lines when there is a before and an after, the value alone otherwise.
 */
function valueBlock(detail: ResourceChangeDetail, options: PropertyOptions): string {
  const clean = options.clean
  const target = detail.Target
  const before = target?.BeforeValue
  const after = target?.AfterValue
  const label = `${code(propertyPath(detail))} (${changeType(detail)})`
  if (after === undefined && detail.Evaluation === 'Dynamic') {
    return `${label}, before; the new value is known only during the update:\n\n${fenced(linesOf(before, clean).join('\n'))}`
  }
  const lines = diffLines(linesOf(before, clean), linesOf(after, clean))
  return `${label}:\n\n${fenced(formatDiff(lines, options.context), 'diff')}`
}

export interface PropertyOptions {
  /** Redacts secrets in strings decoded from a JSON document (the report itself is redacted already). */
  clean: (text: string) => string
  /** Unchanged lines kept around each change of a diff (default: all, the whole document). */
  context?: number | undefined
  /**
   * Where values too big for a cell are, when their blocks are left out to save room (the job summary): the
   * cells then say so, instead of pointing below at nothing.
   */
  blocksElsewhere?: string | undefined
}

/**
 * Every property a resource change touches: a table (path, kind of change, whether it forces a replacement, why,
 * before and after) and, below it, each value too long or structured for a cell, whole, as a diff.
 */
export function propertyChanges(change: ResourceChange, options: PropertyOptions): string {
  const blocks: string[] = []
  const below = options.blocksElsewhere === undefined ? '_(below)_' : `_(${options.blocksElsewhere})_`
  const rows = (change.Details ?? []).map(detail => {
    const target = detail.Target
    const fits = inCell(target?.BeforeValue) && inCell(target?.AfterValue)
    const show = (value: string | undefined, dynamic: boolean): string => {
      if (value === undefined) return dynamic ? '_(known after apply)_' : ''
      if (!fits) return below
      return value === '' ? EMPTY : cellCode(value)
    }
    if (!fits) blocks.push(valueBlock(detail, options))
    const path = propertyPath(detail)
    return [
      fitsInCell(path, 200) ? cellCode(path) : below,
      changeType(detail),
      recreation(detail),
      describeSource(detail),
      show(target?.BeforeValue, false),
      show(target?.AfterValue, detail.Evaluation === 'Dynamic')
    ]
  })
  // Causes too long for a cell are listed once, exactly, after the table.
  const causes = (change.Details ?? [])
    .map(d => d.CausingEntity)
    .filter((e): e is string => e !== undefined && e !== '' && !fitsInCell(e, 200))
  const paths = (change.Details ?? []).map(propertyPath).filter(p => p !== '' && !fitsInCell(p, 200))
  for (const text of [...new Set([...paths, ...causes])]) blocks.push(fenced(text))
  const table_ = table(['Property', 'Change', 'Recreation', 'Because of', 'Before', 'After'], rows)
  return options.blocksElsewhere === undefined ? [table_, ...blocks].join('\n\n') : table_
}
