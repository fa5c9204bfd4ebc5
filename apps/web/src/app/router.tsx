import type { Permission } from '@parcours/contracts';
import { type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Outlet, useRouteError } from 'react-router';
import { ForbiddenContent, NotFoundContent } from '../features/auth/ForbiddenContent';
import { RequireAuth, RequirePermission } from '../features/auth/guards';
import { PublicLayout } from '../features/auth/PublicLayout';
import { ActorProvider, useSessionQuery } from '../features/auth/session';
import { Button, PageHeader } from '../ui';
import { AppShell } from './AppShell';
import {
  AccountsPage,
  AgendaPage,
  AidCeilingsPage,
  AidEnvelopesPage,
  AidPaymentOrdersPage,
  AidsQueuePage,
  AlertsPage,
  AssignmentsPage,
  AuditPage,
  BudgetsPage,
  CafTransmissionPage,
  CatalogueActionPage,
  CataloguePage,
  ContractPage,
  ConventionPage,
  ConvocationDelaysPage,
  CreateAccountPage,
  DashboardPage,
  DuplicatesPage,
  EditAccountPage,
  EditCatalogueActionPage,
  EpSessionsPage,
  FailureQueuePage,
  FluxPage,
  FranceTravailPage,
  HistoryImportPage,
  HomePage,
  ImmersionLimitsPage,
  ImmersionPage,
  IndicatorPersonsPage,
  IndicatorsPage,
  JobsPage,
  MedicalReferralPage,
  MedicalTeamPage,
  MyAccountPage,
  NewCatalogueActionPage,
  NewContractPage,
  NewImmersionPage,
  OperatorReferralPage,
  OperatorReferralsPage,
  OrientationQueuePage,
  OrientationWorkspacePage,
  PersonFilePage,
  PersonSearchPage,
  PortfolioCapsPage,
  PortfolioPage,
  PostalBatchesPage,
  ReferralDelaysPage,
  SanctionRulesPage,
  SanctionStatisticsPage,
  SasPage,
  SpaceContractPage,
  SpacePage,
  SpaceShell,
  StatisticsPage,
  StructuresPage,
  TemplatesPage,
  TerritoryPage,
} from './pages';

/** Pages shown to everyone (403, 404): inside the application frame when signed in, the public one otherwise. */
function AdaptiveFrame({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  if (session.data) {
    return (
      <ActorProvider actor={session.data.actor}>
        <AppShell>{children}</AppShell>
      </ActorProvider>
    );
  }
  return <PublicLayout>{children}</PublicLayout>;
}

function RouteError() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <PublicLayout>
      <PageHeader title="Une erreur est survenue" />
      <div className="prose">
        <p>
          Parcours a rencontré un problème inattendu en affichant cette page. Vos données enregistrées sont
          intactes.
        </p>
        <p>
          <Button onClick={() => window.location.reload()}>Recharger la page</Button>
        </p>
      </div>
    </PublicLayout>
  );
}

function guarded(permission: Permission, element: ReactNode): ReactNode {
  return <RequirePermission permission={permission}>{element}</RequirePermission>;
}

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/acces-refuse',
        element: (
          <AdaptiveFrame>
            <ForbiddenContent />
          </AdaptiveFrame>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: '/mon-compte', element: <MyAccountPage /> },
          { path: '/personnes', element: guarded('person.search', <PersonSearchPage />) },
          { path: '/personnes/:id', element: guarded('person.read', <PersonFilePage />) },
          {
            path: '/personnes/:id/orientation',
            element: guarded('diagnosis.read', <OrientationWorkspacePage />),
          },
          {
            path: '/personnes/:id/contrats/nouveau',
            element: guarded('contract.write', <NewContractPage />),
          },
          {
            path: '/personnes/:id/immersions/nouvelle',
            element: guarded('immersion.write', <NewImmersionPage />),
          },
          {
            path: '/personnes/:id/immersions/:immersionId',
            element: guarded('immersion.read', <ImmersionPage />),
          },
          {
            path: '/administration/limites-immersions',
            element: guarded('rules.manage', <ImmersionLimitsPage />),
          },
          {
            path: '/personnes/:id/contrats/:contractId',
            element: guarded('contract.read', <ContractPage />),
          },
          { path: '/orientation', element: guarded('orientation.queue', <OrientationQueuePage />) },
          { path: '/agenda', element: guarded('agenda.read', <AgendaPage />) },
          { path: '/portefeuille', element: guarded('portfolio.read', <PortfolioPage />) },
          { path: '/alertes', element: guarded('alerts.read', <AlertsPage />) },
          { path: '/structure/affectations', element: guarded('assignment.manage', <AssignmentsPage />) },
          {
            path: '/administration/plafonds-portefeuille',
            element: guarded('rules.manage', <PortfolioCapsPage />),
          },
          { path: '/equipe-medicale', element: guarded('medical.read', <MedicalTeamPage />) },
          { path: '/equipe-medicale/:id', element: guarded('medical.read', <MedicalReferralPage />) },
          { path: '/flux', element: guarded('flux.import', <FluxPage />) },
          { path: '/doublons', element: guarded('duplicates.review', <DuplicatesPage />) },
          { path: '/france-travail', element: guarded('ft.manage', <FranceTravailPage />) },
          { path: '/territoire', element: guarded('territory.read', <TerritoryPage />) },
          { path: '/catalogue', element: guarded('offer.read', <CataloguePage />) },
          {
            path: '/catalogue/actions/nouvelle',
            element: guarded('offer.manage', <NewCatalogueActionPage />),
          },
          { path: '/catalogue/actions/:id', element: guarded('offer.read', <CatalogueActionPage />) },
          {
            path: '/catalogue/actions/:id/modifier',
            element: guarded('offer.manage', <EditCatalogueActionPage />),
          },
          { path: '/administration/comptes', element: guarded('accounts.manage', <AccountsPage />) },
          {
            path: '/administration/comptes/nouveau',
            element: guarded('accounts.manage', <CreateAccountPage />),
          },
          { path: '/administration/comptes/:id', element: guarded('accounts.manage', <EditAccountPage />) },
          { path: '/administration/structures', element: guarded('territory.manage', <StructuresPage />) },
          { path: '/administration/journal', element: guarded('audit.read', <AuditPage />) },
          { path: '/administration/taches', element: guarded('jobs.manage', <JobsPage />) },
          { path: '/administration/modeles', element: guarded('templates.manage', <TemplatesPage />) },
          {
            path: '/administration/delais-convocation',
            element: guarded('rules.manage', <ConvocationDelaysPage />),
          },
          { path: '/courriers', element: guarded('convocation.send', <PostalBatchesPage />) },
          { path: '/operateur', element: guarded('referral.operate', <OperatorReferralsPage />) },
          { path: '/operateur/fiches/:id', element: guarded('referral.operate', <OperatorReferralPage />) },
          {
            path: '/administration/regles-sanctions',
            element: guarded('rules.manage', <SanctionRulesPage />),
          },
          {
            path: '/administration/delais-fiches-de-liaison',
            element: guarded('rules.manage', <ReferralDelaysPage />),
          },
          { path: '/sanctions', element: guarded('sanction.read', <FailureQueuePage />) },
          { path: '/sanctions/ep', element: guarded('ep.read', <EpSessionsPage />) },
          { path: '/sanctions/sas', element: guarded('sas.read', <SasPage />) },
          { path: '/sanctions/caf', element: guarded('caf.transmit', <CafTransmissionPage />) },
          { path: '/aides', element: guarded('aid.manage', <AidsQueuePage />) },
          { path: '/aides/enveloppes', element: guarded('aid.manage', <AidEnvelopesPage />) },
          { path: '/aides/ordres', element: guarded('aid.manage', <AidPaymentOrdersPage />) },
          { path: '/aides/plafonds', element: guarded('aid.manage', <AidCeilingsPage />) },
          { path: '/administration/reprise', element: guarded('history.import', <HistoryImportPage />) },
          { path: '/pilotage/budgets', element: guarded('offer.budget', <BudgetsPage />) },
          { path: '/pilotage/indicateurs', element: guarded('indicators.read', <IndicatorsPage />) },
          {
            path: '/pilotage/indicateurs/personnes',
            element: guarded('indicators.persons', <IndicatorPersonsPage />),
          },
          { path: '/pilotage/tableau-de-bord', element: guarded('statistics.read', <DashboardPage />) },
          { path: '/pilotage/convention', element: guarded('indicators.read', <ConventionPage />) },
          { path: '/pilotage/sanctions', element: guarded('statistics.read', <SanctionStatisticsPage />) },
          { path: '/pilotage/statistiques', element: guarded('statistics.read', <StatisticsPage />) },
        ],
      },
      {
        // The beneficiary's space: its own frame, no agents' navigation.
        path: '/espace',
        element: (
          <RequireAuth>
            <RequirePermission permission="beneficiary.space">
              <Suspense fallback={null}>
                <SpaceShell />
              </Suspense>
            </RequirePermission>
          </RequireAuth>
        ),
        children: [
          { index: true, element: <SpacePage /> },
          { path: 'contrat/:id', element: <SpaceContractPage /> },
        ],
      },
      {
        path: '*',
        element: (
          <AdaptiveFrame>
            <NotFoundContent />
          </AdaptiveFrame>
        ),
      },
    ],
  },
]);
