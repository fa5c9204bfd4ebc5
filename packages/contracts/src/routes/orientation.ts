/** Routes of the orientation context, each declared once with defineRoute (see CONVENTIONS.md). */
export const orientationApi = {};
