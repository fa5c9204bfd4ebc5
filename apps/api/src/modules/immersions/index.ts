/** The immersions context's facade. */
export {};
