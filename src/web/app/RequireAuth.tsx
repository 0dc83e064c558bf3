import { Center, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert, PageLoader } from '../components/QueryStates.js';
import { useMe } from '../lib/session.js';
import { isUnauthorized } from '../lib/api.js';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader minHeight="100vh" />;
  if (me.isError) {
    if (isUnauthorized(me.error)) {
      return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <Center mih="100vh" p="md">
        <Container size="xs" w="100%">
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </Container>
      </Center>
    );
  }
  return children;
}
