import { getPayload } from 'payload'
const { seedGallery } = await import('./bench/gallerySeed.ts')
const config = (await import('./payload.config.ts')).default
const payload = await getPayload({ config })
let user = (await payload.find({ collection: 'users', where: { email: { equals: 'dev@example.com' } } })).docs[0]
if (!user) user = await payload.create({ collection: 'users', data: { email: 'dev@example.com', password: 'password' } })
const count = Number(process.argv[2] ?? 300)
const ids = await seedGallery({ count, filePrefix: `dev${Date.now()}`, onProgress: console.log, payload, s3: { accessKeyId: 'S3RVER', bucket: 'generated-assets', endpoint: process.env.S3_ENDPOINT!, region: 'us-east-1', secretAccessKey: 'S3RVER' }, storeOriginals: true, userId: user.id })
console.log('seeded', ids.length)
process.exit(0)
