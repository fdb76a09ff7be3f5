import type { KeyObject } from 'node:crypto'

/** The COSE signature algorithms C2PA 2.1 allows for claim signatures (C2PA 2.1, section 13.2 "Digital Signatures"). */
export type C2PASigningAlgorithm = 'ES256' | 'ES384' | 'ES512' | 'Ed25519' | 'PS256' | 'PS384' | 'PS512'

/**
 * Who signs the C2PA manifests of stored originals (`provenance.c2pa.signer`): an X.509
 * certificate chain and either its private key or a function that signs with it (a KMS or an HSM).
 *
 * The signing certificate must follow the C2PA 2.1 certificate profile (section 14.5.1 "Certificate Profiles",
 * https://c2pa.org/specifications/specifications/2.1/specs/C2PA_Specification.html#_certificate_profiles):
 * not a CA, key usage `digitalSignature` (critical), an extended key usage such as
 * `id-kp-emailProtection` or `id-kp-documentSigning`. Validators show the signer as trusted only
 * when its chain leads to a root on their trust list (the C2PA trust list, or the validator's own).
 */
export type C2PASigner = {
  /**
   * The PEM certificates, the signing (end-entity) certificate first, then each intermediate up
   * to, not including, the root: one string with several `BEGIN CERTIFICATE` blocks, or one per item.
   */
  certificateChain: string | string[]
  /**
   * The COSE algorithm of the signatures. @default taken from the signing certificate's key: EC
   * P-256, P-384, P-521: `ES256`, `ES384`, `ES512`; Ed25519: `Ed25519`; RSA: `PS256`.
   */
  algorithm?: C2PASigningAlgorithm
} & (
  | {
      /** The signing certificate's private key: PKCS#8 or SEC1 PEM, or a Node `KeyObject`. */
      privateKey: KeyObject | string
      sign?: never
    }
  | {
      privateKey?: never
      /**
       * Signs the bytes (the COSE `Sig_structure`, RFC 9052 section 4.4) with the signing
       * certificate's key and answers the raw signature as COSE expects it (RFC 9053 section 2):
       * for ECDSA the IEEE P1363 form `r‖s` (64 bytes for ES256), not DER; for PS* an RSASSA-PSS
       * signature with the digest's length as salt; for Ed25519 the 64-byte signature.
       */
      sign: (payload: Uint8Array) => Promise<Uint8Array>
    }
)
