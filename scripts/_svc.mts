import path from 'node:path'
import { startPostgres, startS3 } from '/work/main/scripts/services'
const pg = await startPostgres({ dataDir: '/work/main/.data/postgres', port: 54329 })
const s3 = await startS3({ bucket: 'generated-assets', directory: '/work/main/.data/s3', port: 4568 })
console.log('up', pg.url, s3.url)
setInterval(() => {}, 1000)
