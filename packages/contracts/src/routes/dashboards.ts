/** Steering dashboards: the series behind each chart (issue 13, point 5). */
export const dashboardsApi = {};
