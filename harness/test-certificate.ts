import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A throw-away self-signed certificate for the emulator's execute-api endpoint, made with the openssl CLI (Node has
 * no API that issues certificates). The action trusts it through NODE_EXTRA_CA_CERTS, which Node reads at start-up,
 * exactly as a runner behind a TLS-inspecting proxy trusts its company's CA: no code path of the action changes.
 */
export interface TestCertificate {
  key: string
  cert: string
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certPath: string
}

export function testCertificate(hosts: readonly string[]): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'execute-api-cert-'))
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=metaflow-deploy test execute-api',
      '-addext',
      `subjectAltName=${hosts.map(host => `DNS:${host}`).join(',')}`
    ],
    { stdio: 'ignore' }
  )
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath }
}
