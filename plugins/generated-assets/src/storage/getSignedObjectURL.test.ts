import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { getSignedObjectURL } from './getSignedObjectURL.js'

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }

const configs: Record<string, S3ClientConfig> = {
  'AWS, virtual-hosted': { credentials, region: 'eu-west-3' },
  'AWS, session credentials': { credentials: { ...credentials, sessionToken: 'session/token+=' }, region: 'us-east-1' },
  'custom endpoint, path style (MinIO, s3rver)': {
    credentials,
    endpoint: 'http://127.0.0.1:9000',
    forcePathStyle: true,
    region: 'us-east-1',
  },
  'R2 (region auto)': { credentials, endpoint: 'https://account.r2.cloudflarestorage.com', region: 'auto' },
}

const keys = [
  'a-lighthouse-at-dawn-ga12.png',
  'prefix/folder/clip ga7 (final).mp4',
  "odd/!'()*+&=;$@,?#[]~ über ☃.webp",
]

afterEach(() => {
  vi.useRealTimers()
})

describe('getSignedObjectURL', () => {
  it.each(Object.entries(configs))('answers what getSignedUrl answers, for %s', async (_name, config) => {
    const client = new S3Client(config)
    vi.useFakeTimers({ toFake: ['Date'] })
    for (const [index, key] of keys.entries()) {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 21, 12, 0, index)))
      for (const responseContentDisposition of [undefined, 'attachment; filename="clip_ga7.mp4"']) {
        const input = { Bucket: 'my-assets', Key: key, ResponseContentDisposition: responseContentDisposition }
        const expected = await getSignedUrl(client, new GetObjectCommand(input), { expiresIn: 300 })
        // Twice: the second call signs the request kept from the first.
        for (let call = 0; call < 2; call++) {
          const url = await getSignedObjectURL({ bucket: 'my-assets', client, expiresIn: 300, key, responseContentDisposition })
          expect(url).toBe(expected)
        }
      }
    }
  })

  it('signs afresh on every call: a later call carries its own date and signature', async () => {
    const client = new S3Client(configs['custom endpoint, path style (MinIO, s3rver)']!)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 21, 12, 0, 0)))
    const first = new URL(await getSignedObjectURL({ bucket: 'b', client, expiresIn: 60, key: 'k.png' }))
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 21, 12, 4, 0)))
    const second = new URL(await getSignedObjectURL({ bucket: 'b', client, expiresIn: 60, key: 'k.png' }))
    expect(first.searchParams.get('X-Amz-Date')).toBe('20261121T120000Z')
    expect(second.searchParams.get('X-Amz-Date')).toBe('20261121T120400Z')
    expect(second.searchParams.get('X-Amz-Expires')).toBe('60')
    expect(second.searchParams.get('X-Amz-Signature')).not.toBe(first.searchParams.get('X-Amz-Signature'))
  })
})
