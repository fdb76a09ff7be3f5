/**
 * What a file's C2PA manifest store says, as read and validated by `@trustnxt/c2pa-ts`:
 * - `absent`: the file has no manifest store;
 * - `valid`: the active manifest validated: its claim signature, the signing certificate's profile
 *   (C2PA 2.1 §14.5: X.509 v3, key usage, extended key usage, validity) and its hard binding
 *   (the data hash over the file's bytes) all check out. Trust in the signer is not decided: the
 *   library checks no certificate chain against a trust list;
 * - `invalid`: the manifest store is malformed or a check failed (`error` says which);
 * - `unverified`: a manifest store is there (ExifTool sees its JUMBF) but was not validated, the
 *   file being of a format the library does not read (WebP, GIF, TIFF) or larger than `maxBytes`.
 */
export type C2PAReading = {
  /** The `digitalSourceType` of the active manifest's `c2pa.created` (else first) action; valid manifests only. */
  digitalSourceType: null | string
  /** Why the manifest is `invalid` (the failed C2PA validation status codes, or the reader's message). */
  error: null | string
  /** The software agent (the AI system) of that action; valid manifests only. */
  softwareAgent: null | string
  /** The subject of the signing certificate (an X.500 distinguished name); valid manifests only. */
  signer: null | string
  status: 'absent' | 'invalid' | 'unverified' | 'valid'
}

/** The reading of a file without a manifest store. */
export const NO_C2PA: C2PAReading = { digitalSourceType: null, error: null, signer: null, softwareAgent: null, status: 'absent' }

type Action = { action?: string; digitalSourceType?: string; softwareAgent?: { name?: string } | string }

/**
 * Reads and validates the C2PA manifest store in a file's bytes (C2PA 2.1,
 * https://c2pa.org/specifications/specifications/2.1/specs/C2PA_Specification.html: a JUMBF box
 * labelled `c2pa` in a PNG `caBX` chunk, JPEG APP11 segments, or an ISO BMFF `uuid` box) with
 * `@trustnxt/c2pa-ts` (pure TypeScript, loaded on first use). Never throws: a malformed store
 * or a failing check is an `invalid` reading.
 *
 * @param data the whole file.
 * @param hasManifest whether ExifTool saw a C2PA JUMBF box: such a file the library cannot read is
 *   `unverified` rather than `absent`.
 */
export const readC2PAManifest = async ({
  data,
  hasManifest,
}: {
  data: Uint8Array
  hasManifest: boolean
}): Promise<C2PAReading> => {
  const unverified: C2PAReading = { ...NO_C2PA, status: hasManifest ? 'unverified' : 'absent' }
  try {
    const [{ BMFF, JPEG, PNG }, { SuperBox }, { ActionAssertion, ManifestStore }] = await Promise.all([
      import('@trustnxt/c2pa-ts/asset'),
      import('@trustnxt/c2pa-ts/jumbf'),
      import('@trustnxt/c2pa-ts/manifest'),
    ])
    const Type = [JPEG, PNG, BMFF].find((type) => type.canRead(data))
    if (!Type) return unverified
    const asset = new Type(data)
    const jumbf = asset.getManifestJUMBF()
    if (!jumbf) {
      // ExifTool found a C2PA box the library could not locate: a broken store, not an absent one.
      return hasManifest ? { ...NO_C2PA, error: 'manifest.inaccessible', status: 'invalid' } : NO_C2PA
    }
    const store = ManifestStore.read(SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>))
    const result = await store.validate(asset)
    if (!result.isValid) {
      const failed = [...new Set(result.statusEntries.filter((entry) => !entry.success).map((entry) => entry.code))]
      return { ...NO_C2PA, error: failed.join(', ') || 'invalid', status: 'invalid' }
    }
    const manifest = store.getActiveManifest()
    const actions = (manifest?.assertions?.assertions ?? [])
      .filter((assertion) => assertion instanceof ActionAssertion)
      .flatMap((assertion) => (assertion as unknown as { actions: Action[] }).actions ?? [])
    const action = actions.find((entry) => entry.action === 'c2pa.created') ?? actions.find((entry) => entry.digitalSourceType)
    const agent = action?.softwareAgent
    return {
      digitalSourceType: action?.digitalSourceType ?? null,
      error: null,
      signer: manifest?.signature?.signatureData.certificate?.subject ?? null,
      softwareAgent: (typeof agent === 'string' ? agent : agent?.name) ?? null,
      status: 'valid',
    }
  } catch (error) {
    return { ...NO_C2PA, error: error instanceof Error ? error.message : String(error), status: 'invalid' }
  }
}
