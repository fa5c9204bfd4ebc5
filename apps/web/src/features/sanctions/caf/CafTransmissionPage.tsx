import { roleScopeKind } from '@parcours/contracts';
import { PageHeader } from '../../../ui';
import { useActor } from '../../auth/session';
import { SanctionsNav } from '../SanctionsNav';
import { CafAckSection } from './CafAckSection';
import { CafFilesSection } from './CafFilesSection';
import { CafLinesSection } from './CafLinesSection';

/** CAF transmission of the sanction decisions: the queue, the daily file, the CAF's acknowledgement. */
export function CafTransmissionPage() {
  const actor = useActor();
  // The files cover the whole département: département roles only (the API refuses the others).
  const wholeDepartment = roleScopeKind[actor.role] === 'department';
  return (
    <>
      <PageHeader
        title="Transmission à la CAF"
        description={
          <p>
            Les décisions qui changent le versement du RSA (suspension, radiation, fin de suspension,
            rétablissement) partent à la CAF dans le fichier du jour ; la CAF répond ligne par ligne, et une
            ligne rejetée repart dans le fichier suivant.
          </p>
        }
      />
      <SanctionsNav />
      <CafLinesSection />
      {wholeDepartment ? (
        <>
          <CafFilesSection />
          <CafAckSection />
        </>
      ) : null}
    </>
  );
}
