/** Routes of the history context, each declared once with defineRoute (see CONVENTIONS.md). */
export const historyApi = {};
