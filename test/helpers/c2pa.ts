/**
 * C2PA helpers for tests, none of them the plugin's code:
 * - the test credentials in `test/fixtures/c2pa/` (made by its `makeKeys.sh`): `gallery` signs for
 *   the plugin, `provider` stands for an AI provider that signs its outputs (as OpenAI does for
 *   gpt-image-1);
 * - {@link signAsProvider}: a PNG signed with `@trustnxt/c2pa-ts` as that provider, the way a
 *   provider's output arrives;
 * - {@link readC2PA}: the official C2PA reader, c2pa-rs as WebAssembly (`@contentauth/c2pa-wasm`),
 *   validating a file's manifest store, with the test roots as its trust anchors.
 */
import { X509Certificate } from '@peculiar/x509'
import { PNG } from '@trustnxt/c2pa-ts/asset'
import { CoseAlgorithmIdentifier, type Signer } from '@trustnxt/c2pa-ts/cose'
import { SuperBox } from '@trustnxt/c2pa-ts/jumbf'
import { ActionAssertion, ActionType, ClaimVersion, DataHashAssertion, ManifestStore } from '@trustnxt/c2pa-ts/manifest'
import { createPrivateKey, randomUUID, sign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/c2pa')

/** A test credential: the signer's certificate, its root CA's, and its PKCS#8 private key (PEM). */
export const readTestCredential = (who: 'gallery' | 'provider') => ({
  certificate: readFileSync(path.join(FIXTURES, `${who}.pem`), 'utf8'),
  privateKey: readFileSync(path.join(FIXTURES, `${who}.key`), 'utf8'),
  root: readFileSync(path.join(FIXTURES, `${who}-ca.pem`), 'utf8'),
})

/** `@trustnxt/c2pa-ts`'s signer for the test `provider`, ES256 with the IEEE P1363 signatures COSE asks for (RFC 9053, 2.1). */
const getProviderSigner = (): Signer => {
  const { certificate, privateKey } = readTestCredential('provider')
  const key = createPrivateKey(privateKey)
  return {
    algorithm: CoseAlgorithmIdentifier.ES256,
    certificate: new X509Certificate(certificate),
    chainCertificates: [],
    sign: async (payload) => sign('sha256', payload, { dsaEncoding: 'ieee-p1363', key }),
  }
}

/** The label of the active manifest in a PNG's manifest store, read with `@trustnxt/c2pa-ts`. */
export const readActiveLabel = (png: Uint8Array): string =>
  ManifestStore.read(SuperBox.fromBuffer(new Uint8Array(new PNG(png).getManifestJUMBF()!))).getActiveManifest()!.label!

/**
 * Signs a PNG as the test provider: a C2PA 2.1 manifest (v2 claim) with `c2pa.created`,
 * digital source type trainedAlgorithmicMedia, `gpt-image-1` as software agent, and a data hash.
 */
export const signAsProvider = async (png: Buffer): Promise<Buffer> => {
  const signer = getProviderSigner()
  const asset = new PNG(new Uint8Array(png))
  const store = new ManifestStore()
  const manifest = store.createManifest({
    assetFormat: 'image/png',
    claimVersion: ClaimVersion.V2,
    defaultHashAlgorithm: 'SHA-256',
    instanceID: `xmp:iid:${randomUUID()}`,
    signer,
  })
  manifest.claim!.claimGeneratorName = 'Test provider image API'
  const actions = new ActionAssertion()
  actions.actions = [
    {
      action: ActionType.C2paCreated,
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia' as never,
      softwareAgent: { name: 'gpt-image-1' },
    },
  ]
  manifest.addAssertion(actions)
  const hash = DataHashAssertion.create('SHA-256')
  manifest.addAssertion(hash)
  await asset.ensureManifestSpace(store.measureSize())
  await hash.updateWithAsset(asset)
  await manifest.sign(signer)
  await asset.writeManifestJUMBF(store.getBytes())
  return Buffer.from(await asset.getDataRange())
}

type Wasm = typeof import('@contentauth/c2pa-wasm')
let wasm: Promise<Wasm> | undefined

/** c2pa-rs (WebAssembly), instantiated once from the package's own `.wasm` file. */
const loadReader = (): Promise<Wasm> => {
  wasm ??= import('@contentauth/c2pa-wasm').then((module) => {
    module.initSync({ module: readFileSync(createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm')) })
    return module
  })
  return wasm
}

/** What c2pa-rs reports of a manifest store (its `Reader::json()`), the parts the tests read. */
export type C2PAReport = {
  active_manifest: string
  manifests: Record<
    string,
    {
      assertions: { data: any; label: string }[]
      claim_generator_info?: { name: string; version?: string }[]
      ingredients?: { active_manifest?: string; format?: string; label?: string; relationship: string; title?: string; validation_results?: any }[]
      signature_info?: { alg?: string; common_name?: string; issuer?: string }
      title?: string
    }
  >
  validation_results?: { activeManifest?: { failure: { code: string }[]; success: { code: string }[] }; ingredientDeltas?: any[] }
  validation_state?: 'Invalid' | 'Trusted' | 'Valid'
  validation_status?: { code: string; explanation?: string }[]
}

/**
 * Reads and validates a file's C2PA manifest store with c2pa-rs, trusting the test roots (so a
 * manifest signed by the test `gallery` or `provider` validates as `Trusted`).
 *
 * @returns `null` when the file has no manifest store.
 */
export const readC2PA = async (bytes: Uint8Array, format: string): Promise<C2PAReport | null> => {
  const { WasmReader } = await loadReader()
  const settings = JSON.stringify({
    trust: { user_anchors: `${readTestCredential('gallery').root}\n${readTestCredential('provider').root}` },
    verify: { verify_trust: true },
  })
  try {
    const reader = await WasmReader.fromBytes(format, new Uint8Array(bytes), settings)
    return JSON.parse(reader.json()) as C2PAReport
  } catch (error) {
    if (/JumbfNotFound|ManifestNotFound|no JUMBF|not found/i.test(String(error))) return null
    throw error
  }
}

/** The active manifest's actions (`c2pa.actions.v2`) in a report. */
export const getActions = (report: C2PAReport, label = report.active_manifest) =>
  report.manifests[label]!.assertions.find((assertion) => assertion.label.startsWith('c2pa.actions'))!.data.actions as {
    action: string
    digitalSourceType?: string
    parameters?: Record<string, unknown>
    softwareAgent?: { name: string; version?: string } | string
  }[]
