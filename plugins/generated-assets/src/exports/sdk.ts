/**
 * `payload-plugin-generated-assets/sdk`: what a front-end site needs, without the plugin's server
 * code. A typed client of the REST endpoints on top of `@payloadcms/sdk` (types only from it), and
 * image helpers for `<img srcset>` and `next/image`.
 */
export { createGeneratedAssetsClient } from '../sdk/client.js'
export type {
  AssetEvent,
  AssetEventName,
  AssetEventStream,
  BulkAction,
  BulkFilter,
  BulkInput,
  BulkResult,
  EventsOptions,
  GalleryItem,
  GalleryPage,
  GalleryQueryInput,
  GeneratedAssetDocument,
  GeneratedAssetId,
  GeneratedAssetKind,
  GeneratedAssetsClient,
  GeneratedAssetsClientOptions,
  GeneratedAssetStatus,
  GenerateInput,
  GenerateResult,
  GenerationParams,
  ImageSize,
  IngestInput,
  NormalizedAsset,
  QueuedResult,
  ShareResult,
} from '../sdk/client.js'
export { createImageLoader, pickImageSize, toImageProps, toSrcSet } from '../sdk/image.js'
export type { ImageLoaderInput, ImageRendition, ImageSource, NextImageProps } from '../sdk/image.js'
