/** Search dictionary (issue 3 performance work). Placeholder until that work lands. */
export const sql = /* sql */ `
SELECT 1;
`;
