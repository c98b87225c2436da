import { parseTemplateBody } from './cfn-yaml.js'

/**
 * The bundled template as CloudFormation receives it: the same data as templates/metaflow.yml, as JSON without
 * comments or layout. The YAML source is written for people (a third of it is comments), and CloudFormation's
 * inline limit (51,200 bytes) counts every byte of it; the compact form keeps the template inline as it grows,
 * so no run needs an S3 bucket for it. JSON is CloudFormation's own template format, and the reader that turns
 * the YAML into data is the one the action checks templates with (short forms become `Fn::` maps, YAML 1.1
 * booleans become booleans), so what is sent is what was read.
 *
 * Deterministic: the same source always gives the same bytes, which the no-change shortcut compares with the
 * deployed template (GetTemplate, stage Original).
 */
export function compactTemplate(source: string): string {
  return JSON.stringify(parseTemplateBody(source), (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      // JSON has no NaN or Infinity; no template of ours holds one, and a silent null would change the data.
      throw new Error(`the template holds ${String(value)}, which JSON cannot carry`)
    }
    return value
  })
}
