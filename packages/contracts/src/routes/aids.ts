/** Individual aids within a contract (issue 12). */
export const aidsApi = {};
