/** The convention's indicator table (issue 13, point 2): rows of the seed, values, history. */
export {};
