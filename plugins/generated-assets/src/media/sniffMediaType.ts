import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { stat } from 'node:fs/promises'

import { UnsupportedMediaError } from './UnsupportedMediaError.js'

// Sniffing's error, importable from where it is thrown.
export { UnsupportedMediaError } from './UnsupportedMediaError.js'
export type { UnsupportedMediaErrorCode } from './UnsupportedMediaError.js'

/** What a media file is, judged by its bytes. */
export type MediaType = {
  /** File extension without the dot, e.g. `png`, `jpg`, `mp4`. */
  ext: string
  kind: 'image' | 'video'
  /** Media type, e.g. `image/png`, `video/mp4`. */
  mime: string
}

// Messages end up on the asset for its editor: they name the file, never a path on the server.
const describeSource = (source: { data: Uint8Array } | { path: string }): string =>
  'path' in source ? 'The file' : `The file (${source.data.byteLength} bytes)`

/**
 * Finds the type of a media file from its bytes (`file-type`), never from its name or a header.
 * Only images and videos pass; SVG is refused on purpose (it is text, so never recognised, and it
 * can carry scripts).
 *
 * @param path a local file to read (only its first bytes are read), or
 * @param data the bytes themselves.
 * @param expectedKind when given, the other kind is refused (`kind_mismatch`).
 * @param declaredType what the source claimed, e.g. the `Content-Type` header or the provider's
 *   `mediaType`. Refused (`type_mismatch`) only when it names the other kind (a "video/mp4" that
 *   is a PNG): a wrong subtype (`image/png` for JPEG bytes) is common among providers and harmless,
 *   because the sniffed type is what gets stored. Other types (`application/octet-stream`) are ignored.
 * @returns `{ mime, ext, kind }`.
 *
 * @throws {UnsupportedMediaError} `empty`, `unrecognized` (text, HTML or JSON error pages, SVG),
 *   `not_media` (PDF, ZIP, audio…), `kind_mismatch`, `type_mismatch`.
 * @throws file system errors (e.g. `ENOENT`) unchanged.
 */
export const sniffMediaType = async ({
  declaredType,
  expectedKind,
  ...source
}: ({ data: Uint8Array } | { path: string }) & {
  declaredType?: string
  expectedKind?: 'image' | 'video'
}): Promise<MediaType> => {
  const size = 'path' in source ? (await stat(source.path)).size : source.data.byteLength
  if (size === 0) {
    throw new UnsupportedMediaError(`${describeSource(source)} is empty.`, { code: 'empty', declaredType })
  }
  const detected = 'path' in source ? await fileTypeFromFile(source.path) : await fileTypeFromBuffer(source.data)
  if (!detected) {
    throw new UnsupportedMediaError(
      `${describeSource(source)} is not an image or video (no known format; text, HTML and SVG are refused).`,
      { code: 'unrecognized', declaredType },
    )
  }
  const kind = detected.mime.startsWith('image/') ? 'image' : detected.mime.startsWith('video/') ? 'video' : undefined
  if (!kind) {
    throw new UnsupportedMediaError(`${describeSource(source)} is ${detected.mime}, not an image or video.`, {
      code: 'not_media',
      declaredType,
      detectedType: detected.mime,
    })
  }
  if (expectedKind && kind !== expectedKind) {
    throw new UnsupportedMediaError(
      `Expected ${expectedKind === 'image' ? 'an image' : 'a video'}, got ${detected.mime}.`,
      {
        code: 'kind_mismatch',
        declaredType,
        detectedType: detected.mime,
      },
    )
  }
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase()
  const declaredKind = declared.startsWith('image/') ? 'image' : declared.startsWith('video/') ? 'video' : undefined
  if (declaredKind && declaredKind !== kind) {
    throw new UnsupportedMediaError(`Declared as ${declared} but the bytes are ${detected.mime}.`, {
      code: 'type_mismatch',
      declaredType,
      detectedType: detected.mime,
    })
  }
  return { ext: detected.ext, kind, mime: detected.mime }
}
