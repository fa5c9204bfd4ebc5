import { sql as m0001 } from './0001_platform';
import { sql as m0002 } from './0002_beneficiaries';
import { sql as m0003 } from './0003_search_dictionary';
import { sql as m0004 } from './0004_agenda';
import { sql as m0005 } from './0005_messaging';
import { sql as m0006 } from './0006_orientation';
import { sql as m0007 } from './0007_audit_integrity';
import { sql as m0008 } from './0008_login_throttle';
import { sql as m0009 } from './0009_flux_integrity';
import { sql as m0010 } from './0010_import_identity';
import { sql as m0011 } from './0011_message_version';
import { sql as m0012 } from './0012_coordinates';
import { sql as m0013 } from './0013_postal_batches';
import { sql as m0014 } from './0014_opening_hours';
import { sql as m0015 } from './0015_audit_journal_filters';
import { sql as m0016 } from './0016_engagement_contracts';
import { sql as m0017 } from './0017_referent_assignment';
import { sql as m0018 } from './0018_alerts_digest';
import { sql as m0019 } from './0019_entry_spell_accompaniment';
import { sql as m0020 } from './0020_person_documents';
import { sql as m0021 } from './0021_beneficiary_space';
import { sql as m0022 } from './0022_contract_objectives';
import { sql as m0023 } from './0023_offer_catalogue';
import { sql as m0024 } from './0024_offer_annex';
import { sql as m0025 } from './0025_referral_workflow';
import { sql as m0026 } from './0026_immersions';
import { sql as m0027 } from './0027_individual_aids';
import { sql as m0028 } from './0028_convention_table';
import { sql as m0030 } from './0030_indicator_performance';
import { sql as m0031 } from './0031_sanction_cases';
import { sql as m0032 } from './0032_indicator_covering_indexes';
import { sql as m0033 } from './0033_ep_sessions';
import { sql as m0034 } from './0034_caf_transmission';
import { sql as m0035 } from './0035_sas_sessions';
import { sql as m0036 } from './0036_sanction_letters';
import { sql as m0037 } from './0037_indicator_hub_and_supersession';
import { sql as m0038 } from './0038_contract_refusal';
import { sql as m0039 } from './0039_failure_dismissal';

/** Forward-only, applied in this order; an id is never reused or edited once shipped. */
export const migrations: ReadonlyArray<{ id: string; sql: string }> = [
  { id: '0001_platform', sql: m0001 },
  { id: '0002_beneficiaries', sql: m0002 },
  { id: '0003_search_dictionary', sql: m0003 },
  { id: '0004_agenda', sql: m0004 },
  { id: '0005_messaging', sql: m0005 },
  { id: '0006_orientation', sql: m0006 },
  { id: '0007_audit_integrity', sql: m0007 },
  { id: '0008_login_throttle', sql: m0008 },
  { id: '0009_flux_integrity', sql: m0009 },
  { id: '0010_import_identity', sql: m0010 },
  { id: '0011_message_version', sql: m0011 },
  { id: '0012_coordinates', sql: m0012 },
  { id: '0013_postal_batches', sql: m0013 },
  { id: '0014_opening_hours', sql: m0014 },
  { id: '0015_audit_journal_filters', sql: m0015 },
  { id: '0016_engagement_contracts', sql: m0016 },
  { id: '0017_referent_assignment', sql: m0017 },
  { id: '0018_alerts_digest', sql: m0018 },
  { id: '0019_entry_spell_accompaniment', sql: m0019 },
  { id: '0020_person_documents', sql: m0020 },
  { id: '0021_beneficiary_space', sql: m0021 },
  { id: '0022_contract_objectives', sql: m0022 },
  { id: '0023_offer_catalogue', sql: m0023 },
  { id: '0024_offer_annex', sql: m0024 },
  { id: '0025_referral_workflow', sql: m0025 },
  { id: '0026_immersions', sql: m0026 },
  { id: '0027_individual_aids', sql: m0027 },
  { id: '0028_convention_table', sql: m0028 },
  { id: '0030_indicator_performance', sql: m0030 },
  { id: '0031_sanction_cases', sql: m0031 },
  { id: '0032_indicator_covering_indexes', sql: m0032 },
  { id: '0033_ep_sessions', sql: m0033 },
  { id: '0034_caf_transmission', sql: m0034 },
  { id: '0035_sas_sessions', sql: m0035 },
  { id: '0036_sanction_letters', sql: m0036 },
  { id: '0037_indicator_hub_and_supersession', sql: m0037 },
  { id: '0038_contract_refusal', sql: m0038 },
  { id: '0039_failure_dismissal', sql: m0039 },
];
