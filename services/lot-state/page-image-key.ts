/** Where a page's normalised image is kept until its lot is filed: review screens and PDFs use it. */
export function pageImageKey(lotId: string, index: number): string {
  return `${pageImagesPrefix(lotId)}${index}`;
}

/** The prefix of every page image of a lot in the originals bucket. */
export function pageImagesPrefix(lotId: string): string {
  return `${lotId}/pages/`;
}
