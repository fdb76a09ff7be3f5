import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startPostgres, startS3 } from './services'
const dir = await mkdtemp(path.join(tmpdir(), 'migcheck-'))
const pg = await startPostgres({ dataDir: path.join(dir, 'pg'), persistent: false, port: 55411 })
console.log('DATABASE_URL=' + pg.url)
process.on('SIGTERM', async () => { await pg.stop(); process.exit(0) })
setInterval(() => {}, 1000)
