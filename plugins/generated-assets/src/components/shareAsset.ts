/** How a share URL reached the user. */
export type ShareMethod = 'clipboard' | 'prompt' | 'share'

/**
 * Hands a share URL to the user: the system share sheet
 * (`navigator.share`) where there is one, else the clipboard (`navigator.clipboard.writeText`),
 * else `window.prompt` so the link can be copied by hand, asking with `promptLabel` (the admin's
 * language). Returns the method used.
 */
export const shareAsset = async ({
  promptLabel = 'Copy this share link:',
  shareUrl,
  title,
}: {
  /** The question `window.prompt` asks. */
  promptLabel?: string
  shareUrl: string
  title?: string
}): Promise<ShareMethod> => {
  if (typeof navigator !== 'undefined' && typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url: shareUrl })
      return 'share'
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') {
        return 'share'
      }
    }
  }
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(shareUrl)
      return 'clipboard'
    } catch {
      // Clipboard refused (no permission, insecure context): fall through to the prompt.
    }
  }
  window.prompt(promptLabel, shareUrl)
  return 'prompt'
}
