/** How an article is named in a sentence: "KB 298398" for a vendor KB number, the id itself otherwise ("CVE-2024-22279"). */
export function articleLabel(id: string): string {
  return /^\d+$/.test(id) ? `KB ${id}` : id;
}

/** The title to show after the label: "CVE-2024-22279: unauthenticated …" loses its repeated id. */
export function titleAfterLabel(id: string, title: string): string {
  return title.startsWith(id) ? title.slice(id.length).replace(/^[\s:—-]+/, '') : title;
}
