import type { Experimental_VideoModelV4 as VideoModelV4, ImageModelV4 } from '@ai-sdk/provider'
import type { LanguageModel } from 'ai'
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import type { Access, CollectionConfig, FieldAccess, PayloadRequest } from 'payload'

import type { C2PASigner } from './media/c2paSigner.js'

/** What an asset holds: a still image or a video clip. */
export type GeneratedAssetKind = 'image' | 'video'

/**
 * Lifecycle of an asset: `queued` → `generating` → `ingesting` → `ready`, or `failed`
 * with an `error` an editor can act on.
 */
export type GeneratedAssetStatus = 'failed' | 'generating' | 'ingesting' | 'queued' | 'ready'

/**
 * Where the asset's bytes live: on the server's disk (`local`), on `@payloadcms/storage-s3`
 * (`s3`), or behind another storage adapter (its own name, e.g. `vercel-blob`).
 */
export type StorageMode = 'local' | 's3' | (string & {})

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
  /**
   * Whether the model takes source images: image editing for image models (sent as the AI SDK's
   * `files`), image-to-video for video models (the first source as `image`).
   * @default the image model's `supportsFileInputs`; `false` for video models
   */
  acceptsSourceImages?: boolean
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
  /**
   * Most variations one call of this model makes: with `n` variations up to this many share one
   * call (the AI SDK's `n`, seeds `seed`, `seed + 1`, …), more are split into further calls.
   * @default the image model's `maxImagesPerCall`, else 1 (video models: always 1)
   */
  maxImagesPerCall?: number
}

/** Options of {@link generatedAssetsPlugin}. */
export type GeneratedAssetsPluginOptions = {
  /**
   * Who may read and change assets, as Payload `Access` functions (they may answer a `Where`).
   * Defaults to: logged-in users see and change their own assets (`{ createdBy: { equals: user.id } }`);
   * anonymous users get nothing (they reach shared assets only through share URLs). Creating is
   * always open to any logged-in user. `read` also governs the gallery, live events and ZIP
   * downloads; `update` sharing and retrying. `read` and `delete` apply to the poster collection
   * too, so a `Where` may only use fields both have (`createdBy`).
   * @default own assets only
   */
  access?: {
    /** @default own assets only */
    delete?: Access
    /** @default own assets only */
    read?: Access
    /**
     * Who reads the pipeline's internal fields (`attempts`, `pollCount`, `operation`,
     * `leaseOwner`, `leaseExpiresAt`, `queuedAt`, `previewUrl`, `usage`) through REST, GraphQL and
     * the Local API with `overrideAccess: false`; a field-level `access.read`. The plugin's own
     * reads bypass it. Typically your admins: `({ req }) => req.user?.roles === 'admin'`.
     * @default nobody
     */
    readInternalFields?: FieldAccess
    /** @default own assets only */
    update?: Access
    /**
     * Who reads, changes and deletes generation presets (the `presetsCollectionSlug` collection),
     * as Payload `Access` functions; a `Where` may use the preset's fields (`owner`, `visibility`).
     * Creating is open to any logged-in user, as generating is. The defaults are exported as
     * `ownOrSharedPresets` (read: one's own presets and every `shared` one; anonymous users none)
     * and `ownPresets` (update, delete: one's own only), so a host widens them for its admins with
     * `(args) => isAdmin(args) || ownPresets(args)`.
     * @default { read: ownOrSharedPresets, update: ownPresets, delete: ownPresets }
     */
    presets?: { delete?: Access; read?: Access; update?: Access }
  }
  /**
   * Slug of the auth collection whose users create assets (the `createdBy` relation).
   * @default config.admin.user, else the first auth collection, else 'users'
   */
  authCollection?: string
  /**
   * Changes the assets collection: receives the collection the plugin built and returns the one to
   * use (fields, admin, hooks…). The plugin's endpoints and status hooks are appended to what it
   * returns. Change the slug with `collectionSlug`, not here. The poster collection is not passed.
   * @default undefined
   */
  collectionOverride?: (args: { collection: CollectionConfig }) => CollectionConfig
  /** Slug of the assets collection. @default 'generated-assets' */
  collectionSlug?: string
  /**
   * Turns the plugin off without changing the database schema: both collections and the task's
   * slug stay (so `migrate:create` finds nothing to do), while the plugin's routes answer 404,
   * the admin gallery, GraphQL extensions and live events are gone, and a queued job fails
   * without generating anything. Assets stay readable through Payload's own API.
   * @default false
   */
  disabled?: boolean
  /**
   * Key of the model used when a request names none; must be a key of `models`.
   * @throws {Error} at config time when it is not.
   * @default the first key of `models`
   */
  defaultModel?: string
  /**
   * Models editors can use, keyed by a registry key such as `openai/gpt-image-1`.
   * When none are given (or an empty record), the built-in offline models are used.
   * @default { 'local/image': createLocalImageModel(), 'local/video': createLocalVideoModel() }
   */
  models?: Record<string, GeneratedAssetsModel>
  /** Longest prompt (and negative prompt) accepted, in characters. @default 4000 */
  maxPromptLength?: number
  /**
   * Most variations (`n`) one `generate` request may ask for: one asset per variation, all sharing
   * a `batch`. A whole number from 1 to 16.
   * @throws {Error} at config time when out of range.
   * @default 4
   */
  maxVariations?: number
  /**
   * Upload collections of your own (for example `['media']`) that generated assets can be put
   * into: their upload fields get the Generate control too, and choosing a generated image makes a
   * document of that collection through the Local API (its storage, image sizes, hooks and access
   * apply) with the asset's bytes and alt text. The plugin adds a `generatedAsset` relationship
   * field to each (a schema change: run `payload migrate:create` after adding one).
   * @throws {Error} at config time when a slug is not an upload collection of the config.
   * @default []
   */
  targets?: string[]
  /**
   * Prompts the Generate drawer of an upload field starts from, keyed by collection (or global)
   * slug and the field's path of named fields, e.g.
   * `{ 'posts.hero': 'A hero image for "{{title}}"' }`; `{{name}}` is replaced by the document's
   * own top-level field `name` when the drawer opens.
   * @throws {Error} at config time for a key that names no upload field with the control, or a
   *   `{{name}}` that is no top-level field of that document.
   * @default {}
   */
  promptTemplates?: Record<string, string>
  /**
   * An AI SDK language model that takes image input (the AI SDK's `LanguageModel`, e.g.
   * `openai('gpt-4o-mini')`), asked through `generateText` for a one-sentence description of each
   * new image, stored as its `alt`. When it fails (or is not set) `alt` is made from the prompt;
   * its failure never fails the asset. An `alt` an editor wrote is never replaced.
   * @default undefined (alt text from the prompt)
   */
  altTextModel?: LanguageModel
  /**
   * Jobs Queue queue that generation tasks run on. Workers must run the same one
   * (`runWorker({ queue })`). @default 'generated-assets'
   */
  queue?: string
  /** Slug of the collection holding video posters. @default 'generated-asset-posters' */
  posterCollectionSlug?: string
  /**
   * Slug of the boards collection: named groups of assets (an asset can be on any number of
   * boards, its `boards` field), each with an optional client review link. Boards follow the
   * `access` option as assets do (own boards by default: a `Where` on `createdBy` applies to both).
   * @default 'generated-asset-boards'
   */
  boardsCollectionSlug?: string
  /**
   * Slug of the collection of the verdicts and comments visitors leave through a board's review
   * link (one document per review; the asset's `verdict` is the latest). Written by the plugin only.
   * @default 'generated-asset-reviews'
   */
  reviewsCollectionSlug?: string
  /**
   * Slug of the collection of generation presets: saved model, params, prompt prefix and suffix
   * and negative prompt, private to their owner or shared with everyone who can generate; applied
   * in the Create panel and the upload field's Generate drawer. @default 'generated-asset-presets'
   */
  presetsCollectionSlug?: string
  /**
   * Most attempts per asset for retryable failures (429, 5xx, network, storage), with exponential
   * back-off; then `failed`. @default 3
   */
  maxAttempts?: number
  /**
   * Longest an asset may take from queued to ready, in seconds (provider calls are cut off at it);
   * then it fails "timed out". @default 900
   */
  timeLimit?: number
  /** Largest image output or import accepted, in bytes. @default 52428800 (50 MB) */
  maxImageBytes?: number
  /** Largest video output or import accepted, in bytes. @default 1073741824 (1 GB) */
  maxVideoBytes?: number
  /**
   * Seconds a worker holds an asset without a heartbeat before another worker may take it over
   * (a crashed worker's job is picked up again after this long). Keep `runWorker`'s
   * `staleJobTimeout` at about twice this. @default 30
   */
  leaseTimeout?: number
  /**
   * Let downloads reach private and loopback addresses. Only for tests and local development
   * with providers on your own machine: `true` turns the SSRF guard off; a list of exact IP
   * addresses (e.g. `['127.0.0.2']`) lets only those through and keeps every other address
   * refused. @default false
   */
  allowPrivateAddresses?: boolean | string[]
  /**
   * Machine-readable AI disclosure written into every stored generated file (EU AI Act
   * Article 50(2)): XMP with the IPTC Photo Metadata 2025.1 properties
   * `Iptc4xmpExt:DigitalSourceType`, `AISystemUsed`, `AISystemVersionUsed` and `xmp:CreateDate`
   * in the original (written in place by ExifTool, pixels untouched), in Payload's image sizes
   * and in a video's poster and its sizes. `embedPrompt: true` adds the prompt as
   * `dc:description`. `false` writes none of it. Imports (`/ingest`) are stored as they came.
   *
   * `c2pa: { signer }` also signs each stored generated original (PNG and JPEG) with a C2PA 2.1
   * manifest after its XMP is written: `c2pa.created` with the IPTC digital source type and the
   * model as software agent, the source images as ingredients, and a provider's own manifest, when
   * the file came with one, as its parent ingredient. Needs the optional peer dependencies
   * `@trustnxt/c2pa-ts` and `@peculiar/x509`. Payload's image sizes and a video's files are not
   * signed. A file that cannot be signed is stored unsigned, with the reason in the asset's `c2paError`.
   * @default { embedPrompt: false }
   */
  provenance?: false | { c2pa?: { signer: C2PASigner }; embedPrompt?: boolean }
  /**
   * Days a trashed asset is meant to be kept, shown in the admin's Trash view. Nothing is purged
   * automatically yet: delete permanently from the Trash view or with `POST /bulk` `delete`.
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
   * Where the plugin's files go, and the S3 bucket your storage adapter keeps them in.
   * `prefix` is the folder of the plugin's objects (`generated-assets/`, posters in
   * `generated-assets/posters/`), so they never mix with your own media, whatever adapter stores
   * them. With storage-s3, also give the same `bucket` and client `config` you pass to `s3Storage`
   * (and its `collectionPrefix` and `useCompositePrefixes` if you set them there):
   * `auditStorage` (`payload audit:storage`) lists the bucket, the worker uploads videos to it
   * itself, from disk in 8 MiB parts (storage-s3's own upload holds 50 MB parts, 4 at a time, in
   * memory), and share links redirect to signed URLs of it (`signedURLExpiresIn`); deleting files
   * and Payload's file route go through the adapter itself.
   * @default undefined (files under `generated-assets/`; auditStorage refuses to run and says to set `bucket`)
   */
  storage?: {
    /**
     * Canned ACL of uploaded objects, as given to `s3Storage` (`'private'` or `'public-read'`):
     * the videos the worker uploads get the same as storage-s3's uploads. @default the bucket's default
     */
    acl?: 'private' | 'public-read'
    /** Bucket name, e.g. `my-assets`: needed by the features above, not for `prefix`. */
    bucket?: string
    /**
     * The `prefix` you gave the storage adapter for the plugin's collections
     * (`s3Storage({ collections: { 'generated-assets': { prefix } } })`), if any: the adapter puts
     * the plugin's folder beneath it, and the plugin needs it to find the objects (keys, listing).
     * @default ''
     */
    collectionPrefix?: string
    /** S3 client settings (region, endpoint, credentials, forcePathStyle…), as given to `s3Storage`. */
    config?: S3ClientConfig
    /**
     * Folder of the plugin's stored files: the assets in it, the video posters in its `posters`
     * subfolder. It is the default value of the collections' `prefix` field (where storage
     * adapters built on `@payloadcms/plugin-cloud-storage` put a file) and, on local disk, their
     * `staticDir`. `''` puts them where the adapter puts any collection's files (the bucket's root).
     * @default 'generated-assets'
     */
    prefix?: string
    /**
     * Seconds the URL a share file route redirects to stays valid. With storage-s3 and this
     * option set, `/share/:token/file`, `/poster` and `/thumbnail` answer **302** to a URL signed
     * for the current minute, valid this long from the minute's start (downloads too, with S3
     * setting their `Content-Disposition`), so the
     * bytes come from the bucket, not your app; `false` streams them through the app instead (a
     * bucket your visitors cannot reach). Payload's own file route is not affected.
     * @default 300
     */
    signedURLExpiresIn?: false | number
    /**
     * storage-s3's `useCompositePrefixes`, when you set it there: keys are then the collection
     * prefix, the document's `prefix` and the name, as the adapter composes them.
     * @default false
     */
    useCompositePrefixes?: boolean
  }
}

/** Options with every default applied (see `defaults.ts`). */
export type ResolvedGeneratedAssetsPluginOptions = {
  access: Required<Omit<NonNullable<GeneratedAssetsPluginOptions['access']>, 'presets'>> & {
    presets: Required<NonNullable<NonNullable<GeneratedAssetsPluginOptions['access']>['presets']>>
  }
  authCollection: string
  collectionOverride: GeneratedAssetsPluginOptions['collectionOverride']
  collectionSlug: string
  defaultModel: string
  disabled: boolean
  maxPromptLength: number
  maxVariations: number
  altTextModel: LanguageModel | undefined
  targets: string[]
  promptTemplates: Record<string, string>
  models: Record<string, GeneratedAssetsModel>
  queue: string
  posterCollectionSlug: string
  boardsCollectionSlug: string
  reviewsCollectionSlug: string
  presetsCollectionSlug: string
  maxAttempts: number
  timeLimit: number
  maxImageBytes: number
  maxVideoBytes: number
  leaseTimeout: number
  allowPrivateAddresses: boolean | string[]
  provenance: false | { c2pa: null | { signer: C2PASigner }; embedPrompt: boolean }
  trashRetentionDays: number
  trashPurgeSchedule: false | string
  rateLimit: false | { limit: number; window: number }
  maxActiveGenerations: false | number
  storage: GeneratedAssetsPluginOptions['storage']
}

/** A request with the origin it was made to, used to make URLs absolute. */
export type RequestWithOrigin = Pick<PayloadRequest, 'headers' | 'payload'>
