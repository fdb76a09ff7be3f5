import type { GeneratedAssetsModel } from 'payload-plugin-generated-assets'

import { createAlibaba } from '@ai-sdk/alibaba'
import { createFal } from '@ai-sdk/fal'
import { createOpenAI } from '@ai-sdk/openai'
import { createReplicate } from '@ai-sdk/replicate'
import { createLocalImageModel, createLocalVideoModel } from 'payload-plugin-generated-assets'

/**
 * The demo app's models: the offline `local/image` and `local/video` always, and real providers
 * through their AI SDK packages when their API key variables are set:
 * `OPENAI_API_KEY` (gpt-image-1), `REPLICATE_API_TOKEN` (FLUX schnell), `FAL_API_KEY` or
 * `FAL_KEY` (FLUX schnell, Kling video), `ALIBABA_API_KEY` (Wan 2.6 text-to-video).
 */
export const getDemoModels = (env: NodeJS.ProcessEnv = process.env): Record<string, GeneratedAssetsModel> => {
  const models: Record<string, GeneratedAssetsModel> = {
    'local/image': { kind: 'image', label: 'Local (offline)', model: createLocalImageModel() },
    'local/video': { kind: 'video', label: 'Local video (offline)', model: createLocalVideoModel() },
  }
  if (env.OPENAI_API_KEY) {
    models['openai/gpt-image-1'] = { label: 'GPT Image 1', model: createOpenAI().image('gpt-image-1') }
  }
  if (env.REPLICATE_API_TOKEN) {
    models['replicate/flux-schnell'] = {
      label: 'FLUX.1 schnell (Replicate)',
      model: createReplicate().image('black-forest-labs/flux-schnell'),
    }
  }
  if (env.FAL_API_KEY || env.FAL_KEY) {
    const fal = createFal()
    models['fal/flux-schnell'] = { label: 'FLUX.1 schnell (fal)', model: fal.image('fal-ai/flux/schnell') }
    models['fal/kling-video'] = {
      kind: 'video',
      label: 'Kling 2.1 (fal)',
      model: fal.video('fal-ai/kling-video/v2.1/standard/text-to-video' as never) as never,
    }
  }
  if (env.ALIBABA_API_KEY) {
    models['alibaba/wan2.6-t2v'] = {
      kind: 'video',
      label: 'Wan 2.6 (Alibaba)',
      model: createAlibaba().video('wan2.6-t2v') as never,
    }
  }
  return models
}
