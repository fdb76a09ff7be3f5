import { S3Client } from '@aws-sdk/client-s3'

/**
 * A client for the test S3 server, read from the environment at call time (`S3_ENDPOINT`,
 * `S3_REGION`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`), so a test file that points the
 * environment at its own server first gets a client for that one. Checksums are sent only when
 * required: s3rver otherwise stores the aws-chunked framing inside the objects. Up to 5 attempts
 * (the SDK's standard retry): s3rver answers a listing 500 InternalError when an object is
 * written or deleted while it walks the bucket's folders.
 */
export const createTestS3Client = (): S3Client =>
  new S3Client({
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
    maxAttempts: 5,
    region: process.env.S3_REGION,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
