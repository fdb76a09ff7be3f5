/**
 * The image both sides of a benchmark store: a real 1024×1024 PNG rendered once by the plugin's
 * offline model (`local/image`, fixed prompt and seed), and a model that answers those bytes at
 * once, so a benchmark measures the pipeline and not a provider. Worker processes get the bytes
 * through a file (`BENCH_PNG_FILE`), written by {@link writeBenchPNG}.
 */
import type { GeneratedAssetsModel } from 'payload-plugin-generated-assets'

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createLocalImageModel } from 'payload-plugin-generated-assets'

/** Registry key of {@link createPrecomputedModel} in the benchmarks' plugin options. */
export const PRECOMPUTED_MODEL_KEY = 'bench/precomputed-png'

/** Renders the benchmark PNG (1024×1024, about 2 MB) with the offline model. */
export const renderBenchPNG = async (): Promise<Buffer> => {
  const rendered = await createLocalImageModel().doGenerate({
    n: 1,
    prompt: 'a lighthouse at dawn, benchmark',
    providerOptions: {},
    seed: 7,
    size: '1024x1024',
  } as never)
  return Buffer.from(rendered.images[0] as Uint8Array)
}

/** Renders the PNG into `directory/bench.png` and answers its path and bytes. */
export const writeBenchPNG = async ({ directory }: { directory: string }): Promise<{ file: string; png: Buffer }> => {
  const png = await renderBenchPNG()
  const file = path.join(directory, 'bench.png')
  await writeFile(file, png)
  return { file, png }
}

/** An AI SDK image model (spec v4) that answers `png` at once. */
export const createPrecomputedModel = (png: Buffer): GeneratedAssetsModel['model'] =>
  ({
    doGenerate: async () => ({
      images: [new Uint8Array(png)],
      response: { headers: undefined, modelId: 'precomputed-png', timestamp: new Date() },
      warnings: [],
    }),
    maxImagesPerCall: 1,
    modelId: 'precomputed-png',
    provider: 'bench',
    specificationVersion: 'v4',
  }) as unknown as GeneratedAssetsModel['model']

/** The plugin's `models` option with only the precomputed model, from the bytes or the file that holds them. */
export const getPrecomputedModels = async ({ file, png }: { file?: string; png?: Buffer }) => ({
  [PRECOMPUTED_MODEL_KEY]: {
    kind: 'image' as const,
    label: 'Precomputed PNG',
    model: createPrecomputedModel(png ?? (await readFile(file!))),
  },
})
