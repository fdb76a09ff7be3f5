/**
 * What provenance costs per stored 1024×1024 image: `writeProvenance` (the C2PA check and the
 * ExifTool XMP write, in place) on a PNG and on a JPEG like those providers return, and the
 * extra time of Payload's two WebP sizes when they keep the metadata (sharp `withMetadata`), and
 * C2PA signing's own cost (`signC2PA` with the test ES256 key of `test/fixtures/c2pa/`, over the
 * file with its XMP: building the manifest, hashing the file, signing, embedding).
 * 20 runs each after a warm-up; medians in milliseconds. Run: `npx tsx bench/provenanceBench.ts`.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

import { createLocalImageModel } from '../plugins/generated-assets/src/models/localImageModel.js'
import { DIGITAL_SOURCE_TYPES } from '../plugins/generated-assets/src/utilities/getAIDisclosure.js'
import { endProvenanceTool, writeProvenance } from '../plugins/generated-assets/src/media/writeProvenance.js'
import { signC2PA } from '../plugins/generated-assets/src/media/signC2PA.js'
import { toLibrarySigner } from '../plugins/generated-assets/src/media/toLibrarySigner.js'
import { readTestCredential } from '../test/helpers/c2pa.js'

const RUNS = 20
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const time = async (run: () => Promise<unknown>) => {
  await run()
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  return median(times)
}

const directory = await mkdtemp(path.join(tmpdir(), 'provenance-bench-'))
try {
  const drawn = await createLocalImageModel().doGenerate({ n: 1, prompt: 'a bench', providerOptions: {}, seed: 1, size: '1024x1024' } as never)
  const png = Buffer.from(drawn.images[0] as Uint8Array)
  const jpeg = await sharp(png).jpeg({ quality: 90 }).toBuffer()
  // A photo-like PNG (noise does not compress): megabytes, as a provider's PNG can be; signing hashes every byte.
  const noisyPng = await sharp({ create: { background: '#808080', channels: 3, height: 1024, noise: { mean: 128, sigma: 40, type: 'gaussian' }, width: 1024 } })
    .png()
    .toBuffer()
  const gallery = readTestCredential('gallery')
  const signer = await toLibrarySigner({ certificateChain: gallery.certificate, privateKey: gallery.privateKey })
  const provenance = {
    aiSystem: 'Local (offline)',
    aiSystemVersion: 'image',
    createdAt: new Date(),
    digitalSourceType: DIGITAL_SOURCE_TYPES.trainedAlgorithmicMedia,
  }
  for (const [name, bytes] of [
    ['png', png],
    ['noisy.png', noisyPng],
    ['jpeg', jpeg],
  ] as const) {
    const pristine = path.join(directory, `pristine.${name}`)
    const file = path.join(directory, `file.${name}`)
    await writeFile(pristine, bytes)
    const copyOnly = await time(() => copyFile(pristine, file))
    const withWrite = await time(async () => {
      await copyFile(pristine, file)
      await writeProvenance({ path: file, provenance })
    })
    console.log(`${name} ${bytes.length} bytes: writeProvenance ${(withWrite - copyOnly).toFixed(1)} ms (median of ${RUNS})`)
    // Signing starts from the file with its XMP, as ingest signs it.
    const marked = path.join(directory, `marked.${name}`)
    await copyFile(file, marked)
    const mimeType = name.endsWith('png') ? 'image/png' : 'image/jpeg'
    const copyMarked = await time(() => copyFile(marked, file))
    const withSigning = await time(async () => {
      await copyFile(marked, file)
      await signC2PA({ mimeType, parent: null, path: file, provenance, signer, title: `bench.${name}` })
    })
    console.log(`${name}: C2PA signing ${(withSigning - copyMarked).toFixed(1)} ms (median of ${RUNS})`)
  }
  // Payload's sizes of the assets collection (thumbnail 480, preview 1280 is skipped at 1024 wide).
  const marked = path.join(directory, 'file.png')
  const sizes = (keep: boolean) => () => {
    let image = sharp(marked).rotate().resize({ width: 480, withoutEnlargement: true }).webp({ quality: 80 })
    if (keep) image = image.withMetadata()
    return image.toBuffer()
  }
  const plainSizes = await time(sizes(false))
  const keptSizes = await time(sizes(true))
  console.log(`thumbnail WebP: ${plainSizes.toFixed(1)} ms without metadata, ${keptSizes.toFixed(1)} ms with (+${(keptSizes - plainSizes).toFixed(1)} ms)`)
} finally {
  await endProvenanceTool()
  await rm(directory, { force: true, recursive: true })
}
