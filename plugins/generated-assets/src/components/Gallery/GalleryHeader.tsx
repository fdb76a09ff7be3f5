'use client'
import { Button, SetStepNav } from '@payloadcms/ui'
import React from 'react'

import type { GalleryMode } from '../types.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'

/**
 * The view's header in Payload's list-header markup: the collection's title, the tabs between
 * the gallery and its trash (Payload's own list view tabs), and in the trash how long assets are
 * kept and an Empty trash button. Sets the breadcrumb as Payload's list view does.
 */
export const GalleryHeader: React.FC<{
  adminURL: string
  canEmptyTrash: boolean
  mode: GalleryMode
  onEmptyTrash: () => void
  retentionDays: number
  title: string
}> = ({ adminURL, canEmptyTrash, mode, onEmptyTrash, retentionDays, title }) => {
  const { plural, t } = useGalleryTranslation()
  const isTrash = mode === 'trash'
  const trash = t('generatedAssets:trash')
  return (
    <header className="list-header ga-header">
      <SetStepNav nav={isTrash ? [{ label: title, url: adminURL }, { label: trash }] : [{ label: title }]} />
      <div className="list-header__content">
        <div className="list-header__title-and-actions">
          <h1 className="list-header__title">{isTrash ? t('generatedAssets:titleTrash', { title }) : title}</h1>
          {isTrash && canEmptyTrash ? (
            <div className="list-header__title-actions">
              <Button
                buttonStyle="pill"
                className="ga-header__empty-trash"
                id="ga-empty-trash"
                margin={false}
                onClick={onEmptyTrash}
                size="small"
                type="button"
              >
                {t('generatedAssets:emptyTrash')}
              </Button>
            </div>
          ) : null}
        </div>
        <div className="list-header__actions">
          <div className="default-list-view-tabs">
            <Button
              buttonStyle="tab"
              className={`default-list-view-tabs__button${isTrash ? '' : ' default-list-view-tabs__button--active'}`}
              disabled={!isTrash}
              el="link"
              id="ga-tab-all"
              margin={false}
              to={adminURL}
            >
              {t('generatedAssets:all', { title })}
            </Button>
            <Button
              buttonStyle="tab"
              className={`default-list-view-tabs__button${isTrash ? ' default-list-view-tabs__button--active' : ''}`}
              disabled={isTrash}
              el="link"
              id="ga-tab-trash"
              margin={false}
              to={`${adminURL}/trash`}
            >
              {trash}
            </Button>
          </div>
        </div>
      </div>
      {isTrash ? (
        <p className="ga-header__retention" data-retention-days={retentionDays}>
          {plural('generatedAssets:retentionNotice', { count: retentionDays })}
        </p>
      ) : null}
    </header>
  )
}
