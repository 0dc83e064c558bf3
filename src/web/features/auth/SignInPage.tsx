import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { PageLoader } from '../../components/QueryStates.js';
import { isUnauthorized } from '../../lib/api.js';
import { useLanguage } from '../../lib/i18n.js';
import { describeError, fieldErrors } from '../../lib/problem.js';
import { safeNext, useMe, useSignIn } from '../../lib/session.js';

export default function SignInPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  if (me.isPending) return <PageLoader minHeight="100vh" />;
  if (me.isSuccess && !signIn.isPending) return <Navigate to={next} replace />;

  const missingEmail = touched && email.trim() === '' ? t('auth.emailRequired') : null;
  const missingPassword = touched && password === '' ? t('auth.passwordRequired') : null;
  const serverFields = signIn.isError ? fieldErrors(signIn.error, language) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (email.trim() === '' || password === '') return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  let formError: { title: string; detail: string | null } | null = null;
  if (signIn.isError) {
    formError = isUnauthorized(signIn.error)
      ? { title: t('auth.wrongCredentials'), detail: null }
      : describeError(signIn.error, t, language);
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch size="sm" />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <div>
                <Text fw={700} c="indigo.7" size="lg">
                  {t('app.name')}
                </Text>
                <Title order={1} size="h2">
                  {t('auth.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('auth.subtitle')}
                </Text>
              </div>
              {formError ? (
                <Alert color="red" variant="light" role="alert" title={formError.title}>
                  {formError.detail}
                </Alert>
              ) : null}
              <TextInput
                label={t('auth.email')}
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={missingEmail ?? serverFields.email}
              />
              <PasswordInput
                label={t('auth.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missingPassword ?? serverFields.password}
                // A toggle button (aria-pressed tells whether the password is shown), reachable with Tab.
                visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
                visibilityToggleFocusable
              />
              <Button type="submit" loading={signIn.isPending} fullWidth>
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
