import { defineRoute } from '../route';
import { worklistSchema } from '../worklist';

/** The home page's worklist: what is due today for the signed-in account, by its role and scope. */
export const worklistApi = {
  home: defineRoute({
    method: 'GET',
    path: '/api/worklist',
    access: { permission: 'session.self' },
    tags: ['worklist'],
    responses: { 200: worklistSchema },
  }),
};
