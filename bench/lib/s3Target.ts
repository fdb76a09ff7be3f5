/** Where seeders store objects: an S3-compatible server, its bucket and credentials. */
export type S3Target = { accessKeyId: string; bucket: string; endpoint: string; region: string; secretAccessKey: string }

/**
 * The S3 target the environment points at (`S3_ENDPOINT`, `S3_REGION`, `S3_BUCKET`,
 * `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`), read at call time: the services a benchmark or test
 * started, once it has set them.
 */
export const s3TargetFromEnv = (): S3Target => ({
  accessKeyId: process.env.S3_ACCESS_KEY_ID!,
  bucket: process.env.S3_BUCKET!,
  endpoint: process.env.S3_ENDPOINT!,
  region: process.env.S3_REGION!,
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY!,
})
