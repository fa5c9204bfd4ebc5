/** DREES statistics (issue 13, point 4) and masked statistics exports (point 6). */
export {};
