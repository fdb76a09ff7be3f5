import { readFile, stat } from 'node:fs/promises'

import { type C2PAReading, NO_C2PA, readC2PAManifest } from './readC2PAManifest.js'
import { getTool } from './writeProvenance.js'

/** What a file's own metadata says about how it was made, as a visitor's tools read it. */
export type FileProvenance = {
  /** IPTC `AISystemUsed` (XMP `Iptc4xmpExt:AISystemUsed`). */
  aiSystemUsed: null | string
  /** IPTC `AISystemVersionUsed`. */
  aiSystemVersionUsed: null | string
  /** The C2PA manifest store's reading ({@link readC2PAManifest}). */
  c2pa: C2PAReading
  /** XMP `xmp:CreateDate`, in ISO 8601 (possibly partial: a year, a day without time). */
  createdAt: null | string
  /** IPTC `DigitalSourceType` (XMP `Iptc4xmpExt:DigitalSourceType`), a NewsCodes URI. */
  digitalSourceType: null | string
  /**
   * Why the file's metadata cannot be read as written (ExifTool's error or warning, e.g. "XMP
   * format error (no closing tag for x:xmpmeta)", "Bad IFD0 directory"); `null` when it reads cleanly.
   */
  metadataError: null | string
}

/** Tags as ExifTool's `-j` prints them, one value or a list. */
type RawTags = Record<string, unknown>

/** An XMP date as ExifTool prints it (`2026:03:01 08:00:00Z`) in ISO 8601 (`2026-03-01T08:00:00Z`); a partial date as it is. */
const isoDate = (value: null | string): null | string =>
  value?.replace(/^(\d{4}):(\d\d):(\d\d)(?: (\d\d:\d\d))?/, (_, year, month, day, time) => `${year}-${month}-${day}${time ? `T${time}` : ''}`) ??
  null

const text = (value: unknown): null | string => {
  const first = Array.isArray(value) ? value[0] : value
  if (first === undefined || first === null || first === '') return null
  return String(first)
}

/**
 * Reads what a file says about its provenance: the IPTC Photo Metadata 2025.1 properties in its
 * XMP (https://www.iptc.org/std/photometadata/specification/IPTC-photo-metadata-2025.1.html) with
 * ExifTool (the shared `-stay_open` process of `writeProvenance`), and its C2PA manifest store
 * with {@link readC2PAManifest} when ExifTool sees one (a JUMBF description box labelled `c2pa`).
 * Malformed metadata is reported in `metadataError` rather than thrown: ExifTool (with `-validate`,
 * which also checks the container, e.g. PNG chunk CRCs) reads what it can and warns about the
 * rest; only its non-minor warnings count (exiftool-vendored ignores `[minor]` ones, such as a text
 * chunk after the image data, which leave the metadata readable).
 *
 * @param path a local file (any format ExifTool reads: PNG, JPEG, WebP, GIF, TIFF, AVIF, MP4, MOV, WebM…).
 * @param maxC2PABytes largest file whose manifest is validated (the library holds the whole file in
 *   memory); a larger file's manifest is `unverified`.
 * @returns never rejects: an unreadable file is a reading with `metadataError` set.
 */
export const readFileProvenance = async ({
  maxC2PABytes,
  path,
}: {
  maxC2PABytes: number
  path: string
}): Promise<FileProvenance> => {
  let tags: RawTags
  try {
    tags = (await (await getTool()).readRaw(path, [
      // ExifTool's own checks of the file's structure (a chunk's CRC, a segment's length) besides its metadata.
      '-validate',
      '-XMP-iptcExt:DigitalSourceType',
      '-XMP-iptcExt:AISystemUsed',
      '-XMP-iptcExt:AISystemVersionUsed',
      '-XMP-xmp:CreateDate',
      '-JUMBF:JUMDLabel',
      '-ExifTool:Warning',
      '-ExifTool:Error',
    ])) as RawTags
  } catch (error) {
    return {
      aiSystemUsed: null,
      aiSystemVersionUsed: null,
      c2pa: NO_C2PA,
      createdAt: null,
      digitalSourceType: null,
      metadataError: error instanceof Error ? error.message : String(error),
    }
  }
  const warning = text(tags.Warning)
  const metadataError = text(tags.Error) ?? (warning && !warning.startsWith('[minor]') ? warning : null)
  const labels = Array.isArray(tags.JUMDLabel) ? tags.JUMDLabel : [tags.JUMDLabel]
  const hasManifest = labels.some((label) => String(label ?? '').startsWith('c2pa'))
  let c2pa = NO_C2PA
  if (hasManifest || /JUMBF|C2PA/i.test(metadataError ?? '')) {
    const { size } = await stat(path)
    c2pa =
      size > maxC2PABytes
        ? { ...NO_C2PA, status: 'unverified' }
        : await readC2PAManifest({ data: await readFile(path), hasManifest: true })
  }
  return {
    aiSystemUsed: text(tags.AISystemUsed),
    aiSystemVersionUsed: text(tags.AISystemVersionUsed),
    c2pa,
    createdAt: isoDate(text(tags.CreateDate)),
    digitalSourceType: text(tags.DigitalSourceType),
    metadataError,
  }
}
