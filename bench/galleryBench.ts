/**
 * The admin gallery at 10,000 assets, in a production build (`next build` + `next start`) driven
 * by Debian's Chromium, against stock Payload's own list view of the same assets in the same run
 * (the same build started with GENERATED_ASSETS_STOCK_LIST_VIEW=1, which turns the plugin's admin
 * off).
 *
 * Figures, each the median of RUNS fresh page loads (new browser context, empty cache):
 * - time from navigation start to the first row of thumbnails painted (every thumbnail of the
 *   top row loaded and a frame drawn after it);
 * - tiles in the DOM while scrolling to the end (the largest count seen) and the time to reach
 *   the end (jumping to the bottom until all 10,000 are loaded, each jump waiting for its page);
 * - for stock Payload: the same first-row time with its default 10 rows a page, and at
 *   `limit=10000` (every asset on one page, the only way to "scroll to the end" there) the
 *   first-row time, the rows in the DOM and the time until the page has loaded.
 *
 *   npm run bench:gallery           # builds the plugin, then this (set REUSE_NEXT_BUILD=1 to skip `next build`)
 *
 * Targets: ≤ 1.5 s to the first row of thumbnails, ≤ 150 tiles in the DOM.
 */
import type { Browser, Page } from 'playwright-core'

import { cpus } from 'node:os'

import { launchChromium, startNextServer } from '../test/helpers/browser'
import { seedGallery } from './gallerySeed'
import { closePayload, migrate, startBenchServices } from './lib/services'
import { describeMachine, formatTable, round, sleep, summarize, writeResult } from './lib/report'
import { s3TargetFromEnv } from './lib/s3Target'

const ASSETS = Number(process.env.BENCH_GALLERY_ASSETS ?? 10_000)
const RUNS = Number(process.env.BENCH_GALLERY_RUNS ?? 5)
const EMAIL = 'bench-gallery@example.com'
const PASSWORD = 'correct horse battery staple'
const TARGET_FIRST_ROW_MS = 1500
const TARGET_TILES = 150
/** Loads of stock Payload's list with every asset on one page (minutes each at 10,000). */
const STOCK_ALL_RUNS = Number(process.env.BENCH_GALLERY_STOCK_ALL_RUNS ?? 1)
/** Pause before each measured load, so the previous one's server work is over. */
const SETTLE_MS = 3000

/**
 * Installed before any page script: records when every thumbnail of the top row has loaded
 * (`window.__firstRowPainted`, ms since navigation start), checking every 10 ms; a decoded image
 * in the DOM is painted with the next frame. (requestAnimationFrame callbacks queued this early
 * never run in headless Chromium, hence the timer.)
 */
const watchFirstRow = (selector: { image: string; row: string }) => {
  const timer = setInterval(() => {
    const rows = [...document.querySelectorAll<HTMLElement>(selector.row)]
    if (!rows.length) return
    const top = Math.min(...rows.map((element) => Math.round(element.getBoundingClientRect().top)))
    const first = rows.filter((element) => Math.round(element.getBoundingClientRect().top) === top)
    const images = first.map((element) => element.querySelector<HTMLImageElement>(selector.image))
    if (images.length && images.every((image) => image && image.complete && image.naturalWidth > 0)) {
      ;(window as unknown as { __firstRowPainted: number }).__firstRowPainted = performance.now()
      clearInterval(timer)
    }
  }, 10)
}

const logIn = async (browser: Browser, url: string) => {
  const context = await browser.newContext({ viewport: { height: 900, width: 1400 } })
  const response = await context.request.post(`${url}/api/users/login`, { data: { email: EMAIL, password: PASSWORD } })
  if (!response.ok()) throw new Error(`login failed: ${response.status()}`)
  const state = await context.storageState()
  await context.close()
  return state
}

/** Opens `path` in a fresh context (empty cache) and answers ms from navigation start to the first row painted. */
const timeFirstRow = async ({
  browser,
  path,
  selector,
  state,
  url,
}: {
  browser: Browser
  path: string
  selector: { image: string; row: string }
  state: Awaited<ReturnType<typeof logIn>>
  url: string
}): Promise<{ domNodes: number; firstRowMs: number; loadMs: number; page: Page; rows: number }> => {
  const context = await browser.newContext({ storageState: state, viewport: { height: 900, width: 1400 } })
  const page = await context.newPage()
  await page.addInitScript(watchFirstRow, selector)
  await page.goto(`${url}${path}`, { timeout: 600_000, waitUntil: 'load' })
  await page.waitForFunction(() => (window as unknown as { __firstRowPainted?: number }).__firstRowPainted, null, {
    timeout: 600_000,
  })
  const figures = await page.evaluate((rowSelector) => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    return {
      domNodes: document.getElementsByTagName('*').length,
      firstRowMs: (window as unknown as { __firstRowPainted: number }).__firstRowPainted,
      loadMs: navigation?.loadEventEnd ?? 0,
      rows: document.querySelectorAll(rowSelector).length,
    }
  }, selector.row)
  return { ...figures, page }
}

/** Jumps to the bottom until the grid holds every asset; answers the time, the most tiles seen and the DOM size. */
const scrollToEnd = async (page: Page, total: number) => {
  const started = performance.now()
  let mostTiles = 0
  let mostNodes = 0
  for (let step = 0; step < 5000; step++) {
    const { loaded, nodes, tiles } = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight)
      return {
        loaded: Number(document.querySelector('.ga-grid')?.getAttribute('data-loaded') ?? 0),
        nodes: document.getElementsByTagName('*').length,
        tiles: document.querySelectorAll('.ga-tile').length,
      }
    })
    mostTiles = Math.max(mostTiles, tiles)
    mostNodes = Math.max(mostNodes, nodes)
    if (loaded >= total) {
      await page.waitForFunction(
        (last) => Boolean(document.querySelector(`.ga-tile[data-index="${last}"]`)),
        total - 1,
        { polling: 'raf', timeout: 30_000 },
      )
      break
    }
    await page.waitForFunction(
      (before) => Number(document.querySelector('.ga-grid')?.getAttribute('data-loaded') ?? 0) > before,
      loaded,
      { polling: 'raf', timeout: 30_000 },
    )
  }
  const endMs = performance.now() - started
  const atEnd = await page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    tiles: document.querySelectorAll('.ga-tile').length,
  }))
  return {
    endMs,
    mostNodes: Math.max(mostNodes, atEnd.nodes),
    mostTiles: Math.max(mostTiles, atEnd.tiles),
    tilesAtEnd: atEnd.tiles,
  }
}

const main = async () => {
  const services = await startBenchServices({ name: 'gallery' })
  const { getPayload } = await import('payload')
  const config = (await import('../payload.config')).default
  const payload = await getPayload({ config })
  let servers: { stop: () => Promise<void> }[] = []
  let browser: Browser | undefined
  const stopAll = async () => {
    await browser?.close().catch(() => undefined)
    for (const server of servers.reverse()) await server.stop().catch(() => undefined)
    servers = []
    await services.stop()
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)))
  }
  try {
    await migrate(payload)
    const user = await payload.create({ collection: 'users', data: { email: EMAIL, password: PASSWORD } })
    const seedStarted = performance.now()
    await seedGallery({
      count: ASSETS,
      onProgress: (message) => console.log(`seed: ${message}`),
      payload,
      s3: s3TargetFromEnv(),
      userId: user.id,
    })
    console.log(`seeded ${ASSETS} assets in ${round((performance.now() - seedStarted) / 1000)} s`)
    await closePayload(payload)

    const ours = await startNextServer()
    servers.push(ours)
    process.env.GENERATED_ASSETS_STOCK_LIST_VIEW = '1'
    process.env.REUSE_NEXT_BUILD = '1'
    const stock = await startNextServer()
    servers.push(stock)
    delete process.env.GENERATED_ASSETS_STOCK_LIST_VIEW
    browser = await launchChromium()
    const oursState = await logIn(browser, ours.url)
    const stockState = await logIn(browser, stock.url)
    const listPath = '/admin/collections/generated-assets'
    const oursSelector = { image: 'img.ga-tile__thumb', row: '.ga-tile' }
    const stockSelector = { image: 'img', row: '.table tbody tr' }

    // Warm both servers (the first request of a route compiles nothing in production, but opens pools).
    for (const [server, state, selector] of [
      [ours, oursState, oursSelector],
      [stock, stockState, stockSelector],
    ] as const) {
      const warm = await timeFirstRow({ browser, path: `${listPath}?limit=10`, selector, state, url: server.url })
      await warm.page.context().close()
    }

    const oursFirst: number[] = []
    const oursTiles: number[] = []
    const oursNodes: number[] = []
    const oursEnd: number[] = []
    const oursEndTiles: number[] = []
    const stockFirst: number[] = []
    const stockRows: number[] = []
    const stockAllFirst: number[] = []
    const stockAllLoad: number[] = []
    const stockAllRows: number[] = []
    const stockAllNodes: number[] = []
    for (let run = 0; run < RUNS; run++) {
      await sleep(SETTLE_MS)
      const gallery = await timeFirstRow({
        browser,
        path: listPath,
        selector: oursSelector,
        state: oursState,
        url: ours.url,
      })
      oursFirst.push(gallery.firstRowMs)
      const scrolled = await scrollToEnd(gallery.page, ASSETS)
      oursTiles.push(scrolled.mostTiles)
      oursNodes.push(scrolled.mostNodes)
      oursEnd.push(scrolled.endMs)
      oursEndTiles.push(scrolled.tilesAtEnd)
      await gallery.page.context().close()

      await sleep(SETTLE_MS)
      // `limit=10` (Payload's default) explicitly: the list view keeps the last limit in the user's preferences.
      const list = await timeFirstRow({
        browser,
        path: `${listPath}?limit=10`,
        selector: stockSelector,
        state: stockState,
        url: stock.url,
      })
      stockFirst.push(list.firstRowMs)
      stockRows.push(list.rows)
      await list.page.context().close()
      console.log(
        `run ${run + 1}: ours first row ${round(gallery.firstRowMs)} ms, most tiles ${scrolled.mostTiles}, end in ${round(scrolled.endMs)} ms; ` +
          `stock first row ${round(list.firstRowMs)} ms (${list.rows} rows)`,
      )
    }
    // Last, as it keeps the stock server busy for minutes: every asset on one page, the stock way to the end.
    for (let run = 0; run < STOCK_ALL_RUNS; run++) {
      await sleep(SETTLE_MS)
      const all = await timeFirstRow({
        browser,
        path: `${listPath}?limit=${ASSETS}`,
        selector: stockSelector,
        state: stockState,
        url: stock.url,
      })
      stockAllFirst.push(all.firstRowMs)
      stockAllLoad.push(all.loadMs)
      stockAllRows.push(all.rows)
      stockAllNodes.push(all.domNodes)
      await all.page.context().close()
      console.log(
        `stock, all ${ASSETS} on one page: first row ${round(all.firstRowMs)} ms, load ${round(all.loadMs)} ms, ${all.rows} rows, ${all.domNodes} elements`,
      )
    }

    const median = (values: number[]) => summarize(values).p50
    const rows: (number | string)[][] = [
      ['figure', 'gallery (ours)', 'stock list view', 'target'],
      [
        'first row of thumbnails painted (ms, median)',
        round(median(oursFirst)),
        `${round(median(stockFirst))} (10 rows/page)`,
        `≤ ${TARGET_FIRST_ROW_MS}`,
      ],
      ['', '', `${round(median(stockAllFirst))} (all ${ASSETS} on one page)`, ''],
      [
        'tiles / rows in the DOM while scrolling to the end (max)',
        Math.max(...oursTiles),
        `${Math.max(...stockAllRows)} (all on one page)`,
        `≤ ${TARGET_TILES}`,
      ],
      ['DOM elements at the end (max)', Math.max(...oursNodes), Math.max(...stockAllNodes), ''],
      [
        'time to the end (ms, median)',
        round(median(oursEnd)),
        `${round(median(stockAllLoad))} (load of the one page)`,
        '',
      ],
    ]
    console.log(`\n${formatTable(rows)}\n(${cpus().length} cores, ${RUNS} runs)`)
    const pass = median(oursFirst) <= TARGET_FIRST_ROW_MS && Math.max(...oursTiles) <= TARGET_TILES
    await writeResult({
      baseline: { label: 'stock Payload list view, first row of thumbnails', unit: 'ms', value: median(stockFirst) },
      date: new Date().toISOString(),
      details: {
        assets: ASSETS,
        ours: {
          endMs: summarize(oursEnd),
          firstRowMs: summarize(oursFirst),
          mostDomElements: Math.max(...oursNodes),
          mostTiles: Math.max(...oursTiles),
          tilesAtEnd: oursEndTiles,
        },
        runs: RUNS,
        stock: {
          allOnOnePage: {
            domElements: summarize(stockAllNodes),
            firstRowMs: summarize(stockAllFirst),
            loadMs: summarize(stockAllLoad),
            rows: Math.max(...stockAllRows),
          },
          defaultPage: { firstRowMs: summarize(stockFirst), rows: Math.max(...stockRows) },
        },
      },
      machine: describeMachine(),
      name: 'galleryBench',
      notes: [
        'Fresh browser context (empty cache) per page load; both servers warmed with one load first.',
        'Scrolling to the end jumps to the bottom and waits for each keyset page (100 assets).',
        'Stock Payload paginates (10 rows by default); limit=10000 puts every asset on one page for the DOM-size comparison.',
      ],
      ours: { label: 'gallery, first row of thumbnails', unit: 'ms', value: median(oursFirst) },
      target: { description: `first row ≤ ${TARGET_FIRST_ROW_MS} ms and ≤ ${TARGET_TILES} tiles in the DOM`, pass },
      title: `Admin gallery at ${ASSETS.toLocaleString('en')} assets`,
    })
  } finally {
    await stopAll()
  }
}

await main()
process.exit(0)
