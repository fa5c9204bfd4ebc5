/** DREES statistics and statistics exports without directly identifying data (issue 13, points 4 and 6). */
export const statisticsApi = {};
