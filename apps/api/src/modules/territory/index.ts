/** What other contexts may use of the territory context. */
export {};
