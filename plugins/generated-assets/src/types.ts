import type { Experimental_VideoModelV4 as VideoModelV4, ImageModelV4 } from '@ai-sdk/provider'
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { Access, CollectionConfig, PayloadRequest } from 'payload'

/** What an asset holds: a still image or a video clip. */
export type GeneratedAssetKind = 'image' | 'video'

/**
 * Lifecycle of an asset (DESIGN §3): `queued` → `generating` → `ingesting` → `ready`, or `failed`
 * with an `error` an editor can act on.
 */
export type GeneratedAssetStatus = 'failed' | 'generating' | 'ingesting' | 'queued' | 'ready'

/** Where the asset's bytes live: behind a storage adapter (`s3`) or on the server's disk (`local`). */
export type StorageMode = 'local' | 's3'

/**
 * Settings a model is called with. Every field is optional; what a model does not support
 * becomes an AI SDK warning stored on the asset, not a failure.
 */
export type GenerationParams = {
  /** Aspect ratio `{width}:{height}`, e.g. `16:9`. Used only when `size` is not given. */
  aspectRatio?: `${number}:${number}`
  /** Video length in seconds (video models), 1 to 60. */
  duration?: number
  /** Video frames per second (video models), 1 to 60. */
  fps?: number
  /** Output size `{width}x{height}` in pixels, each side 64 to 4096. */
  size?: `${number}x${number}`
  /** Seed for reproducible output: an integer from 0 to 2^31 - 1. */
  seed?: number
  /** Provider-specific options, keyed by provider name (the AI SDK's `providerOptions`). */
  providerOptions?: Record<string, Record<string, unknown>>
}

/** One model an editor can pick. */
export type GeneratedAssetsModel = {
  /** Defaults merged under the request's `params` (the request wins). */
  defaults?: GenerationParams
  /** Whether the model makes images or videos. @default 'image' */
  kind?: GeneratedAssetKind
  /** Label shown in the admin, e.g. `GPT Image 1`. @default the model's key */
  label?: string
  /**
   * Any AI SDK image model (`@ai-sdk/provider` `ImageModelV4`), e.g. `openai.image('gpt-image-1')`,
   * or (with `kind: 'video'`) an experimental video model (`VideoModelV4`) with `doStart`/`doStatus`
   * or `doGenerate`, e.g. `alibaba.video('wan2.5-t2v-preview')`.
   */
  model: ImageModelV4 | VideoModelV4
}

/** Options of {@link generatedAssetsPlugin}. */
export type GeneratedAssetsPluginOptions = {
  /**
   * Who may read and change assets. Defaults to: logged-in users see and change their own
   * assets (those they created); anonymous users get nothing (they reach shared assets only
   * through share URLs).
   */
  access?: {
    /** @default own assets only */
    delete?: Access
    /** @default own assets only */
    read?: Access
    /** @default own assets only */
    update?: Access
  }
  /** Slug of the collection whose users create assets (`createdBy` relation). @default config.admin.user */
  authCollection?: string
  /**
   * Change the collection this plugin adds. Return the new config; spread last, so it wins.
   * @default undefined
   */
  collectionOverride?: (args: { collection: CollectionConfig }) => CollectionConfig
  /** Slug of the assets collection. @default 'generated-assets' */
  collectionSlug?: string
  /**
   * Turn the plugin off. The collection and its fields stay (the database schema does not
   * change), but endpoints, jobs and admin views are removed.
   * @default false
   */
  disabled?: boolean
  /** Key of the model used when a request names none. @default the first key of `models` */
  defaultModel?: string
  /**
   * Models editors can use, keyed by a registry key such as `openai/gpt-image-1`.
   * When none are given, the built-in offline model `local/image` is used.
   * @default { 'local/image': localImageModel }
   */
  models?: Record<string, GeneratedAssetsModel>
  /** Longest prompt accepted, in characters. @default 4000 */
  maxPromptLength?: number
  /** Jobs Queue queue that generation tasks run on. @default 'generated-assets' */
  queue?: string
  /** Slug of the collection holding video posters. @default 'generated-asset-posters' */
  posterCollectionSlug?: string
  /** Most attempts per asset for retryable failures (429, 5xx, network, storage). @default 3 */
  maxAttempts?: number
  /** Longest an asset may take from queued to ready, in seconds; then it fails "timed out". @default 900 */
  timeLimit?: number
  /** Largest image output or import accepted, in bytes. @default 52428800 (50 MB) */
  maxImageBytes?: number
  /** Largest video output or import accepted, in bytes. @default 1073741824 (1 GB) */
  maxVideoBytes?: number
  /**
   * Seconds a worker holds an asset without a heartbeat before another worker may take it over
   * (a crashed worker's job is picked up again after this long). @default 30
   */
  leaseTimeout?: number
  /**
   * Let downloads reach private and loopback addresses. Only for tests and local development
   * with providers on your own machine: it turns the SSRF guard off. @default false
   */
  allowPrivateAddresses?: boolean
  /**
   * Days a trashed asset is kept before it may be purged; the admin's Trash view shows it.
   * @default 30
   */
  trashRetentionDays?: number
  /**
   * When the scheduled task `purgeGeneratedAssetsTrash` deletes, with every stored object, the
   * assets trashed more than `trashRetentionDays` ago: a cron expression (Payload's `schedule`,
   * five fields, or six with seconds first), run on `queue` by `runWorker` (or by Payload's
   * `autoRun`). `false` keeps the task (run it yourself with `purgeTrash`) but never schedules it.
   * @default '0 * * * *' (hourly)
   */
  trashPurgeSchedule?: false | string
  /**
   * Most generations one user may start per window, across every app instance (counted in
   * Postgres): `generate`, `ingest`, `retry` and the GraphQL `generateAsset`. Past it the request
   * gets **429** with `Retry-After` (seconds) and nothing is created. `window` is in seconds.
   * `false` turns the limit off.
   * @default { limit: 60, window: 60 }
   */
  rateLimit?: false | { limit: number; window: number }
  /**
   * Most assets one user may have in flight (`queued`, `generating`, `ingesting`) at once; one
   * more gets **429** with `Retry-After` until some finish. `false` turns the cap off.
   * @default 10
   */
  maxActiveGenerations?: false | number
  /**
   * The S3 bucket your storage adapter keeps the assets in: the same `bucket` and client `config`
   * you pass to `s3Storage`, and the collections' `prefix` if you set one. Only `auditStorage`
   * (`payload audit:storage`) uses it, to list the bucket; deleting and serving files go through
   * the adapter itself.
   * @default undefined (auditStorage then refuses to run and says to set it)
   */
  storage?: {
    /** Bucket name, e.g. `my-assets`. */
    bucket: string
    /** S3 client settings (region, endpoint, credentials, forcePathStyle…), as given to `s3Storage`. */
    config?: S3ClientConfig
    /** Key prefix of the assets and posters in the bucket (the storage plugin's collection `prefix`). @default '' */
    prefix?: string
  }
}

/** Options with every default applied (see `defaults.ts`). */
export type ResolvedGeneratedAssetsPluginOptions = {
  access: NonNullable<GeneratedAssetsPluginOptions['access']>
  authCollection: string
  collectionOverride: GeneratedAssetsPluginOptions['collectionOverride']
  collectionSlug: string
  defaultModel: string
  disabled: boolean
  maxPromptLength: number
  models: Record<string, GeneratedAssetsModel>
  queue: string
  posterCollectionSlug: string
  maxAttempts: number
  timeLimit: number
  maxImageBytes: number
  maxVideoBytes: number
  leaseTimeout: number
  allowPrivateAddresses: boolean
  trashRetentionDays: number
  trashPurgeSchedule: false | string
  rateLimit: false | { limit: number; window: number }
  maxActiveGenerations: false | number
  storage: GeneratedAssetsPluginOptions['storage']
}

/** A request with the origin it was made to, used to make URLs absolute. */
export type RequestWithOrigin = Pick<PayloadRequest, 'headers' | 'payload'>
