/**
 * The GraphQL schema as a front-end developer's tools see it: introspected over real HTTP from the
 * running app, turned into TypeScript by GraphQL Code Generator (`@graphql-codegen/cli` with the
 * `typescript` and `typescript-operations` plugins, default settings) for the plugin's operations,
 * and type-checked with `tsc --strict`; the same operations run with `graphql-request`.
 */
import type { Payload } from 'payload'

import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLObjectType,
  type IntrospectionQuery,
} from 'graphql'
import { GraphQLClient } from 'graphql-request'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { getPayload } from 'payload'
import { runWorker } from 'payload-plugin-generated-assets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createAppConfig } from '../../payload.config'
import { type HttpServer, startHttpServer } from '../helpers/httpServer'

const run = promisify(execFile)
const root = path.resolve(__dirname, '../..')
const bin = (name: string) => path.join(root, 'node_modules/.bin', name)

/** What a gallery front end asks for: the plugin's query and mutations, and Payload's own list. */
const OPERATIONS = /* GraphQL */ `
  query Gallery($limit: Int, $cursor: String) {
    generatedAssetsGallery(limit: $limit, cursor: $cursor) {
      nextCursor
      items {
        id
        prompt
        model
        width
        height
        seed
        imageUrl
        thumbnailURL
        shareUrl
        status
        inferenceTime
      }
    }
  }
  query Assets {
    GeneratedAssets(limit: 10) {
      totalDocs
      docs {
        id
        prompt
        width
        height
        seed
        filesize
        thumbnailURL
        imageUrl
        sizes {
          thumbnail {
            url
            width
            height
          }
        }
      }
    }
  }
  mutation Generate($prompt: String!, $params: JSON) {
    generateAsset(prompt: $prompt, params: $params) {
      id
      status
      prompt
    }
  }
  mutation Share($id: ID!) {
    shareGeneratedAsset(id: $id)
  }
  mutation Revoke($id: ID!) {
    revokeGeneratedAssetShare(id: $id)
  }
`

/** A client of the generated types: compiles only if the integers are `number` and the names exist. */
const CLIENT = `
import type { AssetsQuery, GalleryQuery, GenerateMutation, ShareMutationVariables } from './generated'
export const sizeOf = (query: GalleryQuery): number => {
  const item = query.generatedAssetsGallery?.items[0]
  const width: number | null | undefined = item?.width
  const seed: number | null | undefined = item?.seed
  const thumbnail: string | null | undefined = item?.thumbnailURL
  return (width ?? 0) + (seed ?? 0) + (thumbnail?.length ?? 0)
}
export const thumbnailWidth = (query: AssetsQuery): number | null | undefined =>
  query.GeneratedAssets?.docs[0]?.sizes?.thumbnail?.width
export const idOf = (mutation: GenerateMutation, variables: ShareMutationVariables): string =>
  String(mutation.generateAsset?.id ?? variables.id)
`

let payload: Payload
let server: HttpServer
let stopWorker: () => Promise<void>
let token: string
const directory = mkdtempSync(path.join(tmpdir(), 'graphql-codegen-'))

beforeAll(async () => {
  const config = await createAppConfig()
  payload = await getPayload({ config })
  server = await startHttpServer(config)
  const controller = new AbortController()
  const worker = runWorker({ payload, pollInterval: 0.2, signal: controller.signal })
  stopWorker = async () => {
    controller.abort()
    await worker
  }
  const email = `codegen-${Date.now()}@example.com`
  await payload.create({ collection: 'users', data: { email, password: 'correct horse battery staple' } })
  const login = await fetch(`${server.origin}/api/users/login`, {
    body: JSON.stringify({ email, password: 'correct horse battery staple' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  token = (await login.json()).token
})

afterAll(async () => {
  await stopWorker?.()
  await server?.close()
  await payload?.destroy()
  rmSync(directory, { force: true, recursive: true })
})

describe('GraphQL for generated clients', () => {
  it('whole numbers are Int in the introspected schema; the thumbnail has one field', async () => {
    const response = await fetch(`${server.origin}/api/graphql`, {
      body: JSON.stringify({ query: getIntrospectionQuery() }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { data } = (await response.json()) as { data: IntrospectionQuery }
    const schema = buildClientSchema(data)
    const asset = schema.getType('GeneratedAsset') as GraphQLObjectType
    const fields = asset.getFields()
    for (const name of ['width', 'height', 'seed', 'filesize']) {
      expect([name, getNamedType(fields[name]!.type).name]).toEqual([name, 'Int'])
    }
    // Seconds and frame rates are fractions.
    for (const name of ['inferenceTime', 'duration', 'fps']) {
      expect([name, getNamedType(fields[name]!.type).name]).toEqual([name, 'Float'])
    }
    const sizes = getNamedType(fields.sizes!.type) as GraphQLObjectType
    const thumbnail = getNamedType(sizes.getFields().thumbnail!.type) as GraphQLObjectType
    expect(getNamedType(thumbnail.getFields().width!.type).name).toBe('Int')
    expect(Object.keys(fields).filter((name) => name.toLowerCase() === 'thumbnailurl')).toEqual(['thumbnailURL'])
  })

  it('codegen with default settings gives TypeScript that passes tsc --strict', async () => {
    writeFileSync(path.join(directory, 'operations.graphql'), OPERATIONS)
    writeFileSync(path.join(directory, 'client.ts'), CLIENT)
    writeFileSync(
      path.join(directory, 'codegen.json'),
      JSON.stringify({
        documents: path.join(directory, 'operations.graphql'),
        // Two outputs, as codegen 6 wants them: the schema's types (the `typescript` plugin, where
        // two fields whose names differ only in case collided), and the operations' own types
        // (`typescript-operations` 6 emits the enums and inputs it uses itself, so in one file
        // with `typescript` it redeclares them: graphql-code-generator issue 10884).
        generates: {
          [path.join(directory, 'schema-types.ts')]: { plugins: ['typescript'] },
          [path.join(directory, 'generated.ts')]: { plugins: ['typescript-operations'] },
        },
        schema: `${server.origin}/api/graphql`,
      }),
    )
    // Asynchronous: the app this process serves must keep answering while codegen introspects it.
    await run(bin('graphql-codegen'), ['--config', path.join(directory, 'codegen.json')], {
      cwd: root,
      timeout: 120_000,
    })
    const schemaTypes = readFileSync(path.join(directory, 'schema-types.ts'), 'utf8')
    expect(schemaTypes).toMatch(/thumbnailURL\?: Maybe<Scalars\['String'\]\['output'\]>/)
    expect(schemaTypes).toMatch(/width\?: Maybe<Scalars\['Int'\]\['output'\]>/)
    expect(schemaTypes).not.toMatch(/thumbnailUrl/)
    const tsc = await run(
      bin('tsc'),
      [
        '--strict',
        '--noEmit',
        '--target',
        'es2022',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        'schema-types.ts',
        'generated.ts',
        'client.ts',
      ],
      { cwd: directory, timeout: 120_000 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }))
    expect(tsc.stdout).toBe('')
  }, 240_000)

  it('the operations run with graphql-request and answer integers', async () => {
    const client = new GraphQLClient(`${server.origin}/api/graphql`, { headers: { Authorization: `JWT ${token}` } })
    const document = (name: string) => {
      const start = OPERATIONS.search(new RegExp(`(query|mutation) ${name}\\b`))
      const next = OPERATIONS.slice(start + 1).search(/\n {2}(query|mutation) /)
      return OPERATIONS.slice(start, next === -1 ? undefined : start + 1 + next)
    }
    const generated = await client.request<{ generateAsset: { id: number | string; status: string } }>(
      document('Generate'),
      {
        params: { size: '96x64' },
        prompt: 'codegen: an integer-sized image',
      },
    )
    expect(generated.generateAsset.status).toBe('queued')
    const id = generated.generateAsset.id
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const doc = await payload.findByID({ collection: 'generated-assets', depth: 0, id, overrideAccess: true })
      if (doc.status === 'ready' || doc.status === 'failed') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const gallery = await client.request<{ generatedAssetsGallery: { items: Record<string, any>[] } }>(
      document('Gallery'),
      { limit: 5 },
    )
    const item = gallery.generatedAssetsGallery.items.find((each) => String(each.id) === String(id))!
    expect(item).toMatchObject({ height: 64, status: 'ready', width: 96 })
    expect(Number.isInteger(item.seed)).toBe(true)
    expect(item.thumbnailURL).toMatch(/\.webp(\?|$)/)
    const shared = await client.request<{ shareGeneratedAsset: string }>(document('Share'), { id: String(id) })
    expect(shared.shareGeneratedAsset).toMatch(/\/api\/generated-assets\/share\//)
    const revoked = await client.request<{ revokeGeneratedAssetShare: boolean }>(document('Revoke'), { id: String(id) })
    expect(revoked.revokeGeneratedAssetShare).toBe(true)
  })
})
