'use client'
import { AnimateHeight, ChevronIcon, Pill, ReactSelect, SearchFilter, SearchIcon } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryCreator, GalleryMode, GalleryModel } from '../types.js'
import type { GalleryFilterState } from './galleryFilters.js'

import { countActiveFilters, EMPTY_FILTERS } from './galleryFilters.js'

type Option = { label: string; value: string }

const ANY = ''
const KIND_OPTIONS: Option[] = [
  { label: 'Any kind', value: ANY },
  { label: 'Images', value: 'image' },
  { label: 'Videos', value: 'video' },
]
const STATUS_OPTIONS: Option[] = [
  { label: 'Any status', value: ANY },
  { label: 'Ready', value: 'ready' },
  { label: 'Queued', value: 'queued' },
  { label: 'Generating', value: 'generating' },
  { label: 'Ingesting', value: 'ingesting' },
  { label: 'Failed', value: 'failed' },
]
const STARRED_OPTIONS: Option[] = [
  { label: 'Starred or not', value: ANY },
  { label: 'Starred only', value: 'true' },
]
const ORDER_OPTIONS: Option[] = [
  { label: 'Newest first', value: 'newest' },
  { label: 'Oldest first', value: 'oldest' },
]

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
 * opens kind, model, status, starred, creator and date range, and an order pill.
 */
export const GalleryToolbar: React.FC<{
  creators: GalleryCreator[]
  filters: GalleryFilterState
  mode: GalleryMode
  models: GalleryModel[]
  onChange: (filters: GalleryFilterState) => void
}> = ({ creators, filters, mode, models, onChange }) => {
  const active = countActiveFilters(filters)
  const [isOpen, setIsOpen] = useState(active > 0)
  const set = (change: Partial<GalleryFilterState>) => onChange({ ...filters, ...change })
  const modelOptions: Option[] = [
    { label: 'Any model', value: ANY },
    ...models.map((model) => ({ label: model.label, value: model.key })),
    // A model no longer configured still filters its old assets (a bookmarked URL, say).
    ...(filters.model && !models.some((model) => model.key === filters.model)
      ? [{ label: filters.model, value: filters.model }]
      : []),
  ]
  const creatorOptions: Option[] = [
    { label: 'Anyone', value: ANY },
    ...creators.map((creator) => ({ label: creator.label, value: String(creator.id) })),
    ...(filters.creator && !creators.some((creator) => String(creator.id) === filters.creator)
      ? [{ label: `User ${filters.creator}`, value: filters.creator }]
      : []),
  ]
  return (
    <div className="list-controls ga-toolbar">
      <div className="search-bar">
        <SearchIcon />
        <SearchFilter
          handleChange={(q) => set({ q: q ?? '' })}
          label={mode === 'trash' ? 'Search prompts in the trash' : 'Search prompts'}
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
            {active ? `Filters (${active})` : 'Filters'}
          </Pill>
          <Pill
            aria-label={`Order: ${filters.order === 'newest' ? 'newest first' : 'oldest first'}`}
            className="ga-toolbar__order"
            id="ga-toggle-order"
            onClick={() => set({ order: filters.order === 'newest' ? 'oldest' : 'newest' })}
            pillStyle="light"
            size="small"
          >
            {filters.order === 'newest' ? 'Newest first' : 'Oldest first'}
          </Pill>
        </div>
      </div>
      <AnimateHeight className="ga-toolbar__filters" height={isOpen ? 'auto' : 0} id="ga-filters">
        <div className="ga-filters">
          <FilterSelect
            label="Kind"
            name="kind"
            onChange={(kind) => set({ kind: kind as GalleryFilterState['kind'] })}
            options={KIND_OPTIONS}
            value={filters.kind}
          />
          <FilterSelect
            label="Model"
            name="model"
            onChange={(model) => set({ model })}
            options={modelOptions}
            value={filters.model}
          />
          <FilterSelect
            label="Status"
            name="status"
            onChange={(status) => set({ status: status as GalleryFilterState['status'] })}
            options={STATUS_OPTIONS}
            value={filters.status}
          />
          <FilterSelect
            label="Starred"
            name="starred"
            onChange={(starred) => set({ starred: starred === 'true' })}
            options={STARRED_OPTIONS}
            value={filters.starred ? 'true' : ANY}
          />
          <FilterSelect
            label="Creator"
            name="creator"
            onChange={(creator) => set({ creator })}
            options={creatorOptions}
            value={filters.creator}
          />
          <label className="ga-filter ga-filter--from">
            <span className="ga-filter__label">From</span>
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
            <span className="ga-filter__label">To</span>
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
            label="Order"
            name="order"
            onChange={(order) => set({ order: order === 'oldest' ? 'oldest' : 'newest' })}
            options={ORDER_OPTIONS}
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
                Clear filters
              </Pill>
            </div>
          ) : null}
        </div>
      </AnimateHeight>
    </div>
  )
}
