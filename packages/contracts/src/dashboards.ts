/** Steering dashboards (issue 13, point 5): filters and chart series. */
export {};
