import type { Signer } from '@trustnxt/c2pa-ts/cose'
import type { HashedURI, ManifestStore, ValidationResult } from '@trustnxt/c2pa-ts/manifest'

import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'

import type { Provenance } from './writeProvenance.js'

/** The media types the plugin signs (those `@trustnxt/c2pa-ts` 0.9 embeds a manifest into and validates). */
export const C2PA_SIGNABLE_TYPES = ['image/jpeg', 'image/png'] as const

/** Whether {@link signC2PA} can sign a file of this media type. */
export const isC2PASignable = (mimeType: string): boolean => (C2PA_SIGNABLE_TYPES as readonly string[]).includes(mimeType)

/** The claim generator named in the manifests the plugin signs (C2PA 2.1, 10.2.3 "Claim Generator Info"). */
const CLAIM_GENERATOR = 'payload-plugin-generated-assets'

/**
 * A C2PA manifest store a file carried before the plugin changed it (a provider's), read and
 * validated against the file's bytes as they came: it becomes the parent ingredient of the
 * plugin's manifest, the ingredient recording that validation, since the file's later bytes no
 * longer match the provider's hard binding.
 */
export type C2PAParent = {
  /** The provider's active manifest's label (`urn:c2pa:…` or `urn:uuid:…`). */
  label: string
  store: ManifestStore
  validation: ValidationResult
}

/** An input of the generation (a source image), named in the manifest as an `inputTo` ingredient. */
export type C2PASource = { format: string; title: string }

const loadAssetClass = async (mimeType: string) => {
  const { JPEG, PNG } = await import('@trustnxt/c2pa-ts/asset')
  if (mimeType === 'image/png') return PNG
  if (mimeType === 'image/jpeg') return JPEG
  throw new Error(`C2PA signing supports ${C2PA_SIGNABLE_TYPES.join(' and ')}, not ${mimeType}.`)
}

/**
 * Reads the C2PA manifest store a file carries and validates its active manifest against the
 * file's bytes (signature, assertion hashes, hard binding; `@trustnxt/c2pa-ts` checks no trust
 * list, so `signingCredential.trusted` is not kept).
 *
 * @param bytes a PNG or JPEG ({@link C2PA_SIGNABLE_TYPES}).
 * @returns `null` when the file has no manifest store.
 * @throws when the store cannot be read (malformed JUMBF, a compressed manifest, no manifest in it).
 */
export const readC2PAParent = async ({ bytes, mimeType }: { bytes: Uint8Array; mimeType: string }): Promise<C2PAParent | null> => {
  const [AssetClass, { ManifestStore }, { SuperBox }] = await Promise.all([
    loadAssetClass(mimeType),
    import('@trustnxt/c2pa-ts/manifest'),
    import('@trustnxt/c2pa-ts/jumbf'),
  ])
  const asset = new AssetClass(bytes)
  const jumbf = asset.getManifestJUMBF()
  if (!jumbf) return null
  const store = ManifestStore.read(SuperBox.fromBuffer(new Uint8Array(jumbf)))
  const active = store.getActiveManifest()
  if (!active?.label) throw new Error('The C2PA manifest store in the file has no manifest.')
  return { label: active.label, store, validation: await store.validate(asset) }
}

/**
 * Signs a file in place with a C2PA 2.1 manifest
 * (https://c2pa.org/specifications/specifications/2.1/specs/C2PA_Specification.html), built and
 * embedded with `@trustnxt/c2pa-ts` (PNG `caBX` chunk, JPEG APP11 segments): a v2 claim by
 * `payload-plugin-generated-assets`, a `c2pa.hash.data` hard binding (SHA-256) over the file's
 * final bytes, and a `c2pa.actions.v2` assertion (section 18.12 "Actions"):
 * - without `parent`: `c2pa.created` with the IPTC `digitalSourceType` (trainedAlgorithmicMedia, or
 *   compositeWithTrainedAlgorithmicMedia for an edit) and the model as `softwareAgent`; each
 *   source image a `c2pa.ingredient.v3` with relationship `inputTo`, referenced from the action
 *   (section 18.12: inputs of a generative model are ingredients of `c2pa.created`);
 * - with `parent` (the provider signed its output): the provider's manifests are copied into the
 *   store, its active one the `parentOf` ingredient (with `activeManifest`, `claimSignature` and
 *   the `validationResults` read before the file changed, section 18.13 "Ingredient"), and the
 *   actions are `c2pa.opened` of that ingredient, then `c2pa.edited.metadata` for the XMP the
 *   plugin wrote (no pixel changed); sources are listed as `inputTo` ingredients.
 * Nothing may change the file afterwards: the hard binding covers every byte outside the manifest.
 *
 * @param path the file, rewritten in place.
 * @param signer `@trustnxt/c2pa-ts`'s signer (see `toLibrarySigner`).
 * @throws `@trustnxt/c2pa-ts`'s errors and the signer's; the file is then left as it was.
 */
export const signC2PA = async ({
  mimeType,
  parent,
  path,
  provenance,
  signer,
  sources = [],
  title,
}: {
  mimeType: string
  parent: C2PAParent | null
  path: string
  provenance: Provenance
  signer: Signer
  sources?: C2PASource[]
  /** The stored file's name, the claim's `dc:title`. */
  title: string
}): Promise<void> => {
  const [AssetClass, manifestModule] = await Promise.all([loadAssetClass(mimeType), import('@trustnxt/c2pa-ts/manifest')])
  const { ActionAssertion, ActionType, ClaimVersion, DataHashAssertion, IngredientAssertion, ManifestStore, RelationshipType } =
    manifestModule
  const asset = new AssetClass(await readFile(path))
  const store = new ManifestStore()
  // The ingredient's manifests travel with it (C2PA 2.1, 11.1.4.5 "Ingredient Storage").
  if (parent) store.manifests.push(...parent.store.manifests)
  const manifest = store.createManifest({
    assetFormat: mimeType,
    claimVersion: ClaimVersion.V2,
    defaultHashAlgorithm: 'SHA-256',
    instanceID: `xmp:iid:${randomUUID()}`,
    signer,
  })
  manifest.claim!.claimGeneratorName = CLAIM_GENERATOR
  manifest.claim!.claimGeneratorVersion = undefined
  manifest.claim!.title = title

  let parentReference: HashedURI | undefined
  if (parent) {
    const ingredient = IngredientAssertion.createV3(RelationshipType.ParentOf)
    const active = parent.store.getActiveManifest()!
    ingredient.title = title
    ingredient.format = mimeType
    ingredient.instanceID = active.claim?.instanceID
    ingredient.activeManifest = manifest.createHashedReference(`/c2pa/${parent.label}`)
    ingredient.claimSignature = manifest.createHashedReference(`/c2pa/${parent.label}/c2pa.signature`)
    ingredient.validationResults = { activeManifest: toStatusMaps(parent.validation) }
    manifest.addAssertion(ingredient)
    parentReference = manifest.createAssertionReference(ingredient)
  }
  const sourceReferences = sources.map((source, index) => {
    const ingredient = IngredientAssertion.createV3(RelationshipType.InputTo)
    ingredient.title = source.title
    ingredient.format = source.format
    // Each further ingredient's label gets an index, `c2pa.ingredient.v3__1` (C2PA 2.1, 6.4 "Multiple Instances").
    const earlier = index + (parentReference ? 1 : 0)
    if (earlier > 0) ingredient.labelSuffix = earlier
    manifest.addAssertion(ingredient)
    return manifest.createAssertionReference(ingredient)
  })

  const actions = new ActionAssertion()
  const softwareAgent = { name: provenance.aiSystem, ...(provenance.aiSystemVersion && { version: provenance.aiSystemVersion }) }
  actions.actions = parentReference
    ? [
        { action: ActionType.C2paOpened, parameters: { ingredients: [parentReference] } },
        { action: 'c2pa.edited.metadata' as never, softwareAgent: { name: CLAIM_GENERATOR } },
      ]
    : [
        {
          action: ActionType.C2paCreated,
          digitalSourceType: provenance.digitalSourceType as never,
          softwareAgent,
          ...(sourceReferences.length > 0 && { parameters: { ingredients: sourceReferences } }),
        },
      ]
  manifest.addAssertion(actions)

  const hardBinding = DataHashAssertion.create('SHA-256')
  manifest.addAssertion(hardBinding)
  await asset.ensureManifestSpace(store.measureSize())
  await hardBinding.updateWithAsset(asset)
  await manifest.sign(signer)
  await asset.writeManifestJUMBF(store.getBytes())
  await writeFile(path, await asset.getDataRange())
}

/** A validation's entries as the three lists of an ingredient's `validationResults` (C2PA 2.1, 18.13.12.1). */
const toStatusMaps = (validation: ValidationResult) => {
  const entries = validation.statusEntries
    // No trust list was consulted: the reader of this manifest decides whom it trusts.
    .filter((entry) => entry.code !== 'signingCredential.trusted')
    .map((entry) => ({ code: entry.code, success: entry.success, url: entry.url, ...(entry.explanation && { explanation: entry.explanation }) }))
  const strip = ({ success: _success, ...entry }: (typeof entries)[number]) => entry
  return {
    failure: entries.filter((entry) => entry.success === false).map(strip),
    informational: entries.filter((entry) => entry.success === undefined).map(strip),
    success: entries.filter((entry) => entry.success === true).map(strip),
  }
}
