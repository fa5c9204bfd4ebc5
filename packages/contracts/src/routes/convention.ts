/** The convention's indicator table (issue 13, point 2). */
export const conventionApi = {};
