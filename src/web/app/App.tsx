import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { PageLoader } from '../components/QueryStates.js';
import { AppLayout } from './AppLayout.js';
import { AuthWatcher } from './AuthWatcher.js';
import { createQueryClient } from './queryClient.js';
import { RequireAuth } from './RequireAuth.js';
import { theme } from './theme.js';

// Each page is its own chunk; the first load carries only the shell.
const SignInPage = lazy(() => import('../features/auth/SignInPage.js'));
const ClientListPage = lazy(() => import('../features/clients/ClientListPage.js'));
const ClientCardPage = lazy(() => import('./client-card/ClientCardPage.js'));
const DuplicateRequisitesPage = lazy(() => import('../features/clients/DuplicateRequisitesPage.js'));
const NotFoundPage = lazy(() => import('./NotFoundPage.js'));
const DashboardPage = lazy(() => import('../features/analytics/DashboardPage.js'));
const AnalyticsLayout = lazy(() => import('../features/analytics/AnalyticsLayout.js'));
const MatrixPage = lazy(() => import('../features/analytics/MatrixPage.js'));
const RfmPage = lazy(() => import('../features/analytics/RfmPage.js'));
const WhalePage = lazy(() => import('../features/analytics/WhalePage.js'));
const LadderPage = lazy(() => import('../features/analytics/LadderPage.js'));
const CohortsPage = lazy(() => import('../features/analytics/CohortsPage.js'));
const RetentionPage = lazy(() => import('../features/analytics/RetentionPage.js'));
const InsignificantPage = lazy(() => import('../features/analytics/InsignificantPage.js'));
const AnalyticsSettingsPage = lazy(() => import('../features/analytics/SettingsPage.js'));
const ImportPage = lazy(() => import('../features/import/ImportPage.js'));
const BaseAnalysisPage = lazy(() => import('../features/people/BaseAnalysisPage.js'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage.js'));
const ClaimsPage = lazy(() => import('../features/claims/ClaimsPage.js'));
const SatisfactionPage = lazy(() => import('../features/surveys/SatisfactionPage.js'));
const PublicSurveyPage = lazy(() => import('../features/surveys/PublicSurveyPage.js'));
const LossesPage = lazy(() => import('../features/losses/LossesPage.js'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.js'));
const SettingsLayout = lazy(() => import('./SettingsLayout.js'));
const UsersPage = lazy(() => import('../features/access/UsersPage.js'));
const TokensPage = lazy(() => import('../features/access/TokensPage.js'));

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthWatcher />
          <Suspense fallback={<PageLoader minHeight="100vh" />}>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/survey/:token" element={<PublicSurveyPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<DashboardPage />} />
                <Route path="clients" element={<ClientListPage />} />
                <Route path="clients/duplicates" element={<DuplicateRequisitesPage />} />
                <Route path="clients/:id" element={<ClientCardPage />} />
                <Route path="analytics" element={<AnalyticsLayout />}>
                  <Route index element={<Navigate to="/analytics/matrix" replace />} />
                  <Route path="matrix" element={<MatrixPage />} />
                  <Route path="rfm" element={<RfmPage />} />
                  <Route path="whale" element={<WhalePage />} />
                  <Route path="ladder" element={<LadderPage />} />
                  <Route path="cohorts" element={<CohortsPage />} />
                  <Route path="retention" element={<RetentionPage />} />
                  <Route path="insignificant" element={<InsignificantPage />} />
                  <Route path="base" element={<BaseAnalysisPage />} />
                  <Route path="satisfaction" element={<SatisfactionPage />} />
                  <Route path="losses" element={<LossesPage />} />
                  <Route path="settings" element={<AnalyticsSettingsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="calendar" element={<CalendarPage />} />
                <Route path="claims" element={<ClaimsPage />} />
                <Route path="import" element={<ImportPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="settings" element={<SettingsLayout />}>
                  <Route path="users" element={<UsersPage />} />
                  <Route path="tokens" element={<TokensPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
