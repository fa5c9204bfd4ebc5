/**
 * What a use case knows of the request: where it came from and its id (kept by the audit trail),
 * the page view it belongs to (`x-parcours-view`, so a page's calls make one file read), and a
 * per-request memo (the person gate loads a person once per request). Null for the CLI and jobs.
 */
export interface RequestInfo {
  ip: string;
  id: string;
  view?: string;
  memo?: Map<string, unknown>;
}
