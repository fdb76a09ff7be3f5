/**
 * HEAD, ETag / 304 and Cache-Control of the plugin's GET routes over real HTTP, with the files on
 * S3 (the demo: storage-s3, share files as redirects to URLs signed for the plugin's bucket).
 */
import { createAppConfig } from '../../payload.config'
import { describeHttpCaching } from '../helpers/httpCaching'

describeHttpCaching({ config: () => createAppConfig(), name: 'S3 (signed redirects)', redirects: true })
