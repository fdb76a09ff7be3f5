/** The plugin's stored file names: `-ga<asset id>`, optionally `-poster`, optionally Payload's `-<w>x<h>` size suffix. */
const ASSET_OBJECT_PATTERN = /-ga([A-Za-z0-9_]+)(?:-poster)?(?:-\d+x\d+)?\.[A-Za-z0-9]+$/

/**
 * The asset id in an object key named like the plugin's files (`getAssetFilename`): the asset's
 * file `<slug>-ga<id>.<ext>`, its image sizes `<slug>-ga<id>-<w>x<h>.<ext>`, its poster
 * `<slug>-ga<id>-poster.<ext>` and the poster's sizes, in any folder. `undefined` for any other
 * key (another collection's file), which the plugin must never treat as its own.
 */
export const getAssetIdFromObjectKey = (key: string): string | undefined =>
  ASSET_OBJECT_PATTERN.exec(key.slice(key.lastIndexOf('/') + 1))?.[1]
