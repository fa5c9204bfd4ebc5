/** Routes of the persons context, each declared once with defineRoute (see CONVENTIONS.md). */
export const personsApi = {};
