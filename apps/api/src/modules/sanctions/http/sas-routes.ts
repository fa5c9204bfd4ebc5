import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import {
  personSas,
  recordSasAttendance,
  recordSasCommitment,
  requestSas,
} from '../application/sas-enrolments';
import { cancelSasMeeting, cancelSasSession, moveSasMeeting } from '../application/sas-meetings';
import { createSasSession, getSasSession, listSasSessions } from '../application/sas-sessions';
import { cancelSasEnrolment, decideSas, endSas, enrolSas } from '../application/sas-steps';

const sas = api.sas;

/** The SAS de rétablissement (issue 14, action 3-9): sessions, meetings, enrolments, decision. */
export function registerSasRoutes(app: TypedApp, ctx: AppContext) {
  registerRoute(app, sas.sessions, ({ actor }) => listSasSessions(ctx, actor));
  registerRoute(app, sas.createSession, ({ actor, body, request }) =>
    createSasSession(ctx, actor, body, request),
  );
  registerRoute(app, sas.session, ({ actor, params, request }) =>
    getSasSession(ctx, actor, params.id, request),
  );
  registerRoute(app, sas.cancelSession, ({ actor, params, body, request }) =>
    cancelSasSession(ctx, actor, params.id, body, request),
  );
  registerRoute(app, sas.moveMeeting, ({ actor, params, body, request }) =>
    moveSasMeeting(ctx, actor, params.id, params.meetingId, body, request),
  );
  registerRoute(app, sas.cancelMeeting, ({ actor, params, body, request }) =>
    cancelSasMeeting(ctx, actor, params.id, params.meetingId, body, request),
  );
  registerRoute(app, sas.ofPerson, ({ actor, params, request }) => personSas(ctx, actor, params.id, request));
  registerRoute(app, sas.request, ({ actor, params, body, request }) =>
    requestSas(ctx, actor, params.id, body, request),
  );
  registerRoute(app, sas.enrol, ({ actor, params, body, request }) =>
    enrolSas(ctx, actor, params.id, params.enrolmentId, body, request),
  );
  registerRoute(app, sas.attendance, ({ actor, params, body, request }) =>
    recordSasAttendance(ctx, actor, params.id, params.enrolmentId, body, request),
  );
  registerRoute(app, sas.end, ({ actor, params, body, request }) =>
    endSas(ctx, actor, params.id, params.enrolmentId, body, request),
  );
  registerRoute(app, sas.commitment, ({ actor, params, body, request }) =>
    recordSasCommitment(ctx, actor, params.id, params.enrolmentId, body, request),
  );
  registerRoute(app, sas.decide, ({ actor, params, body, request }) =>
    decideSas(ctx, actor, params.id, params.enrolmentId, body, request),
  );
  registerRoute(app, sas.cancel, ({ actor, params, body, request }) =>
    cancelSasEnrolment(ctx, actor, params.id, params.enrolmentId, body, request),
  );
}
