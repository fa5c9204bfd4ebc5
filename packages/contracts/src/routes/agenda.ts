/** Routes of the agenda context, each declared once with defineRoute (see CONVENTIONS.md). */
export const agendaApi = {};
