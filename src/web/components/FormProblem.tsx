import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.js';
import { useLanguage } from '../lib/i18n.js';
import { describeError, fieldKey, fieldMessage } from '../lib/problem.js';

/**
 * The summary of a failed submit. Field problems for fields the form shows appear next to those
 * fields; this lists the rest, or the problem's detail when there are no field problems.
 */
export function FormProblem({ error, shownFields }: { error: unknown; shownFields: readonly string[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!error) return null;
  const { title, detail } = describeError(error, t, language);
  const fields = isApiError(error) ? (error.problem?.errors ?? []) : [];
  // "emails.2" is shown under the form's "emails" field, "contact.emails.0" under "contact.emails".
  const shown = (key: string) => shownFields.some((field) => key === field || key.startsWith(`${field}.`));
  const others = fields.filter((f) => !shown(fieldKey(f.field)));
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {fields.length === 0 ? <Text size="sm">{detail}</Text> : null}
      {others.length > 0 ? (
        <>
          <Text size="sm">{t('errors.otherFields')}</Text>
          <List size="sm">
            {others.map((f) => (
              <List.Item key={`${f.field}:${f.reason}`}>
                {f.field ? `${fieldKey(f.field)}: ` : ''}
                {fieldMessage(f, language)}
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Alert>
  );
}
