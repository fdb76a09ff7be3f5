'use client'
import { AnimateHeight, ChevronIcon, Pill, ReactSelect, SearchFilter, SearchIcon } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryCreator, GalleryMode, GalleryModel } from '../types.js'
import type { GalleryFilterState } from './galleryFilters.js'

import { useGalleryTranslation } from '../useGalleryTranslation.js'
import { countActiveFilters, EMPTY_FILTERS } from './galleryFilters.js'
import { STATUS_KEYS } from '../../translations/statusKeys.js'

type Option = { label: string; value: string }

const ANY = ''

/** One labelled select of the filter panel (Payload's ReactSelect, as its own filters use). */
const FilterSelect: React.FC<{
  label: string
  name: string
  onChange: (value: string) => void
  options: Option[]
  value: string
}> = ({ label, name, onChange, options, value }) => (
  <div className={`ga-filter ga-filter--${name}`}>
    <span className="ga-filter__label" id={`ga-filter-${name}-label`}>
      {label}
    </span>
    <ReactSelect
      inputId={`ga-filter-${name}`}
      isClearable={false}
      isSearchable={options.length > 8}
      onChange={(option) => onChange(String((option as Option | undefined)?.value ?? ANY))}
      options={options}
      value={options.find((option) => option.value === value) ?? options[0]}
    />
  </div>
)

/**
 * The gallery's search and filters, styled like Payload's own list controls: a prompt search
 * (debounced by Payload's SearchFilter; the search runs in the database), a Filters pill that
 * opens kind, model, status, starred, creator and date range, and an order pill. `ref` is the
 * toolbar's element (the gallery scrolls back to it when the filter changes).
 */
export const GalleryToolbar: React.FC<{
  creators: GalleryCreator[]
  filters: GalleryFilterState
  mode: GalleryMode
  models: GalleryModel[]
  onChange: (filters: GalleryFilterState) => void
  ref?: React.Ref<HTMLDivElement>
}> = ({ creators, filters, mode, models, onChange, ref }) => {
  const { t } = useGalleryTranslation()
  const kindOptions: Option[] = [
    { label: t('generatedAssets:anyKind'), value: ANY },
    { label: t('generatedAssets:images'), value: 'image' },
    { label: t('generatedAssets:videos'), value: 'video' },
  ]
  const statusOptions: Option[] = [
    { label: t('generatedAssets:anyStatus'), value: ANY },
    ...(['ready', 'queued', 'generating', 'ingesting', 'failed'] as const).map((status) => ({
      label: t(STATUS_KEYS[status]),
      value: status,
    })),
  ]
  const starredOptions: Option[] = [
    { label: t('generatedAssets:starredOrNot'), value: ANY },
    { label: t('generatedAssets:starredOnly'), value: 'true' },
  ]
  const orderOptions: Option[] = [
    { label: t('generatedAssets:newestFirst'), value: 'newest' },
    { label: t('generatedAssets:oldestFirst'), value: 'oldest' },
  ]
  const orderLabel = filters.order === 'newest' ? orderOptions[0]!.label : orderOptions[1]!.label
  const active = countActiveFilters(filters)
  const [isOpen, setIsOpen] = useState(active > 0)
  const set = (change: Partial<GalleryFilterState>) => onChange({ ...filters, ...change })
  const modelOptions: Option[] = [
    { label: t('generatedAssets:anyModel'), value: ANY },
    ...models.map((model) => ({ label: model.label, value: model.key })),
    // A model no longer configured still filters its old assets (a bookmarked URL, say).
    ...(filters.model && !models.some((model) => model.key === filters.model)
      ? [{ label: filters.model, value: filters.model }]
      : []),
  ]
  const creatorOptions: Option[] = [
    { label: t('generatedAssets:anyone'), value: ANY },
    ...creators.map((creator) => ({ label: creator.label, value: String(creator.id) })),
    ...(filters.creator && !creators.some((creator) => String(creator.id) === filters.creator)
      ? [{ label: t('generatedAssets:user', { id: filters.creator }), value: filters.creator }]
      : []),
  ]
  return (
    <div className="list-controls ga-toolbar" ref={ref}>
      <div className="search-bar">
        <SearchIcon />
        <SearchFilter
          handleChange={(q) => set({ q: q ?? '' })}
          label={mode === 'trash' ? t('generatedAssets:searchTrash') : t('generatedAssets:search')}
          searchQueryParam={filters.q}
        />
        <div className="search-bar__actions">
          <Pill
            aria-controls="ga-filters"
            aria-expanded={isOpen}
            className="ga-toolbar__toggle-filters"
            icon={<ChevronIcon direction={isOpen ? 'up' : 'down'} />}
            id="ga-toggle-filters"
            onClick={() => setIsOpen(!isOpen)}
            pillStyle="light"
            size="small"
          >
            {active ? t('generatedAssets:filtersActive', { count: active }) : t('generatedAssets:filters')}
          </Pill>
          <Pill
            aria-label={t('generatedAssets:orderLabel', { order: orderLabel })}
            className="ga-toolbar__order"
            id="ga-toggle-order"
            onClick={() => set({ order: filters.order === 'newest' ? 'oldest' : 'newest' })}
            pillStyle="light"
            size="small"
          >
            {orderLabel}
          </Pill>
        </div>
      </div>
      <AnimateHeight className="ga-toolbar__filters" height={isOpen ? 'auto' : 0} id="ga-filters">
        <div className="ga-filters">
          <FilterSelect
            label={t('generatedAssets:kind')}
            name="kind"
            onChange={(kind) => set({ kind: kind as GalleryFilterState['kind'] })}
            options={kindOptions}
            value={filters.kind}
          />
          <FilterSelect
            label={t('generatedAssets:model')}
            name="model"
            onChange={(model) => set({ model })}
            options={modelOptions}
            value={filters.model}
          />
          <FilterSelect
            label={t('generatedAssets:status')}
            name="status"
            onChange={(status) => set({ status: status as GalleryFilterState['status'] })}
            options={statusOptions}
            value={filters.status}
          />
          <FilterSelect
            label={t('generatedAssets:starredFilter')}
            name="starred"
            onChange={(starred) => set({ starred: starred === 'true' })}
            options={starredOptions}
            value={filters.starred ? 'true' : ANY}
          />
          {mode === 'list' ? (
            <FilterSelect
              label={t('generatedAssets:verdictFilter')}
              name="verdict"
              onChange={(verdict) => set({ verdict: verdict as GalleryFilterState['verdict'] })}
              options={[
                { label: t('generatedAssets:verdictAny'), value: ANY },
                { label: t('generatedAssets:verdictApproved'), value: 'approved' },
                { label: t('generatedAssets:verdictRejected'), value: 'rejected' },
                { label: t('generatedAssets:verdictNone'), value: 'none' },
              ]}
              value={filters.verdict || ANY}
            />
          ) : null}
          <FilterSelect
            label={t('generatedAssets:creator')}
            name="creator"
            onChange={(creator) => set({ creator })}
            options={creatorOptions}
            value={filters.creator}
          />
          <label className="ga-filter ga-filter--from">
            <span className="ga-filter__label">{t('generatedAssets:from')}</span>
            <input
              className="ga-input ga-filter__date"
              max={filters.to || undefined}
              name="from"
              onChange={(event) => set({ from: event.target.value })}
              type="date"
              value={filters.from}
            />
          </label>
          <label className="ga-filter ga-filter--to">
            <span className="ga-filter__label">{t('generatedAssets:to')}</span>
            <input
              className="ga-input ga-filter__date"
              min={filters.from || undefined}
              name="to"
              onChange={(event) => set({ to: event.target.value })}
              type="date"
              value={filters.to}
            />
          </label>
          <FilterSelect
            label={t('generatedAssets:order')}
            name="order"
            onChange={(order) => set({ order: order === 'oldest' ? 'oldest' : 'newest' })}
            options={orderOptions}
            value={filters.order}
          />
          {active ? (
            <div className="ga-filter ga-filter--clear">
              <Pill
                className="ga-toolbar__clear"
                onClick={() => onChange({ ...EMPTY_FILTERS, order: filters.order, q: filters.q })}
                pillStyle="light-gray"
                size="small"
              >
                {t('generatedAssets:clearFilters')}
              </Pill>
            </div>
          ) : null}
        </div>
      </AnimateHeight>
    </div>
  )
}
