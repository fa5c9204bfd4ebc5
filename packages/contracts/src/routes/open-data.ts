/** The catalogue's open-data export (data·inclusion v1), public and read-only (issue 12). */
export const openDataApi = {};
