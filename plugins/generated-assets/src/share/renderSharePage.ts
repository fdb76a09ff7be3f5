import type { PayloadRequest } from 'payload'

import type { NormalizedAsset } from '../utilities/normalizeAsset.js'

import { getTranslate } from '../translations/getTranslate.js'
import { escapeHTML } from '../utilities/escapeHTML.js'


/**
 * The public share page (HTML, no admin chrome): the media, prompt, model, took and duration,
 * with Open Graph and Twitter card tags (absolute URLs) so links unfurl in chat apps. An asset
 * the plugin generated (`aiDisclosure.isAIGenerated`) is labelled "AI-generated" under the media
 * and says so to machines in `<meta name="ai-generated" content="true">` and
 * `<meta name="digital-source-type">` (its IPTC Digital Source Type code), the disclosure of
 * EU AI Act Article 50 (https://artificialintelligenceact.eu/article/50/).
 * `fileUrl` is the share file URL (stable), not a storage URL; an image also gets a `srcset` of
 * its `imageSizes` (whose URLs are the share routes'), so a phone loads a small rendition. Labels, numbers and the page's
 * `lang` follow the request's language (`req.i18n`: the visitor's `Accept-Language` among the
 * languages the host supports).
 */
export const renderSharePage = ({
  asset,
  fileUrl,
  pageUrl,
  req,
}: {
  asset: NormalizedAsset
  fileUrl: string
  pageUrl: string
  req: Pick<PayloadRequest, 'i18n' | 't'>
}): string => {
  const { locale, seconds, t } = getTranslate({ req })
  const title = asset.prompt ? asset.prompt.slice(0, 120) : t('generatedAssets:shareTitle')
  const isVideo = asset.kind === 'video'
  const details = [
    [t('generatedAssets:detailPrompt'), asset.prompt],
    [t('generatedAssets:detailModel'), asset.modelName ?? asset.model],
    [t('generatedAssets:detailTook'), seconds(asset.inferenceTime)],
    [t('generatedAssets:detailDuration'), isVideo ? seconds(asset.duration) : null],
    [t('generatedAssets:detailSize'), asset.width && asset.height ? `${asset.width} × ${asset.height}` : null],
  ].filter((row): row is [string, string] => Boolean(row[1]))
  // The renditions by width (https://html.spec.whatwg.org/multipage/images.html#srcset-attributes).
  // `sizes` is the width the image is shown at: never wider than the image itself (with `w`
  // descriptors the chosen rendition's density follows `sizes`, so a larger value would scale the
  // image up), the page's 1052 px of content, or 96% of the viewport less the page's padding.
  const srcset =
    !isVideo && asset.imageSizes.length > 1
      ? ` srcset="${escapeHTML(asset.imageSizes.map(({ url, width }) => `${url} ${width}w`).join(', '))}" sizes="min(${Math.max(...asset.imageSizes.map(({ width }) => width))}px, calc(96vw - 48px), 1052px)"`
      : ''
  const media = isVideo
    ? `<video src="${escapeHTML(fileUrl)}" controls playsinline${asset.posterUrl ? ` poster="${escapeHTML(asset.posterUrl)}"` : ''}></video>`
    : `<img src="${escapeHTML(fileUrl)}"${srcset} alt="${escapeHTML(asset.alt || title)}"${asset.width && asset.height ? ` width="${asset.width}" height="${asset.height}"` : ''}>`
  const ogMedia = isVideo
    ? [
        `<meta property="og:type" content="video.other">`,
        `<meta property="og:video" content="${escapeHTML(fileUrl)}">`,
        asset.posterUrl ? `<meta property="og:image" content="${escapeHTML(asset.posterUrl)}">` : '',
        `<meta name="twitter:card" content="player">`,
      ]
    : [
        `<meta property="og:type" content="website">`,
        `<meta property="og:image" content="${escapeHTML(fileUrl)}">`,
        asset.width ? `<meta property="og:image:width" content="${asset.width}">` : '',
        asset.height ? `<meta property="og:image:height" content="${asset.height}">` : '',
        `<meta property="og:image:alt" content="${escapeHTML(asset.alt || title)}">`,
        `<meta name="twitter:card" content="summary_large_image">`,
        `<meta name="twitter:image" content="${escapeHTML(fileUrl)}">`,
      ]
  const disclosure = asset.aiDisclosure?.isAIGenerated ? asset.aiDisclosure : null
  const disclosureMeta = disclosure
    ? [
        `<meta name="ai-generated" content="true">`,
        disclosure.digitalSourceType
          ? `<meta name="digital-source-type" content="${escapeHTML(disclosure.digitalSourceType)}">`
          : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n'
    : ''
  const disclosureLabel = disclosure
    ? `<p class="ai-label" role="note">${escapeHTML(t('generatedAssets:aiGenerated'))}</p>\n`
    : ''
  return `<!doctype html>
<html lang="${escapeHTML(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHTML(title)}</title>
<meta property="og:title" content="${escapeHTML(title)}">
<meta property="og:url" content="${escapeHTML(pageUrl)}">
<meta name="twitter:title" content="${escapeHTML(title)}">
${ogMedia.filter(Boolean).join('\n')}
${disclosureMeta}<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #111; color: #eee; }
  main { max-width: min(96vw, 1100px); padding: 24px; }
  figure { margin: 0; border-radius: 12px; overflow: hidden; background: #000; }
  /* Both sides auto: the width and height attributes give the ratio, the max sizes scale it down whole (no squashing of tall images). */
  img, video { display: block; width: auto; height: auto; max-width: 100%; max-height: 78vh; margin: 0 auto; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 16px 0 0; }
  dt { color: #999; } dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
  a { color: #8ab4ff; }
  .ai-label { display: inline-block; margin: 12px 0 0; padding: 2px 10px; border: 1px solid #666; border-radius: 999px; font-size: 0.85em; color: #ccc; }
</style>
</head>
<body>
<main>
<figure>${media}</figure>
${disclosureLabel}<dl>${details.map(([label, value]) => `<dt>${escapeHTML(label)}</dt><dd>${escapeHTML(value)}</dd>`).join('')}</dl>
<p><a href="${escapeHTML(fileUrl)}?download=1">${escapeHTML(t('generatedAssets:download'))}</a></p>
</main>
</body>
</html>`
}
