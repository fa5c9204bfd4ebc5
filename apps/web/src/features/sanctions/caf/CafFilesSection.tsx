import type { CafFile } from '@parcours/contracts';
import { cafFileStatusLabels } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatDate, formatDateTime, plural } from '../../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../../lib/forms';
import {
  Alert,
  Badge,
  EmptyState,
  ErrorState,
  FormActions,
  FormAlert,
  Loading,
  Table,
  TextField,
  VisuallyHidden,
} from '../../../ui';
import { parisToday } from '../../agenda/dates';
import { cafFileUrl, cafKeys, generateCafFile, useCafFiles } from './api';

/** The day's file: generate it (the same day again gives the same file), download each file. */
export function CafFilesSection() {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState(parisToday());
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [done, setDone] = useState<CafFile | null>(null);
  const files = useCafFiles();
  const generate = useMutation({
    mutationFn: () => generateCafFile(date),
    onSuccess: async (file) => {
      setDone(file);
      await queryClient.invalidateQueries({ queryKey: cafKeys.all });
    },
    onError: (err) => {
      setErrors(errorsFromApi(err, ['date']));
      focusFirstInvalid(form.current);
    },
  });
  return (
    <section className="section" aria-labelledby="fichiers-caf">
      <h2 id="fichiers-caf">Fichiers transmis à la CAF</h2>
      <form
        ref={form}
        noValidate
        className="form"
        aria-labelledby="generer-fichier"
        onSubmit={(e) => {
          e.preventDefault();
          setErrors(noErrors);
          setDone(null);
          generate.mutate();
        }}
      >
        <h3 id="generer-fichier">Générer le fichier d’un jour</h3>
        <FormAlert
          title="Le fichier n’a pas été généré"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextField
          label="Jour du fichier"
          hint="Toutes les lignes à transmettre dont la date d’effet n’est pas postérieure à ce jour. Le même jour redonne le même fichier."
          type="date"
          value={date}
          onChange={setDate}
          error={errors.fields.date}
        />
        <FormActions submitLabel="Générer le fichier" pending={generate.isPending} />
      </form>
      <div aria-live="polite">
        {done ? (
          <Alert
            tone={done.created ? 'success' : 'info'}
            title={done.created ? 'Fichier généré' : 'Fichier déjà généré ce jour'}
            live="off"
          >
            <p>
              Le fichier du {formatDate(done.fileDate)} contient {plural(done.lineCount, 'ligne', 'lignes')}.{' '}
              <a href={cafFileUrl(done.id)} download>
                Télécharger {done.fileName}
              </a>
            </p>
          </Alert>
        ) : null}
      </div>
      {files.isPending ? (
        <Loading label="Chargement des fichiers…" />
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => files.refetch()} />
      ) : files.data.length === 0 ? (
        <EmptyState title="Aucun fichier n’a encore été généré." />
      ) : (
        <Table<CafFile>
          caption="Fichiers, du plus récent au plus ancien"
          captionHidden
          rows={files.data}
          rowKey={(f) => f.id}
          columns={[
            {
              key: 'day',
              header: 'Jour',
              rowHeader: true,
              nowrap: true,
              render: (f) => formatDate(f.fileDate),
            },
            { key: 'lines', header: 'Lignes', render: (f) => String(f.lineCount) },
            {
              key: 'status',
              header: 'Accusé de réception',
              render: (f) => (
                <Badge tone={f.status === 'acknowledged' ? 'success' : 'warning'}>
                  {cafFileStatusLabels[f.status]}
                </Badge>
              ),
            },
            {
              key: 'answers',
              header: 'Réponses de la CAF',
              render: (f) =>
                `${plural(f.accepted, 'acceptée', 'acceptées')}, ${plural(f.rejected, 'rejetée', 'rejetées')}`,
            },
            { key: 'at', header: 'Généré le', nowrap: true, render: (f) => formatDateTime(f.generatedAt) },
            {
              key: 'file',
              header: 'Fichier',
              render: (f) => (
                <a href={cafFileUrl(f.id)} download>
                  Télécharger le CSV<VisuallyHidden> du {formatDate(f.fileDate)}</VisuallyHidden>
                </a>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
