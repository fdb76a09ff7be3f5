import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { ResolvedGeneratedAssetsPluginOptions } from '../types.js'

import { assertPublicUrl } from '../media/safeFetch.js'
import { getTranslate } from '../translations/getTranslate.js'
import { createQueuedAsset } from './createQueuedAsset.js'
import { readJSONBody } from './readJSONBody.js'
import { respondWithClientErrors } from './respondWithClientErrors.js'

const badRequest = (message: string) => new APIError(message, 400, null, true)

/**
 * `POST /api/{collection}/ingest` with JSON `{ url, prompt?, model?, kind? }`: imports
 * the media at `url` through the same pipeline as a generation (SSRF guard, size cap, type
 * sniffing, thumbnails or poster, storage) and answers **202** `{ id, status }`. `kind`
 * (`image` | `video`, default `image`) must match what the URL serves, or the import fails.
 * 400 for a malformed, non-http(s) or non-public URL; 401 when anonymous; 429 with `Retry-After`
 * over `rateLimit` or `maxActiveGenerations`.
 */
export const ingestEndpoint = ({ options }: { options: ResolvedGeneratedAssetsPluginOptions }): Endpoint => ({
  handler: respondWithClientErrors(async (req) => {
    const { t } = getTranslate({ req })
    if (!req.user) {
      throw new APIError(t('generatedAssets:errorLoggedOutImport'), 401, null, true)
    }
    const body = (await readJSONBody({ req })) as Record<string, unknown>
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest(t('generatedAssets:errorIngestBody'))
    }
    if (typeof body.url !== 'string' || body.url.length > 4096) {
      throw badRequest(t('generatedAssets:errorIngestUrl'))
    }
    let url: URL
    try {
      url = new URL(body.url)
    } catch {
      throw badRequest(t('generatedAssets:errorIngestUrlInvalid'))
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw badRequest(t('generatedAssets:errorIngestUrlProtocol'))
    }
    if (options.allowPrivateAddresses !== true) {
      try {
        await assertPublicUrl({ allowPrivateAddresses: options.allowPrivateAddresses, url: url.href })
      } catch (error) {
        throw badRequest(t('generatedAssets:errorIngestUrlNotAllowed', { reason: (error as Error).message }))
      }
    }
    const kind = body.kind ?? 'image'
    if (kind !== 'image' && kind !== 'video') {
      throw badRequest(t('generatedAssets:errorIngestKind'))
    }
    if (
      body.prompt !== undefined &&
      (typeof body.prompt !== 'string' || [...body.prompt].length > options.maxPromptLength)
    ) {
      throw badRequest(t('generatedAssets:errorIngestPrompt', { max: options.maxPromptLength }))
    }
    if (body.model !== undefined && (typeof body.model !== 'string' || body.model.length > 200)) {
      throw badRequest(t('generatedAssets:errorIngestModel'))
    }
    const prompt = (body.prompt as string | undefined)?.trim() || `Imported from ${url.hostname}`
    const id = await createQueuedAsset({
      data: {
        kind,
        model: (body.model as string | undefined) ?? 'import',
        modelName: (body.model as string | undefined) ?? 'Imported',
        prompt,
        provider: 'import',
        sourceUrl: url.href,
      },
      options,
      req,
    })
    return Response.json({ id, status: 'queued' }, { status: 202 })
  }),
  method: 'post',
  path: '/ingest',
})
