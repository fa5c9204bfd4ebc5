/**
 * Every action the audit trail records, with its French label, by group (the journal's action
 * filter shows them in these groups). The API types the action it writes as `AuditAction`: a new
 * code fails to typecheck until it has its label here.
 */
export const auditActionGroups = {
  persons: {
    label: 'Dossiers des personnes',
    actions: {
      'person.read': 'Consultation du dossier',
      'person.list_read': 'Affichage dans une liste (recherche, file, export)',
      'person.read_denied': 'Consultation refusée (hors périmètre)',
      'person.act_denied': 'Action refusée sur le dossier (hors périmètre)',
      'duplicate.link': 'Doublon confirmé : dossiers rapprochés',
      'duplicate.dismiss': 'Doublon écarté',
      'duplicate.decision_denied': 'Décision sur un doublon refusée',
      'history.imported': 'Reprise de l’historique',
      'person.coordinates_rectified': 'Rectification des coordonnées (téléphone, e-mail, adresse)',
      'person.coordinate_conflict_decided': 'Choix entre la valeur CAF et la valeur saisie',
    },
  },
  documents: {
    label: 'Documents des personnes',
    actions: {
      'document.added': 'Document ajouté au dossier',
      'document.downloaded': 'Document téléchargé',
      'document.withdrawn': 'Document retiré du dossier',
    },
  },
  orientation: {
    label: 'Orientation et équipe médicale',
    actions: {
      'diagnosis.created': 'Diagnostic socio-professionnel enregistré',
      'orientation.decided': 'Décision d’orientation',
      'orientation.reoriented': 'Réorientation',
      'orientation.batch_convocation': 'Convocations groupées depuis la file',
      'orientation.queue_export': 'Export de la file d’orientation',
      'medical.referral_requested': 'Demande d’avis à l’équipe médicale',
      'medical.read': 'Consultation du dossier médical',
      'medical.read_denied': 'Consultation du dossier médical refusée',
      'medical.record_added': 'Note ajoutée au dossier médical',
      'medical.recommendation_given': 'Recommandation de l’équipe médicale',
    },
  },
  agenda: {
    label: 'Agendas et rendez-vous',
    actions: {
      'agenda_slot.create': 'Création de créneaux',
      'agenda_slot.cancel': 'Annulation d’un créneau',
      'appointment.book': 'Prise de rendez-vous',
      'appointment.reschedule': 'Report d’un rendez-vous',
      'appointment.cancel': 'Annulation d’un rendez-vous',
      'appointment.outcome': 'Suite du rendez-vous enregistrée',
      'appointment.outcome_corrected': 'Suite du rendez-vous corrigée',
      'space.appointment_notice': 'Absence à un rendez-vous signalée par la personne',
    },
  },
  referents: {
    label: 'Référent unique et portefeuilles',
    actions: {
      'assignment.assigned': 'Désignation d’un référent unique',
      'assignment.changed': 'Changement de référent unique',
      'assignment.caps_set': 'Plafonds de portefeuille modifiés',
      'assignment.inbox_denied': 'Affectations d’une autre structure refusées',
    },
  },
  contracts: {
    label: 'Contrats d’engagement',
    actions: {
      'contract.created': 'Contrat d’engagement créé (brouillon)',
      'contract.draft_saved': 'Brouillon du contrat enregistré',
      'contract.proposed': 'Contrat proposé à la signature',
      'contract.back_to_draft': 'Contrat repris en brouillon',
      'contract.signed': 'Signature du contrat (structure ou personne)',
      'contract.in_force': 'Contrat entré en vigueur',
      'contract.amended': 'Avenant au contrat ouvert',
      'contract.ended': 'Contrat terminé',
      'contract.renewed': 'Contrat renouvelé',
      'contract.cancelled': 'Contrat annulé',
      'contract.pdf': 'Téléchargement du contrat (PDF)',
    },
  },
  aids: {
    label: 'Aides individuelles',
    actions: {
      'aid.requested': 'Demande d’aide individuelle',
      'aid.validated': 'Aide individuelle validée',
      'aid.rejected': 'Aide individuelle refusée',
      'aid.withdrawn': 'Demande d’aide retirée',
      'aid.cancelled': 'Aide individuelle annulée',
      'aid.ordered': 'Aide individuelle mise en paiement',
      'aid.paid': 'Aide individuelle payée',
      'aid.envelope_set': 'Enveloppe d’aides ouverte ou modifiée',
      'aid.ceilings_set': 'Plafonds des aides individuelles fixés',
      'aid.payment_order_built': 'Ordre de paiement des aides établi',
      'aid.payment_order_exported': 'Export d’un ordre de paiement des aides (CSV)',
    },
  },
  referrals: {
    label: 'Fiches de liaison (orientations vers une action)',
    actions: {
      'referral.sent': 'Fiche de liaison envoyée à un opérateur',
      'referral.accepted': 'Fiche de liaison acceptée par l’opérateur',
      'referral.refused': 'Fiche de liaison refusée par l’opérateur',
      'referral.cancelled': 'Fiche de liaison annulée par le référent',
      'referral.entered': 'Entrée dans l’action enregistrée',
      'referral.exited': 'Sortie de l’action enregistrée',
      'referral.attendance': 'Présence à l’action enregistrée',
      'referral.denied': 'Fiche de liaison d’un autre opérateur refusée',
      'referral.delays_set': 'Délai de réponse aux fiches de liaison modifié',
    },
  },
  messaging: {
    label: 'Courriers, e-mails et SMS',
    actions: {
      'messaging.convocation_created': 'Convocation préparée',
      'messaging.decision_notified': 'Notification de la décision d’orientation',
      'messaging.message_retried': 'Nouvel envoi d’un message',
      'messaging.template_updated': 'Modification d’un modèle de message',
      'messaging.convocation_delays_set': 'Délais d’envoi des convocations modifiés',
      'messaging.batch_posted': 'Lot de courriers marqué posté',
      'messaging.letter_cancelled': 'Courrier retiré avant envoi',
    },
  },
  exchanges: {
    label: 'Flux CAF et France Travail',
    actions: {
      'flux.running': 'Import d’un flux CAF commencé',
      'flux.applied': 'Flux CAF importé',
      'flux.rejected': 'Flux CAF rejeté',
      'flux.duplicate': 'Flux CAF déjà importé',
      'flux.interrupted': 'Import d’un flux CAF interrompu',
      'france_travail.batch_created': 'Lot d’inscriptions France Travail préparé',
      'france_travail.batch_exported': 'Export d’un lot France Travail',
      'france_travail.acknowledged': 'Retour de France Travail importé',
    },
  },
  accounts: {
    label: 'Connexions et comptes',
    actions: {
      'auth.login': 'Connexion',
      'auth.login_failed': 'Échec de connexion',
      'auth.login_refused': 'Connexion refusée (compte bloqué ou désactivé)',
      'auth.logout': 'Déconnexion',
      'auth.logout_all': 'Déconnexion de toutes les sessions',
      'auth.password_changed': 'Changement de mot de passe',
      'auth.password_reset_requested': 'Demande de réinitialisation du mot de passe',
      'auth.password_reset': 'Réinitialisation du mot de passe',
      'auth.space_link_requested': 'Demande d’un lien de connexion (espace bénéficiaire)',
      'auth.space_code_requested': 'Demande d’un code de connexion par SMS (espace bénéficiaire)',
      'space.signature_code_requested': 'Demande d’un code de signature (espace bénéficiaire)',
      'access.denied': 'Accès refusé (droit manquant)',
      'account.created': 'Création d’un compte',
      'account.updated': 'Modification d’un compte',
      'account.unlocked': 'Déverrouillage d’un compte',
      'account.sessions_revoked': 'Fermeture des sessions d’un compte',
      'account.reset_sent': 'Envoi d’un lien de réinitialisation',
      'account.alert_digest_changed': 'Choix du récapitulatif quotidien des alertes',
    },
  },
  immersions: {
    label: 'Immersions (PMSMP)',
    actions: {
      'immersion.created': 'Création d’une convention d’immersion (PMSMP)',
      'immersion.updated': 'Modification d’une convention d’immersion',
      'immersion.status_changed': 'Étape d’une convention d’immersion',
      'immersion.signed': 'Signature d’une convention d’immersion',
      'immersion.sign_link_sent': 'Envoi d’un lien de signature d’une convention d’immersion',
      'immersion.sign_link_refused': 'Lien de signature d’une convention d’immersion refusé',
      'immersion.renewed': 'Renouvellement d’une convention d’immersion',
      'immersion.assessed': 'Bilan d’une immersion',
      'immersion.read': 'Consultation d’une convention d’immersion',
      'immersion.pdf': 'Téléchargement d’une convention d’immersion (PDF)',
      'immersion.limits_set': 'Limites des immersions fixées à partir d’une date',
    },
  },
  sanctions: {
    label: 'Droits et devoirs, sanctions',
    actions: {
      'sanction.regime_set': 'Régime des sanctions fixé à partir d’une date',
      'sanction.practice_set': 'Pratique départementale des sanctions fixée à partir d’une date',
      'sanction.failure_recorded': 'Enregistrement d’un manquement',
      'sanction.failure_dismissed': 'Manquement classé sans suite',
      'sanction.case_opened': 'Ouverture d’une procédure de sanction',
      'sanction.notice_sent': 'Information préalable d’une procédure de sanction',
      'sanction.observations_received': 'Observations reçues dans une procédure de sanction',
      'sanction.decided': 'Décision d’une procédure de sanction',
      'sanction.notified': 'Notification d’une décision de sanction',
      'sanction.ended': 'Fin d’une procédure de sanction',
      'sanction.cancelled': 'Annulation d’une procédure de sanction',
      'sanction.ep_referred': 'Saisine de l’équipe pluridisciplinaire sur une procédure de sanction',
      'caf.file_generated': 'Génération du fichier de transmission à la CAF',
      'caf.file_downloaded': 'Téléchargement du fichier de transmission à la CAF',
      'caf.acknowledged': 'Accusé de réception de la CAF enregistré',
      'ep.session_created': 'Création d’une séance de l’équipe pluridisciplinaire',
      'ep.session_moved':
        'Étape d’une séance de l’équipe pluridisciplinaire (tenue, report, annulation, clôture)',
      'ep.member_changed': 'Membres d’une séance de l’équipe pluridisciplinaire modifiés',
      'ep.agenda_added': 'Dossier inscrit à l’ordre du jour d’une séance de l’EP',
      'ep.agenda_removed': 'Dossier retiré de l’ordre du jour d’une séance de l’EP',
      'ep.invited': 'Invitation d’une personne à être entendue par l’EP',
      'ep.opinion_given': 'Avis de l’équipe pluridisciplinaire sur un dossier',
      'ep.minutes_downloaded': 'Téléchargement du procès-verbal d’une séance de l’EP (PDF)',
    },
  },
  sas: {
    label: 'SAS de rétablissement',
    actions: {
      'sas.session_created': 'Création d’une session du SAS de rétablissement',
      'sas.session_cancelled': 'Annulation d’une session du SAS',
      'sas.meeting_moved': 'Séance du SAS déplacée',
      'sas.meeting_cancelled': 'Séance du SAS annulée',
      'sas.requested': 'Demande de rétablissement des droits (SAS)',
      'sas.enrolled': 'Inscription dans une session du SAS',
      'sas.attendance_recorded': 'Présence à une séance du SAS',
      'sas.completed': 'Session du SAS suivie',
      'sas.abandoned': 'Session du SAS abandonnée',
      'sas.commitment_recorded': 'Engagement pris à l’issue du SAS',
      'sas.reinstated': 'Droits rétablis à l’issue du SAS',
      'sas.refused': 'Rétablissement des droits refusé',
      'sas.cancelled': 'Demande de rétablissement annulée',
    },
  },
  administration: {
    label: 'Administration',
    actions: {
      'audit.read': 'Consultation du journal des accès',
      'audit.person_trail_read': 'Consultation des accès à un dossier',
      'audit.exported': 'Export du journal des accès',
      'audit.verified': 'Vérification de l’intégrité du journal',
      'job.retried': 'Relance d’une tâche en arrière-plan',
      'territory.commune_moved': 'Commune rattachée à un autre pôle',
      'territory.hub_renamed': 'Pôle renommé',
      'territory.structure_created': 'Création d’une structure',
      'territory.structure_updated': 'Modification d’une structure',
    },
  },
  catalogue: {
    label: 'Catalogue des actions d’insertion',
    actions: {
      'catalogue.action_created': 'Création d’une action du catalogue',
      'catalogue.action_updated': 'Modification d’une action du catalogue',
      'catalogue.operators_set': 'Opérateurs d’une action modifiés',
      'catalogue.territories_set': 'Territoires d’une action modifiés',
      'catalogue.session_created': 'Création d’une session',
      'catalogue.session_updated': 'Modification d’une session',
      'catalogue.session_cancelled': 'Annulation d’une session',
    },
  },
  offerBudget: {
    label: 'Budgets de l’offre d’insertion',
    actions: {
      'offer.budget_set': 'Budget d’une action saisi pour une année',
    },
  },
  convention: {
    label: 'Tableau des indicateurs de la convention',
    actions: {
      'convention.value_set': 'Valeur du tableau de la convention modifiée',
    },
  },
} as const;

type Groups = typeof auditActionGroups;
export type AuditActionGroup = keyof Groups;
/** An action code of the audit trail (`person.read`…). */
export type AuditAction = { [G in AuditActionGroup]: keyof Groups[G]['actions'] }[AuditActionGroup];

/** Code → French label. Typed as a record so that a code of the union without a label fails. */
export const auditActionLabels: Record<AuditAction, string> = Object.assign(
  {},
  ...Object.values(auditActionGroups).map((g) => g.actions),
);

export const auditActions = Object.keys(auditActionLabels) as [AuditAction, ...AuditAction[]];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(auditActionLabels, code);
}

/** The French label of a code; a code of an older version (kept in the trail) is shown as is. */
export function auditActionLabel(code: string): string {
  return isAuditAction(code) ? auditActionLabels[code] : code;
}
