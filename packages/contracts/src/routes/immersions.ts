/** PMSMP immersions (issue 12). */
export const immersionsApi = {};
