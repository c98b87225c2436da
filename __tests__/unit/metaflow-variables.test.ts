import { describe, expect, it } from '@jest/globals'
import { renderConfig, metaflowVariables } from '../../src/publish/metaflow-config.js'

describe('the Metaflow variables of a stack', () => {
  it('exports METAFLOW_UI_URL from UIServiceUrl when the stack runs the UI, in the config file too', () => {
    const outputs = { ServiceUrl: 'https://api.example/api/', UIServiceUrl: 'https://ui.example/' }
    const variables = metaflowVariables(outputs, undefined)
    expect(variables.METAFLOW_UI_URL).toBe('https://ui.example/')
    expect(JSON.parse(renderConfig(variables))).toMatchObject({ METAFLOW_UI_URL: 'https://ui.example/' })
  })

  it('leaves METAFLOW_UI_URL out when the stack has no UI', () => {
    expect(metaflowVariables({ ServiceUrl: 'https://api.example/api/' }, undefined)).not.toHaveProperty(
      'METAFLOW_UI_URL'
    )
  })
})
