import type { S3Client } from '@aws-sdk/client-s3'

import { GetObjectCommand } from '@aws-sdk/client-s3'
import { formatUrl } from '@aws-sdk/core/util'
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner'
import { getEndpointFromInstructions } from '@smithy/core/endpoints'
import { HttpRequest } from '@smithy/core/protocols'
import { LRUCache } from 'lru-cache'

/**
 * An unsigned GET of one object as the client's middleware built it (endpoint, path style,
 * encoded key), and how to sign it: what `getSignedUrl` works out on every call.
 */
type PreparedGet = {
  presigner: S3RequestPresigner
  request: HttpRequest
  signingRegion?: string
  signingService?: string
}

/** Prepared requests by client, then by bucket and key: at most 1,000 objects per client. */
const prepared = new WeakMap<S3Client, LRUCache<string, PreparedGet>>()

/**
 * Builds the unsigned request of a `GetObject` through the client's own middleware stack,
 * exactly as `@aws-sdk/s3-request-presigner`'s `getSignedUrl` does (endpoint rule set, the
 * signing region and name of its auth scheme, SDK headers removed before signing), but stops
 * where `getSignedUrl` would sign. `undefined` for S3 Express directory buckets, whose session
 * credentials `getSignedUrl` handles.
 */
const prepareGet = async ({
  bucket,
  client,
  key,
  responseContentDisposition,
}: {
  bucket: string
  client: S3Client
  key: string
  responseContentDisposition?: string
}): Promise<PreparedGet | undefined> => {
  const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: responseContentDisposition })
  const endpoint = await getEndpointFromInstructions(command.input, GetObjectCommand, client.config)
  const authScheme = endpoint.properties?.authSchemes?.[0] as
    | { name?: string; signingName?: string; signingRegion?: string; signingRegionSet?: string[] }
    | undefined
  const region = authScheme?.name === 'sigv4a' ? authScheme.signingRegionSet?.join(',') : authScheme?.signingRegion
  const presigner = new S3RequestPresigner({
    ...client.config,
    region: async () => region as string,
    signingName: authScheme?.signingName,
  })
  let result: PreparedGet | undefined
  const stack = client.middlewareStack.clone()
  stack.addRelativeTo(
    (_next: unknown, context: Record<string, unknown>) => async (args: { request: unknown }) => {
      if (HttpRequest.isInstance(args.request) && !context.s3ExpressIdentity) {
        const request = args.request
        delete request.headers['amz-sdk-invocation-id']
        delete request.headers['amz-sdk-request']
        delete request.headers['x-amz-user-agent']
        result = {
          presigner,
          request,
          signingRegion: (context.signing_region as string | undefined) ?? region,
          signingService: context.signing_service as string | undefined,
        }
      }
      return { output: { $metadata: { httpStatusCode: 200 } }, response: {} }
    },
    { name: 'prepareUnsignedGetMiddleware', override: true, relation: 'before', toMiddleware: 'awsAuthMiddleware' },
  )
  await command.resolveMiddleware(stack as never, client.config, {})({ input: command.input })
  return result
}

/**
 * A presigned URL that GETs `key` from `bucket`, valid for `expiresIn` seconds from `signingDate`
 * (default now): signed on every call (AWS Signature Version 4, query-string authentication, by
 * the SDK's `S3RequestPresigner`), the same URL `getSignedUrl(client, new GetObjectCommand(…))` answers.
 * What does not change from call to call (the endpoint rule set, the request the middleware
 * builds: most of `getSignedUrl`'s time) is worked out once per object and kept for the next
 * 1,000 objects, so a shared file viewed again costs a signature, not a middleware run.
 *
 * `responseContentDisposition` makes S3 answer with that `Content-Disposition` (a download name).
 *
 * @throws what the client's endpoint resolution or credential provider throws (no network call is made).
 */
export const getSignedObjectURL = async ({
  bucket,
  client,
  expiresIn,
  key,
  responseContentDisposition,
  signingDate,
}: {
  bucket: string
  client: S3Client
  /** Seconds the URL stays valid, from `signingDate`. */
  expiresIn: number
  key: string
  responseContentDisposition?: string
  /** The signature's time (`X-Amz-Date`); now by default. The same time gives the same URL. */
  signingDate?: Date
}): Promise<string> => {
  let cache = prepared.get(client)
  if (!cache) {
    cache = new LRUCache({ max: 1000 })
    prepared.set(client, cache)
  }
  const cacheKey = `${bucket}\n${key}\n${responseContentDisposition ?? ''}`
  let get = cache.get(cacheKey)
  if (!get) {
    get = await prepareGet({ bucket, client, key, responseContentDisposition })
    if (!get) {
      const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: responseContentDisposition })
      return getSignedUrl(client, command, { expiresIn, signingDate })
    }
    cache.set(cacheKey, get)
  }
  const presigned = await get.presigner.presign(HttpRequest.clone(get.request), {
    expiresIn,
    signingDate,
    signingRegion: get.signingRegion,
    signingService: get.signingService,
  })
  return formatUrl(presigned)
}
