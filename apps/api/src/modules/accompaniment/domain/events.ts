import { defineEvent } from '../../../platform/events/define';

/**
 * Facts of the accompaniment context other contexts and read models react to. The entry-spell read
 * model (first accompaniment appointment, first contract) is refreshed from them in the fact's
 * transaction.
 */
export type AppointmentChanged = {
  personId: string;
  appointmentId: string;
  purpose: string;
  status: string;
};
/** An appointment was booked, moved, cancelled or got an outcome. */
export const appointmentChanged = defineEvent<AppointmentChanged>('accompaniment.appointment_changed');

export type ContractSigned = {
  personId: string;
  contractId: string;
  /** The version both parties have now signed, and the date the last one signed (Paris date). */
  versionNumber: number;
  signedOn: string;
};
/** Both parties signed a version of a contract of engagement (a first signature or an amendment). */
export const contractSigned = defineEvent<ContractSigned>('accompaniment.contract_signed');

export type ContractStatusChanged = {
  personId: string;
  contractId: string;
  from: string;
  to: string;
};
/** A contract moved in its workflow (in force, ended, renewed, cancelled…). */
export const contractStatusChanged = defineEvent<ContractStatusChanged>(
  'accompaniment.contract_status_changed',
);
