/** Items of the gallery's first page (small, so the first thumbnails come fast; the server reads it). */
export const FIRST_PAGE_SIZE = 48
/** Items of every later page. */
export const PAGE_SIZE = 100
