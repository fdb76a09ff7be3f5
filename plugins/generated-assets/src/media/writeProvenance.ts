import type { ExifTool, WriteTags } from 'exiftool-vendored'

import { readFile, stat } from 'node:fs/promises'

/** What a stored file says about how it was made. */
export type Provenance = {
  /** The AI system (model label, with the provider in parentheses when known), IPTC `AISystemUsed`. */
  aiSystem: string
  /** The model id (e.g. `gpt-image-1`), IPTC `AISystemVersionUsed`; omitted when `null`. */
  aiSystemVersion: null | string
  /** When the file was made, XMP `xmp:CreateDate`. */
  createdAt: Date
  /** An IPTC Digital Source Type code (`DIGITAL_SOURCE_TYPES` of `getAIDisclosure`), IPTC `DigitalSourceType`. */
  digitalSourceType: string
  /** The prompt, written as `dc:description` when given (the plugin's `provenance.embedPrompt`). */
  prompt?: null | string
}

let tool: Promise<ExifTool> | undefined

/**
 * The shared ExifTool process (exiftool-vendored, which runs the ExifTool Perl script bundled in
 * `exiftool-vendored.pl` with the system's `perl`, one long-lived `-stay_open` process), loaded
 * on first use, so a process that never stores a file never starts it. Its child process and
 * streams are unreferenced (batch-cluster's default), so it never keeps a worker or app from
 * exiting; it ends 10 to 20 s after its last task (batch-cluster checks every 10 s), and {@link endProvenanceTool} (called by
 * `payload.destroy()`) ends it at once.
 */
export const getTool = (): Promise<ExifTool> => {
  tool ??= import('exiftool-vendored').then(
    // Ended after 10 s without work: a process killed with SIGKILL cannot end its child, and
    // ExifTool's -stay_open loop keeps polling a closed stdin, so an idle worker holds none.
    ({ ExifTool }) => new ExifTool({ maxIdleMsPerProcess: 10_000, maxProcs: 1, taskTimeoutMillis: 30_000 }),
    (error: unknown) => {
      tool = undefined
      throw error
    },
  )
  return tool
}

/** Ends the shared ExifTool process, if one runs (a later call starts another). Never throws. */
export const endProvenanceTool = async (): Promise<void> => {
  const running = tool
  tool = undefined
  await running?.then((exiftool) => exiftool.end()).catch(() => undefined)
}

/** Largest file whose manifest store is looked for in-process (read whole); larger ones ask ExifTool. */
const IN_PROCESS_MAX_BYTES = 64 * 1024 * 1024

/**
 * Whether a file carries a C2PA manifest: a JUMBF superbox labelled `c2pa` (C2PA 2.1 §11.1: the
 * manifest store, embedded in a PNG `caBX` chunk, JPEG APP11 segments, a WebP `C2PA` chunk or an
 * ISO BMFF `uuid` box). A PNG or JPEG (up to 64 MiB) is looked through in-process with
 * `@trustnxt/c2pa-ts` (its container parsers locate the store; no ExifTool round trip, a few
 * milliseconds less per stored image); any other file, or one those parsers cannot read, by
 * ExifTool's JUMBF description label.
 *
 * @param path a local file.
 * @throws ExifTool's errors (an unreadable file).
 */
export const hasC2PAManifest = async ({ path }: { path: string }): Promise<boolean> => {
  if ((await stat(path)).size <= IN_PROCESS_MAX_BYTES) {
    const data = await readFile(path)
    try {
      const [{ JPEG, PNG }, { SuperBox }] = await Promise.all([import('@trustnxt/c2pa-ts/asset'), import('@trustnxt/c2pa-ts/jumbf')])
      const Type = [PNG, JPEG].find((type) => type.canRead(data))
      if (Type) {
        const jumbf = new Type(data).getManifestJUMBF()
        return Boolean(jumbf && SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>).descriptionBox?.label?.startsWith('c2pa'))
      }
    } catch {
      // A container or store the parsers cannot read: ExifTool decides.
    }
  }
  const tags = (await (await getTool()).readRaw(path, ['-JUMBF:JUMDLabel'])) as Record<string, unknown>
  const label = tags.JUMDLabel ?? tags['JUMBF:JUMDLabel']
  return (Array.isArray(label) ? label : [label]).some((value) => String(value ?? '').startsWith('c2pa'))
}

/**
 * Writes the AI disclosure into a stored file's XMP, in place, with ExifTool (exiftool-vendored):
 * only the metadata is rewritten, never the pixels or the video stream (no re-encoding), so the
 * cost is one ExifTool round trip (milliseconds) rather than a decode and an encode. Chosen over
 * sharp's `withXmp`, which can only write XMP into a new encode (a lossy one for JPEG and WebP),
 * and over writing the XMP packet by hand: ExifTool writes every container (PNG, JPEG, WebP, MP4)
 * by its specification and escapes the values itself.
 *
 * The properties are those of IPTC Photo Metadata 2025.1
 * (https://www.iptc.org/std/photometadata/specification/IPTC-photo-metadata-2025.1.html):
 * `Iptc4xmpExt:DigitalSourceType`, `Iptc4xmpExt:AISystemUsed`, `Iptc4xmpExt:AISystemVersionUsed`;
 * with `xmp:CreateDate` and, when a prompt is given, `dc:description`. PNG gets an `iTXt`
 * `XML:com.adobe.xmp` chunk, JPEG an APP1 XMP segment, WebP an `XMP ` chunk, MP4 an XMP `uuid` box.
 *
 * A file with a C2PA manifest ({@link hasC2PAManifest}) is left byte for byte as it is: the
 * manifest's hard binding hashes the file's bytes, which any change would break; the manifest
 * states the file's origin itself. `signing: true` writes all the same, for a file the plugin signs
 * afterwards with a manifest of its own that holds the provider's as its parent (`signC2PA`).
 *
 * @param path a local PNG, JPEG, WebP, GIF, TIFF, AVIF, MP4 or MOV file, rewritten in place.
 * @returns `written`, or `c2pa` when the file was left untouched.
 * @throws ExifTool's errors (a format it cannot write, an unreadable file).
 */
export const writeProvenance = async ({
  path,
  provenance,
  signing = false,
}: {
  path: string
  provenance: Provenance
  signing?: boolean
}): Promise<'c2pa' | 'written'> => {
  if (!signing && (await hasC2PAManifest({ path }))) return 'c2pa'
  const tags: Record<string, string> = {
    'XMP-iptcExt:DigitalSourceType': provenance.digitalSourceType,
    'XMP-iptcExt:AISystemUsed': provenance.aiSystem,
    'XMP-xmp:CreateDate': provenance.createdAt.toISOString(),
  }
  if (provenance.aiSystemVersion) tags['XMP-iptcExt:AISystemVersionUsed'] = provenance.aiSystemVersion
  if (provenance.prompt) tags['XMP-dc:Description'] = provenance.prompt
  // ExifTool escapes the values for XML itself; `-overwrite_original` leaves no `_original` copy.
  // Every tag is named with its XMP group: the Metadata Working Group's EXIF/IPTC/XMP reconciling
  // (exiftool-vendored's default `-use MWG`) has nothing to do but costs each write its module.
  await (await getTool()).write(path, tags as WriteTags, { useMWG: false, writeArgs: ['-overwrite_original'] })
  return 'written'
}
