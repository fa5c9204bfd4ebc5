/** The catalogue of insertion actions, its sessions and free places (issue 12). */
export const catalogueApi = {};
