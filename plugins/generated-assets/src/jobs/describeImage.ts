import type { LanguageModel } from 'ai'
import type { Payload } from 'payload'

import { generateText } from 'ai'
import sharp from 'sharp'

/** Seconds the captioning model may take before the prompt's alt text is kept. */
const CAPTION_TIMEOUT = 60
/** Longest side, in pixels, of the copy of the image the captioning model is sent. */
const CAPTION_IMAGE_SIDE = 768
/** Longest alt text kept from the model, in characters (the `alt` field's limit). */
const MAX_ALT_LENGTH = 1000

const INSTRUCTION =
  'Write the alt text of this image for a web page: one short sentence (at most 20 words) saying what it shows. ' +
  'Answer with the sentence only, without quotes or a prefix such as "Image of".'

/**
 * Asks `model` (an AI SDK language model that takes image input) for a one-sentence description
 * of a stored image, through `generateText` with the image as a JPEG of at most 768 pixels a side,
 * and writes it to the asset's `alt` if that still holds `promptAlt` (the text made from the
 * prompt when the asset turned ready): an `alt` an editor has written in the meantime is kept.
 * Best effort: a failure, a timeout (60 s) or an empty answer is logged and leaves `promptAlt`.
 * Answers the stored alt text.
 */
export const describeImage = async ({
  collectionSlug,
  data,
  id,
  model,
  payload,
  promptAlt,
}: {
  collectionSlug: string
  /** The image's bytes (any format sharp reads). */
  data: Buffer
  id: number | string
  model: LanguageModel
  payload: Payload
  promptAlt: string
}): Promise<string> => {
  try {
    const image = await sharp(data)
      .resize(CAPTION_IMAGE_SIDE, CAPTION_IMAGE_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer()
    const { text } = await generateText({
      abortSignal: AbortSignal.timeout(CAPTION_TIMEOUT * 1000),
      maxRetries: 1,
      messages: [
        {
          content: [
            { text: INSTRUCTION, type: 'text' },
            { image, mediaType: 'image/jpeg', type: 'image' },
          ],
          role: 'user',
        },
      ],
      model,
    })
    const alt = text.trim().replace(/^["'“”]+|["'“”]+$/g, '').slice(0, MAX_ALT_LENGTH).trim()
    if (!alt) return promptAlt
    const { docs } = await payload.update({
      collection: collectionSlug,
      data: { alt },
      depth: 0,
      overrideAccess: true,
      select: { alt: true },
      trash: true,
      where: { and: [{ id: { equals: id } }, { alt: { equals: promptAlt } }] },
    })
    return docs.length ? alt : promptAlt
  } catch (err) {
    payload.logger.warn({ err, msg: `generated-assets: the alt text model could not describe asset ${id}; the prompt's alt text is kept` })
    return promptAlt
  }
}
