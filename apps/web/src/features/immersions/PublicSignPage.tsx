import type { ImmersionPublicSummary } from '@parcours/contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { PageHeader } from '../../ui/PageHeader';
import { usePublicForm } from '../auth/usePublicForm';
import { immersionPublicCall } from './public-immersion-api';

// Labels written here: the light bundle carries no schema (no import of the contracts' values).
const parties: Record<string, string> = {
  person: 'la personne accompagnée',
  host: 'la structure d’accueil',
  structure: 'la structure d’accompagnement',
};
const dayNames = ['', 'Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];
const fr = (d: string) => d.split('-').reverse().join('/');
const hours = (h: number) => {
  const m = Math.round((h - Math.floor(h)) * 60);
  return m ? `${Math.floor(h)} h ${String(m).padStart(2, '0')}` : `${Math.floor(h)} h`;
};

/**
 * The page the e-mailed signing link opens (no account). Opening it signs nothing (mail scanners
 * open links): the summary is read by a POST, and « Je signe la convention » uses the link once.
 */
export function PublicSignPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('jeton') ?? '');
  const [summary, setSummary] = useState<ImmersionPublicSummary | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [name, setName] = useState('');
  const form = usePublicForm(['signerName']);

  useEffect(() => {
    if (!token) return;
    immersionPublicCall('signatureSummary', { token }).then(
      (s) => {
        setSummary(s);
        if (s.party === 'host') setName(s.tutorName);
      },
      (e) => setLoadError(errorMessage(e)),
    );
  }, [token]);

  async function sign(event: React.FormEvent) {
    event.preventDefault();
    const result = await form.submit(() => immersionPublicCall('signWithLink', { token, signerName: name }));
    if (result.ok) setDone(result.value.message);
  }

  return (
    <div className="space-public">
      <PageHeader title="Signer la convention d’immersion" />
      {!token ? (
        <Alert tone="error" title="Lien incomplet">
          <p>Ce lien ne contient pas de code de signature. Utilisez le lien reçu par e-mail tel quel.</p>
        </Alert>
      ) : loadError ? (
        <Alert tone="error" title="Signature impossible" live="polite">
          <p>{loadError}</p>
        </Alert>
      ) : done ? (
        <Alert tone="success" title="Convention signée" live="polite">
          <p>{done}</p>
        </Alert>
      ) : !summary ? (
        <p>Chargement de la convention…</p>
      ) : (
        <>
          <section aria-labelledby="resume" className="card">
            <h2 id="resume">Période de mise en situation en milieu professionnel (PMSMP)</h2>
            <p>Vous signez pour {parties[summary.party]}.</p>
            <dl>
              <dt>Personne accompagnée</dt>
              <dd>
                {summary.personName}
                {summary.personCommune ? ` (${summary.personCommune})` : ''}
              </dd>
              <dt>Structure d’accueil</dt>
              <dd>
                {summary.hostName} — SIRET {summary.hostSiret} — tuteur : {summary.tutorName}
              </dd>
              <dt>Structure d’accompagnement</dt>
              <dd>{summary.structureName}</dd>
              <dt>Objectif</dt>
              <dd>{summary.objective}</dd>
              <dt>Métier</dt>
              <dd>
                {summary.jobLabel} (ROME {summary.romeCode})
              </dd>
              <dt>Dates</dt>
              <dd>
                du {fr(summary.startDate)} au {fr(summary.endDate)}, {hours(summary.weeklyHours)} par semaine
              </dd>
              <dt>Horaires</dt>
              <dd>
                <ul>
                  {[1, 2, 3, 4, 5, 6, 7]
                    .filter((d) => summary.schedule.some((s) => s.day === d))
                    .map((d) => (
                      <li key={d}>
                        {dayNames[d]} :{' '}
                        {summary.schedule
                          .filter((s) => s.day === d)
                          .map((s) => `${s.start}–${s.end}`)
                          .join(', ')}
                      </li>
                    ))}
                </ul>
              </dd>
              <dt>Lieu</dt>
              <dd>{summary.place}</dd>
              <dt>Activités</dt>
              <dd>{summary.tasks}</dd>
              <dt>Risques et équipements</dt>
              <dd>{summary.risks ?? '—'}</dd>
            </dl>
            <p>
              Déjà signée par :{' '}
              {summary.signedParties.length
                ? summary.signedParties.map((p) => parties[p]).join(', ')
                : 'personne'}
              .
            </p>
          </section>
          <form noValidate ref={form.formRef} onSubmit={sign} className="card">
            {form.errors.message ? (
              <Alert tone="error" title="La signature n’a pas été enregistrée" live="polite">
                <p>{form.errors.message}</p>
              </Alert>
            ) : null}
            <TextField
              label="Votre nom"
              value={name}
              onChange={setName}
              error={form.errors.fields.signerName}
            />
            <p>En signant, vous acceptez la convention ci-dessus. Ce lien ne sert qu’une fois.</p>
            <Button type="submit" pending={form.pending} className="button--block">
              Je signe la convention
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
