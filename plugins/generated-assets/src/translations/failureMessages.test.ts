import { APICallError } from '@ai-sdk/provider'
import { t as payloadT } from '@payloadcms/translations'
import { describe, expect, it } from 'vitest'

import type { GeneratedAssetsT } from './types.js'

import { classifyError } from '../jobs/classifyError.js'
import { SafeFetchError } from '../media/safeFetch.js'
import { describeFailure, englishFailure, englishRetrying, FAILURE_MESSAGES, matchTemplate } from './failureMessages.js'
import { getFormatters } from './getFormatters.js'
import { translations } from './index.js'

/** What an editor of `language` sees for a stored `error` and `errorCode`, through Payload's own `t`. */
const shown = (language: 'de' | 'en' | 'es' | 'fr', error: null | string, errorCode: null | string) => {
  const catalogue = translations[language]!.translations
  const t = ((key: string, vars?: Record<string, unknown>) =>
    payloadT({ key, translations: catalogue, vars: vars ?? {} })) as unknown as GeneratedAssetsT
  const { plural } = getFormatters({ language, t, translations: catalogue as Record<string, unknown> })
  return describeFailure({ error, errorCode, plural, t })
}

describe('matchTemplate', () => {
  it('reads the values of a text made from the template', () => {
    expect(matchTemplate('The provider failed ({{status}}): {{detail}}', 'The provider failed (503): busy: try later')).toEqual({
      detail: 'busy: try later',
      status: '503',
    })
    expect(matchTemplate('{{message}} (retrying)', 'Storage failed: x (retrying)')).toEqual({ message: 'Storage failed: x' })
  })

  it('refuses a text of another shape, or an empty value', () => {
    expect(matchTemplate('Storage failed: {{detail}}', 'Storage is fine')).toBeUndefined()
    expect(matchTemplate('Storage failed: {{detail}}', 'Storage failed: ')).toBeUndefined()
    expect(matchTemplate('after {{count}} minute.', 'after 15 minutes.')).toBeUndefined()
    expect(matchTemplate('Failed (HTTP {{status}}).', 'Failed (HTTP 404). More')).toBeUndefined()
  })
})

describe('englishFailure', () => {
  it('writes the English text the job stores, plural form by English rules', () => {
    expect(englishFailure('generatedAssets:failureTimedOutMinutes', { count: 15 })).toBe('Generation timed out after 15 minutes.')
    expect(englishFailure('generatedAssets:failureTimedOutMinutes', { count: 1 })).toBe('Generation timed out after 1 minute.')
    expect(englishFailure('generatedAssets:failureTimedOutSeconds', { count: 1500 })).toBe(
      'Generation timed out after 1500 seconds.',
    )
    expect(englishFailure('generatedAssets:failureUnknownModel', { model: 'openai/gpt-image-1' })).toBe(
      `The model "openai/gpt-image-1" is no longer configured. Add it to the plugin's models and retry.`,
    )
    expect(englishRetrying('Storage failed: SlowDown')).toBe('Storage failed: SlowDown (retrying)')
  })
})

describe('describeFailure', () => {
  it('says each message of a known errorCode in the editor’s language, numbers and details carried over', () => {
    expect(shown('de', 'Generation timed out after 15 minutes.', 'timed_out')).toBe(
      'Zeitüberschreitung: Die Generierung wurde nach 15 Minuten abgebrochen.',
    )
    expect(shown('fr', 'Generation timed out after 1 minute.', 'timed_out')).toBe(
      'Délai dépassé : la génération a été interrompue au bout de 1 minute.',
    )
    expect(shown('es', 'Generation timed out after 30 seconds.', 'timed_out')).toBe(
      'Se agotó el tiempo: la generación se interrumpió tras 30 segundos.',
    )
    expect(
      shown('de', englishFailure('generatedAssets:failureUnknownModel', { model: 'fal/flux' }), 'unknown_model'),
    ).toBe('Das Modell „fal/flux“ ist nicht mehr konfiguriert. Füge es den Modellen des Plugins hinzu und versuche es erneut.')
    expect(shown('fr', "The provider's output expired before it could be saved (HTTP 410).", 'output_expired')).toBe(
      'Le résultat du fournisseur a expiré avant d’avoir pu être enregistré (HTTP 410).',
    )
    expect(shown('es', 'Storage failed: We encountered an internal error.', 'storage_unavailable')).toBe(
      'Error de almacenamiento: We encountered an internal error.',
    )
    expect(shown('de', 'Downloading the output failed (HTTP 502).', 'download_failed')).toBe(
      'Die Ausgabe konnte nicht heruntergeladen werden (HTTP 502).',
    )
    expect(shown('de', 'Downloading the output failed: timed out after 30 s', 'download_failed')).toBe(
      'Die Ausgabe konnte nicht heruntergeladen werden: timed out after 30 s',
    )
    expect(shown('fr', 'Network or storage error: read ECONNRESET', 'network')).toBe(
      'Erreur de réseau ou de stockage : read ECONNRESET',
    )
    expect(shown('es', 'Generation failed for an unknown reason.', 'internal')).toBe(
      'La generación falló por un motivo desconocido.',
    )
    expect(
      shown('de', englishFailure('generatedAssets:failureStorageMissing', { keys: 'a/1.png, a/1.webp' }), 'storage_missing'),
    ).toBe(
      'Die gespeicherte Datei fehlt im Speicher (a/1.png, a/1.webp). Wiederhole die Generierung, um sie neu zu erzeugen, oder lösche das Asset.',
    )
  })

  it('reads the "1 minutes" earlier versions stored, and says it in the right plural form', () => {
    expect(shown('de', 'Generation timed out after 1 minutes.', 'timed_out')).toBe(
      'Zeitüberschreitung: Die Generierung wurde nach 1 Minute abgebrochen.',
    )
  })

  it('tells a network failure of the provider from one with a status', () => {
    expect(shown('de', 'The provider failed (network): fetch failed', 'provider_unavailable')).toBe(
      'Fehler beim Anbieter (Netzwerk): fetch failed',
    )
    expect(shown('de', 'The provider failed (503): Service Unavailable', 'provider_unavailable')).toBe(
      'Fehler beim Anbieter (503): Service Unavailable',
    )
  })

  it('translates a retrying message and the message inside it', () => {
    expect(shown('fr', 'The provider is rate limiting requests (429): Slow down (retrying)', 'rate_limited')).toBe(
      'Le fournisseur limite le nombre de requêtes (429) : Slow down (nouvelle tentative prévue)',
    )
  })

  it('shows the stored text for a code without messages, an unknown code, or a text of another shape', () => {
    expect(shown('de', 'Your prompt was flagged by the safety system.', 'provider_rejected')).toBe(
      'Your prompt was flagged by the safety system.',
    )
    expect(shown('de', 'Storage failed: x', 'something_new')).toBe('Storage failed: x')
    expect(shown('de', 'Storage failed: x', null)).toBe('Storage failed: x')
    // A message of another wording (an operator's, say).
    expect(shown('de', 'Generation timed out.', 'timed_out')).toBe('Generation timed out.')
    expect(shown('de', 'Something else entirely', 'internal')).toBe('Something else entirely')
    expect(shown('de', null, 'timed_out')).toBeNull()
  })

  it('has an English message for every key, and shows English as stored', () => {
    const english = translations.en!.translations.generatedAssets as Record<string, string>
    for (const key of Object.values(FAILURE_MESSAGES).flat()) {
      const name = key.split(':')[1]!
      expect(english[name] ?? english[`${name}_other`], key).toBeTruthy()
    }
    expect(shown('en', 'The provider failed (503): busy', 'provider_unavailable')).toBe('The provider failed (503): busy')
  })
})

describe('the messages classifyError stores', () => {
  it('are read back in the editor’s language', () => {
    const throttled = classifyError(
      new APICallError({
        message: 'Too Many Requests',
        requestBodyValues: { prompt: 'a fox' },
        responseBody: '{"error":{"message":"Rate limit reached"}}',
        statusCode: 429,
        url: 'https://api.example.com/v1/images',
      }),
    )
    expect(throttled.code).toBe('rate_limited')
    expect(shown('es', throttled.message, throttled.code)).toMatch(/^El proveedor está limitando las solicitudes \(429\): /)

    const unavailable = classifyError(
      new APICallError({ message: 'Bad Gateway', requestBodyValues: { prompt: 'a fox' }, statusCode: 502, url: 'https://x' }),
    )
    expect(unavailable.code).toBe('provider_unavailable')
    expect(shown('de', unavailable.message, unavailable.code)).toBe('Fehler beim Anbieter (502): Bad Gateway')

    const expired = classifyError(new SafeFetchError('Not Found', { code: 'http_status', status: 404, url: 'https://cdn.example.com/out.png' }))
    expect(expired.code).toBe('output_expired')
    expect(shown('fr', expired.message, expired.code)).toBe(
      'Le résultat du fournisseur a expiré avant d’avoir pu être enregistré (HTTP 404).',
    )

    const storage = classifyError(Object.assign(new Error('SlowDown'), { $metadata: { httpStatusCode: 503 } }))
    expect(storage.code).toBe('storage_unavailable')
    expect(shown('de', storage.message, storage.code)).toBe('Speichern fehlgeschlagen: SlowDown')
  })
})
