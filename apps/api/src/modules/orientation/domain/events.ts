import { defineEvent } from '../../../platform/events/define';

/** An advisor decided a person's orientation (a first orientation or a reorientation). */
export type OrientationDecided = {
  orientationId: string;
  personId: string;
  pathway: string;
  structureId: string;
  programme: string | null;
  /** YYYY-MM-DD, also the notification date. */
  decidedOn: string;
  decidedBy: string;
  overridden: boolean;
  reorientation: boolean;
  previousOrientationId: string | null;
};

/** The orientation context's facts other contexts react to (through its index.ts). */
export const orientationDecided = defineEvent<OrientationDecided>('orientation.decided');
