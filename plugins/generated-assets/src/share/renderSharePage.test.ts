import { describe, expect, it } from 'vitest'

import { translations } from '../translations/index.js'
import { renderSharePage } from './renderSharePage.js'

/** A request in `language`, with Payload's `t` in short (the catalogue's text, vars filled in). */
const requestIn = (language: 'de' | 'en') => {
  const catalogue = translations[language]!.translations.generatedAssets as Record<string, string>
  const t = (key: string, vars: Record<string, unknown> = {}) =>
    (catalogue[key.split(':')[1]!] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]))
  return { i18n: { language, translations: { generatedAssets: catalogue } }, t } as never
}

const asset = {
  duration: null,
  height: 768,
  imageSizes: [],
  inferenceTime: 3.14,
  kind: 'image',
  model: 'local/image',
  modelName: 'Local (offline)',
  posterUrl: null,
  prompt: 'A <fox>',
  width: 1024,
} as never

describe('renderSharePage', () => {
  it("labels the page in the request's language, with its number format and lang", () => {
    const html = renderSharePage({ asset, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('de') })
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('<dt>Generierungsdauer</dt><dd>3,1 s</dd>')
    expect(html).toContain('>Herunterladen</a>')
    expect(html).toContain('<dd>A &#60;fox&#62;</dd>')
  })

  it('reads as before in English', () => {
    const html = renderSharePage({ asset, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') })
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<dt>Took</dt><dd>3.1 s</dd>')
    expect(html).toContain('<dt>Size</dt><dd>1024 × 768</dd>')
    expect(html).toContain('>Download</a>')
  })

  it("describes the image with the asset's alt text, escaped, in the img and for Open Graph", () => {
    const described = { ...(asset as object), alt: 'A red "fox" & snow' } as never
    const html = renderSharePage({ asset: described, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') })
    const quote = '(&quot;|&#34;)'
    const escaped = `A red ${quote}fox${quote} (&amp;|&#38;) snow`
    expect(html).toMatch(new RegExp(`<img [^>]*alt="${escaped}"`))
    expect(html).toMatch(new RegExp(`<meta property="og:image:alt" content="${escaped}">`))
    // Without alt text, the prompt stands in.
    expect(renderSharePage({ asset, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') })).toMatch(
      /<img [^>]*alt="A (&lt;|&#60;)fox(&gt;|&#62;)"/,
    )
  })

  it('gives an image a srcset of its renditions by width, and a video none', () => {
    const imageSizes = [
      { height: 360, mimeType: 'image/webp', name: 'thumbnail', url: 'https://cms.test/p/sizes/thumbnail', width: 480 },
      { height: 768, mimeType: 'image/png', name: 'original', url: 'https://cms.test/p/sizes/original', width: 1024 },
    ]
    const html = renderSharePage({
      asset: { ...(asset as object), imageSizes } as never,
      fileUrl: 'https://cms.test/f',
      pageUrl: 'https://cms.test/p',
      req: requestIn('en'),
    })
    expect(html).toMatch(
      /<img src="https:\/\/cms.test\/f" srcset="https:\/\/cms.test\/p\/sizes\/thumbnail 480w, https:\/\/cms.test\/p\/sizes\/original 1024w" sizes="min\(1024px, calc\(96vw - 48px\), 1052px\)"/,
    )
    const video = renderSharePage({
      asset: { ...(asset as object), imageSizes, kind: 'video' } as never,
      fileUrl: 'https://cms.test/f',
      pageUrl: 'https://cms.test/p',
      req: requestIn('en'),
    })
    expect(video).not.toContain('srcset')
  })

  it('labels an AI-generated asset visibly, in the visitor\'s language, and in meta tags; an import gets neither', () => {
    const generated = {
      ...(asset as object),
      aiDisclosure: {
        c2pa: 'none',
        digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
        isAIGenerated: true,
        model: 'local-image',
        provider: 'local',
      },
    } as never
    const english = renderSharePage({ asset: generated, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') })
    expect(english).toMatch(/<\/figure>\s*<p class="ai-label" role="note">AI-generated<\/p>/)
    expect(english).toContain('<meta name="ai-generated" content="true">')
    expect(english).toContain(
      '<meta name="digital-source-type" content="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia">',
    )
    const german = renderSharePage({ asset: generated, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('de') })
    expect(german).toContain('<p class="ai-label" role="note">KI-generiert</p>')
    const imported = {
      ...(asset as object),
      aiDisclosure: { c2pa: 'none', digitalSourceType: null, isAIGenerated: false, model: null, provider: null },
    } as never
    for (const page of [
      renderSharePage({ asset: imported, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') }),
      renderSharePage({ asset, fileUrl: 'https://cms.test/f', pageUrl: 'https://cms.test/p', req: requestIn('en') }),
    ]) {
      expect(page).not.toContain('class="ai-label"')
      expect(page).not.toContain('name="ai-generated"')
      expect(page).not.toContain('digital-source-type')
    }
  })
})
