/**
 * HEAD, ETag / 304 and Cache-Control of the plugin's GET routes over real HTTP, with the files on
 * local disk (no storage adapter; files streamed by the plugin and by Payload's file route).
 */
import { describeHttpCaching, localDiskConfig } from '../helpers/httpCaching'

describeHttpCaching({ config: localDiskConfig, name: 'local disk', redirects: false })
