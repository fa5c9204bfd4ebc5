/** What other contexts may use of the history import context. */
export {};
