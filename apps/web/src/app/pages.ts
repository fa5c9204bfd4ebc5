import { type ComponentType, lazy } from 'react';

/**
 * The screens behind the login, each in its own chunk fetched when first shown: the login page
 * loads only the shell (budget checked by `apps/api/test/web-performance.int.test.ts`). The
 * Suspense boundary that waits for them is in AppShell.
 */
function page<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

export const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
// The beneficiary's space: its own frame and pages (issue 11).
export const SpaceShell = page(() => import('../features/space/SpaceShell'), 'SpaceShell');
export const SpacePage = page(() => import('../features/space/SpacePage'), 'SpacePage');
export const SpaceContractPage = page(
  () => import('../features/space/SpaceContractPage'),
  'SpaceContractPage',
);
export const MyAccountPage = page(() => import('../features/auth/MyAccountPage'), 'MyAccountPage');
export const PersonSearchPage = page(
  () => import('../features/persons/PersonSearchPage'),
  'PersonSearchPage',
);
export const PersonFilePage = page(() => import('../features/persons/PersonFilePage'), 'PersonFilePage');
export const ContractPage = page(() => import('../features/contracts/ContractPage'), 'ContractPage');
export const NewContractPage = page(() => import('../features/contracts/NewContractPage'), 'NewContractPage');
export const OrientationWorkspacePage = page(
  () => import('../features/orientation/OrientationWorkspacePage'),
  'OrientationWorkspacePage',
);
export const OrientationQueuePage = page(
  () => import('../features/orientation/OrientationQueuePage'),
  'OrientationQueuePage',
);
export const AgendaPage = page(() => import('../features/agenda/AgendaPage'), 'AgendaPage');
export const MedicalTeamPage = page(() => import('../features/medical/MedicalTeamPage'), 'MedicalTeamPage');
export const MedicalReferralPage = page(
  () => import('../features/medical/MedicalReferralPage'),
  'MedicalReferralPage',
);
export const FluxPage = page(() => import('../features/flux/FluxPage'), 'FluxPage');
export const DuplicatesPage = page(() => import('../features/duplicates/DuplicatesPage'), 'DuplicatesPage');
export const FranceTravailPage = page(
  () => import('../features/france-travail/FranceTravailPage'),
  'FranceTravailPage',
);
export const TerritoryPage = page(() => import('../features/territory/TerritoryPage'), 'TerritoryPage');
export const CataloguePage = page(() => import('../features/catalogue/CataloguePage'), 'CataloguePage');
export const CatalogueActionPage = page(() => import('../features/catalogue/ActionPage'), 'ActionPage');
export const NewCatalogueActionPage = page(
  () => import('../features/catalogue/ActionFormPage'),
  'NewActionPage',
);
export const EditCatalogueActionPage = page(
  () => import('../features/catalogue/ActionFormPage'),
  'EditActionPage',
);
export const StructuresPage = page(() => import('../features/territory/StructuresPage'), 'StructuresPage');
export const AccountsPage = page(() => import('../features/admin/AccountsPage'), 'AccountsPage');
export const CreateAccountPage = page(() => import('../features/admin/AccountFormPage'), 'CreateAccountPage');
export const EditAccountPage = page(() => import('../features/admin/AccountFormPage'), 'EditAccountPage');
export const AuditPage = page(() => import('../features/admin/AuditPage'), 'AuditPage');
export const JobsPage = page(() => import('../features/admin/JobsPage'), 'JobsPage');
export const TemplatesPage = page(() => import('../features/messaging/TemplatesPage'), 'TemplatesPage');
export const PostalBatchesPage = page(
  () => import('../features/messaging/PostalBatchesPage'),
  'PostalBatchesPage',
);
export const NewImmersionPage = page(
  () => import('../features/immersions/NewImmersionPage'),
  'NewImmersionPage',
);
export const ImmersionPage = page(() => import('../features/immersions/ImmersionPage'), 'ImmersionPage');
export const ImmersionLimitsPage = page(
  () => import('../features/immersions/ImmersionLimitsPage'),
  'ImmersionLimitsPage',
);
export const SanctionRulesPage = page(
  () => import('../features/sanctions/SanctionRulesPage'),
  'SanctionRulesPage',
);
export const ConvocationDelaysPage = page(
  () => import('../features/messaging/ConvocationDelaysPage'),
  'ConvocationDelaysPage',
);
export const AssignmentsPage = page(
  () => import('../features/assignment/AssignmentsPage'),
  'AssignmentsPage',
);
export const PortfolioCapsPage = page(
  () => import('../features/assignment/PortfolioCapsPage'),
  'PortfolioCapsPage',
);
export const HistoryImportPage = page(
  () => import('../features/history/HistoryImportPage'),
  'HistoryImportPage',
);
export const PortfolioPage = page(() => import('../features/portfolio/PortfolioPage'), 'PortfolioPage');
export const AlertsPage = page(() => import('../features/portfolio/AlertsPage'), 'AlertsPage');
// Fiches de liaison (issue 12): the operator portal and the delay before an unanswered fiche is flagged.
export const OperatorReferralsPage = page(
  () => import('../features/operator/OperatorReferralsPage'),
  'OperatorReferralsPage',
);
export const OperatorReferralPage = page(
  () => import('../features/operator/OperatorReferralPage'),
  'OperatorReferralPage',
);
export const ReferralDelaysPage = page(
  () => import('../features/referrals/ReferralDelaysPage'),
  'ReferralDelaysPage',
);
// Individual aids (issue 12): the aids manager's screens.
export const FailureQueuePage = page(
  () => import('../features/sanctions/FailureQueuePage'),
  'FailureQueuePage',
);
export const EpSessionsPage = page(() => import('../features/sanctions/ep/EpSessionsPage'), 'EpSessionsPage');
export const SasPage = page(() => import('../features/sanctions/sas/SasPage'), 'SasPage');
export const CafTransmissionPage = page(
  () => import('../features/sanctions/caf/CafTransmissionPage'),
  'CafTransmissionPage',
);
export const SanctionStatisticsPage = page(
  () => import('../features/sanctions/SanctionStatisticsPage'),
  'SanctionStatisticsPage',
);
export const AidsQueuePage = page(() => import('../features/aids/AidsQueuePage'), 'AidsQueuePage');
export const AidEnvelopesPage = page(() => import('../features/aids/EnvelopesPage'), 'EnvelopesPage');
export const AidPaymentOrdersPage = page(
  () => import('../features/aids/PaymentOrdersPage'),
  'PaymentOrdersPage',
);
export const AidCeilingsPage = page(() => import('../features/aids/CeilingsPage'), 'CeilingsPage');
// Budgets of the offer and the 2020 annex (issue 12): steering and administrators.
export const BudgetsPage = page(() => import('../features/budgets/BudgetsPage'), 'BudgetsPage');
// Steering (issue 13): indicators, dashboards, the convention table, DREES statistics.
export const IndicatorsPage = page(() => import('../features/indicators/IndicatorsPage'), 'IndicatorsPage');
export const IndicatorPersonsPage = page(
  () => import('../features/indicators/IndicatorPersonsPage'),
  'IndicatorPersonsPage',
);
export const DashboardPage = page(() => import('../features/dashboards/DashboardPage'), 'DashboardPage');
export const ConventionPage = page(() => import('../features/convention/ConventionPage'), 'ConventionPage');
export const StatisticsPage = page(() => import('../features/statistics/StatisticsPage'), 'StatisticsPage');
