import {
  hoursLabel,
  type ImmersionDetail,
  immersionObjectiveLabels,
  immersionOutcomeLabels,
  offerContractLabels,
  weekDayLabels,
} from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { Section } from '../../ui';

/** What the parties sign: the host, the job, dates, schedule; then the assessment when there is one. */
export function ImmersionView({ detail: d }: { detail: ImmersionDetail }) {
  const h = d.content.host;
  const days = [1, 2, 3, 4, 5, 6, 7]
    .map((day) => ({ day, slots: d.content.schedule.filter((s) => s.day === day) }))
    .filter((x) => x.slots.length);
  return (
    <>
      <Section id="convention" title="La convention">
        <dl className="immersion-facts">
          <dt>Structure d’accueil</dt>
          <dd>
            {h.name} — SIRET {h.siret}
            <br />
            {h.address}
          </dd>
          <dt>Tuteur</dt>
          <dd>
            {h.tutorName}, {h.tutorFunction} — {h.tutorEmail}, {h.tutorPhone}
          </dd>
          <dt>Structure d’accompagnement</dt>
          <dd>{d.structure.name}</dd>
          <dt>Objectif</dt>
          <dd>{immersionObjectiveLabels[d.content.objective]}</dd>
          <dt>Métier</dt>
          <dd>
            {d.content.jobLabel} (ROME {d.content.romeCode})
          </dd>
          <dt>Dates</dt>
          <dd>
            du {formatDate(d.content.startDate)} au {formatDate(d.content.endDate)} ({d.calendarDays} jours
            calendaires)
          </dd>
          <dt>Horaires</dt>
          <dd>
            <ul>
              {days.map(({ day, slots }) => (
                <li key={day}>
                  {weekDayLabels[day]} : {slots.map((s) => `${s.start}–${s.end}`).join(', ')}
                </li>
              ))}
            </ul>
            Durée hebdomadaire : {hoursLabel(d.weeklyHours)} (au plus {hoursLabel(d.limits.maxWeeklyHours)})
          </dd>
          <dt>Lieu</dt>
          <dd>{d.content.place}</dd>
          <dt>Activités</dt>
          <dd>{d.content.tasks}</dd>
          <dt>Risques et équipements</dt>
          <dd>{d.content.risks ?? '—'}</dd>
          {d.cancelReason ? (
            <>
              <dt>Motif d’annulation</dt>
              <dd>{d.cancelReason}</dd>
            </>
          ) : null}
        </dl>
      </Section>
      {d.assessment ? (
        <Section id="bilan" title="Bilan">
          <dl className="immersion-facts">
            <dt>Déroulement</dt>
            <dd>{immersionOutcomeLabels[d.assessment.outcome]}</dd>
            <dt>Compétences observées</dt>
            <dd>{d.assessment.skillsObserved ?? '—'}</dd>
            <dt>Embauche proposée</dt>
            <dd>
              {d.assessment.jobOffer
                ? `Oui : ${d.assessment.offerContract ? offerContractLabels[d.assessment.offerContract] : '—'}`
                : 'Non'}
            </dd>
            <dt>Commentaire de la structure d’accueil</dt>
            <dd>{d.assessment.hostComment ?? '—'}</dd>
          </dl>
        </Section>
      ) : null}
    </>
  );
}
