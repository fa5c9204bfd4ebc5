/** The aids context's facade. */
export {};
