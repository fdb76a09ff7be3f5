import type { Signer } from '@trustnxt/c2pa-ts/cose'

import { constants, createPrivateKey, X509Certificate as NodeX509Certificate, sign as signWithKey } from 'node:crypto'

import type { C2PASigner, C2PASigningAlgorithm } from './c2paSigner.js'

/** The digest each algorithm signs with (`null`: Ed25519 hashes itself). */
const DIGESTS: Record<C2PASigningAlgorithm, null | string> = {
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  Ed25519: null,
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
}

/** The algorithm for a certificate's key (see {@link C2PASigner.algorithm}). @throws for a key C2PA cannot sign with. */
const getAlgorithm = (certificate: NodeX509Certificate): C2PASigningAlgorithm => {
  const key = certificate.publicKey
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519'
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'PS256'
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined
  const byCurve: Record<string, C2PASigningAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }
  if (curve && byCurve[curve]) return byCurve[curve]
  throw new Error(`The C2PA signing certificate's key (${key.asymmetricKeyType} ${curve ?? ''}) is not one C2PA signs with.`)
}

/**
 * Makes the signer of `@trustnxt/c2pa-ts` (its `Signer` interface: the certificate, the chain, the
 * COSE algorithm identifier and a `sign` function) from the plugin's {@link C2PASigner}. With a
 * private key the signature is made with `node:crypto`, ECDSA in the IEEE P1363 form that COSE
 * requires (RFC 9053 section 2.1).
 *
 * @throws when the chain holds no certificate, a certificate or the key cannot be parsed, or the
 *   key's type is not one C2PA signs with.
 */
export const toLibrarySigner = async (signer: C2PASigner): Promise<Signer> => {
  const [{ PemConverter, X509Certificate }, { CoseAlgorithmIdentifier }] = await Promise.all([
    import('@peculiar/x509'),
    import('@trustnxt/c2pa-ts/cose'),
  ])
  const pem = Array.isArray(signer.certificateChain) ? signer.certificateChain.join('\n') : signer.certificateChain
  const [certificate, ...chain] = PemConverter.decodeWithHeaders(pem)
    .filter((block) => block.type === 'CERTIFICATE')
    .map((block) => new X509Certificate(block.rawData))
  if (!certificate) throw new Error('provenance.c2pa.signer.certificateChain holds no PEM certificate.')
  const algorithm = signer.algorithm ?? getAlgorithm(new NodeX509Certificate(new Uint8Array(certificate.rawData)))
  let sign = signer.sign
  if (!sign) {
    const key = typeof signer.privateKey === 'string' ? createPrivateKey(signer.privateKey) : signer.privateKey!
    const digest = DIGESTS[algorithm]
    sign = async (payload) =>
      signWithKey(digest, payload, {
        dsaEncoding: 'ieee-p1363',
        key,
        ...(algorithm.startsWith('PS') && { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }),
      })
  }
  return {
    algorithm: CoseAlgorithmIdentifier[algorithm],
    certificate,
    chainCertificates: chain,
    sign,
  }
}
