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
const ClientCardPage = lazy(() => import('../features/clients/ClientCardPage.js'));
const NotFoundPage = lazy(() => import('./NotFoundPage.js'));

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
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                <Route index element={<Navigate to="/clients" replace />} />
                <Route path="clients" element={<ClientListPage />} />
                <Route path="clients/:id" element={<ClientCardPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
