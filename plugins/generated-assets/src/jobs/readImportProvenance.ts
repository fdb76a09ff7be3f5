import type { StoredProvenance } from '../collections/getProvenanceField.js'

import { type FileProvenance, readFileProvenance } from '../media/readFileProvenance.js'

/**
 * The `provenance` an import records: what its file says ({@link readFileProvenance}), the XMP
 * first and, where the XMP is silent, a C2PA manifest that validated. A manifest that failed or
 * could not be validated counts for nothing (`c2pa: 'none'`), its failure kept in `c2paError`.
 */
export const toStoredProvenance = (file: FileProvenance): StoredProvenance => {
  const isValid = file.c2pa.status === 'valid'
  return {
    aiSystemUsed: file.aiSystemUsed ?? (isValid ? file.c2pa.softwareAgent : null),
    aiSystemVersionUsed: file.aiSystemVersionUsed,
    c2pa: isValid ? 'provider' : 'none',
    c2paError: file.c2pa.error,
    c2paStatus: file.c2pa.status === 'absent' ? null : file.c2pa.status,
    createdAt: file.createdAt,
    digitalSourceType: file.digitalSourceType ?? (isValid ? file.c2pa.digitalSourceType : null),
    metadataError: file.metadataError,
    source: 'file',
  }
}

/**
 * Reads an imported file's provenance for its asset record. Never rejects: the import is stored
 * whatever its metadata holds, a failure recorded in `metadataError` / `c2paError`.
 *
 * @param path the downloaded file, as it will be stored.
 * @param maxC2PABytes largest file whose C2PA manifest is validated (held in memory).
 */
export const readImportProvenance = async ({
  maxC2PABytes,
  path,
}: {
  maxC2PABytes: number
  path: string
}): Promise<StoredProvenance> => {
  try {
    return toStoredProvenance(await readFileProvenance({ maxC2PABytes, path }))
  } catch (error) {
    // readFileProvenance reports what it can; a file system error (the file gone) lands here.
    return { c2pa: 'none', metadataError: error instanceof Error ? error.message : String(error), source: 'file' }
  }
}
