'use client'
import React, { useEffect, useState } from 'react'

import type { GalleryAsset } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/** Seconds between reads of the reviews while the viewer shows an asset (a comment changes no asset field). */
const POLL_SECONDS = 5

type Review = { comment?: null | string; createdAt: string; id: number | string; name?: null | string; verdict?: 'approved' | 'rejected' | null }

/**
 * The viewer's "Reviews" section: the verdicts and comments visitors left on the asset through
 * board review links (the reviews collection, newest first, as Payload's REST answers the editor:
 * its access applies), with the visitor's name and the time in the admin's language. Read when the
 * asset is shown, when its verdict changes (a live event), and every few seconds while it is open;
 * hidden while there are none. Comments are text (React escapes them).
 */
export const ViewerReviews: React.FC<{ asset: GalleryAsset; reviewsURL: string }> = ({ asset, reviewsURL }) => {
  const { date, t } = useGalleryTranslation()
  const [reviews, setReviews] = useState<{ docs: Review[]; id: number | string } | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    const load = () =>
      fetch(`${reviewsURL}?where[asset][equals]=${encodeURIComponent(String(asset.id))}&sort=-createdAt&limit=50&depth=0`, {
        credentials: 'include',
        signal: controller.signal,
      })
        .then(async (response) => (response.ok ? ((await response.json()) as { docs: Review[] }).docs : []))
        .then((docs) => setReviews({ docs, id: asset.id }), () => undefined)
    void load()
    const timer = setInterval(load, POLL_SECONDS * 1000)
    return () => {
      clearInterval(timer)
      controller.abort()
    }
  }, [asset.id, asset.verdict, reviewsURL])
  const docs = reviews && reviews.id === asset.id ? reviews.docs : []
  if (!docs.length) return null
  return (
    <section aria-labelledby="ga-viewer-reviews-title" className="ga-viewer__reviews">
      <h3 className="ga-viewer__provenance-title" id="ga-viewer-reviews-title">
        {t('generatedAssets:reviews')}
      </h3>
      <ul className="ga-viewer__review-list">
        {docs.map((review) => (
          <li data-review={review.id} key={review.id}>
            <strong>{review.name || t('generatedAssets:reviewAnonymous')}</strong>{' '}
            {review.verdict ? (
              <span className={`ga-badge ga-badge--verdict ga-badge--${review.verdict}`}>
                {review.verdict === 'approved' ? t('generatedAssets:verdictApproved') : t('generatedAssets:verdictRejected')}
              </span>
            ) : null}{' '}
            <time dateTime={review.createdAt}>{date(review.createdAt)}</time>
            {review.comment ? <p className="ga-viewer__review-comment">{review.comment}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
