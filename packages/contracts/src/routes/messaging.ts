/** Routes of the messaging context, each declared once with defineRoute (see CONVENTIONS.md). */
export const messagingApi = {};
