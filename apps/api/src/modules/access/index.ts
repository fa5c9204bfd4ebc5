/** What other contexts may use of the access context. */
export {};
