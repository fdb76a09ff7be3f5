import type { PayloadRequest } from 'payload'

import type { SharedBoard } from './findSharedBoard.js'
import type { BoardReviewItem } from './readBoardItems.js'

import { getTranslate } from '../translations/getTranslate.js'
import { escapeHTML } from '../utilities/escapeHTML.js'
import { MAX_REVIEW_COMMENT_LENGTH, MAX_REVIEWER_NAME_LENGTH } from './getReviewsCollection.js'

/** Width a card shows its media at, in CSS pixels: the `sizes` of each image's `srcset`. */
const CARD_WIDTH = 360

/**
 * The script of the review page: the verdict buttons and comment forms post JSON to the item's
 * review route and show what the server stored; the visitor's name is kept in `localStorage`.
 * Messages come from the page's `data-` attributes (the visitor's language).
 */
const SCRIPT = `(() => {
  const root = document.querySelector('main');
  const nameInput = document.getElementById('reviewer-name');
  try { nameInput.value = localStorage.getItem('generated-assets-reviewer') || ''; } catch {}
  nameInput.addEventListener('change', () => { try { localStorage.setItem('generated-assets-reviewer', nameInput.value); } catch {} });
  const send = async (card, body) => {
    const status = card.querySelector('.status');
    status.textContent = root.dataset.sending;
    const name = nameInput.value.trim();
    const response = await fetch(card.dataset.reviewUrl, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(name ? { ...body, name } : body),
    }).catch(() => null);
    const answer = response ? await response.json().catch(() => ({})) : {};
    if (!response || !response.ok) { status.textContent = (answer.errors && answer.errors[0] && answer.errors[0].message) || root.dataset.failed; return null; }
    status.textContent = root.dataset.saved;
    for (const button of card.querySelectorAll('[data-verdict]')) button.setAttribute('aria-pressed', String(button.dataset.verdict === answer.verdict));
    card.dataset.current = answer.verdict || '';
    const list = card.querySelector('ul');
    list.replaceChildren(...answer.comments.map((entry) => {
      const li = document.createElement('li');
      const who = document.createElement('b');
      who.textContent = entry.name || root.dataset.anonymous;
      li.append(who, ' ', entry.comment);
      return li;
    }));
    return answer;
  };
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-verdict]');
    if (!button) return;
    const card = button.closest('[data-review-url]');
    send(card, { verdict: card.dataset.current === button.dataset.verdict ? null : button.dataset.verdict });
  });
  root.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const text = form.elements.comment.value.trim();
    if (!text) return;
    if (await send(form.closest('[data-review-url]'), { comment: text })) form.reset();
  });
})();`

/**
 * The public review page of a board (HTML, no admin chrome, `noindex`): the board's title and
 * description, then each item with its media (images with a `srcset` of the review link's
 * renditions, videos with their poster), approve and reject buttons, the comments left so far and
 * a comment form. Prompts and settings only when the board shows them. All text is escaped; labels
 * and `lang` follow the request's language.
 */
export const renderReviewPage = ({
  board,
  items,
  req,
}: {
  board: SharedBoard
  items: BoardReviewItem[]
  req: Pick<PayloadRequest, 'i18n' | 't'>
}): string => {
  const { locale, plural, t } = getTranslate({ req })
  const cards = items.map((item) => {
    const label = escapeHTML(item.alt || board.title)
    const dimensions = item.width && item.height ? ` width="${item.width}" height="${item.height}"` : ''
    const srcset = item.sizes.length
      ? ` srcset="${escapeHTML(item.sizes.map(({ url, width }) => `${url} ${width}w`).join(', '))}" sizes="${CARD_WIDTH}px"`
      : ''
    const media =
      item.kind === 'video'
        ? `<video src="${escapeHTML(item.url)}" controls playsinline preload="none"${item.posterUrl ? ` poster="${escapeHTML(item.posterUrl)}"` : ''}${dimensions}></video>`
        : `<img src="${escapeHTML(item.sizes[0]?.url ?? item.url)}"${srcset} alt="${label}" loading="lazy"${dimensions}>`
    const prompt = item.prompt ? `<p class="prompt">${escapeHTML(item.prompt)}</p>` : ''
    const comments = item.comments
      .map((entry) => `<li><b>${escapeHTML(entry.name || t('generatedAssets:reviewAnonymous'))}</b> ${escapeHTML(entry.comment)}</li>`)
      .join('')
    const reviewUrl = `${item.url.slice(0, -'/file'.length)}/review`
    return `<article data-review-url="${escapeHTML(reviewUrl)}" data-current="${item.verdict ?? ''}">
<figure>${media}</figure>${prompt}
<div class="verdicts">
<button type="button" data-verdict="approved" aria-pressed="${item.verdict === 'approved'}">${escapeHTML(t('generatedAssets:reviewApprove'))}</button>
<button type="button" data-verdict="rejected" aria-pressed="${item.verdict === 'rejected'}">${escapeHTML(t('generatedAssets:reviewReject'))}</button>
<span class="status" role="status"></span>
</div>
<ul>${comments}</ul>
<form><label>${escapeHTML(t('generatedAssets:reviewComment'))}<textarea name="comment" rows="2" maxlength="${MAX_REVIEW_COMMENT_LENGTH}"></textarea></label><button type="submit">${escapeHTML(t('generatedAssets:reviewSend'))}</button></form>
</article>`
  })
  return `<!doctype html>
<html lang="${escapeHTML(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHTML(board.title)}</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; background: #111; color: #eee; }
  main { max-width: 1200px; margin: 0 auto; padding: 24px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(${CARD_WIDTH}px, 1fr)); gap: 20px; }
  article { background: #1b1b1b; border-radius: 12px; padding: 12px; }
  figure { margin: 0; border-radius: 8px; overflow: hidden; background: #000; }
  img, video { display: block; width: 100%; height: auto; }
  .prompt { white-space: pre-wrap; color: #bbb; font-size: 0.9em; }
  .verdicts { display: flex; gap: 8px; align-items: center; margin: 10px 0; }
  button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #555; background: #222; color: inherit; cursor: pointer; }
  button[aria-pressed="true"][data-verdict="approved"] { background: #1e5130; border-color: #3c9a5f; }
  button[aria-pressed="true"][data-verdict="rejected"] { background: #5a1d1d; border-color: #b04444; }
  textarea, input { display: block; width: 100%; box-sizing: border-box; font: inherit; margin: 4px 0; background: #0d0d0d; color: inherit; border: 1px solid #444; border-radius: 6px; }
  ul { padding-left: 18px; } li { margin: 4px 0; word-break: break-word; white-space: pre-wrap; }
  .status { color: #aaa; font-size: 0.85em; }
</style>
</head>
<body>
<main data-sending="${escapeHTML(t('generatedAssets:reviewSending'))}" data-saved="${escapeHTML(t('generatedAssets:reviewSaved'))}" data-failed="${escapeHTML(t('generatedAssets:reviewFailed'))}" data-anonymous="${escapeHTML(t('generatedAssets:reviewAnonymous'))}">
<h1>${escapeHTML(board.title)}</h1>
${board.description ? `<p class="description">${escapeHTML(board.description)}</p>` : ''}
<p>${escapeHTML(plural('generatedAssets:assetCount', { count: items.length }))}</p>
<label>${escapeHTML(t('generatedAssets:reviewName'))}<input id="reviewer-name" maxlength="${MAX_REVIEWER_NAME_LENGTH}" autocomplete="name"></label>
<div class="grid">
${cards.join('\n')}
</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>`
}
