'use client'
import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { GalleryModel } from '../types.js'

const IMAGE_SIZES = ['512x512', '768x768', '1024x1024', '1024x768', '768x1024', '1536x1024']
const VIDEO_SIZES = ['640x360', '960x540', '1280x720', '720x1280', '512x512']
const VIDEO_DURATIONS = [2, 4, 6, 8]

/**
 * The Create panel: prompt, model and size. Calls `onGenerate`, which answers with an error
 * message to show (or `null` on success); the prompt is kept when the request fails.
 */
export const GenerateForm: React.FC<{
  defaultModel: string
  maxPromptLength: number
  models: GalleryModel[]
  onGenerate: (input: { model: string; params: Record<string, unknown>; prompt: string }) => Promise<null | string>
}> = ({ defaultModel, maxPromptLength, models, onGenerate }) => {
  const [prompt, setPrompt] = useState('')
  const [model, setModel] = useState(defaultModel)
  const isVideo = models.find((entry) => entry.key === model)?.kind === 'video'
  const sizes = isVideo ? VIDEO_SIZES : IMAGE_SIZES
  const [chosenSize, setSize] = useState('1024x1024')
  const size = sizes.includes(chosenSize) ? chosenSize : sizes[0]!
  const [duration, setDuration] = useState(4)
  const [error, setError] = useState<null | string>(null)
  const [isSubmitting, setIsSubmitting] = useState(false)
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!prompt.trim()) {
      setError('Type a prompt first.')
      return
    }
    setIsSubmitting(true)
    const message = await onGenerate({ model, params: isVideo ? { duration, size } : { size }, prompt })
    setIsSubmitting(false)
    setError(message)
    if (!message) {
      setPrompt('')
    }
  }
  return (
    <form className="ga-generate" onSubmit={submit}>
      <label className="ga-generate__prompt">
        <span className="ga-generate__label">Prompt</span>
        <textarea
          maxLength={maxPromptLength}
          name="prompt"
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              void submit(event)
            }
          }}
          placeholder="A lighthouse on a cliff at dawn, oil painting"
          rows={3}
          value={prompt}
        />
      </label>
      <div className="ga-generate__row">
        <label>
          <span className="ga-generate__label">Model</span>
          <select name="model" onChange={(event) => setModel(event.target.value)} value={model}>
            {models.map((entry) => (
              <option key={entry.key} value={entry.key}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="ga-generate__label">Size</span>
          <select name="size" onChange={(event) => setSize(event.target.value)} value={size}>
            {sizes.map((value) => (
              <option key={value} value={value}>
                {value.replace('x', ' × ')}
              </option>
            ))}
          </select>
        </label>
        <Button
          buttonStyle="primary"
          disabled={isSubmitting}
          id="ga-generate-submit"
          margin={false}
          size="medium"
          type="submit"
        >
          {isSubmitting ? 'Queueing…' : 'Generate'}
        </Button>
      </div>
      {error ? (
        <p className="ga-generate__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
