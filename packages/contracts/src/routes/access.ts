/** Routes of the access context, each declared once with defineRoute (see CONVENTIONS.md). */
export const accessApi = {};
